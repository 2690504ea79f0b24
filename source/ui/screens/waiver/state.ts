import {expiryProblem} from './expiry-day.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';

/** The fields of the waiver form, in order. */
export type WaiverField = 'reason' | 'expires';

/** The waiver form of a WARN: what has been typed, the field being typed into, and whether it is being saved. */
export type WaiverState = {
	readonly checkId: string;
	readonly reason: string;
	/** YYYY-MM-DD, or empty for a waiver that never expires. */
	readonly expires: string;
	readonly field: WaiverField;
	/** The waiver has been handed to the service; the form waits for its answer. */
	readonly saving: boolean;
	/** Why the form was not saved (empty reason, bad day, or the service's refusal), shown under the fields until the next edit. */
	readonly error?: string;
};

/** What the operator can do on the waiver form: type, delete, move between the fields, save, cancel. */
export type WaiverKeyAction =
	| {readonly type: 'type'; readonly text: string}
	| {readonly type: 'delete-char' | 'next-field' | 'submit' | 'cancel'};

/** What can happen on the waiver form: keys, and the service refusing the waiver. */
export type WaiverAction = WaiverKeyAction | {readonly type: 'refused'; readonly reason: string};

/** The waiver form of a check, empty, typing the reason. */
export function initialWaiverState(checkId: string): WaiverState {
	return {checkId, reason: '', expires: '', field: 'reason', saving: false};
}

const reasonRequired = 'A reason is required: say why this WARN is accepted.';

function edit(state: WaiverState, change: (text: string) => string): WaiverState {
	return state.field === 'reason'
		? {...state, reason: change(state.reason), error: undefined}
		: {...state, expires: change(state.expires), error: undefined};
}

/** The form, not saved, saying why under its fields. */
function refuse(state: WaiverState, error: string, field: WaiverField = state.field): Transition<WaiverState> {
	return stay({...state, field, error});
}

/** Saves the form once it is right: a reason, and an expiry day that is empty or a real day after today. */
function save(state: WaiverState, context: ScreenContext): Transition<WaiverState> {
	const reason = state.reason.trim();
	if (reason === '') {
		return refuse(state, reasonRequired, 'reason');
	}

	const expires = state.expires.trim();
	const problem = expires === '' ? undefined : expiryProblem(expires, context.today);
	if (problem !== undefined) {
		return refuse(state, problem, 'expires');
	}

	return go({...state, saving: true, error: undefined}, {type: 'add-waiver', id: state.checkId, reason, ...(expires === '' ? {} : {expires})});
}

/**
The waiver form's reducer. `enter` on the reason goes on to the expiry day, `enter` there saves (asks the app to add the
waiver); `esc` cancels, and nothing is written. While the waiver is being saved, keys only say so.
*/
export function waiverReducer(state: WaiverState, action: WaiverAction, context: ScreenContext): Transition<WaiverState> {
	if (action.type === 'refused') {
		return stay({...state, saving: false, error: `Cannot waive ${state.checkId}: ${action.reason}`});
	}

	if (state.saving) {
		return go(state, {type: 'notice', text: `Saving the waiver of ${state.checkId}…`});
	}

	switch (action.type) {
		case 'type': {
			return stay(edit(state, text => text + action.text));
		}

		case 'delete-char': {
			return stay(edit(state, text => [...text].slice(0, -1).join('')));
		}

		case 'next-field': {
			return stay({...state, field: state.field === 'reason' ? 'expires' : 'reason'});
		}

		case 'submit': {
			if (state.field === 'reason') {
				return state.reason.trim() === '' ? refuse(state, reasonRequired) : stay({...state, field: 'expires', error: undefined});
			}

			return save(state, context);
		}

		case 'cancel': {
			return go(state, {type: 'back'}, {type: 'notice', text: 'Cancelled: no waiver was written.'});
		}
	}
}
