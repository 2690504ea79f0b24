import {Text} from 'ink';
import {useEffect, useState} from 'react';

/** The spinner's frames. */
export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

type Props = {
	/** Milliseconds per frame. */
	readonly interval?: number;
};

/** A one-character spinner that turns while it is shown; its timer stops when it is unmounted. */
export default function Spinner({interval = 100}: Props) {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => {
			setFrame(previous => (previous + 1) % spinnerFrames.length);
		}, interval);
		return () => {
			clearInterval(timer);
		};
	}, [interval]);

	return <Text color="cyan">{spinnerFrames[frame]}</Text>;
}
