import test from 'ava';
import type {Key} from 'ink';
import {actionFor, bindingsFor, helpLines, hintLine, keyNames, keyTable} from '../../../source/ui/keys.js';
import {screens} from '../../../source/ui/app/registry.js';

const none: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

test('keyNames splits a pasted chunk into one name per key', t => {
	t.deepEqual(keyNames('jj', none), ['j', 'j']);
	t.deepEqual(keyNames('j\r', none), ['j', 'enter']);
	t.deepEqual(keyNames('G', {...none, shift: true}), ['G']);
});

test('keyNames names the special keys', t => {
	t.deepEqual(keyNames('', {...none, downArrow: true}), ['down']);
	t.deepEqual(keyNames('', {...none, pageUp: true}), ['pageup']);
	t.deepEqual(keyNames('', {...none, return: true}), ['enter']);
	t.deepEqual(keyNames('', {...none, escape: true, meta: true}), ['escape']);
	t.deepEqual(keyNames('', {...none, delete: true}), ['backspace']);
	t.deepEqual(keyNames('c', {...none, ctrl: true}), ['ctrl+c']);
	t.deepEqual(keyNames('j', {...none, meta: true}), []);
});

test('on the confirm only y applies; anything else but scrolling and help cancels', t => {
	t.is(actionFor('confirm', 'y'), 'apply');
	for (const name of ['n', 'N', 'Y', 'escape', 'q', 'enter', 'x', 'space', 'backspace', 'left']) {
		t.is(actionFor('confirm', name), 'cancel', name);
	}

	t.is(actionFor('confirm', 'down'), 'down');
	t.is(actionFor('confirm', '?'), 'help');
	t.is(actionFor('confirm', 'ctrl+c'), 'interrupt');
	t.is(keyTable.filter(binding => binding.action === 'apply').flatMap(binding => binding.keys).join(), 'y');
});

test('the result screen continues on any key but q quits', t => {
	t.is(actionFor('result', 'enter'), 'continue');
	t.is(actionFor('result', 'x'), 'continue');
	t.is(actionFor('result', 'q'), 'quit');
	t.is(actionFor('result', 'j'), 'down');
});

test('screens map their keys through the table', t => {
	t.is(actionFor('sections', 'enter'), 'open');
	t.is(actionFor('sections', 'w'), undefined);
	t.is(actionFor('checks', 'w'), 'warn-only');
	t.is(actionFor('checks', 's'), 'run-section');
	t.is(actionFor('checks', 'escape'), 'back');
	t.is(actionFor('detail', 'f'), 'fix');
	t.is(actionFor('detail', 'k'), 'up');
	t.is(actionFor('applying', 'q'), 'quit');
	t.is(actionFor('applying', 'y'), undefined);
	t.is(actionFor('help', 'escape'), 'back');
	t.is(actionFor('help', 'y'), undefined);
});

test('the selection, journal and undo keys', t => {
	t.is(actionFor('checks', 'space'), 'select');
	t.is(actionFor('checks', 'c'), 'clear-selection');
	t.is(actionFor('checks', 'J'), 'journal');
	t.is(actionFor('sections', 'J'), 'journal');
	t.is(actionFor('sections', 'space'), undefined);
	t.is(actionFor('journal', 'u'), 'undo');
	t.is(actionFor('journal', 'enter'), 'open');
	t.is(actionFor('journal', 'U'), undefined, 'a forced undo only after its refusal was shown');
	t.is(actionFor('journal-entry', 'u'), 'undo');
	t.is(actionFor('undo-refused', 'U'), 'force-undo');
	t.is(actionFor('undo-refused', 'u'), undefined);
	for (const mode of ['journal', 'journal-entry', 'undo-refused'] as const) {
		t.is(actionFor(mode, 'escape'), 'back', mode);
		t.is(actionFor(mode, 'q'), 'quit', mode);
		t.is(actionFor(mode, 'j'), 'down', mode);
		t.is(actionFor(mode, 'y'), undefined, mode);
	}

	t.is(actionFor('confirm', 'J'), 'cancel', 'the confirm still cancels on anything but y');
});

test('a key means one thing per screen', t => {
	for (const mode of ['sections', 'checks', 'filter', 'detail', 'waiver', 'confirm', 'applying', 'result', 'journal', 'journal-entry', 'undo-refused', 'help'] as const) {
		const names = bindingsFor(mode).flatMap(binding => binding.keys);
		t.is(new Set(names).size, names.length, mode);
	}
});

test('the hint line fits the width and keeps help and quit', t => {
	for (const mode of ['sections', 'checks', 'detail', 'confirm', 'applying', 'result', 'journal', 'journal-entry', 'undo-refused', 'help'] as const) {
		const line = hintLine(mode, 80);
		t.true(line.length <= 80, mode);
		t.regex(line, /\?/);
	}

	t.regex(hintLine('checks', 80), /f fix/);
	t.regex(hintLine('checks', 80), /space select/);
	t.regex(hintLine('checks'), /c clear {2}J journal/);
	t.regex(hintLine('sections', 80), /J journal/);
	t.regex(hintLine('journal', 80), /enter open {2}u undo/);
	t.regex(hintLine('undo-refused', 80), /U force undo/);
	t.regex(hintLine('checks'), /↑↓ move/);
	t.regex(hintLine('confirm'), /y apply {2}n cancel/);
});

test('the help lists every binding under a heading; the host list and the way back to it only in a fleet', t => {
	const text = helpLines(false, true).map(line => line.text).join('\n');
	for (const binding of keyTable) {
		t.true(text.includes(binding.description), binding.action);
	}

	const headings = (fleet: boolean) => helpLines(false, fleet).filter(line => line.kind === 'heading').map(line => line.text);
	t.deepEqual(headings(false), headings(true).filter(heading => heading !== 'Host list (a fleet: several --host)'));
	t.false(helpLines().some(line => line.text.includes('Back to the host list')));
	t.deepEqual(headings(true), [
		'Everywhere',
		'Moving and scrolling',
		'Host list (a fleet: several --host)',
		'Sections',
		'Checks of a section',
		'Filter input',
		'Check detail',
		'Waiver form',
		'How to restart dockerd',
		'Fix confirm',
		'Fix result',
		'Journal',
		'Journal entry',
		'Undo refused',
		'Benchmark version',
	]);
});

test('the filter and waiver keys', t => {
	t.is(actionFor('sections', '/'), 'filter');
	t.is(actionFor('checks', '/'), 'filter');
	t.is(actionFor('detail', '/'), undefined);
	t.is(actionFor('checks', 'x'), 'waive');
	t.is(actionFor('detail', 'x'), 'waive');
	t.is(actionFor('sections', 'x'), undefined);
	t.is(actionFor('confirm', 'x'), 'cancel', 'the confirm still cancels on anything but y');
});

test('on the filter input and the waiver form, keys are text but for a few', t => {
	for (const mode of ['filter', 'waiver'] as const) {
		for (const name of ['q', 'j', 'k', 'y', 'f', 'x', 'r', 'a', '?', '/', 'J', 'space', 'G']) {
			t.is(actionFor(mode, name), 'type', `${mode} ${name}`);
		}

		t.is(actionFor(mode, 'backspace'), 'delete-char', mode);
		t.is(actionFor(mode, 'ctrl+c'), 'interrupt', mode);
	}

	t.is(actionFor('filter', 'enter'), 'filter-keep');
	t.is(actionFor('filter', 'escape'), 'filter-clear');
	t.is(actionFor('waiver', 'tab'), 'next-field');
	t.is(actionFor('waiver', 'enter'), 'submit');
	t.is(actionFor('waiver', 'escape'), 'cancel');
});

test('the hint lines of the new modes and keys', t => {
	t.is(hintLine('filter', 80), 'enter keep  esc clear  ⌫ delete');
	t.is(hintLine('waiver', 80), 'tab field  enter next/save  esc cancel  ⌫ delete');
	t.regex(hintLine('sections', 80), /\/ filter/);
	t.regex(hintLine('checks', 80), /\/ filter/);
	t.regex(hintLine('checks'), /x waive/);
	t.regex(hintLine('detail', 80), /x waive/);
	for (const mode of ['sections', 'checks', 'filter', 'detail', 'waiver'] as const) {
		t.true(hintLine(mode, 60).length <= 60, mode);
	}
});

test('the key table and the screen table agree: each screen takes exactly the actions the table binds to its modes', t => {
	// The app handles help, quit and Ctrl+C itself; every other action bound to a screen's modes must reach its reducer.
	const appLevel = new Set<string>(['help', 'quit', 'interrupt']);
	for (const [name, screen] of Object.entries(screens)) {
		const modes: string[] = [name, ...(screen as {inputs?: ReadonlyArray<{mode: string}>}).inputs?.map(input => input.mode) ?? []];
		const bound = new Set(keyTable.filter(binding => binding.modes.some(mode => modes.includes(mode)) && !appLevel.has(binding.action)).map(binding => binding.action));
		t.deepEqual([...new Set<string>(screen.keys)].sort(), [...bound].sort(), name);
	}
});
