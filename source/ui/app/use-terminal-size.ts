import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

/** A terminal's size. */
export type TerminalSize = {
	readonly columns: number;
	readonly rows: number;
};

/** The size of a stream, with the 80x24 of a classic terminal when it does not say. */
export function sizeOf(stream: {readonly columns?: number; readonly rows?: number}): TerminalSize {
	return {columns: stream.columns || 80, rows: stream.rows || 24};
}

/** The size of Ink's stdout, kept up to date on `resize`. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const update = () => {
			setSize(sizeOf(stdout));
		};

		update();
		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);

	return size;
}
