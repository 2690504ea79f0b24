import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {checksReducer, selectionText, visibleChecks, type ChecksKeyAction, type ChecksState} from './state.js';
import ChecksView from './view.js';

/** A list of checks: a section's, or the search of every check; its filter line is an input mode of its own. */
export const checksScreen = defineScreen<ChecksState, ChecksKeyAction>({
	title: 'Checks of a section',
	inputs: [{mode: 'filter', title: 'Filter input'}],
	keys: [
		...moveActions,
		'open',
		'run-selected',
		'run-section',
		'run-all',
		'warn-only',
		'fix',
		'waive',
		'select',
		'clear-selection',
		'journal',
		'back',
		'filter',
		'filter-keep',
		'filter-clear',
		'delete-char',
		'type',
	],
	onKey: checksReducer,
	header(state, context) {
		const warnOnly = state.warnOnly ? '  (WARN only)' : '';
		if (state.section === undefined) {
			const count = visibleChecks(state, context).length;
			return `Search every check: ${count} ${count === 1 ? 'match' : 'matches'}${warnOnly}`;
		}

		const section = context.sections.find(candidate => candidate.id === state.section);
		return `${state.section}  ${section?.title ?? ''}${warnOnly}`;
	},
	busy: state => state.planning ? `planning the fix of ${state.selection.join(', ')}` : undefined,
	status: state => selectionText(state),
	View: ChecksView,
});
