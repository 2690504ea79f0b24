import type {Plan} from '../../model/plan.js';
import {sectionLabel, type ScreenContext} from './transition.js';

/**
Where a plan on the confirm, applying and result screens came from: the fix of one check, one merged fix of the
checks selected in a list (a batch), or the undo of a journal entry. It decides the confirm's question, the header,
which checks are re-run afterwards and where the operator lands when they leave the result.
*/
export type FixOrigin =
	| {readonly kind: 'check'; readonly checkId: string}
	| {readonly kind: 'batch'; readonly checkIds: readonly string[]}
	| {readonly kind: 'undo'; readonly entryId: string; readonly force: boolean};

/** The checks an origin names (none for an undo: its plan names them). */
export function originCheckIds(origin: FixOrigin): readonly string[] {
	switch (origin.kind) {
		case 'check': {
			return [origin.checkId];
		}

		case 'batch': {
			return origin.checkIds;
		}

		case 'undo': {
			return [];
		}
	}
}

/** Whether a plan undoes a journal entry (the plan says so, or it was asked for as an undo). */
export function isUndo(origin: FixOrigin, plan: Plan): boolean {
	return plan.undoes !== undefined || origin.kind === 'undo';
}

/** The question above a plan on the confirm screen. */
export function confirmQuestion(origin: FixOrigin, plan: Plan): string {
	if (isUndo(origin, plan)) {
		return 'Undo this fix?';
	}

	return origin.kind === 'batch' && origin.checkIds.length > 1 ? `Apply this fix to ${origin.checkIds.length} checks at once?` : 'Apply this fix?';
}

/** The `[y/N]` prompt under a plan on the confirm screen. */
export function confirmPrompt(origin: FixOrigin, plan: Plan): string {
	return isUndo(origin, plan) ? 'Undo? [y/N]' : 'Apply? [y/N]';
}

/** What is being applied, for the busy line: `the fix`, `the fixes`, `the undo`. */
export function originWork(origin: FixOrigin, plan: Plan): string {
	if (isUndo(origin, plan)) {
		return 'the undo';
	}

	return origin.kind === 'batch' && origin.checkIds.length > 1 ? 'the fixes' : 'the fix';
}

/** The header of the confirm, applying and result screens: where the plan came from, `1 Host Configuration › 1.1.3 › fix`. */
export function originTrail(origin: FixOrigin, context: ScreenContext): string {
	switch (origin.kind) {
		case 'check': {
			return [sectionLabel(context, origin.checkId), origin.checkId, 'fix'].join(' › ');
		}

		case 'batch': {
			return [sectionLabel(context, origin.checkIds[0] ?? ''), origin.checkIds.join(', '), 'fix'].join(' › ');
		}

		case 'undo': {
			return ['Journal', origin.entryId, origin.force ? 'force undo' : 'undo'].join(' › ');
		}
	}
}
