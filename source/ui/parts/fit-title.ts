/**
A check title fitted to `width` columns. Titles of one family differ only at the end ("Ensure auditing is configured for
Docker files and directories - /run/containerd"), so when a title has such a ` - ` tail, the head is shortened and the tail kept.
*/
export function fitTitle(title: string, width: number): string {
	if (title.length <= width) {
		return title;
	}

	const split = title.lastIndexOf(' - ');
	const tail = split === -1 ? '' : title.slice(split + 3);
	if (tail !== '' && tail.length + 8 <= width) {
		return `${title.slice(0, width - tail.length - 4).trimEnd()}… - ${tail}`;
	}

	return `${title.slice(0, Math.max(0, width - 1)).trimEnd()}…`;
}
