import type {ScreenContext} from '../screens/transition.js';
import type {AppState} from './app-state.js';

/** Lines around the body: the header and status line above it, the hint line below it, and the line Ink must leave free. */
export const chromeLines = 4;

/** The size the layout is made for; below it, the app says so on a line of its own at the top. */
export const comfortableSize = {columns: 80, rows: 24} as const;

/** The fewest rows for which the small-terminal notice is shown: below, every line goes to the screen itself. */
const noticeMinRows = 7;

/** The one-line notice of a terminal smaller than 80x24 (`small terminal: 60x15, best at 80x24 or larger`), or undefined. */
export function sizeNotice(columns: number, rows: number): string | undefined {
	if ((columns >= comfortableSize.columns && rows >= comfortableSize.rows) || rows < noticeMinRows) {
		return undefined;
	}

	return `small terminal: ${columns}x${rows}, best at ${comfortableSize.columns}x${comfortableSize.rows} or larger`;
}

/** Lines available to the body of the screen in a terminal of `columns` x `rows` (the small-terminal notice takes one). */
export function bodyHeight(rows: number, columns: number = comfortableSize.columns): number {
	return Math.max(1, rows - chromeLines - (sizeNotice(columns, rows) === undefined ? 0 : 1));
}

/** What the screen reducers and views read. */
export function screenContext(state: AppState): ScreenContext {
	return {
		sections: state.sections,
		checks: state.checks,
		results: state.results,
		pending: state.pending,
		width: Math.max(10, state.columns),
		height: bodyHeight(state.rows, state.columns),
		today: state.today,
		readOnly: state.readOnly,
		demoOffered: state.demoOffered,
		benchmark: state.benchmark,
	};
}

