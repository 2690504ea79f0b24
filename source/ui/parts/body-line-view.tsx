import {Text} from 'ink';
import type {BodyLine} from './body-line.js';
import StatusBadge from './status-badge.js';

type Props = {
	readonly line: BodyLine;
};

/** Draws one line of a text body in the style its kind asks for. */
export default function BodyLineView({line}: Props) {
	switch (line.kind) {
		case 'status': {
			return <Text wrap="truncate"><StatusBadge status={line.status} pending={line.pending} /> {line.text}</Text>;
		}

		case 'title': {
			return <Text bold wrap="truncate">{line.text}</Text>;
		}

		case 'heading': {
			return <Text bold underline wrap="truncate">{line.text}</Text>;
		}

		case 'meta':
		case 'dim': {
			return <Text dimColor wrap="truncate">{line.text}</Text>;
		}

		case 'hint':
		case 'ok': {
			return <Text bold color="green" wrap="truncate">{line.text}</Text>;
		}

		case 'error': {
			return <Text bold color="red" wrap="truncate">{line.text}</Text>;
		}

		case 'warning': {
			return <Text color="yellow" wrap="truncate">{line.text}</Text>;
		}

		case 'diff-add': {
			return <Text color="green" wrap="truncate">{line.text}</Text>;
		}

		case 'diff-remove': {
			return <Text color="red" wrap="truncate">{line.text}</Text>;
		}

		case 'waiver': {
			return <Text color="cyan" wrap="truncate">{line.text}</Text>;
		}

		case 'diff-header': {
			return <Text color="cyan" wrap="truncate">{line.text}</Text>;
		}

		case 'blank': {
			return <Text> </Text>;
		}

		case 'text': {
			return <Text wrap="truncate">{line.text}</Text>;
		}
	}
}
