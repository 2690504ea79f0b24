import {moveActions} from '../../parts/list-moves.js';
import {originTrail} from '../fix-origin.js';
import {defineScreen} from '../screen-module.js';
import {confirmReducer, type ConfirmAction, type ConfirmState} from './state.js';
import ConfirmView from './view.js';

/** The plan of a fix or an undo, for confirmation: only `y` applies it. */
export const confirmScreen = defineScreen<ConfirmState, ConfirmAction>({
	title: 'Fix confirm',
	changesHost: true,
	keys: [...moveActions, 'apply', 'cancel'],
	onKey: confirmReducer,
	header: (state, context) => originTrail(state.origin, context),
	View: ConfirmView,
});
