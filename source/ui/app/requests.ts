import {checksReducer, initialChecksState, initialSearchState} from '../screens/checks/state.js';
import {detailReducer, initialDetailState} from '../screens/detail/state.js';
import {initialJournalEntryState} from '../screens/journal-entry/state.js';
import {initialJournalState} from '../screens/journal/state.js';
import {initialApplyingState} from '../screens/applying/state.js';
import {initialBenchmarkVersionState} from '../screens/benchmark-version/state.js';
import type {BenchmarkVersion} from '../../model/benchmark-versions.js';
import {restartChoiceReducer} from '../screens/restart-choice/state.js';
import type {Request, Transition} from '../screens/transition.js';
import {initialWaiverState} from '../screens/waiver/state.js';
import {currentScreen, type AppState, type NewEffect} from './app-state.js';
import type {FixOrigin} from '../screens/fix-origin.js';
import {screenContext} from './layout.js';
import {moduleOf, withState} from './registry.js';
import {enqueue, push, replaceTop, startRun} from './stack.js';

/** Marks the undo of an entry as being planned on the screen that asked for it, or undefined when that screen cannot ask. */
function markUndoPlanning(state: AppState, entryId: string): AppState | undefined {
	const top = currentScreen(state);
	const planning = moduleOf(top).undo?.planning(top.state, entryId, screenContext(state));
	return planning === undefined ? undefined : replaceTop(state, withState(top, planning));
}

/** The planning of a fix, merged fix or undo again, with the operator's answer to how dockerd is restarted. */
function replanEffect(origin: FixOrigin, unknownLauncher: 'command' | 'later'): NewEffect {
	switch (origin.kind) {
		case 'check': {
			return {type: 'plan-fix', checkId: origin.checkId, unknownLauncher};
		}

		case 'batch': {
			return {type: 'plan-batch', ids: origin.checkIds, unknownLauncher};
		}

		case 'undo': {
			return {type: 'plan-undo', entryId: origin.entryId, force: origin.force, unknownLauncher};
		}
	}
}

/** What read-only mode says instead of doing what a key would have done. */
export const readOnlyNotice = 'read-only: no fix, undo or waiver in this session';

/** The requests that would change the host or the waivers file: read-only mode refuses them, whatever asked. */
const changingRequests: ReadonlySet<Request['type']> = new Set<Request['type']>(['plan-fix', 'plan-batch', 'plan-undo', 'plan-restart', 'apply', 'open-waiver', 'add-waiver']);

/** Carries out what a screen asked for: navigation, work for the outside world, or a notice. */
export function applyRequest(state: AppState, request: Request): AppState {
	if (state.readOnly && changingRequests.has(request.type)) {
		return {...state, notice: readOnlyNotice};
	}

	const top = currentScreen(state);
	switch (request.type) {
		case 'open-section': {
			return push(state, {name: 'checks', state: initialChecksState(request.id)});
		}

		case 'open-check': {
			return push(state, {name: 'detail', state: initialDetailState(request.id)});
		}

		case 'open-journal': {
			const next = push(state, {name: 'journal', state: initialJournalState});
			return enqueue(next, {type: 'load-journal'});
		}

		case 'open-demo': {
			return state.demoOffered
				? enqueue({...state, notice: 'opening the demo sandbox…'}, {type: 'open-demo'})
				: {...state, notice: 'd opens the demo only when no Docker daemon answers (or run dockwarden --demo)'};
		}

		case 'open-entry': {
			const entry = top.name === 'journal' ? top.state.entries?.find(candidate => candidate.id === request.id) : undefined;
			return entry ? push(state, {name: 'journal-entry', state: initialJournalEntryState(entry)}) : state;
		}

		case 'back': {
			return state.stack.length > 1 ? {...state, stack: state.stack.slice(0, -1)} : state;
		}

		case 'run': {
			return startRun(state, request.ids);
		}

		case 'plan-fix': {
			if (top.name !== 'detail' || top.state.checkId !== request.id) {
				return state;
			}

			const planning = detailReducer(top.state, {type: 'planning'}, screenContext(state)).state;
			return enqueue(replaceTop(state, {name: 'detail', state: planning}), {type: 'plan-fix', checkId: request.id});
		}

		case 'plan-batch': {
			if (top.name !== 'checks') {
				return state;
			}

			const planning = checksReducer(top.state, {type: 'planning'}, screenContext(state)).state;
			return enqueue(replaceTop(state, {name: 'checks', state: planning}), {type: 'plan-batch', ids: request.ids});
		}

		case 'plan-undo': {
			const marked = markUndoPlanning(state, request.entryId);
			return marked ? enqueue(marked, {type: 'plan-undo', entryId: request.entryId, force: request.force}) : state;
		}

		case 'plan-restart': {
			if (top.name !== 'restart-choice') {
				return state;
			}

			const planning = replaceTop(state, {name: 'restart-choice', state: restartChoiceReducer(top.state, {type: 'planning'}, screenContext(state)).state});
			return enqueue(planning, replanEffect(top.state.origin, request.choice));
		}

		case 'apply': {
			if (top.name !== 'confirm') {
				return state;
			}

			const {origin, plan} = top.state;
			return enqueue(replaceTop(state, {name: 'applying', state: initialApplyingState(origin, plan)}), {type: 'apply', plan});
		}

		case 'open-search': {
			return push(state, {name: 'checks', state: initialSearchState()});
		}

		case 'open-waiver': {
			return push(state, {name: 'waiver', state: initialWaiverState(request.id)});
		}

		case 'add-waiver': {
			return top.name === 'waiver' && top.state.checkId === request.id
				? enqueue(state, {type: 'add-waiver', checkId: request.id, reason: request.reason, ...(request.expires === undefined ? {} : {expires: request.expires})})
				: state;
		}

		case 'prove-audit': {
			if (top.name !== 'detail' || top.state.checkId !== request.id) {
				return state;
			}

			const proving = detailReducer(top.state, {type: 'proving'}, screenContext(state)).state;
			return enqueue(replaceTop(state, {name: 'detail', state: proving}), {type: 'prove-audit', checkId: request.id});
		}

		case 'open-benchmark': {
			return push(state, {name: 'benchmark-version', state: initialBenchmarkVersionState(state.benchmark)});
		}

		case 'select-benchmark': {
			return selectBenchmark(state, request.version);
		}

		case 'notice': {
			return {...state, notice: request.text};
		}

		case 'open-host': {
			// The host list is the fleet's, above the app of each host: no app has it on its stack.
			return state;
		}

		case 'host-list': {
			return state.fleet ? enqueue(state, {type: 'host-list'}) : state;
		}
	}
}

/**
Speaks another benchmark version: the checks get that version's ids and titles, the screens go back to the sections (a
list or a detail open on an old id would name another check), and the checks that had a result run again under their
new ids. Refused while checks run: their results would come back under the old ids.
*/
function selectBenchmark(state: AppState, version: BenchmarkVersion): AppState {
	const back = {...state, stack: state.stack.slice(0, 1)};
	if (version === state.benchmark) {
		return {...back, notice: `CIS Docker Benchmark v${version} is already in use`};
	}

	const checks = state.versionChecks?.[version];
	if (!checks) {
		return {...state, notice: `v${version} is not offered here`};
	}

	if (Object.keys(state.runs).length > 0) {
		return {...state, notice: 'Checks are running: wait for them to finish, then choose another version'};
	}

	const ran = new Set(state.checks.filter(check => state.results[check.id] !== undefined).map(check => check.key));
	const switched = enqueue({...back, checks, benchmark: version, results: {}, pending: {}, notice: `CIS Docker Benchmark v${version}: ids and titles are that version's`}, {type: 'select-benchmark', version});
	const again = checks.filter(check => ran.has(check.key)).map(check => check.id);
	return again.length > 0 ? {...startRun(switched, again), notice: switched.notice} : switched;
}

/**
Replaces the top screen with the state a transition of its own module made, then carries out what it asked for.
*/
export function settle(state: AppState, transition: Transition<unknown>): AppState {
	return transition.requests.reduce(applyRequest, replaceTop(state, withState(currentScreen(state), transition.state)));
}
