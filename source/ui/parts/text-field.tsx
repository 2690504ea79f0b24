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

/** The start of the text that fits `columns`, cut with `…` when it is longer. */
export function fieldHead(value: string, columns: number): string {
	const characters = [...value];
	return characters.length <= columns ? value : `${characters.slice(0, Math.max(0, columns - 1)).join('')}…`;
}

/**
A one-line text input: while focused, the end of the text (the latest characters typed) and a block cursor; otherwise
its start, cut to the field.
*/
export default function TextField({value, focused, width, placeholder = ''}: Props) {
	const shown = focused ? fieldTail(value, width - 1) : fieldHead(value, width);
	return (
		<Text wrap="truncate">
			{value === '' && !focused ? <Text dimColor>{placeholder}</Text> : <Text color={focused ? 'cyan' : undefined}>{shown}</Text>}
			{focused ? <Text inverse> </Text> : ''}
			{value === '' && focused && placeholder !== '' ? <Text dimColor> {placeholder}</Text> : ''}
		</Text>
	);
}
