import {isMove, moveListCursor, type MoveAction} from '../../parts/list-moves.js';
import {go, sectionCheckIds, stay, type ScreenContext, type Transition} from '../transition.js';

/** The sections screen: which section is selected. */
export type SectionsState = {
	readonly cursor: number;
};

/** What can happen on the sections screen. */
export type SectionsAction = MoveAction | {readonly type: 'open' | 'run-selected' | 'run-all' | 'journal' | 'filter' | 'demo' | 'host-list' | 'benchmark'};

/** The sections screen as the app starts. */
export const initialSectionsState: SectionsState = {cursor: 0};

/** The sections screen's reducer: moves the cursor, opens a section, the journal, the search of every check (`/`) or the demo sandbox, asks to run a section or everything. */
export function sectionsReducer(state: SectionsState, action: SectionsAction, context: ScreenContext): Transition<SectionsState> {
	const section = context.sections[state.cursor];
	if (isMove(action)) {
		return stay({cursor: moveListCursor(state.cursor, action, context.sections.length, context.height)});
	}

	switch (action.type) {
		case 'open': {
			return section ? go(state, {type: 'open-section', id: section.id}) : stay(state);
		}

		case 'run-selected': {
			return section ? go(state, {type: 'run', ids: sectionCheckIds(context.checks, section.id)}) : stay(state);
		}

		case 'run-all': {
			return go(state, {type: 'run', ids: context.checks.map(check => check.id)});
		}

		case 'journal': {
			return go(state, {type: 'open-journal'});
		}

		case 'benchmark': {
			return go(state, {type: 'open-benchmark'});
		}

		case 'filter': {
			return go(state, {type: 'open-search'});
		}

		case 'demo': {
			return go(state, {type: 'open-demo'});
		}

		case 'host-list': {
			return go(state, {type: 'host-list'});
		}
	}
}
