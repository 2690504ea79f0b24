import {benchmarkVersions, newestBenchmark, type BenchmarkVersion} from '../../../model/benchmark-versions.js';
import {isMove, moveListCursor, type MoveAction} from '../../parts/list-moves.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';

/** The version picker: which version is highlighted. The reducer owns it (ink-select-input only draws the list), so no key is lost. */
export type BenchmarkVersionState = {
	readonly cursor: number;
};

/** What can happen on the version picker. */
export type BenchmarkVersionAction = MoveAction | {readonly type: 'choose' | 'back'};

/** The versions offered, newest first: the default at the top. */
export const offeredVersions: readonly BenchmarkVersion[] = [...benchmarkVersions].reverse();

/** The picker as it opens: the version in use highlighted. */
export function initialBenchmarkVersionState(current: BenchmarkVersion = newestBenchmark): BenchmarkVersionState {
	return {cursor: Math.max(0, offeredVersions.indexOf(current))};
}

/** The picker's reducer: moves the highlight, and asks to use the highlighted version (`enter`) or goes back. */
export function benchmarkVersionReducer(state: BenchmarkVersionState, action: BenchmarkVersionAction, context: ScreenContext): Transition<BenchmarkVersionState> {
	if (isMove(action)) {
		return stay({cursor: moveListCursor(state.cursor, action, offeredVersions.length, context.height)});
	}

	switch (action.type) {
		case 'choose': {
			return go(state, {type: 'select-benchmark', version: offeredVersions[state.cursor]!});
		}

		case 'back': {
			return go(state, {type: 'back'});
		}
	}
}

/** One line about what each version changed, for the picker. */
export const versionNotes: Readonly<Record<BenchmarkVersion, string>> = {
	'1.8.0': 'adds 2.7 devicemapper; the old 2.7-2.18 are 2.8-2.19',
	'1.7.0': '1.1.9 audits the docker.sock file; 1.1.5 adds exclusions',
	'1.6.0': 'the 117 checks of Docker Bench for Security',
};
