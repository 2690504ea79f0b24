import test from 'ava';
import {exitCodes} from '../../source/exit-codes.js';
import {parseOptions, readOnlyFromEnvironment, type Options} from '../../source/options.js';
import {actionFor, helpLines, hintLine, keyTable, readOnlyRefused, readOnlyRefusedAction, type InputMode} from '../../source/ui/keys.js';
import {appReducer} from '../../source/ui/app/app-reducer.js';
import {currentScreen, initialAppState, inputMode, type AppState} from '../../source/ui/app/app-state.js';
import {readOnlyNotice} from '../../source/ui/app/requests.js';
import {detailLines} from '../../source/ui/screens/detail/detail-lines.js';
import {entryLines} from '../../source/ui/screens/journal/journal-lines.js';
import {fakeChecks, fakeJournal, fakeSections, initialResults} from '../helpers/fake-services.js';

function parse(argv: readonly string[], environment: NodeJS.ProcessEnv = {}): Options {
	const parsed = parseOptions(argv, environment, false);
	if ('message' in parsed || 'print' in parsed) {
		throw new Error(JSON.stringify(parsed));
	}

	return parsed;
}

test('--read-only and DOCKWARDEN_READ_ONLY=1 or true turn read-only mode on; unset, empty, 0 and false leave it off', t => {
	t.false(parse([]).readOnly);
	t.true(parse(['--read-only']).readOnly);
	t.true(parse(['fix', '1.1.3', '--read-only']).readOnly);
	for (const value of ['1', 'true', 'TRUE', ' True ']) {
		t.true(parse([], {DOCKWARDEN_READ_ONLY: value}).readOnly, value);
	}

	for (const value of ['', '0', 'false', 'FALSE']) {
		t.false(parse([], {DOCKWARDEN_READ_ONLY: value}).readOnly, value);
		t.true(parse(['--read-only'], {DOCKWARDEN_READ_ONLY: value}).readOnly, `the flag wins over ${JSON.stringify(value)}`);
	}

	t.true(parse(['--no-read-only'], {DOCKWARDEN_READ_ONLY: '1'}).readOnly, 'the variable cannot be switched off from the command line');
});

test('a DOCKWARDEN_READ_ONLY that is neither on nor off is a usage error, not a guess', t => {
	for (const value of ['yes', '2', 'on', 'readonly']) {
		t.is(readOnlyFromEnvironment(value), undefined, value);
		const parsed = parseOptions([], {DOCKWARDEN_READ_ONLY: value}, false);
		t.true('message' in parsed, value);
		if ('message' in parsed) {
			t.is(parsed.code, exitCodes.usage);
			t.regex(parsed.message, /^DOCKWARDEN_READ_ONLY=".*" is not understood: use 1 or true/);
		}
	}

	// The operator's environment is printed back: a control character in it is escaped, not sent to the terminal.
	const parsed = parseOptions([], {DOCKWARDEN_READ_ONLY: '\u001B[2J'}, false);
	t.true('message' in parsed && !parsed.message.includes('\u001B'));
});

test('read-only mode has its own exit code, beside the others', t => {
	const codes = Object.values(exitCodes);
	t.is(codes.filter(code => code === exitCodes.readOnly).length, 1);
	t.false([0, 1, 2, 130].includes(exitCodes.readOnly));
});

const modes: readonly InputMode[] = ['sections', 'checks', 'filter', 'detail', 'waiver', 'confirm', 'applying', 'result', 'journal', 'journal-entry', 'undo-refused', 'help'];

test('in read-only mode no hint and no help line offers a fix, undo or waiver, and their keys are bound to nothing', t => {
	const refusedHints = keyTable.filter(binding => readOnlyRefused.has(binding.action) && binding.hint !== undefined).map(binding => binding.hint!);
	t.true(refusedHints.includes('f fix') && refusedHints.includes('x waive') && refusedHints.includes('u undo'));
	for (const mode of modes) {
		const hints = hintLine(mode, Number.POSITIVE_INFINITY, true).split('  ');
		for (const hint of refusedHints) {
			t.false(hints.includes(hint), `${mode}: ${hint}`);
		}
	}

	t.regex(hintLine('checks', 80), /f fix/, 'outside read-only mode the hint is there');
	const help = helpLines(true).map(line => line.text).join('\n');
	for (const binding of keyTable.filter(binding => readOnlyRefused.has(binding.action))) {
		t.false(help.includes(binding.description), binding.action);
	}

	t.notRegex(help, /Fix confirm|Waiver form|Undo refused|Applying a fix|Fix result/, 'no screen that only a refused key leads to');
	t.regex(help, /Open the journal of applied fixes, to read them$/m);
	t.regex(help, /Prove a passing audit rule/, 'p stays: it reads or runs --version, and changes nothing');
	t.regex(helpLines().map(line => line.text).join('\n'), /Plan the fix/);

	t.is(actionFor('checks', 'f', true), undefined);
	t.is(actionFor('detail', 'x', true), undefined);
	t.is(actionFor('checks', 'space', true), undefined);
	t.is(actionFor('journal', 'u', true), undefined);
	t.is(actionFor('journal', 'enter', true), 'open', 'the journal is still read');
	t.is(actionFor('detail', 'p', true), 'prove');
	t.is(actionFor('checks', 'f'), 'fix');
	t.is(readOnlyRefusedAction('checks', 'f'), 'fix');
	t.is(readOnlyRefusedAction('journal-entry', 'u'), 'undo');
	t.is(readOnlyRefusedAction('filter', 'f'), undefined, 'in the filter input f is text');
	t.is(readOnlyRefusedAction('result', 'f'), undefined, 'a key that only falls to "any key" refuses nothing');
});

function start(readOnly: boolean): AppState {
	return {...initialAppState({sections: fakeSections, checks: fakeChecks, columns: 80, rows: 24, readOnly}), results: initialResults()};
}

function press(state: AppState, ...names: string[]): AppState {
	return names.reduce((current, name) => appReducer(current, {type: 'key', mode: inputMode(current), name}), state);
}

test('in read-only mode f, x, space and u only say "read-only" on the status line; nothing is asked of the world', t => {
	// Section 1 lists 1.1.1 and 1.1.3, a fixable WARN.
	let state = press(start(true), 'enter', 'j');
	t.is(currentScreen(state).name, 'checks');
	for (const name of ['f', 'x', 'space', 'c']) {
		const next = press(state, name);
		t.is(next.notice, readOnlyNotice, name);
		t.deepEqual(next.effects, state.effects, name);
		t.deepEqual(next.stack, state.stack, name);
	}

	state = press(state, 'enter');
	t.is(currentScreen(state).name, 'detail');
	for (const name of ['f', 'x']) {
		const next = press(state, name);
		t.is(next.notice, readOnlyNotice, name);
		t.deepEqual(next.stack, state.stack, name);
		t.false(next.effects.some(effect => effect.type === 'plan-fix'), name);
	}

	state = press(state, 'escape', 'J');
	t.is(currentScreen(state).name, 'journal');
	t.true(state.effects.some(effect => effect.type === 'load-journal'), 'the journal is read');
	state = appReducer(state, {type: 'journal-loaded', outcome: {ok: true, entries: fakeJournal()}});
	const undo = press(state, 'u');
	t.is(undo.notice, readOnlyNotice);
	t.false(undo.effects.some(effect => effect.type === 'plan-undo'));
	const entry = press(state, 'enter');
	t.is(currentScreen(entry).name, 'journal-entry');
	t.false(press(entry, 'u').effects.some(effect => effect.type === 'plan-undo'));

	const writable = press(start(false), 'enter', 'j', 'f');
	t.true(writable.effects.some(effect => effect.type === 'plan-fix'), 'the same keys plan a fix outside read-only mode');
});

test('in read-only mode the detail and the journal entry do not say to press f, x or u', t => {
	const check = fakeChecks.find(candidate => candidate.id === '1.1.3')!;
	const result = initialResults()['1.1.3'];
	const text = (readOnly: boolean) => detailLines(check, result, false, 80, undefined, undefined, readOnly).map(line => line.text).join('\n');
	t.regex(text(false), /press f to see the fix, or x to waive it/);
	t.notRegex(text(true), /press f|press x| x to /);
	t.regex(text(true), /fixable, outside read-only mode/);
	const entry = fakeJournal().find(candidate => candidate.undoneAt === undefined)!;
	t.true(entryLines(entry, 80).some(line => /u undoes it/.test(line.text)));
	t.false(entryLines(entry, 80, true).some(line => /u undoes it/.test(line.text)));
});
