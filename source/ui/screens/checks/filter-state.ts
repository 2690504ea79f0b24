/** The filter of a checks list: the text typed, and whether the one-line input is open (then keys are text). */
export type FilterState = {
	readonly text: string;
	readonly open: boolean;
};

/** What can happen to a filter: `/` opens it, keys type into it, `enter` keeps it, `esc` clears it. */
export type FilterAction =
	| {readonly type: 'filter' | 'filter-keep' | 'filter-clear' | 'delete-char'}
	| {readonly type: 'type'; readonly text: string};

/** No filter: every check is listed. */
export const noFilter: FilterState = {text: '', open: false};

/** Whether the filter narrows the list or its input is open: then the list has a filter line at the bottom. */
export function filterShown(state: FilterState): boolean {
	return state.open || state.text.trim() !== '';
}

/** The filter's reducer: a one-line text input that is kept (`filter-keep`) or cleared (`filter-clear`). */
export function filterReducer(state: FilterState, action: FilterAction): FilterState {
	switch (action.type) {
		case 'filter': {
			return {...state, open: true};
		}

		case 'type': {
			return state.open ? {...state, text: state.text + action.text} : state;
		}

		case 'delete-char': {
			return state.open ? {...state, text: [...state.text].slice(0, -1).join('')} : state;
		}

		case 'filter-keep': {
			return {text: state.text.trim() === '' ? '' : state.text, open: false};
		}

		case 'filter-clear': {
			return noFilter;
		}
	}
}
