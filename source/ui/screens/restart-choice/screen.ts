import {moveActions} from '../../parts/list-moves.js';
import {originTrail} from '../fix-origin.js';
import {defineScreen} from '../screen-module.js';
import {restartChoiceReducer, type RestartChoiceAction, type RestartChoiceState} from './state.js';
import RestartChoiceView from './view.js';

/** How to restart a dockerd whose launcher is unknown: with the --restart-command, later by the operator, or not at all. */
export const restartChoiceScreen = defineScreen<RestartChoiceState, RestartChoiceAction>({
	title: 'How to restart dockerd',
	changesHost: true,
	keys: [...moveActions, 'choose', 'back'],
	onKey: restartChoiceReducer,
	header: (state, context) => `${originTrail(state.origin, context)} › how to restart`,
	busy: state => state.planning ? `planning ${state.question.work === 'fix' ? 'the fix' : 'the undo'}` : undefined,
	View: RestartChoiceView,
});
