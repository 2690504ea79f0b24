import type {ApplyOutcome} from '../../model/plan.js';
import type {ProveOutcome} from '../../model/prove-outcome.js';
import {checksReducer} from '../screens/checks/state.js';
import {proofLine} from '../screens/detail/proof-line.js';
import {detailReducer} from '../screens/detail/state.js';
import {originCheckIds, type FixOrigin} from '../screens/fix-origin.js';
import {initialRestartChoiceState, restartChoiceReducer} from '../screens/restart-choice/state.js';
import {journalReducer, type JournalAction} from '../screens/journal/state.js';
import {initialResultState} from '../screens/result/state.js';
import {initialUndoRefusedState} from '../screens/undo-refused/state.js';
import {waiverReducer} from '../screens/waiver/state.js';
import {currentScreen, type AppState, type JournalAnswer, type PlanAnswer, type WaiverAnswer} from './app-state.js';
import {initialHelpState} from './help-state.js';
import {screenContext} from './layout.js';
import {moduleOf, withState} from './registry.js';
import {applyRequest, settle} from './requests.js';
import {recordApplied, recordWaiver} from './session-recording.js';
import {exit, lastIndexOf, loadJournal, push, pushConfirm, replaceAt, replaceTop, startRun} from './stack.js';

/**
The stack under the result of a finished fix, by where it started: the check's detail shows its re-run status from its
top; a batch's list forgets the selection once it has been applied; an undo goes back to the journal, which is read again.
*/
function stackAfterApply(state: AppState, origin: FixOrigin, outcome: ApplyOutcome): AppState {
	const under = state.stack.length - 2;
	const below = state.stack[under];
	switch (origin.kind) {
		case 'check': {
			return below?.name === 'detail' ? replaceAt(state, under, {name: 'detail', state: {...below.state, scroll: 0}}) : state;
		}

		case 'batch': {
			return below?.name === 'checks' && outcome.ok
				? replaceAt(state, under, {name: 'checks', state: checksReducer(below.state, {type: 'applied'}, screenContext(state)).state})
				: state;
		}

		case 'undo': {
			const journal = lastIndexOf(state, 'journal');
			return journal === -1 ? state : {...state, stack: [...state.stack.slice(0, journal + 1), currentScreen(state)]};
		}
	}
}

/** A fix or undo has finished: its result, the stack under it, and the checks it touched run again. */
export function applyFinished(state: AppState, outcome: ApplyOutcome): AppState {
	const top = currentScreen(state);
	if (top.name !== 'applying') {
		return state;
	}

	const {origin, plan} = top.state;
	const recorded = {...state, record: recordApplied(state.record, plan, outcome, origin.kind === 'undo' ? origin.entryId : undefined)};
	const next = replaceTop(stackAfterApply(recorded, origin, outcome), {name: 'result', state: initialResultState(origin, plan, outcome)});
	if (state.quitAfterApply) {
		return exit(next, 130);
	}

	const reloaded = origin.kind === 'undo' ? loadJournal(next, lastIndexOf(next, 'journal')) : next;
	const ids = [...new Set([...originCheckIds(origin), ...plan.checkIds])];
	return ids.length === 0 ? reloaded : startRun(reloaded, ids);
}

/**
The planner answered the operator's choice on the restart question on top (for `origin`): the question gives way to the
confirm of its plan, so that cancelling it goes back to where the fix was asked for; a refusal stays on the question.
Undefined when the question on top is not waiting for this answer.
*/
function restartChoiceAnswered(state: AppState, matches: (origin: FixOrigin) => boolean, outcome: PlanAnswer): AppState | undefined {
	const top = currentScreen(state);
	if (top.name !== 'restart-choice' || !top.state.planning || !matches(top.state.origin)) {
		return undefined;
	}

	if (!outcome.ok) {
		return settle(state, restartChoiceReducer(top.state, {type: 'refused', reason: outcome.reason}, screenContext(state)));
	}

	return pushConfirm({...state, stack: state.stack.slice(0, -1)}, top.state.origin, outcome.plan);
}

/** Asks the operator how to restart dockerd, when the planner's only want is that (and read-only mode does not forbid the fix anyway). */
function askRestart(state: AppState, origin: FixOrigin, outcome: PlanAnswer): AppState | undefined {
	if (outcome.ok || !outcome.restartChoice || state.readOnly) {
		return undefined;
	}

	return {...push(state, {name: 'restart-choice', state: initialRestartChoiceState(origin, outcome.restartChoice, outcome.reason)}), help: initialHelpState};
}

/** The planner answered a check's fix: its confirm, the question of how to restart dockerd, or the refusal on the detail. */
export function planReady(state: AppState, checkId: string, outcome: PlanAnswer): AppState {
	const chosen = restartChoiceAnswered(state, origin => origin.kind === 'check' && origin.checkId === checkId, outcome);
	if (chosen) {
		return chosen;
	}

	const top = currentScreen(state);
	if (top.name !== 'detail' || top.state.checkId !== checkId || !top.state.planning) {
		return state;
	}

	const asked = askRestart(replaceTop(state, {name: 'detail', state: detailReducer(top.state, {type: 'planned'}, screenContext(state)).state}), {kind: 'check', checkId}, outcome);
	if (asked) {
		return asked;
	}

	if (!outcome.ok) {
		return settle(state, detailReducer(top.state, {type: 'refused', reason: outcome.reason}, screenContext(state)));
	}

	const planned = replaceTop(state, {name: 'detail', state: detailReducer(top.state, {type: 'planned'}, screenContext(state)).state});
	return pushConfirm(planned, {kind: 'check', checkId}, outcome.plan);
}

/** The planner answered a merged fix: its confirm, or the refusal under the list. */
export function batchPlanned(state: AppState, ids: readonly string[], outcome: PlanAnswer): AppState {
	const chosen = restartChoiceAnswered(state, origin => origin.kind === 'batch' && origin.checkIds.join() === ids.join(), outcome);
	if (chosen) {
		return chosen;
	}

	const top = currentScreen(state);
	if (top.name !== 'checks' || !top.state.planning) {
		return state;
	}

	const context = screenContext(state);
	const asked = askRestart(replaceTop(state, {name: 'checks', state: checksReducer(top.state, {type: 'planned'}, context).state}), {kind: 'batch', checkIds: ids}, outcome);
	if (asked) {
		return asked;
	}

	if (!outcome.ok) {
		return settle(state, checksReducer(top.state, {type: 'refused', reason: outcome.reason}, context));
	}

	const planned = replaceTop(state, {name: 'checks', state: checksReducer(top.state, {type: 'planned'}, context).state});
	return pushConfirm(planned, {kind: 'batch', checkIds: ids}, outcome.plan);
}

/** The journal was read, or could not be. */
export function journalLoaded(state: AppState, outcome: JournalAnswer): AppState {
	const index = lastIndexOf(state, 'journal');
	const screen = state.stack[index];
	if (screen?.name !== 'journal') {
		return state;
	}

	const action: JournalAction = outcome.ok ? {type: 'loaded', entries: outcome.entries} : {type: 'load-failed', error: outcome.error};
	const transition = journalReducer(screen.state, action, screenContext(state));
	return transition.requests.reduce(applyRequest, replaceAt(state, index, {name: 'journal', state: transition.state}));
}

/** The planner answered the undo of a journal entry: its confirm, its refusal in place, or a refused undo's own screen. */
export function undoPlanned(state: AppState, entryId: string, force: boolean, outcome: PlanAnswer): AppState {
	const chosen = restartChoiceAnswered(state, origin => origin.kind === 'undo' && origin.entryId === entryId && origin.force === force, outcome);
	if (chosen) {
		return chosen;
	}

	const top = currentScreen(state);
	const undo = moduleOf(top).undo;
	const entry = undo?.plannedEntry(top.state, entryId);
	if (!undo || !entry) {
		return state;
	}

	const context = screenContext(state);
	const asked = askRestart(replaceTop(state, withState(top, undo.planned(top.state, context))), {kind: 'undo', entryId, force}, outcome);
	if (asked) {
		return asked;
	}

	if (!outcome.ok && undo.refused) {
		return settle(state, undo.refused(top.state, outcome.reason, outcome.details ?? [], context));
	}

	const planned = replaceTop(state, withState(top, undo.planned(top.state, context)));
	if (outcome.ok) {
		return pushConfirm(planned, {kind: 'undo', entryId, force}, outcome.plan);
	}

	return {
		...push(planned, {name: 'undo-refused', state: initialUndoRefusedState(entry, outcome.reason, outcome.details)}),
		notice: `Cannot undo ${entryId}: ${outcome.reason}`,
	};
}

/**
The waiver service answered. A waiver that was written always counts (its result replaces the check's, the record keeps
it), even when the operator has left the form; the form, when it is still shown, closes or shows the refusal.
*/
export function waiverAnswered(state: AppState, checkId: string, reason: string, expires: string | undefined, outcome: WaiverAnswer): AppState {
	const top = currentScreen(state);
	const onForm = top.name === 'waiver' && top.state.checkId === checkId && top.state.saving;
	if (!outcome.ok) {
		return onForm
			? settle(state, waiverReducer(top.state, {type: 'refused', reason: outcome.reason}, screenContext(state)))
			: {...state, notice: `Cannot waive ${checkId}: ${outcome.reason}`};
	}

	const saved: AppState = {
		...state,
		results: {...state.results, [checkId]: outcome.result},
		record: recordWaiver(state.record, outcome.result, reason, expires),
		notice: `Waived ${checkId}: ${reason}${expires === undefined ? '' : ` (until ${expires})`}`,
	};
	return onForm ? {...saved, stack: saved.stack.slice(0, -1)} : saved;
}

/** The proof answered: the detail that asked shows it; elsewhere it is a notice. */
export function proved(state: AppState, checkId: string, outcome: ProveOutcome): AppState {
	const line = proofLine(checkId, outcome);
	const index = state.stack.findLastIndex(screen => screen.name === 'detail' && screen.state.checkId === checkId && screen.state.proving);
	const screen = state.stack[index];
	if (screen?.name !== 'detail') {
		return {...state, notice: line};
	}

	const transition = detailReducer(screen.state, {type: 'proved', line, found: outcome.ok && outcome.event !== undefined}, screenContext(state));
	return transition.requests.reduce(applyRequest, replaceAt(state, index, {name: 'detail', state: transition.state}));
}

