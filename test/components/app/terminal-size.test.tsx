import test, {type ExecutionContext} from 'ava';
import {checks} from '../../../source/benchmark/catalogue.js';
import {createFakeServices} from '../../helpers/fake-services.js';
import {keys, lines, renderDockwarden, type AppTui} from '../../helpers/render.js';

type Size = {readonly columns: number; readonly rows: number};

const small: Size = {columns: 60, rows: 15};
const large: Size = {columns: 200, rows: 50};

/** Asserts that a frame fits the terminal: at most `rows - 1` lines, none longer than `columns`. */
function assertFits(t: ExecutionContext, frame: string, {columns, rows}: Size, where: string) {
	const frameLines = lines(frame);
	t.true(frameLines.length <= rows - 1, `${where}: ${frameLines.length} lines for ${rows} rows`);
	for (const line of frameLines) {
		t.true([...line].length <= columns, `${where}: longer than ${columns}: ${line}`);
	}
}

/** Walks every screen of the app in a terminal of this size, checking each frame fits; returns the frames by screen. */
async function walk(t: ExecutionContext, size: Size): Promise<Record<string, string>> {
	const fake = createFakeServices();
	fake.results['1.1.6'] = {...fake.results['1.1.3']!, id: '1.1.6'};
	fake.undoOutcome = (_id, force) => force
		? {ok: true, plan: {checkIds: ['2.2'], title: 'Undo', steps: [], warnings: [], needsRoot: true, undoes: 'x'}}
		: {ok: false, code: 'changed-since', reason: `daemon.json changed ${'and changed '.repeat(20)}`, details: Array.from({length: 40}, (_, index) => `+${'x'.repeat(index * 3)}`)};
	const tui = await renderDockwarden(fake, size);
	const frames: Record<string, string> = {};
	const snap = (name: string) => {
		frames[name] = tui.frame();
		assertFits(t, frames[name], size, name);
	};

	snap('sections');
	await tui.press('?');
	snap('help');
	await tui.press('G');
	snap('help, scrolled');
	await tui.press('?', '/', 'audit');
	snap('search, typing');
	await tui.press(keys.enter);
	snap('search, kept');
	await tui.press(keys.escape, keys.enter, 's');
	snap('checks');
	await tui.press('/', 'ensure');
	snap('checks, filter open');
	await tui.press(keys.escape, 'j', keys.enter);
	snap('detail');
	await tui.press('G');
	snap('detail, scrolled');
	await tui.press('x', keys.enter);
	snap('waiver, refused');
	await tui.press('a long reason that goes on and on, well past the end of any field it is typed into', keys.tab, '2027-01');
	snap('waiver, typing');
	await tui.press(keys.escape, 'f');
	snap('confirm');
	fake.holdApply = true;
	await tui.press('y');
	snap('applying');
	fake.releaseApply();
	await tui.settle();
	snap('result');
	await tui.press(keys.enter, keys.escape, ' G ');
	snap('checks, selection');
	await tui.press('J');
	snap('journal');
	await tui.press(keys.enter);
	snap('journal entry');
	await tui.press('u');
	snap('undo refused');
	await tui.press('G');
	snap('undo refused, scrolled');
	await tui.press('U');
	snap('undo confirm');
	await tui.unmount();
	return frames;
}

test('at 60x15 every screen fits, under a one-line notice', async t => {
	const frames = await walk(t, small);
	for (const [name, frame] of Object.entries(frames)) {
		t.is(lines(frame)[0], 'small terminal: 60x15, best at 80x24 or larger', name);
	}

	t.regex(frames.detail!, /1\.1\.3 {2}Ensure auditing is configured for the Docker/);
	t.regex(frames['detail, scrolled']!, /Remediation/);
	t.regex(frames.confirm!, /Apply\? \[y\/N\]/);
	t.regex(frames['waiver, typing']!, /› 2027-01/);
	t.regex(frames['undo refused, scrolled']!, /U force undo/);
});

test('the walk reaches every screen', async t => {
	const frames = await walk(t, small);
	const expected: Record<string, RegExp> = {
		sections: /› 1 {2}Host Configuration/,
		help: /^Everywhere/m,
		'search, typing': /^Search every check: 4 matches/m,
		'search, kept': /^\/ audit {2}4 of 12/m,
		checks: /^1 {2}Host Configuration/m,
		'checks, filter open': /^\/ ensure/m,
		'waiver, refused': /A reason is required/,
		confirm: /Apply this fix\?/,
		applying: /Applying: Watch \/usr\/bin\/dockerd/,
		result: /Fixed: Watch \/usr\/bin\/dockerd/,
		'checks, selection': /› \[x\] \[WARN\] 1\.1\.6/,
		journal: /Journal of applied fixes: 3 entries/,
		'journal entry': /^Journal › 20251129T054800Z-2\.2 +CIS v1\.6\.0$/m,
		'undo refused': /Cannot undo: daemon\.json changed/,
		'undo confirm': /Undo\? \[y\/N\]/,
	};
	for (const [name, pattern] of Object.entries(expected)) {
		t.regex(frames[name]!, pattern, name);
	}
});

test('at 200x50 every screen fits and uses the space: no notice, 49 lines, wide lines', async t => {
	const frames = await walk(t, large);
	for (const [name, frame] of Object.entries(frames)) {
		t.notRegex(frame, /small terminal/, name);
		t.is(lines(frame).length, 49, name);
	}

	t.true(lines(frames.detail!).some(line => line.length > 120), 'the detail wraps to the wide terminal');
	t.regex(frames.detail!, /Remediation/, 'the whole detail shows at once');
	t.true(lines(frames.help!).filter(line => /^ {2}\S/.test(line)).length > 30, 'the help shows more keys at once');
});

/** The number of list rows in a frame. */
function rows(frame: string): number {
	return lines(frame).filter(line => /^(?:› | {2})\[[^\]]+\] /.test(line)).length;
}

async function search(size: Size): Promise<AppTui> {
	const tui = await renderDockwarden(createFakeServices({checks}), size);
	await tui.press('/');
	return tui;
}

test('a list of all 117 checks scrolls in the rows there are', async t => {
	let tui = await search(small);
	t.is(rows(tui.frame()), 15 - 1 - 4 - 1, 'the free line; notice, header, status and hint lines; the filter line');
	await tui.press(keys.enter, 'G');
	t.true(tui.frame().includes(`› [ -- ] ${checks.at(-1)!.id} `), 'the last check is selected and shown');
	assertFits(t, tui.frame(), small, 'bottom of the list');
	await tui.unmount();

	tui = await search(large);
	t.is(rows(tui.frame()), 50 - 1 - 3 - 1);
	await tui.unmount();
});

test('one column short of 80x24 brings the notice; 80x24 has none', async t => {
	const tui = await renderDockwarden(createFakeServices(), {columns: 80, rows: 24});
	t.notRegex(tui.frame(), /small terminal/);
	await tui.unmount();
	const narrow = await renderDockwarden(createFakeServices(), {columns: 79, rows: 24});
	t.is(lines(narrow.frame())[0], 'small terminal: 79x24, best at 80x24 or larger');
	t.is(lines(narrow.frame()).length, 23);
	await narrow.unmount();
});
