import type {ScreenName} from '../keys.js';
import {applyingScreen} from '../screens/applying/screen.js';
import {benchmarkVersionScreen} from '../screens/benchmark-version/screen.js';
import {checksScreen} from '../screens/checks/screen.js';
import {confirmScreen} from '../screens/confirm/screen.js';
import {detailScreen} from '../screens/detail/screen.js';
import {hostsScreen} from '../screens/hosts/screen.js';
import {journalEntryScreen} from '../screens/journal-entry/screen.js';
import {journalScreen} from '../screens/journal/screen.js';
import {restartChoiceScreen} from '../screens/restart-choice/screen.js';
import {resultScreen} from '../screens/result/screen.js';
import type {ScreenKeyAction, ScreenModule} from '../screens/screen-module.js';
import {sectionsScreen} from '../screens/sections/screen.js';
import {undoRefusedScreen} from '../screens/undo-refused/screen.js';
import {waiverScreen} from '../screens/waiver/screen.js';

/**
The screen table: every screen of the TUI by name, in the order the `?` help lists them. The compiler holds it complete:
a name in `ScreenName` without a module here (or a module without a name) does not build.
*/
export const screens = {
	hosts: hostsScreen,
	sections: sectionsScreen,
	checks: checksScreen,
	detail: detailScreen,
	waiver: waiverScreen,
	'restart-choice': restartChoiceScreen,
	confirm: confirmScreen,
	applying: applyingScreen,
	result: resultScreen,
	journal: journalScreen,
	'journal-entry': journalEntryScreen,
	'undo-refused': undoRefusedScreen,
	'benchmark-version': benchmarkVersionScreen,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds modules of different state and action types; `Screen` below ties each name to its own
} as const satisfies Record<ScreenName, ScreenModule<any, any>>;

/** The state type of a screen module. */
type StateOf<M> = M extends ScreenModule<infer S, infer _A> ? S : never;

/** A screen on the navigation stack, with its own state. */
export type Screen = {[N in ScreenName]: {readonly name: N; readonly state: StateOf<(typeof screens)[N]>}}[ScreenName];

/**
The module of a screen on the stack, its state type erased to `unknown`: on the stack a screen's name and state always
travel together, which the compiler cannot follow through a table lookup.
*/
export function moduleOf(screen: Screen): ScreenModule<unknown, ScreenKeyAction> {
	return screens[screen.name] as unknown as ScreenModule<unknown, ScreenKeyAction>;
}

/** The screen `screen` becomes with `state`, a state its own module made. */
export function withState(screen: Screen, state: unknown): Screen {
	return {name: screen.name, state} as Screen;
}
