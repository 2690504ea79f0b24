import test from 'ava';
import {readsOnlyItsNeeds, type LooseLogic} from '../helpers/needs.js';
import type {ContainerInspect, ImageInspect} from '../../source/model/facts.js';
import type {Finding} from '../../source/benchmark/types.js';
import {isRootUser, section4Logic as section4LogicTable} from '../../source/benchmark/checks/section-4-images.js';
import {makeContainer, makeFacts, nginxImage, nginxImageId, type FactOverrides} from '../helpers/fixture-facts.js';

/** The section's logic looked up by any id string. */
const section4Logic: LooseLogic = section4LogicTable;

const ids = Array.from({length: 12}, (_, index) => `4.${index + 1}`);

/** Runs one check's audit on fixture facts with these overrides. */
function audit(id: string, overrides: FactOverrides = {}): Finding {
	const logic = section4Logic[id];
	if (logic?.audit === undefined) {
		throw new Error(`no audit for ${id}`);
	}

	return logic.audit(makeFacts(overrides));
}

/** All evidence lines as one string, for substring assertions. */
const evidenceText = (finding: Finding): string => finding.evidence.join('\n');

const appImageId = 'sha256:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c';

/** An image in use built on the fixture's nginx, with its own layers on top (newest first). */
function appImage(layers: readonly string[], overrides: Partial<ImageInspect> = {}): ImageInspect {
	return {
		...nginxImage,
		Id: appImageId,
		RepoTags: ['registry.example.com/shop/app:2.1'],
		Created: '2024-05-01T10:00:00Z',
		Config: {User: 'app', Healthcheck: {Test: ['CMD-SHELL', 'curl -fsS http://localhost:8080/health || exit 1']}},
		history: [...layers.map(CreatedBy => ({CreatedBy, Size: 1000})), ...nginxImage.history],
		...overrides,
	};
}

const appContainer = (name: string, overrides: Parameters<typeof makeContainer>[1] = {}): ContainerInspect =>
	makeContainer(name, {Image: appImageId, ...overrides, Config: {Image: 'registry.example.com/shop/app:2.1', User: 'app', ...overrides.Config}});

/** Facts where these images are in use by these containers (and listed among all images). */
function inUse(images: readonly ImageInspect[], containers: readonly ContainerInspect[]): FactOverrides {
	return {
		images: {inUse: images, all: images.map(image => ({Id: image.Id, RepoTags: image.RepoTags, Size: 50_000_000, Created: 1_714_557_600}))},
		containers: {all: containers},
	};
}

const unreachable: FactOverrides = {
	containers: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'},
	images: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'},
};

// Catalogue shape -----------------------------------------------------------------------------------

test('section 4 has logic for all 12 checks, each with an audit and no fix', t => {
	t.deepEqual(Object.keys(section4Logic).sort(), [...ids].sort());
	for (const id of ids) {
		t.is(typeof section4Logic[id].audit, 'function', id);
		t.is(section4Logic[id].planFix, undefined, id);
		t.true(section4Logic[id].needs.length > 0, id);
	}
});

test('each audit reads only the facts its needs list', t => {
	const variants: FactOverrides[] = [
		{},
		unreachable,
		{containers: {all: [makeContainer('web', {State: {Running: false, Status: 'exited'}})]}},
		{containers: {all: []}, images: {inUse: [], all: []}},
		inUse([appImage(['/bin/sh -c apt-get update', '/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2'])], [appContainer('shop')]),
	];
	readsOnlyItsNeeds(t, section4Logic, variants.map(overrides => makeFacts(overrides)));
});

test('every finding has a summary and evidence on the default fixture', t => {
	for (const id of ids) {
		const finding = audit(id);
		t.true(finding.summary.length > 0, id);
		t.true(finding.evidence.length > 0, id);
	}
});

test('manual checks are notes and name the image in use', t => {
	for (const id of ['4.2', '4.3', '4.4', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12']) {
		const finding = audit(id);
		t.is(finding.status, 'note', id);
		t.regex(evidenceText(finding), /nginx:1\.25/, id);
	}
});

test('every check that reads the Docker API is an error with the reason when docker is unreachable', t => {
	for (const id of ids.filter(id => id !== '4.5')) {
		const finding = audit(id, unreachable);
		t.is(finding.status, 'error', id);
		t.is(finding.summary, 'Cannot reach the Docker daemon: connect ENOENT /var/run/docker.sock', id);
	}
});

// 4.1 -----------------------------------------------------------------------------------------------

test('isRootUser: empty, root and 0 as the user part are root', t => {
	for (const user of ['', 'root', '0', '0:0', 'root:root', 'root:1000']) {
		t.true(isRootUser(user), user);
	}

	for (const user of ['1000', '1000:1000', 'app', 'nobody:nogroup']) {
		t.false(isRootUser(user), user);
	}
});

test('4.1 warns for a container running as root, naming it and its image', t => {
	const finding = audit('4.1');
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /^1 of 1 running container runs as root: web$/);
	t.is(finding.evidence[0], 'web (nginx:1.25) runs as root: no USER in the image and no --user');
});

test('4.1 passes for a container started with --user 1000', t => {
	const web = makeContainer('web', {Config: {User: '1000'}});
	const finding = audit('4.1', {containers: {all: [web]}});
	t.is(finding.status, 'pass');
	t.is(finding.evidence[0], 'web (nginx:1.25) runs as 1000: --user 1000, overriding the image, which has no USER');
});

test('4.1 names only the root containers among several, and says which were not considered', t => {
	const finding = audit('4.1', inUse([nginxImage, appImage([])], [
		makeContainer('web'),
		appContainer('shop'),
		makeContainer('admin', {Config: {User: '0:0'}}),
		makeContainer('old', {State: {Running: false, Status: 'exited'}}),
	]));
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /^2 of 3 running containers run as root: web, admin$/);
	t.true(finding.evidence.includes('shop (registry.example.com/shop/app:2.1) runs as app: USER app in the image'));
	t.true(finding.evidence.includes('admin (nginx:1.25) runs as root: --user 0:0, overriding the image, which has no USER'));
	t.regex(evidenceText(finding), /considered the 3 running containers; not running, so not considered: old/);
});

test('4.1 falls back to the images in use when no container runs, and says so', t => {
	const stopped = makeContainer('web', {State: {Running: false, Status: 'exited'}});
	const finding = audit('4.1', {containers: {all: [stopped]}});
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /no container is running/i);
	t.regex(finding.evidence[0], /no container is running: judged from the USER of the 1 image that stopped containers use/);
	t.true(finding.evidence.includes('nginx:1.25 runs as root (no USER); used by web'));
});

test('4.1 passes from an image USER when no container runs', t => {
	const finding = audit('4.1', inUse([appImage([])], [appContainer('shop', {State: {Running: false, Status: 'exited'}})]));
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('registry.example.com/shop/app:2.1 runs as USER app; used by shop'));
});

test('4.1 skips without containers and images in use', t => {
	const finding = audit('4.1', {containers: {all: []}, images: {inUse: [], all: []}});
	t.is(finding.status, 'skip');
});

// 4.2 -----------------------------------------------------------------------------------------------

test('4.2 lists the images in use with tags and origin, and names an untagged one', t => {
	const retagged: ImageInspect = {...appImage([]), RepoTags: []};
	const finding = audit('4.2', inUse([nginxImage, retagged], [makeContainer('web'), appContainer('shop')]));
	t.is(finding.status, 'note');
	t.regex(finding.summary, /2 images in use \(1 without a tag\)/);
	t.true(finding.evidence.includes('nginx:1.25 (a8758716bb6a): Docker Hub official library; used by web'));
	t.true(finding.evidence.includes('0b1c2d3e4f5a: no tag (dangling), its origin cannot be told from the image; started as registry.example.com/shop/app:2.1, a tag that now names another image; used by shop'));
});

test('4.2 names the registry host of a tag', t => {
	const finding = audit('4.2', inUse([appImage([])], [appContainer('shop')]));
	t.regex(evidenceText(finding), /registry\.example\.com\/shop\/app:2\.1 \(0b1c2d3e4f5a\): registry registry\.example\.com; used by shop/);
});

// 4.3 / 4.4 -----------------------------------------------------------------------------------------

test('4.3 names each image with its size, layers and creation age', t => {
	const finding = audit('4.3');
	t.is(finding.status, 'note');
	t.regex(finding.evidence[0], /^nginx:1\.25: 187 MB, 4 layers, created 2024-02-14 \(\d+ days ago\)$/);
});

test('4.4 names old images first and marks them', t => {
	const fresh = appImage([], {Created: new Date(Date.now() - (3 * 24 * 60 * 60 * 1000)).toISOString()});
	const finding = audit('4.4', inUse([fresh, nginxImage], [appContainer('shop'), makeContainer('web')]));
	t.is(finding.status, 'note');
	t.regex(finding.summary, /2 images in use; 1 built over 90 days ago/);
	t.regex(finding.evidence[0], /^nginx:1\.25: created 2024-02-14 \(\d+ days ago\), over 90 days old$/);
	t.regex(finding.evidence[1], /^registry\.example\.com\/shop\/app:2\.1: created \S+ \(3 days ago\)$/);
});

// 4.5 -----------------------------------------------------------------------------------------------

test('4.5 warns when DOCKER_CONTENT_TRUST is set nowhere, naming every file looked at', t => {
	const finding = audit('4.5');
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('/etc/environment: DOCKER_CONTENT_TRUST not set'));
	t.true(finding.evidence.includes('/root/.bashrc: DOCKER_CONTENT_TRUST not set'));
	t.true(finding.evidence.includes('the environment dockwarden runs in: DOCKER_CONTENT_TRUST not set'));
});

test('4.5 passes when /etc/environment sets DOCKER_CONTENT_TRUST=1', t => {
	const finding = audit('4.5', {contentTrust: {files: [{path: '/etc/environment', value: '1'}, {path: '/root/.bashrc'}]}});
	t.is(finding.status, 'pass');
	t.regex(finding.summary, /enabled in \/etc\/environment/);
	t.true(finding.evidence.includes('/etc/environment: DOCKER_CONTENT_TRUST=1 (content trust on)'));
});

test('4.5 passes from dockwarden\'s own environment', t => {
	t.is(audit('4.5', {contentTrust: {environment: '1'}}).status, 'pass');
});

test('4.5 warns for DOCKER_CONTENT_TRUST=0 and warns of a file that turns it off again', t => {
	const off = audit('4.5', {contentTrust: {files: [{path: '/etc/environment', value: '0'}]}});
	t.is(off.status, 'warn');
	t.true(off.evidence.includes('/etc/environment: DOCKER_CONTENT_TRUST=0 (content trust off)'));
	const overridden = audit('4.5', {contentTrust: {files: [{path: '/etc/environment', value: '1'}, {path: '/root/.bashrc', value: 'false'}]}});
	t.is(overridden.status, 'pass');
	t.regex(evidenceText(overridden), /beware: \/root\/\.bashrc turns content trust off again/);
});

// 4.6 -----------------------------------------------------------------------------------------------

test('4.6 warns for an image without HEALTHCHECK, naming the containers using it', t => {
	const finding = audit('4.6');
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], 'nginx:1.25 has no HEALTHCHECK; used by web without a health check');
});

test('4.6 warns for an image with HEALTHCHECK NONE', t => {
	const none = appImage([], {Config: {User: 'app', Healthcheck: {Test: ['NONE']}}});
	const finding = audit('4.6', inUse([none], [appContainer('shop')]));
	t.is(finding.status, 'warn');
	t.regex(finding.evidence[0], /^registry\.example\.com\/shop\/app:2\.1 has HEALTHCHECK NONE, which turns off any check of its base image; used by shop/);
});

test('4.6 passes when every image in use has a HEALTHCHECK', t => {
	const finding = audit('4.6', inUse([appImage([])], [appContainer('shop')]));
	t.is(finding.status, 'pass');
	t.is(finding.evidence[0], 'registry.example.com/shop/app:2.1: HEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1');
});

test('4.6 counts an image as covered when every container using it adds --health-cmd', t => {
	const web = makeContainer('web', {Config: {Healthcheck: {Test: ['CMD-SHELL', 'curl -f http://localhost/']}}});
	const finding = audit('4.6', {containers: {all: [web]}});
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /nginx:1\.25 has no HEALTHCHECK, but every container using it adds its own \(--health-cmd\): web/);
});

test('4.6 skips when no image is in use', t => {
	t.is(audit('4.6', {containers: {all: []}, images: {inUse: [], all: []}}).status, 'skip');
});

// 4.7 -----------------------------------------------------------------------------------------------

test('4.7 names the layer that runs apt-get update alone', t => {
	const image = appImage(['/bin/sh -c apt-get install -y curl', '/bin/sh -c apt-get update']);
	const finding = audit('4.7', inUse([image], [appContainer('shop')]));
	t.is(finding.status, 'note');
	t.regex(finding.summary, /^1 image updates a package index alone in a layer$/);
	t.is(finding.evidence[0], 'registry.example.com/shop/app:2.1: docker history line 2 of 6: RUN apt-get update (apt-get update with no install in the same layer)');
});

test('4.7 accepts apt-get update && apt-get install in one layer', t => {
	const image = appImage(['/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl']);
	const finding = audit('4.7', inUse([image], [appContainer('shop')]));
	t.is(finding.status, 'note');
	t.regex(finding.summary, /^No layer of an image in use updates a package index alone$/);
	t.false(evidenceText(finding).includes('docker history line'));
});

test('4.7 finds apk, yum and dnf updates alone, in legacy and BuildKit history', t => {
	const image = appImage([
		'RUN /bin/sh -c apk update # buildkit',
		'/bin/sh -c yum -y update',
		'|1 VERSION=2 /bin/sh -c dnf update -y && dnf clean all',
		'RUN /bin/sh -c apk update && apk add curl # buildkit',
	]);
	const finding = audit('4.7', inUse([image], [appContainer('shop')]));
	const text = evidenceText(finding);
	t.regex(text, /line 1 of 8: RUN \/bin\/sh -c apk update \(apk update with/);
	t.regex(text, /line 2 of 8: RUN yum -y update/);
	t.regex(text, /line 3 of 8: RUN \|1 VERSION=2 \/bin\/sh -c dnf update -y/);
	t.false(text.includes('line 4 of 8'));
});

// 4.8 -----------------------------------------------------------------------------------------------

test('4.8 says how to list setuid and setgid files of each image', t => {
	const finding = audit('4.8');
	t.is(finding.status, 'note');
	t.is(finding.evidence[0], 'nginx:1.25: docker run --rm --entrypoint find nginx:1.25 / -perm /6000 -type f');
});

// 4.9 -----------------------------------------------------------------------------------------------

test('4.9 says the ADD of a base layer is the usual base layer', t => {
	const finding = audit('4.9');
	t.is(finding.status, 'note');
	t.regex(finding.summary, /Only base-image root filesystems use ADD/);
	t.regex(finding.evidence[0], /^nginx:1\.25: docker history line 4 of 4: ADD file:b86ae1c7\S* in \/ \(the root filesystem of the base image: the usual base layer/);
});

test('4.9 names an ADD of the image\'s own, and an ADD of a URL', t => {
	const image = appImage([
		'/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b56e4 in /opt/app/ ',
		'ADD https://example.com/tool.tgz /opt/ # buildkit',
	]);
	const finding = audit('4.9', inUse([image], [appContainer('shop')]));
	t.regex(finding.summary, /^1 image uses ADD beyond the base layer$/);
	t.regex(finding.evidence[0], /line 1 of 6: ADD file:5d673d25\S* in \/opt\/app\/ \(use COPY unless/);
	t.regex(finding.evidence[1], /line 2 of 6: ADD https:\/\/example\.com\/tool\.tgz \/opt\/ \(downloads a URL/);
});

// 4.10 ----------------------------------------------------------------------------------------------

test('4.10 names an ENV layer with a secret word and masks its value', t => {
	const image = appImage(['/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2 APP_MODE=prod']);
	const finding = audit('4.10', inUse([image], [appContainer('shop')]));
	t.is(finding.status, 'note');
	t.regex(finding.summary, /^1 image mentions a secret/);
	t.is(finding.evidence[0], 'registry.example.com/shop/app:2.1: docker history line 1 of 5: ENV DB_PASSWORD=**** APP_MODE=prod (mentions PASSWORD)');
	t.false(evidenceText(finding).includes('hunter2'));
});

test('4.10 shows a long RUN layer around the secret word, truncated to about 80 characters', t => {
	const long = `/bin/sh -c ${'echo building the application with many steps && '.repeat(3)}curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/`;
	const finding = audit('4.10', inUse([appImage([long])], [appContainer('shop')]));
	const line = finding.evidence[0];
	const shown = line.slice(line.indexOf('of 5: ') + 6, line.lastIndexOf(' (mentions'));
	t.regex(shown, /^….*GITHUB_TOKEN.*…?$/);
	t.true(shown.length <= 82);
	t.regex(line, /\(mentions TOKEN\)$/i);
});

test('4.10 ignores BuildKit secret mounts and layers other than ENV, ARG and RUN', t => {
	const image = appImage([
		'RUN /bin/sh -c --mount=type=secret,id=npmrc npm ci # buildkit',
		'LABEL org.opencontainers.image.description=token-free',
		'/bin/sh -c #(nop) COPY file:abc in /etc/secret.d/ ',
	]);
	const finding = audit('4.10', inUse([image], [appContainer('shop')]));
	t.regex(finding.summary, /^No ENV, ARG or RUN layer/);
});

test('4.10 finds ARG in BuildKit history, case-insensitively', t => {
	const finding = audit('4.10', inUse([appImage(['ARG api_key=abc123'])], [appContainer('shop')]));
	t.regex(finding.evidence[0], /ARG api_key=\*\*\*\* \(mentions api_key\)/);
});

// 4.11 / 4.12 ---------------------------------------------------------------------------------------

test('4.11 names a layer that installs without signature checks', t => {
	const image = appImage(['/bin/sh -c apt-get update && apt-get install -y --allow-unauthenticated tool']);
	const finding = audit('4.11', inUse([image], [appContainer('shop')]));
	t.is(finding.status, 'note');
	t.regex(finding.evidence[0], /line 1 of 5: RUN apt-get update .* \(apt without signature checks\)/);
});

test('4.12 says how to verify the signature of each tagged image and names untagged ones', t => {
	const untagged: ImageInspect = {...appImage([]), RepoTags: ['<none>:<none>']};
	const finding = audit('4.12', inUse([nginxImage, untagged], [makeContainer('web'), appContainer('shop')]));
	t.is(finding.status, 'note');
	t.is(finding.evidence[0], 'nginx:1.25: docker trust inspect --pretty nginx:1.25 (or cosign verify --key KEY nginx:1.25)');
	t.regex(evidenceText(finding), /no tag, so no signature to look up by tag: 0b1c2d3e4f5a/);
});

test('manual checks say so when no image is in use', t => {
	const finding = audit('4.8', {containers: {all: []}, images: {inUse: [], all: [{Id: nginxImageId, RepoTags: ['nginx:1.25'], Size: 1, Created: 1}]}});
	t.is(finding.status, 'note');
	t.regex(finding.evidence[0], /no container uses an image \(1 image present\)/);
});

test('4.5 passes for a value the docker CLI reads as on, and says CIS asks for 1', t => {
	const finding = audit('4.5', {contentTrust: {files: [{path: '/home/alice/.profile', value: 'true'}]}});
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('/home/alice/.profile: DOCKER_CONTENT_TRUST=true (the docker CLI reads any value but 0/false as on; CIS asks for 1)'));
});
