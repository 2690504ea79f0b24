import type {Key} from 'ink';
import {screens} from './app/registry.js';
import type {ScreenKeyAction, ScreenModule} from './screens/screen-module.js';

/** The screens of the TUI; each has its module in the screen table (`source/ui/app/registry.ts`). */
export type ScreenName = 'hosts' | 'sections' | 'checks' | 'detail' | 'waiver' | 'restart-choice' | 'confirm' | 'applying' | 'result' | 'journal' | 'journal-entry' | 'undo-refused' | 'benchmark-version';

/**
What the keyboard is talking to: a screen, the help overlay drawn over it, or the one-line filter input open under a
list of checks. On the filter input and the waiver form, letters are text, not key actions.
*/
export type InputMode = ScreenName | 'help' | 'filter';

/** Every action a key can trigger. */
export type KeyAction =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'top'
	| 'bottom'
	| 'open'
	| 'host-list'
	| 'back'
	| 'run-selected'
	| 'run-section'
	| 'run-all'
	| 'warn-only'
	| 'filter'
	| 'filter-keep'
	| 'filter-clear'
	| 'fix'
	| 'waive'
	| 'prove'
	| 'select'
	| 'clear-selection'
	| 'journal'
	| 'demo'
	| 'benchmark'
	| 'choose'
	| 'undo'
	| 'force-undo'
	| 'choose'
	| 'apply'
	| 'cancel'
	| 'continue'
	| 'next-field'
	| 'submit'
	| 'delete-char'
	| 'type'
	| 'help'
	| 'quit'
	| 'interrupt';

/** One row of the key table. */
export type KeyBinding = {
	readonly action: KeyAction;
	/** Key names as `keyNames` gives them; `other` matches any key not bound on that screen. */
	readonly keys: readonly string[];
	/** How the keys are written in the help. */
	readonly label: string;
	readonly description: string;
	/** Where the binding works. */
	readonly modes: readonly InputMode[];
	/** How the help groups it: everywhere, moving, or under each screen it works on. */
	readonly group: 'global' | 'move' | 'screen';
	/** Its part of the bottom hint line; absent means help only. */
	readonly hint?: string;
	/** The description in read-only mode, where it differs (the journal is read, not undone). */
	readonly readOnlyDescription?: string;
	/** Bound only in a fleet (several --host): elsewhere the keys do nothing and the hint line leaves it out. */
	readonly fleetOnly?: boolean;
};

/**
The actions that change the host or the waivers file. In read-only mode (--read-only, DOCKWARDEN_READ_ONLY) no screen
binds them: they are left out of the hint line and the help, and their keys only say "read-only" on the status line.
*/
export const readOnlyRefused: ReadonlySet<KeyAction> = new Set<KeyAction>(['fix', 'waive', 'select', 'clear-selection', 'undo', 'force-undo', 'apply']);

/** The key name that stands for "any key not bound on this screen". */
export const otherKey = 'other';

const journalModes: readonly InputMode[] = ['journal', 'journal-entry', 'undo-refused'];
const scrolling: readonly InputMode[] = ['hosts', 'sections', 'checks', 'detail', 'restart-choice', 'confirm', 'result', ...journalModes, 'benchmark-version', 'help'];
/** Where keys are commands; on the text inputs (`typing`) they are text. */
const everywhere: readonly InputMode[] = ['hosts', 'sections', 'checks', 'detail', 'restart-choice', 'confirm', 'applying', 'result', ...journalModes, 'benchmark-version', 'help'];
const typing: readonly InputMode[] = ['filter', 'waiver'];

/**
The key table: the only place that says which key does what.
The input hooks, the bottom hint line and the `?` help all read it.
*/
export const keyTable: readonly KeyBinding[] = [
	{action: 'up', keys: ['up', 'k'], label: '↑ k', description: 'Move up / scroll up', modes: scrolling, group: 'move'},
	{action: 'down', keys: ['down', 'j'], label: '↓ j', description: 'Move down / scroll down', modes: scrolling, group: 'move', hint: '↑↓ move'},
	{action: 'page-up', keys: ['pageup'], label: 'PgUp', description: 'One page up', modes: scrolling, group: 'move'},
	{action: 'page-down', keys: ['pagedown'], label: 'PgDn', description: 'One page down', modes: scrolling, group: 'move'},
	{action: 'top', keys: ['g', 'home'], label: 'g Home', description: 'Go to the top', modes: scrolling, group: 'move'},
	{action: 'bottom', keys: ['G', 'end'], label: 'G End', description: 'Go to the bottom', modes: scrolling, group: 'move'},
	{action: 'open', keys: ['enter'], label: 'enter', description: 'Open the selected host, section, check or journal entry', modes: ['hosts', 'sections', 'checks', 'journal'], group: 'screen', hint: 'enter open'},
	{action: 'host-list', keys: ['escape', 'backspace'], label: 'esc ⌫', description: 'Back to the host list of the fleet (nothing is audited again)', modes: ['sections'], group: 'screen', hint: 'esc hosts', fleetOnly: true},
	{action: 'run-selected', keys: ['r'], label: 'r', description: 'Run the selected section or check (in the detail: this check)', modes: ['sections', 'checks', 'detail'], group: 'screen', hint: 'r run'},
	{action: 'fix', keys: ['f'], label: 'f', description: 'Plan the fix of a fixable WARN (or one fix of all selected)', modes: ['checks', 'detail'], group: 'screen', hint: 'f fix'},
	{action: 'filter', keys: ['/'], label: '/', description: 'Filter by id, title, flag, key, path or name (sections: all)', modes: ['sections', 'checks'], group: 'screen', hint: '/ filter'},
	{action: 'select', keys: ['space'], label: 'space', description: 'Select a fixable WARN for one merged fix (again: unselect it)', modes: ['checks'], group: 'screen', hint: 'space select'},
	{action: 'waive', keys: ['x'], label: 'x', description: 'Waive a WARN: a reason, and an optional expiry day', modes: ['checks', 'detail'], group: 'screen', hint: 'x waive'},
	{action: 'prove', keys: ['p'], label: 'p', description: 'Prove a passing audit rule: touch its path, show the event', modes: ['detail'], group: 'screen', hint: 'p prove'},
	{action: 'run-section', keys: ['s'], label: 's', description: 'Run every check of this section (a search: every match)', modes: ['checks'], group: 'screen', hint: 's section'},
	{action: 'warn-only', keys: ['w'], label: 'w', description: 'Show only WARN checks (again: show all)', modes: ['checks'], group: 'screen', hint: 'w warns'},
	{action: 'run-all', keys: ['a'], label: 'a', description: 'Run every check of every section', modes: ['sections', 'checks'], group: 'screen', hint: 'a all'},
	{action: 'clear-selection', keys: ['c'], label: 'c', description: 'Clear the selection', modes: ['checks'], group: 'screen', hint: 'c clear'},
	{action: 'journal', keys: ['J'], label: 'J', description: 'Open the journal of applied fixes, to read or undo them', readOnlyDescription: 'Open the journal of applied fixes, to read them', modes: ['sections', 'checks'], group: 'screen', hint: 'J journal'},
	{action: 'benchmark', keys: ['b'], label: 'b', description: 'Choose the CIS Docker Benchmark version (1.6.0, 1.7.0, 1.8.0)', modes: ['sections'], group: 'screen', hint: 'b CIS version'},
	{action: 'choose', keys: ['enter'], label: 'enter', description: 'Use this version: ids and titles change, what ran runs again', modes: ['benchmark-version'], group: 'screen', hint: 'enter use'},
	{action: 'demo', keys: ['d'], label: 'd', description: 'Open the demo sandbox (offered when no Docker daemon answers)', modes: ['sections'], group: 'screen'},
	{action: 'undo', keys: ['u'], label: 'u', description: 'Undo the selected fix: plan it and show it for confirmation', modes: ['journal', 'journal-entry'], group: 'screen', hint: 'u undo'},
	{action: 'force-undo', keys: ['U'], label: 'U', description: 'Undo anyway, overwriting what changed since (plan shown)', modes: ['undo-refused'], group: 'screen', hint: 'U force undo'},
	{action: 'choose', keys: ['enter'], label: 'enter', description: 'Take the highlighted choice (its plan is shown first)', modes: ['restart-choice'], group: 'screen', hint: 'enter choose'},
	{action: 'apply', keys: ['y'], label: 'y', description: 'Apply the fix (the only key that does)', modes: ['confirm'], group: 'screen', hint: 'y apply'},
	{action: 'cancel', keys: ['n', 'escape', 'q', 'enter', otherKey], label: 'n esc q enter', description: 'Cancel: nothing is written (so does any other key)', modes: ['confirm'], group: 'screen', hint: 'n cancel'},
	{action: 'continue', keys: ['enter', 'escape', 'backspace', otherKey], label: 'enter / any', description: 'Back to the check, list or journal, with the new status', modes: ['result'], group: 'screen', hint: 'enter back'},
	{action: 'filter-keep', keys: ['enter'], label: 'enter', description: 'Keep the filter and go back to the list', modes: ['filter'], group: 'screen', hint: 'enter keep'},
	{action: 'filter-clear', keys: ['escape'], label: 'esc', description: 'Clear the filter and close it', modes: ['filter'], group: 'screen', hint: 'esc clear'},
	{action: 'next-field', keys: ['tab'], label: 'tab', description: 'Go to the other field', modes: ['waiver'], group: 'screen', hint: 'tab field'},
	{action: 'submit', keys: ['enter'], label: 'enter', description: 'Next field; on Expires: save the waiver', modes: ['waiver'], group: 'screen', hint: 'enter next/save'},
	{action: 'cancel', keys: ['escape'], label: 'esc', description: 'Cancel: no waiver is written', modes: ['waiver'], group: 'screen', hint: 'esc cancel'},
	{action: 'delete-char', keys: ['backspace'], label: '⌫', description: 'Delete the last character typed', modes: typing, group: 'screen', hint: '⌫ delete'},
	{action: 'type', keys: [otherKey], label: 'any other key', description: 'Typed into the input: letters are text here, not keys', modes: typing, group: 'screen'},
	{action: 'back', keys: ['escape', 'backspace'], label: 'esc ⌫', description: 'Go back (clears a filter first; closes the help)', modes: ['checks', 'detail', 'restart-choice', ...journalModes, 'benchmark-version', 'help'], group: 'global', hint: 'esc back'},
	{action: 'help', keys: ['?'], label: '?', description: 'Show or hide this help', modes: everywhere, group: 'global', hint: '? help'},
	{action: 'quit', keys: ['q'], label: 'q', description: 'Quit (not while a fix is being applied)', modes: ['hosts', 'sections', 'checks', 'detail', 'restart-choice', 'applying', 'result', ...journalModes, 'benchmark-version', 'help'], group: 'global', hint: 'q quit'},
	{action: 'interrupt', keys: ['ctrl+c'], label: 'Ctrl+C', description: 'Stop running checks and quit (exit code 130)', modes: [...everywhere, ...typing], group: 'global'},
];

/** The names of the keys in one keypress from Ink: one name, or one per character for a pasted chunk such as `jj`. */
export function keyNames(input: string, key: Key): string[] {
	if (key.ctrl && input.length === 1) {
		return [`ctrl+${input.toLowerCase()}`];
	}

	const special: Array<[boolean, string]> = [
		[key.upArrow, 'up'],
		[key.downArrow, 'down'],
		[key.leftArrow, 'left'],
		[key.rightArrow, 'right'],
		[key.pageUp, 'pageup'],
		[key.pageDown, 'pagedown'],
		[key.home, 'home'],
		[key.end, 'end'],
		[key.return, 'enter'],
		[key.escape, 'escape'],
		[key.backspace || key.delete, 'backspace'],
		[key.tab, 'tab'],
	];
	for (const [pressed, name] of special) {
		if (pressed) {
			return [name];
		}
	}

	if (key.meta) {
		return [];
	}

	return [...input].map(character => controlNames[character] ?? character);
}

const controlNames: Readonly<Record<string, string>> = {
	'\r': 'enter',
	'\n': 'enter',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u0003': 'ctrl+c',
	'\t': 'tab',
	' ': 'space',
};

/** The bindings of the key table that read-only mode keeps (every binding when `readOnly` is false). */
function tableFor(readOnly: boolean): readonly KeyBinding[] {
	return readOnly ? keyTable.filter(binding => !readOnlyRefused.has(binding.action)) : keyTable;
}

/**
The bindings that work in a mode, in table order; in read-only mode, without the actions it refuses; outside a fleet
(`fleet` false), without the fleet's own (esc on the sections back to the host list).
*/
export function bindingsFor(mode: InputMode, readOnly = false, fleet = false): KeyBinding[] {
	return tableFor(readOnly).filter(binding => binding.modes.includes(mode) && (fleet || !binding.fleetOnly));
}

/**
The action a key names explicitly in a mode that read-only mode refuses (`f` on a check list is `fix`), or undefined.
A key that only falls to `other` (any key cancels the fix confirm) refuses nothing.
*/
export function readOnlyRefusedAction(mode: InputMode, name: string): KeyAction | undefined {
	return keyTable.find(binding => readOnlyRefused.has(binding.action) && binding.modes.includes(mode) && binding.keys.includes(name))?.action;
}

/** What a named key does in a mode, if anything; in read-only mode the actions it refuses are bound to no key; the fleet's own keys only in a fleet. */
export function actionFor(mode: InputMode, name: string, readOnly = false, fleet = false): KeyAction | undefined {
	const bindings = bindingsFor(mode, readOnly, fleet);
	return (bindings.find(binding => binding.keys.includes(name))
		?? bindings.find(binding => binding.keys.includes(otherKey)))?.action;
}

/**
The bottom hint line of a mode, fitted to `width`: when it is too long, the movement hints go first, then the
screen's own hints from the end; help and quit always stay.
*/
export function hintLine(mode: InputMode, width = Number.POSITIVE_INFINITY, readOnly = false, fleet = false): string {
	const hints = bindingsFor(mode, readOnly, fleet)
		.filter(binding => binding.hint !== undefined)
		.map(binding => ({group: binding.group, text: mode === 'help' && binding.action === 'help' ? '? close help' : binding.hint!}));
	const line = () => hints.map(hint => hint.text).join('  ');
	while (line().length > width) {
		const move = hints.findIndex(hint => hint.group === 'move');
		const screen = hints.findLastIndex(hint => hint.group === 'screen');
		const drop = move === -1 ? screen : move;
		if (drop === -1) {
			break;
		}

		hints.splice(drop, 1);
	}

	return line();
}

/** One line of the help overlay. */
export type HelpLine = {
	readonly kind: 'heading' | 'key';
	readonly text: string;
};

/**
The help overlay's lines: every binding of the table (in read-only mode, those it keeps), grouped by screen; the host
list and the fleet's own keys only in a fleet (`fleet`).
*/
export function helpLines(readOnly = false, fleet = false, labelWidth = 15): HelpLine[] {
	const table = tableFor(readOnly).filter(binding => fleet || !binding.fleetOnly);
	const lines: HelpLine[] = [];
	const add = (heading: string, bindings: readonly KeyBinding[]) => {
		if (bindings.length === 0) {
			return;
		}

		if (lines.length > 0) {
			lines.push({kind: 'key', text: ''});
		}

		lines.push({kind: 'heading', text: heading});
		for (const binding of bindings) {
			lines.push({kind: 'key', text: `  ${binding.label.padEnd(labelWidth)}${(readOnly ? binding.readOnlyDescription : undefined) ?? binding.description}`});
		}
	};

	add('Everywhere', table.filter(binding => binding.group === 'global'));
	add('Moving and scrolling', table.filter(binding => binding.group === 'move'));
	// The screens in the order of the screen table, each with the input modes it opens; read-only mode leaves out the
	// screens that only a fix, undo or waiver leads to.
	for (const [name, screen] of Object.entries(screens) as Array<[ScreenName, ScreenModule<unknown, ScreenKeyAction>]>) {
		if ((readOnly && screen.changesHost) || (!fleet && name === 'hosts')) {
			continue;
		}

		for (const {mode, title} of [{mode: name, title: screen.title}, ...screen.inputs ?? []]) {
			add(title, table.filter(binding => binding.group === 'screen' && binding.modes.includes(mode)));
		}
	}

	return lines;
}
