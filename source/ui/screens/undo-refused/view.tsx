import BodyView from '../../parts/body-view.js';
import {refusalLines} from '../journal/journal-lines.js';
import type {ScreenContext} from '../transition.js';
import {undoRefusedScroll, type UndoRefusedState} from './state.js';

type Props = {
	readonly state: UndoRefusedState;
	readonly context: ScreenContext;
};

/** A refused undo: why, and the details (the difference of a file changed since, `+` and `-` lines in colour), scrolled. */
export default function UndoRefusedView({state, context}: Props) {
	const lines = refusalLines(state.entry, state.reason, state.details, context.width);
	return <BodyView lines={lines} scroll={undoRefusedScroll(state, context)} height={context.height} />;
}
