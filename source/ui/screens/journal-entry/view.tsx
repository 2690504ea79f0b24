import BodyView from '../../parts/body-view.js';
import {entryLines} from '../journal/journal-lines.js';
import type {ScreenContext} from '../transition.js';
import {journalEntryScroll, type JournalEntryState} from './state.js';

type Props = {
	readonly state: JournalEntryState;
	readonly context: ScreenContext;
};

/** A journal entry: what it fixed, when, whether it was undone, and every change it made, scrolled. */
export default function JournalEntryView({state, context}: Props) {
	return <BodyView lines={entryLines(state.entry, context.width, context.readOnly)} scroll={journalEntryScroll(state, context)} height={context.height} />;
}
