import type {Check, Status} from '../benchmark/types.js';
import {safeText} from '../text/safe-text.js';
import {escapeLineStart, escapeMarkdown} from './markdown-text.js';
import type {SessionRecord} from './session-record.js';

/** The share of scored checks that pass: PASS / (PASS + WARN); waived, manual and skipped checks do not count. */
export function score(statuses: Readonly<Record<string, Status>>): {pass: number; scored: number} {
	const values = Object.values(statuses);
	const pass = values.filter(status => status === 'pass').length;
	return {pass, scored: pass + values.filter(status => status === 'warn').length};
}

function scoreText({pass, scored}: {pass: number; scored: number}): string {
	return scored === 0 ? 'no scored check run' : `${pass}/${scored} pass (${Math.round((pass / scored) * 100)}%)`;
}

/**
The before/after summary of a TUI session: the score before and after, the checks that went from WARN to PASS, and the fixes
applied and undone and the waivers added. Text for the terminal, or Markdown for --summary FILE.
Every title, reason and path in it is made safe (secrets masked, controls visible, one line each), and Markdown-escaped in Markdown.
*/
export function formatSessionSummary(record: SessionRecord, checks: readonly Check[], markdown: boolean): string {
	const safe = (text: string) => markdown ? escapeMarkdown(text) : safeText(text);
	const title = (id: string) => safe(checks.find(check => check.id === id)?.title ?? '');
	const fixed = Object.keys(record.last).filter(id => record.first[id] === 'warn' && record.last[id] === 'pass');
	const heading = (text: string) => markdown ? `\n## ${text}\n` : `\n${text}`;
	const item = (text: string) => markdown ? `- ${escapeLineStart(text)}` : `  ${text}`;
	const lines = [
		`${markdown ? '# ' : ''}dockwarden session summary${record.demo ? ' (demo: the sample host; its sandbox, with every change below, is gone)' : ''}`,
		'',
		`${markdown ? '**Score**' : 'Score'}: ${scoreText(score(record.first))} before, ${scoreText(score(record.last))} after`,
		heading(`WARN → PASS (${fixed.length})`),
		...(fixed.length > 0 ? fixed.map(id => item(`${safe(id)} - ${title(id)}`)) : [item('none')]),
		heading(`Fixes applied (${record.fixesApplied.length})`),
		...(record.fixesApplied.length > 0 ? record.fixesApplied.map(fix => item(`${safe(fix.checkIds.join(', '))}: ${safe(fix.title)}${fix.journalEntry ? ` (journal: ${safe(fix.journalEntry)})` : ''}`)) : [item('none')]),
		heading(`Fixes undone (${record.fixesUndone.length})`),
		...(record.fixesUndone.length > 0 ? record.fixesUndone.map(undo => item(`${safe(undo.entry)}: ${safe(undo.title)}`)) : [item('none')]),
		heading(`Waivers added (${record.waiversAdded.length})`),
		...(record.waiversAdded.length > 0 ? record.waiversAdded.map(waiver => item(`${safe(waiver.id)}: ${safe(waiver.reason)}${waiver.expires ? ` (until ${safe(waiver.expires)})` : ''}`)) : [item('none')]),
	];
	return `${lines.join('\n')}\n`;
}
