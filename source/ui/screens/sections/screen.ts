import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {sectionsReducer, type SectionsAction, type SectionsState} from './state.js';
import SectionsView from './view.js';

/** The sections screen: the seven CIS sections, the banner above them. */
export const sectionsScreen = defineScreen<SectionsState, SectionsAction>({
	title: 'Sections',
	keys: [...moveActions, 'open', 'run-selected', 'run-all', 'journal', 'filter', 'demo', 'host-list', 'benchmark'],
	onKey: sectionsReducer,
	header: (_state, _context, banner) => banner,
	status: (_state, context) => context.demoOffered ? 'no Docker daemon answers: d opens the demo sandbox, a sample host to learn on' : undefined,
	View: SectionsView,
});
