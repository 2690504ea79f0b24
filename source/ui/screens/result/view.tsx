import BodyView from '../../parts/body-view.js';
import {resultLines} from './result-lines.js';
import type {ScreenContext} from '../transition.js';
import {resultScroll, type ResultState} from './state.js';

type Props = {
	readonly state: ResultState;
	readonly context: ScreenContext;
};

/** What applying a fix did: fixed or failed (and whether it was rolled back), the re-run status, and the log. */
export default function ResultView({state, context}: Props) {
	const lines = resultLines(state.plan, state.outcome, context.results, context.pending, context.width);
	return <BodyView lines={lines} scroll={resultScroll(state, context)} height={context.height} />;
}
