/** Keeps a number within bounds. */
export function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(value, min), Math.max(min, max));
}

/** The largest scroll offset of `total` lines in a viewport of `height` lines. */
export function maxOffset(total: number, height: number): number {
	return Math.max(0, total - Math.max(1, height));
}

/** A scroll offset moved by `delta` lines and kept within the content. */
export function scrollBy(offset: number, delta: number, total: number, height: number): number {
	return clamp(offset + delta, 0, maxOffset(total, height));
}

/** A list cursor moved by `delta` rows and kept on the list. */
export function moveCursor(cursor: number, delta: number, total: number): number {
	return clamp(cursor + delta, 0, total - 1);
}

/** The first visible row of a list so that the cursor stays in view, kept near the middle of the viewport. */
export function windowStart(cursor: number, total: number, height: number): number {
	return clamp(cursor - Math.floor(Math.max(1, height) / 2), 0, maxOffset(total, height));
}

/** How many lines a page step moves in a viewport. */
export function pageStep(height: number): number {
	return Math.max(1, height - 1);
}
