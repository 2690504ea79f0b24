import test from 'ava';
import {readsOnlyItsNeeds, type LooseLogic} from '../helpers/needs.js';
import type {Finding} from '../../source/benchmark/types.js';
import {section6Logic as section6LogicTable} from '../../source/benchmark/checks/section-6-operations.js';
import {makeContainer, makeFacts, nginxImage, nginxImageId, type FactOverrides} from '../helpers/fixture-facts.js';

/** The section's logic looked up by any id string. */
const section6Logic: LooseLogic = section6LogicTable;

const ids = ['6.1', '6.2'];

/** Runs one check's audit on fixture facts with these overrides. */
function audit(id: string, overrides: FactOverrides = {}): Finding {
	const logic = section6Logic[id];
	if (logic?.audit === undefined) {
		throw new Error(`no audit for ${id}`);
	}

	return logic.audit(makeFacts(overrides));
}

const unreachable: FactOverrides = {
	containers: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'},
	images: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'},
};

/** An unused image listed by `docker images --all`: tagged `app:N`, or untagged for some. */
const unusedImage = (index: number, tagged = true) => ({
	Id: `sha256:${index.toString(16).padStart(4, '0')}${'c'.repeat(60)}`,
	RepoTags: tagged ? [`app:${index}`] : [],
	Size: 10_000_000,
	Created: 1_700_000_000 + index,
});

const stopped = (name: string) => makeContainer(name, {State: {Running: false, Status: 'exited'}});

test('section 6 has logic for both checks, each with an audit and no fix', t => {
	t.deepEqual(Object.keys(section6Logic).sort(), ids);
	for (const id of ids) {
		t.is(typeof section6Logic[id].audit, 'function', id);
		t.is(section6Logic[id].planFix, undefined, id);
	}
});

test('each audit reads only the facts its needs list', t => {
	readsOnlyItsNeeds(t, section6Logic, [{}, unreachable].map(overrides => makeFacts(overrides)));
});

test('both checks are errors with the reason when docker is unreachable', t => {
	for (const id of ids) {
		const finding = audit(id, unreachable);
		t.is(finding.status, 'error', id);
		t.is(finding.summary, 'Cannot reach the Docker daemon: connect ENOENT /var/run/docker.sock', id);
	}
});

// 6.1 -----------------------------------------------------------------------------------------------

test('6.1 notes that the one image is in use', t => {
	const finding = audit('6.1');
	t.is(finding.status, 'note');
	t.is(finding.summary, 'The image is used by a container');
	t.deepEqual(finding.evidence, ['1 image: 1 in use by containers (running or stopped), 0 unused', 'in use: nginx:1.25']);
});

test('6.1 counts unused images and names at most 10, oldest first, then how many more', t => {
	const unused = Array.from({length: 14}, (_, index) => unusedImage(14 - index, index % 5 !== 0));
	const finding = audit('6.1', {images: {all: [{Id: nginxImageId, RepoTags: ['nginx:1.25'], Size: 187_000_000, Created: 1_707_933_600}, ...unused], inUse: [nginxImage]}});
	t.is(finding.status, 'note');
	t.is(finding.summary, '14 of 15 images are not used by any container');
	t.is(finding.evidence[0], '15 images: 1 in use by containers (running or stopped), 14 unused (3 untagged)');
	const named = finding.evidence.find(line => line.startsWith('unused, oldest first: '));
	t.truthy(named);
	t.is(named, 'unused, oldest first: app:1, app:2, app:3, 0004cccccccc (untagged), app:5, app:6, app:7, app:8, 0009cccccccc (untagged), app:10 and 4 more');
	t.regex(finding.evidence.join('\n'), /take up to 140 MB/);
});

// 6.2 -----------------------------------------------------------------------------------------------

test('6.2 notes running and stopped containers and names the stopped ones', t => {
	const finding = audit('6.2', {containers: {all: [makeContainer('web'), stopped('migrate'), stopped('old-web')]}});
	t.is(finding.status, 'note');
	t.is(finding.summary, '2 of 3 containers are stopped');
	t.is(finding.evidence[0], '3 containers: 1 running, 2 stopped');
	t.is(finding.evidence[1], 'stopped: migrate (exited, nginx:1.25), old-web (exited, nginx:1.25)');
});

test('6.2 names at most 10 stopped containers, then how many more', t => {
	const all = Array.from({length: 13}, (_, index) => stopped(`job-${index + 1}`));
	const finding = audit('6.2', {containers: {all}});
	t.regex(finding.evidence[1], /^stopped: job-1 \(exited, nginx:1\.25\), .*job-10 \(exited, nginx:1\.25\) and 3 more$/);
});

test('6.2 notes when every container runs, and when there is none', t => {
	t.is(audit('6.2').summary, 'The container is running');
	const none = audit('6.2', {containers: {all: []}});
	t.is(none.status, 'note');
	t.is(none.summary, 'There are no containers');
});
