import test from 'ava';
import {fitTitle} from '../../../source/ui/parts/fit-title.js';
import {clamp, maxOffset, moveCursor, scrollBy, windowStart} from '../../../source/ui/parts/scroll.js';
import {expandTabs, hardWrap, indentWrap, wrapText} from '../../../source/ui/parts/wrap-text.js';

test('wrapText breaks at spaces within the width and keeps line breaks', t => {
	t.deepEqual(wrapText('one two three four', 9), ['one two', 'three', 'four']);
	t.deepEqual(wrapText('a\n\nb', 5), ['a', '', 'b']);
	t.deepEqual(wrapText('', 5), ['']);
});

test('wrapText cuts a word longer than the width', t => {
	t.deepEqual(wrapText('abcdefghij xy', 4), ['abcd', 'efgh', 'ij', 'xy']);
	for (const line of wrapText('/a/very/long/path/without/spaces/in/it and more', 7)) {
		t.true(line.length <= 7);
	}
});

test('hardWrap loses nothing, not even spaces', t => {
	const text = 'auditctl -w /usr/bin/dockerd  -k docker';
	t.is(hardWrap(text, 10).join(''), text);
	t.true(hardWrap(text, 10).every(line => line.length <= 10));
});

test('tabs become spaces up to the next stop', t => {
	t.is(expandTabs('ab\tc'), 'ab      c');
	t.is(expandTabs('--- a\t(current)', 4), '--- a   (current)');
	t.deepEqual(hardWrap('a\tb', 80), ['a       b']);
});

test('indentWrap indents every line within the width', t => {
	t.deepEqual(indentWrap('one two three', 9, '  '), ['  one two', '  three']);
});

test('scroll helpers keep offsets and cursors in range', t => {
	t.is(clamp(5, 0, 3), 3);
	t.is(clamp(-1, 0, 3), 0);
	t.is(clamp(2, 0, -1), 0);
	t.is(maxOffset(10, 4), 6);
	t.is(maxOffset(3, 4), 0);
	t.is(scrollBy(5, 10, 10, 4), 6);
	t.is(scrollBy(1, -5, 10, 4), 0);
	t.is(moveCursor(0, -1, 5), 0);
	t.is(moveCursor(4, 1, 5), 4);
	t.is(moveCursor(0, 1, 0), 0);
});

test('windowStart keeps the cursor in view', t => {
	for (let cursor = 0; cursor < 30; cursor++) {
		const start = windowStart(cursor, 30, 7);
		t.true(cursor >= start && cursor < start + 7, String(cursor));
		t.true(start >= 0 && start <= 23);
	}

	t.is(windowStart(3, 5, 10), 0);
});

test('a long title keeps its distinguishing tail: the audit checks of 1.1 stay apart at 80 columns', t => {
	const title = 'Ensure auditing is configured for Docker files and directories - /run/containerd';
	t.is(fitTitle(title, 60), 'Ensure auditing is configured for Docker… - /run/containerd');
	t.true(fitTitle(title, 60).length <= 60);
	t.is(fitTitle('Ensure that the Docker socket is not mounted inside any containers', 30), 'Ensure that the Docker socket…');
	t.is(fitTitle('Short title', 30), 'Short title');
});
