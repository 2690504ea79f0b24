import type {Status} from '../../benchmark/types.js';

/** One line of a scrolling text body (check detail, fix result, journal entry, refused undo); `kind` tells the view how to draw it. */
export type BodyLine =
	| {readonly kind: 'title' | 'meta' | 'heading' | 'text' | 'blank' | 'hint' | 'dim' | 'ok' | 'error' | 'warning' | 'diff-add' | 'diff-remove' | 'diff-header' | 'waiver'; readonly text: string}
	| {readonly kind: 'status'; readonly status?: Status; readonly pending: boolean; readonly text: string};

/** Width of a status badge and the space after it. */
export const badgeWidth = 7;
