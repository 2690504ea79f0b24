import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {benchmarkVersionReducer, type BenchmarkVersionAction, type BenchmarkVersionState} from './state.js';
import BenchmarkVersionView from './view.js';

/** The CIS Docker Benchmark version picker (`b` on the sections screen). */
export const benchmarkVersionScreen = defineScreen<BenchmarkVersionState, BenchmarkVersionAction>({
	title: 'Benchmark version',
	keys: [...moveActions, 'choose', 'back'],
	onKey: benchmarkVersionReducer,
	header: (_state, context) => `CIS Docker Benchmark version (v${context.benchmark ?? '?'} in use)`,
	View: BenchmarkVersionView,
});
