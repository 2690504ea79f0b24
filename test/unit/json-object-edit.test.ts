import test from 'ava';
import {removeTopLevelKey, setTopLevelKey} from '../../source/benchmark/plans/json-object-edit.js';

const layouts = {
	tabs: '{\n\t"insecure-registries": ["registry.lab:5000"],\n\t"log-opts": {"max-size": "10m", "tag": "{{.Name}}"},\n\t"debug": true\n}\n',
	spaces: '{\n    "debug": true,\n    "data-root": "/srv/docker",\n    "default-ulimits": {\n        "nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}\n    }\n}\n',
	compact: '{"debug":true,"icc":true,"dns":["1.1.1.1","8.8.8.8"]}',
	oneKey: '{\n  "debug": true\n}\n',
	empty: '{}\n',
	strings: '{\n  "weird \\"key\\"": "a } ] , value",\n  "x": "{"\n}\n',
};

test('setting a new key adds one line after the last member, in its indent, and changes nothing else', t => {
	t.is(setTopLevelKey(layouts.tabs, 'userns-remap', 'default', '\t'), '{\n\t"insecure-registries": ["registry.lab:5000"],\n\t"log-opts": {"max-size": "10m", "tag": "{{.Name}}"},\n\t"debug": true,\n\t"userns-remap": "default"\n}\n');
	t.is(setTopLevelKey(layouts.compact, 'live-restore', true, '\t'), '{"debug":true,"icc":true,"dns":["1.1.1.1","8.8.8.8"], "live-restore": true}');
	t.is(setTopLevelKey(layouts.empty, 'icc', false, '\t'), '{\n\t"icc": false\n}\n');
	t.is(setTopLevelKey(layouts.spaces, 'log-opts', {'max-size': '10m'}, '    '), layouts.spaces.replace('\n}\n', ',\n    "log-opts": {\n        "max-size": "10m"\n    }\n}\n'));
});

test('setting an existing key changes its value in place', t => {
	t.is(setTopLevelKey(layouts.tabs, 'debug', false, '\t'), layouts.tabs.replace('"debug": true', '"debug": false'));
	t.is(setTopLevelKey(layouts.compact, 'icc', false, '\t'), layouts.compact.replace('"icc":true', '"icc":false'));
	t.is(setTopLevelKey(layouts.strings, 'x', 'y', '  '), layouts.strings.replace('"x": "{"', '"x": "y"'));
});

test('removing a key takes out its lines, and the comma before it when it was last', t => {
	t.is(removeTopLevelKey(layouts.tabs, 'debug'), '{\n\t"insecure-registries": ["registry.lab:5000"],\n\t"log-opts": {"max-size": "10m", "tag": "{{.Name}}"}\n}\n');
	t.is(removeTopLevelKey(layouts.tabs, 'insecure-registries'), '{\n\t"log-opts": {"max-size": "10m", "tag": "{{.Name}}"},\n\t"debug": true\n}\n');
	t.is(removeTopLevelKey(layouts.spaces, 'default-ulimits'), '{\n    "debug": true,\n    "data-root": "/srv/docker"\n}\n');
	t.is(removeTopLevelKey(layouts.oneKey, 'debug'), '{\n}\n');
	t.is(removeTopLevelKey(layouts.compact, 'icc'), '{"debug":true,"dns":["1.1.1.1","8.8.8.8"]}');
	t.is(removeTopLevelKey(layouts.compact, 'dns'), '{"debug":true,"icc":true}');
	t.is(removeTopLevelKey(layouts.compact, 'nothing'), layouts.compact);
});

test('every edit of every layout stays valid JSON with exactly the intended change', t => {
	const values: unknown[] = [false, 'default', 7, ['a', 'b'], {nested: {deep: [1, {x: null}]}}];
	for (const [name, text] of Object.entries(layouts)) {
		const before = JSON.parse(text) as Record<string, unknown>;
		for (const key of [...Object.keys(before), 'added-key']) {
			for (const value of values) {
				const edited = setTopLevelKey(text, key, value, '\t');
				t.deepEqual(JSON.parse(edited), {...before, [key]: value}, `${name}: set ${key}`);
			}

			const {[key]: _removed, ...rest} = before;
			t.deepEqual(JSON.parse(removeTopLevelKey(text, key)), rest, `${name}: remove ${key}`);
		}
	}
});
