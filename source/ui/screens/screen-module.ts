import type {ReactNode} from 'react';
import type {InputMode, KeyAction} from '../keys.js';
import type {JournalSummary} from '../services.js';
import type {ScreenContext, Transition} from './transition.js';

/** A key's action as a screen reducer takes it: its name, and for `type` the character typed. */
export type ScreenKeyAction =
	| {readonly type: Exclude<KeyAction, 'type'>}
	| {readonly type: 'type'; readonly text: string};

/** What a screen's view is given. */
export type ScreenProps<S> = {
	readonly state: S;
	readonly context: ScreenContext;
};

/** What the app shell knows beyond the screen when it writes the busy text. */
export type BusyContext = {
	/** Ctrl+C came while a fix was being applied: the app quits once it has finished. */
	readonly quitting: boolean;
};

/** How a screen that can ask for the undo of a journal entry takes part in planning it. */
export type UndoPlanning<S> = {
	/** The screen marked as planning the undo of `entryId`, or undefined when it cannot ask for that entry. */
	readonly planning: (state: S, entryId: string, context: ScreenContext) => S | undefined;
	/** The entry whose undo the screen is planning, if it is `entryId`. */
	readonly plannedEntry: (state: S, entryId: string) => JournalSummary | undefined;
	/** The planner has answered: the screen no longer waits. */
	readonly planned: (state: S, context: ScreenContext) => S;
	/** Shows a refusal on the screen itself (the refused undo's own screen) rather than on a new one. */
	readonly refused?: (state: S, reason: string, details: readonly string[], context: ScreenContext) => Transition<S>;
};

/**
One screen of the TUI, as the app shell looks it up in the screen table (`source/ui/app/registry.ts`): its state type
`S`, the key actions `A` its reducer takes, the title of its keys in the help, its header, its busy and status texts and
its view. Adding a screen is one folder under `source/ui/screens/` that exports one of these, and one line in the table.
*/
export type ScreenModule<S, A extends {readonly type: string} = ScreenKeyAction> = {
	/** The heading of its keys in the `?` help. */
	readonly title: string;
	/** Input modes the screen opens over itself (the filter line of a list), with the help heading of each. */
	readonly inputs?: ReadonlyArray<{readonly mode: InputMode; readonly title: string}>;
	/** Only a fix, undo or waiver leads here: read-only mode never shows it, and its help leaves it out. */
	readonly changesHost?: boolean;
	/** The key actions its reducer takes (the key table binds them to this screen's modes); the rest are ignored. */
	readonly keys: ReadonlyArray<A['type']>;
	/** Handles one of those key actions. */
	readonly onKey?: (state: S, action: A, context: ScreenContext) => Transition<S>;
	/** The top line of the frame: where the operator is (`banner` is the host line of the sections screen). */
	readonly header: (state: S, context: ScreenContext, banner: string) => string;
	/** What the screen is waiting for, for the spinner on the status line; undefined when it waits for nothing. */
	readonly busy?: (state: S, app: BusyContext) => string | undefined;
	/** What the status line says about the screen that lasts (the checks selected for one fix), or undefined. */
	readonly status?: (state: S, context: ScreenContext) => string | undefined;
	/** Present on the screens that can ask for an undo. */
	readonly undo?: UndoPlanning<S>;
	/** Its body. */
	readonly View: (props: ScreenProps<S>) => ReactNode;
};

/** A screen module with its action type checked where it is written, and its state kept for the registry. */
export function defineScreen<S, A extends {readonly type: string}>(module: ScreenModule<S, A>): ScreenModule<S, A> {
	return module;
}
