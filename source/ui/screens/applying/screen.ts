import {originTrail, originWork} from '../fix-origin.js';
import {defineScreen, type ScreenKeyAction} from '../screen-module.js';
import type {ApplyingState} from './state.js';
import ApplyingView from './view.js';

/** A fix or undo being applied, step by step; no key acts on it but quit and Ctrl+C. */
export const applyingScreen = defineScreen<ApplyingState, ScreenKeyAction>({
	title: 'Applying a fix',
	changesHost: true,
	keys: [],
	header: (state, context) => originTrail(state.origin, context),
	busy(state, {quitting}) {
		const work = originWork(state.origin, state.plan);
		return quitting ? `applying ${work}, then quitting` : `applying ${work}`;
	},
	View: ApplyingView,
});
