import ApplyingView from '../screens/applying/view.js';
import ChecksView from '../screens/checks/view.js';
import ConfirmView from '../screens/confirm/view.js';
import DetailView from '../screens/detail/view.js';
import JournalEntryView from '../screens/journal-entry/view.js';
import JournalView from '../screens/journal/view.js';
import ResultView from '../screens/result/view.js';
import SectionsView from '../screens/sections/view.js';
import type {ScreenContext} from '../screens/transition.js';
import UndoRefusedView from '../screens/undo-refused/view.js';
import type {Screen} from './app-state.js';
import WaiverView from '../screens/waiver/view.js';

type Props = {
	readonly screen: Screen;
	readonly context: ScreenContext;
};

/** The view of the screen on top of the stack. */
export default function ScreenView({screen, context}: Props) {
	switch (screen.name) {
		case 'sections': {
			return <SectionsView state={screen.state} context={context} />;
		}

		case 'checks': {
			return <ChecksView state={screen.state} context={context} />;
		}

		case 'detail': {
			return <DetailView state={screen.state} context={context} />;
		}

		case 'waiver': {
			return <WaiverView state={screen.state} context={context} />;
		}

		case 'confirm': {
			return <ConfirmView state={screen.state} context={context} />;
		}

		case 'applying': {
			return <ApplyingView state={screen.state} context={context} />;
		}

		case 'result': {
			return <ResultView state={screen.state} context={context} />;
		}

		case 'journal': {
			return <JournalView state={screen.state} context={context} />;
		}

		case 'journal-entry': {
			return <JournalEntryView state={screen.state} context={context} />;
		}

		case 'undo-refused': {
			return <UndoRefusedView state={screen.state} context={context} />;
		}
	}
}
