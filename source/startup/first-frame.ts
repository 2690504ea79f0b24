const waiting: Array<() => void> = [];
let drawn = false;

/** Called by the TUI once its first frame is on the terminal. */
export function firstFrameDrawn(): void {
	if (drawn) {
		return;
	}

	drawn = true;
	for (const callback of waiting.splice(0)) {
		callback();
	}
}

/** Runs `callback` once the TUI has drawn its first frame (at once if it has); never, in the modes without a TUI. */
export function onFirstFrame(callback: () => void): void {
	if (drawn) {
		callback();
	} else {
		waiting.push(callback);
	}
}
