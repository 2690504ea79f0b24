import {defineScreen} from '../screen-module.js';
import {sectionLabel} from '../transition.js';
import {waiverReducer, type WaiverKeyAction, type WaiverState} from './state.js';
import WaiverView from './view.js';

/** The waiver form of a WARN: a reason and an optional expiry day. */
export const waiverScreen = defineScreen<WaiverState, WaiverKeyAction>({
	title: 'Waiver form',
	changesHost: true,
	keys: ['type', 'delete-char', 'next-field', 'submit', 'cancel'],
	onKey: waiverReducer,
	header: (state, context) => [sectionLabel(context, state.checkId), state.checkId, 'waive'].join(' › '),
	busy: state => state.saving ? `saving the waiver of ${state.checkId}` : undefined,
	View: WaiverView,
});
