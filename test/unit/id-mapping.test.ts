import test from 'ava';
import {insideId, parseIdMap, subordinateRanges} from '../../source/host/id-mapping.js';

test('a host uid maps back through uid_map to the uid inside the container', t => {
	const remapped = '         0     100000      65536\n';
	t.deepEqual(parseIdMap(remapped), [{inside: 0, outside: 100_000, count: 65_536}]);
	t.is(insideId(remapped, 100_000), 0);
	t.is(insideId(remapped, 101_000), 1000);
	t.is(insideId(remapped, 165_535), 65_535);
	t.is(insideId(remapped, 165_536), undefined, 'past the end of the range');
	t.is(insideId(remapped, 0), undefined, 'host root is not mapped into the container');
});

test('the initial user namespace maps every uid to itself; several lines are searched in turn', t => {
	t.is(insideId('         0          0 4294967295\n', 0), 0);
	t.is(insideId('         0          0 4294967295\n', 1000), 1000);
	const split = '0 1000 1\n1 100000 65536\n';
	t.is(insideId(split, 1000), 0);
	t.is(insideId(split, 100_004), 5);
	t.is(insideId('', 0), undefined);
});

test('the dockremap ranges are read from /etc/subuid lines', t => {
	const text = 'alice:165536:65536\ndockremap:100000:65536\n# comment\ndockremap:300000:1000\nbroken:line\n';
	t.deepEqual(subordinateRanges(text, 'dockremap'), [{start: 100_000, count: 65_536}, {start: 300_000, count: 1000}]);
	t.deepEqual(subordinateRanges(text, 'bob'), []);
	t.deepEqual(subordinateRanges('', 'dockremap'), []);
});
