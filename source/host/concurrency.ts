/**
Maps items with at most `limit` calls in flight, keeping the order of `items`.
Used for per-container API calls: concurrent enough to be fast at hundreds of containers, bounded so the daemon is not flooded.
*/
export async function mapConcurrent<Item, Value>(items: readonly Item[], limit: number, map: (item: Item) => Promise<Value>): Promise<Value[]> {
	const results: Value[] = Array.from({length: items.length});
	let next = 0;
	async function worker(): Promise<void> {
		while (next < items.length) {
			const index = next++;
			// eslint-disable-next-line no-await-in-loop -- each worker takes the next item when its current one is done
			results[index] = await map(items[index]!);
		}
	}

	await Promise.all(Array.from({length: Math.min(limit, items.length)}, async () => worker()));
	return results;
}

/** How many API calls run at once for per-object gathering. */
export const apiConcurrency = 16;
