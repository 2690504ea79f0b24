import test from 'ava';
import {escapeLineStart} from '../../source/report/markdown-text.js';

test('a list item\'s text is escaped only where it would start a block: a check id stays as it is', t => {
	t.is(escapeLineStart('1.1.3 - Ensure auditing'), '1.1.3 - Ensure auditing');
	t.is(escapeLineStart('1. not a list'), '1\\. not a list');
	t.is(escapeLineStart('12) not a list'), '12\\) not a list');
	t.is(escapeLineStart('3.'), '3\\.');
	t.is(escapeLineStart('# not a heading'), '\\# not a heading');
	t.is(escapeLineStart('- not a list'), '\\- not a list');
});
