import BodyView from '../../parts/body-view.js';
import {detailLines} from './detail-lines.js';
import {findCheck, type ScreenContext} from '../transition.js';
import {visibleScroll, type DetailState} from './state.js';

type Props = {
	readonly state: DetailState;
	readonly context: ScreenContext;
};

/** A check's detail: what it is, its status and evidence, why it matters and how to fix it, scrolled. */
export default function DetailView({state, context}: Props) {
	const check = findCheck(context.checks, state.checkId);
	if (!check) {
		return null;
	}

	const lines = detailLines(check, context.results[check.id], context.pending[check.id] !== undefined, context.width, state.refusal, state.proof, context.readOnly);
	return <BodyView lines={lines} scroll={visibleScroll(state, context)} height={context.height} />;
}
