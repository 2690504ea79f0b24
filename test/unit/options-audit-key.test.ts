import test from 'ava';
import {exitCodes} from '../../source/exit-codes.js';
import {parseOptions} from '../../source/options.js';

test('--audit-key that could split an audit rule line is a usage error before anything runs', t => {
	for (const key of ['has space', 'a\nb', '-dash', 'x'.repeat(32), '']) {
		const parsed = parseOptions([`--audit-key=${key}`, '--json'], {}, false);
		t.true('code' in parsed && parsed.code === exitCodes.usage, JSON.stringify(key));
		t.true('message' in parsed && parsed.message.startsWith('--audit-key: the audit key'), JSON.stringify(parsed));
	}

	const fine = parseOptions(['--audit-key', 'dw_test-1.2', '--json'], {}, false);
	t.true('auditKey' in fine && fine.auditKey === 'dw_test-1.2');
});
