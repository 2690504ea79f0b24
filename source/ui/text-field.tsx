import {Text} from 'ink';

type Props = {
	readonly value: string;
	/** Keys go to this field: it shows a cursor. */
	readonly focused: boolean;
	/** Columns the field may take, cursor included. */
	readonly width: number;
	/** Shown dimmed while the field is empty. */
	readonly placeholder?: string;
};

/** The end of the text that fits `columns`: while typing, the latest characters stay in view. */
export function fieldTail(value: string, columns: number): string {
	const characters = [...value];
	return characters.slice(Math.max(0, characters.length - Math.max(0, columns))).join('');
}

/** A one-line text input: the text (its end, when it is longer than the field) and a block cursor when focused. */
export default function TextField({value, focused, width, placeholder = ''}: Props) {
	const shown = fieldTail(value, width - (focused ? 1 : 0));
	return (
		<Text wrap="truncate">
			{value === '' && !focused ? <Text dimColor>{placeholder}</Text> : <Text color={focused ? 'cyan' : undefined}>{shown}</Text>}
			{focused ? <Text inverse> </Text> : ''}
			{value === '' && focused && placeholder !== '' ? <Text dimColor> {placeholder}</Text> : ''}
		</Text>
	);
}
