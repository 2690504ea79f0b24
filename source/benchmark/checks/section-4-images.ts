/**
Section 4 (Container Images and Build File): which facts each check reads and its pure audit.

The images judged are the images containers use (`images.inUse`), each with its config and its `docker history`.
- 4.1 judges the user each running container runs as; 4.5 the client environment; 4.6 the HEALTHCHECK of each image in use.
- The manual checks are notes that name the images of this host and what to look at in each: the layers that update
  a package index alone (4.7), use ADD (4.9), mention secrets (4.10) or skip package verification (4.11).
*/
import type {ContainerFacts, ContainerInspect, ContentTrustFacts, DockerUnavailable, ImageFacts, ImageInspect} from '../facts.js';
import type {Finding} from '../types.js';
import type {SectionLogic} from './check-logic.js';
import type {Section4TextId} from '../text/section-4-images.js';

// Shared helpers (section 6 uses them too) ----------------------------------------------------------

/** The error finding for a Docker API fact that could not be gathered. */
export function unreachableFinding(fact: DockerUnavailable, what: string): Finding {
	return {status: 'error', summary: `Cannot reach the Docker daemon: ${fact.error}`, evidence: [`${what} could not be listed: ${fact.error}`]};
}

/** The 12-hex-digit short form of an image or container ID, as `docker images` prints it. */
export function shortId(id: string): string {
	return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The real tags of an image: `<none>:<none>` (what older daemons report for an untagged image) is no tag. */
export function realTags(tags: readonly string[] | null | undefined): string[] {
	return (tags ?? []).filter(tag => tag !== '<none>:<none>' && tag !== '');
}

/** How to name an image: its first tag (and its other tags), else its short ID marked untagged. */
export function imageLabel(image: {readonly Id: string; readonly RepoTags: readonly string[] | null}): string {
	const [first, ...others] = realTags(image.RepoTags);
	if (first === undefined) {
		return `${shortId(image.Id)} (untagged)`;
	}

	return others.length > 0 ? `${first} (also ${others.join(' ')})` : first;
}

/** A reference that docker commands accept for an image: its first tag, else its short ID. */
function imageReference(image: ImageInspect): string {
	return realTags(image.RepoTags)[0] ?? shortId(image.Id);
}

/** Names at most `max` items, then says how many more there are. */
export function nameAtMost(names: readonly string[], max = 10): string {
	if (names.length <= max) {
		return names.join(', ');
	}

	return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The count and the word, with an `s` when count is not one. */
export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The verb that agrees with count: `verb(1, 'runs', 'run')` is `runs`. */
export const verb = (count: number, one: string, many: string): string => count === 1 ? one : many;

/** "The image" for one, "All 3 images" for more. */
export const everyOne = (count: number, noun: string): string => count === 1 ? `The ${noun}` : `All ${count} ${noun}s`;

/** Evidence lines, at most `max` of them, then how many more were left out. */
function atMostLines(lines: readonly string[], max = 20): string[] {
	return lines.length <= max ? [...lines] : [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

/** The name a container was started with, and its image as the operator named it. */
function containerLabel(container: ContainerInspect): string {
	return `${container.Name} (${container.Config.Image ?? shortId(container.Image)})`;
}

/** The containers (running or not) that use this image. */
function usersOf(image: ImageInspect, containers: readonly ContainerInspect[]): ContainerInspect[] {
	return containers.filter(container => container.Image === image.Id);
}

/** "used by a, b" for an image, or nothing when no container is known to use it. */
function usedBy(image: ImageInspect, containers: readonly ContainerInspect[]): string {
	const names = usersOf(image, containers).map(container => container.Name);
	return names.length > 0 ? `used by ${nameAtMost(names)}` : 'no container found for it';
}

const dayMs = 24 * 60 * 60 * 1000;

/** "created 2024-02-14 (120 days ago)", or that the date is unknown. */
function describeAge(created: string | undefined, now: number): string {
	const time = created === undefined ? Number.NaN : Date.parse(created);
	if (Number.isNaN(time)) {
		return 'creation date unknown';
	}

	const days = Math.max(0, Math.floor((now - time) / dayMs));
	return `created ${new Date(time).toISOString().slice(0, 10)} (${plural(days, 'day')} ago)`;
}

/** Age in days, when the creation date is known. */
function ageInDays(created: string | undefined, now: number): number | undefined {
	const time = created === undefined ? Number.NaN : Date.parse(created);
	return Number.isNaN(time) ? undefined : Math.floor((now - time) / dayMs);
}

/** A size in bytes as docker prints it (decimal units). */
export function formatSize(bytes: number): string {
	if (bytes >= 1e9) {
		return `${(bytes / 1e9).toFixed(1)} GB`;
	}

	if (bytes >= 1e6) {
		return `${Math.round(bytes / 1e6)} MB`;
	}

	return `${Math.round(bytes / 1e3)} kB`;
}

// Image history -------------------------------------------------------------------------------------

const dockerfileInstructions = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/**
The Dockerfile instruction a history line comes from.
The legacy builder writes `/bin/sh -c #(nop)  ENV …` for metadata and `/bin/sh -c CMD` (or `|1 A=b /bin/sh -c …`) for RUN;
BuildKit writes the instruction itself (`ENV …`, `RUN /bin/sh -c … # buildkit`). An empty line or a comment is no instruction.
*/
function instructionOf(createdBy: string): string {
	const text = createdBy.trim();
	const nop = /#\(nop\)\s*([A-Z]+)\b/.exec(text);
	if (nop) {
		return nop[1];
	}

	if (text === '' || text.startsWith('#')) {
		return '';
	}

	const keyword = /^([A-Z]+)\s/.exec(text)?.[1];
	return keyword !== undefined && dockerfileInstructions.has(keyword) ? keyword : 'RUN';
}

/** A history line as the Dockerfile line it comes from, e.g. `RUN apt-get update` or `ENV A=b`; content hashes are shortened. */
function layerText(createdBy: string): string {
	const text = createdBy.trim().replace(/\s*# buildkit$/, '').replace(/\b(file|dir|multi):([\da-f]{12})[\da-f]{52}\b/g, '$1:$2…');
	const nop = /^(?:\/bin\/sh -c )?#\(nop\)\s*(.*)$/.exec(text);
	if (nop) {
		return nop[1].trim();
	}

	const shell = /^\/bin\/sh -c (.*)$/.exec(text);
	if (shell) {
		return `RUN ${shell[1]}`;
	}

	return instructionOf(text) === 'RUN' && !text.startsWith('RUN ') ? `RUN ${text}` : text;
}

/** At most `width` characters of text, around position `at` when it lies beyond the first ones. */
function excerpt(text: string, at = 0, width = 80): string {
	if (text.length <= width) {
		return text;
	}

	const start = at + 20 <= width ? 0 : Math.min(at - 30, text.length - width);
	const head = start > 0 ? '…' : '';
	const tail = start + width < text.length ? '…' : '';
	return `${head}${text.slice(start, start + width)}${tail}`;
}

/** A layer of an image that a check points at. */
type LayerHit = {readonly image: ImageInspect; readonly index: number; readonly text: string; readonly at: number; readonly why?: string};

/** Where the layer is, as `docker history` lists it (newest first), and its text. */
function describeHit(hit: LayerHit): string {
	const where = `${imageLabel(hit.image)}: docker history line ${hit.index + 1} of ${hit.image.history.length}`;
	return `${where}: ${excerpt(hit.text, hit.at)}${hit.why === undefined ? '' : ` (${hit.why})`}`;
}

/** The layers of the images for which `match` says something. */
function findLayers(images: readonly ImageInspect[], match: (createdBy: string, index: number, image: ImageInspect) => Omit<LayerHit, 'image' | 'index'> | undefined): LayerHit[] {
	return images.flatMap(image => image.history.flatMap((layer, index) => {
		const hit = match(layer.CreatedBy ?? '', index, image);
		return hit === undefined ? [] : [{image, index, ...hit}];
	}));
}

const option = String.raw`(?:-\S+\s+)*`;
/** Commands that refresh a package index (or, for yum and dnf, update packages) without installing anything. */
const updateCommand = new RegExp(String.raw`\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+${option}update(?![-\w])`);
/** Commands that install or upgrade packages: run with the update in one layer, the index is never stale. */
const installCommand = new RegExp(String.raw`\b(?:(?:apt-get|apt)\s+${option}(?:install|upgrade|dist-upgrade|full-upgrade)|apk\s+${option}(?:add|upgrade)|(?:yum|dnf|microdnf)\s+${option}(?:install|upgrade))(?![-\w])`);

/** 4.7: a RUN layer that updates a package index and installs nothing. */
function updateAlone(createdBy: string): Omit<LayerHit, 'image' | 'index'> | undefined {
	if (instructionOf(createdBy) !== 'RUN') {
		return undefined;
	}

	const text = layerText(createdBy);
	const update = updateCommand.exec(text);
	if (!update || installCommand.test(text)) {
		return undefined;
	}

	return {text, at: update.index, why: `${update[0].replace(/\s+/g, ' ')} with no install in the same layer`};
}

/** 4.9: an ADD layer, and whether it is the root filesystem of a base image. */
function addLayer(createdBy: string, index: number, image: ImageInspect): Omit<LayerHit, 'image' | 'index'> | undefined {
	if (instructionOf(createdBy) !== 'ADD') {
		return undefined;
	}

	const text = layerText(createdBy);
	if (/^ADD\s+(?:--\S+\s+)*https?:\/\//.test(text)) {
		return {text, at: 0, why: 'downloads a URL: fetch it in a RUN step that checks a checksum instead'};
	}

	const intoRoot = /\s(?:in\s+)?\/\s*$/.test(text);
	if (intoRoot && (index === image.history.length - 1 || /^ADD file:[\da-f]+…? in \/\s*$/.test(text))) {
		return {text, at: 0, why: 'the root filesystem of the base image: the usual base layer, nothing to change in your Dockerfile'};
	}

	return {text, at: 0, why: 'use COPY unless it unpacks a local tar archive on purpose'};
}

const secretWord = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY/i;
const secretValue = /((?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)\w*\s*=\s*)("[^"]*"|'[^']*'|[^\s"'&;|]+)/gi;

/** 4.10: an ENV, ARG or RUN layer that mentions a secret; the value assigned to it is masked in the evidence. */
function secretLayer(createdBy: string): Omit<LayerHit, 'image' | 'index'> | undefined {
	if (!['ENV', 'ARG', 'RUN'].includes(instructionOf(createdBy))) {
		return undefined;
	}

	// A BuildKit secret mount is the right way to use a secret, not a leak.
	const text = layerText(createdBy).replace(secretValue, '$1****');
	const word = secretWord.exec(text.replace(/--mount=type=secret\S*/g, match => ' '.repeat(match.length)));
	return word ? {text, at: word.index, why: `mentions ${word[0]}`} : undefined;
}

const unverifiedInstalls: ReadonlyArray<readonly [RegExp, string]> = [
	[/--allow-unauthenticated\b|--allow-insecure-repositories\b|\[trusted=yes\]/, 'apt without signature checks'],
	[/--allow-untrusted\b/, 'apk without signature checks'],
	[/--nogpgcheck\b|gpgcheck\s*=\s*0/, 'yum/dnf without GPG checks'],
	[/--no-check-certificate\b/, 'wget without TLS verification'],
	[/\bcurl\b[^;&|]*\s(?:-k|--insecure)\b/, 'curl without TLS verification'],
	[/--trusted-host\b/, 'pip trusting a host without TLS'],
	[/\b(?:curl|wget)\b[^;&]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b/, 'a download piped into a shell, unverified'],
];

/** 4.11: a RUN layer that installs without verifying what it installs. */
function unverifiedLayer(createdBy: string): Omit<LayerHit, 'image' | 'index'> | undefined {
	if (instructionOf(createdBy) !== 'RUN') {
		return undefined;
	}

	const text = layerText(createdBy);
	for (const [pattern, why] of unverifiedInstalls) {
		const found = pattern.exec(text);
		if (found) {
			return {text, at: found.index, why};
		}
	}

	return undefined;
}

// Judging users and health checks -------------------------------------------------------------------

/** True when a `--user`/USER value means root: empty, or root/0 as the user part (any group). */
export function isRootUser(user: string | undefined): boolean {
	const name = (user ?? '').trim().split(':')[0];
	return name === '' || name === 'root' || name === '0';
}

/** Where a running container's user comes from: the image's USER or a --user flag. */
function userSource(container: ContainerInspect, image: ImageInspect | undefined): string {
	const user = container.Config.User ?? '';
	if (image === undefined) {
		return user === '' ? 'no user set' : `user ${user}`;
	}

	const imageUser = image.Config.User ?? '';
	if (user === imageUser) {
		return user === '' ? 'no USER in the image and no --user' : `USER ${user} in the image`;
	}

	return `--user ${user === '' ? '""' : user}, overriding ${imageUser === '' ? 'the image, which has no USER' : `USER ${imageUser} in the image`}`;
}

/** 4.1 over running containers: each one's effective user (Config.User, set by --user or the image's USER). */
function auditRunningUsers(running: readonly ContainerInspect[], stopped: readonly ContainerInspect[], images: ImageFacts): Finding {
	const inUse = images.reachable ? images.inUse : [];
	const describe = (container: ContainerInspect): string => {
		const user = container.Config.User ?? '';
		const source = userSource(container, inUse.find(image => image.Id === container.Image));
		return `${containerLabel(container)} runs as ${isRootUser(user) ? 'root' : user}: ${source}`;
	};

	const rootOnes = running.filter(container => isRootUser(container.Config.User));
	const others = running.filter(container => !isRootUser(container.Config.User));
	const considered = `considered the ${plural(running.length, 'running container')}${stopped.length > 0 ? `; not running, so not considered: ${nameAtMost(stopped.map(container => container.Name))}` : ''}`;
	if (rootOnes.length === 0) {
		return {status: 'pass', summary: `${everyOne(running.length, 'running container')} ${verb(running.length, 'runs', 'run')} as a non-root user`, evidence: [...others.map(describe), considered]};
	}

	return {
		status: 'warn',
		summary: `${rootOnes.length} of ${plural(running.length, 'running container')} ${verb(rootOnes.length, 'runs', 'run')} as root: ${nameAtMost(rootOnes.map(container => container.Name), 5)}`,
		evidence: [...rootOnes.map(describe), ...others.map(describe), considered],
	};
}

/** 4.1 with no running container: the USER of the images stopped containers use. */
function auditImageUsers(images: ImageFacts, containers: readonly ContainerInspect[]): Finding {
	if (!images.reachable) {
		return unreachableFinding(images, 'the images');
	}

	if (images.inUse.length === 0) {
		return {status: 'skip', summary: 'No container runs and no image is in use', evidence: ['no container is running and no container uses an image: there is no user to check']};
	}

	const fallback = `no container is running: judged from the USER of the ${plural(images.inUse.length, 'image')} that stopped containers use`;
	const describe = (image: ImageInspect): string => {
		const user = image.Config.User ?? '';
		return `${imageLabel(image)} runs as ${isRootUser(user) ? `root (${user === '' ? 'no USER' : `USER ${user}`})` : `USER ${user}`}; ${usedBy(image, containers)}`;
	};

	const rootImages = images.inUse.filter(image => isRootUser(image.Config.User));
	const evidence = [fallback, ...rootImages.map(describe), ...images.inUse.filter(image => !rootImages.includes(image)).map(describe)];
	if (rootImages.length === 0) {
		return {status: 'pass', summary: `No container is running; ${everyOne(images.inUse.length, 'image').toLowerCase()} in use ${verb(images.inUse.length, 'sets', 'set')} a non-root USER`, evidence};
	}

	return {status: 'warn', summary: `No container is running; ${rootImages.length} of ${plural(images.inUse.length, 'image')} in use ${verb(rootImages.length, 'runs', 'run')} as root`, evidence};
}

/** True when a health check config tests something (absent, empty or NONE tests nothing). */
function hasHealthcheck(healthcheck: {readonly Test?: readonly string[] | null} | null | undefined): boolean {
	const test = healthcheck?.Test ?? [];
	return test.length > 0 && test[0] !== 'NONE';
}

/** A HEALTHCHECK as written in a Dockerfile. */
function describeHealthcheck(test: readonly string[]): string {
	const [kind, ...rest] = test;
	const command = kind === 'CMD-SHELL' ? rest.join(' ') : JSON.stringify(rest);
	return excerpt(`HEALTHCHECK CMD ${command}`);
}

/** 4.6: images in use without a HEALTHCHECK, unless every container using one adds its own. */
function auditHealthchecks(images: readonly ImageInspect[], containers: readonly ContainerInspect[]): Finding {
	if (images.length === 0) {
		return {status: 'skip', summary: 'No image is in use', evidence: ['no container uses an image on this host: there is no image to check']};
	}

	const lines: string[] = [];
	const missingLines: string[] = [];
	const missing: ImageInspect[] = [];
	for (const image of images) {
		const label = imageLabel(image);
		if (hasHealthcheck(image.Config.Healthcheck)) {
			lines.push(`${label}: ${describeHealthcheck(image.Config.Healthcheck?.Test ?? [])}`);
			continue;
		}

		const what = image.Config.Healthcheck?.Test?.[0] === 'NONE' ? 'has HEALTHCHECK NONE, which turns off any check of its base image' : 'has no HEALTHCHECK';
		const users = usersOf(image, containers);
		const covered = users.filter(container => hasHealthcheck(container.Config.Healthcheck));
		if (users.length > 0 && covered.length === users.length) {
			lines.push(`${label} ${what}, but every container using it adds its own (--health-cmd): ${nameAtMost(covered.map(container => container.Name))}`);
			continue;
		}

		missing.push(image);
		const without = users.filter(container => !covered.includes(container)).map(container => container.Name);
		missingLines.push(`${label} ${what}; ${without.length > 0 ? `used by ${nameAtMost(without)} without a health check` : usedBy(image, containers)}`);
	}

	if (missing.length === 0) {
		return {status: 'pass', summary: `${everyOne(images.length, 'image')} in use ${verb(images.length, 'has', 'have')} a health check`, evidence: lines};
	}

	return {status: 'warn', summary: `${missing.length} of ${plural(images.length, 'image')} in use ${verb(missing.length, 'has', 'have')} no HEALTHCHECK: ${nameAtMost(missing.map(image => imageLabel(image)), 3)}`, evidence: [...missingLines, ...lines]};
}

// Content trust ------------------------------------------------------------------------------------

/** Values Go's strconv.ParseBool reads as false: the docker CLI treats every other non-empty value as on. */
const falseValues = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** A value as the shell sees it: without surrounding blanks and quotes. */
const unquote = (value: string | undefined): string => (value ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');

/** What the docker CLI makes of a DOCKER_CONTENT_TRUST value. */
function trustState(value: string | undefined): 'unset' | 'on' | 'off' {
	const bare = unquote(value);
	if (bare === '') {
		return 'unset';
	}

	return falseValues.has(bare) ? 'off' : 'on';
}

/** 4.5: DOCKER_CONTENT_TRUST in the files of the client environment and in dockwarden's own environment. */
function auditContentTrust(contentTrust: ContentTrustFacts): Finding {
	const sources = [
		...contentTrust.files.map(file => ({where: file.path, value: file.value})),
		{where: 'the environment dockwarden runs in', value: contentTrust.environment},
	];
	const evidence = sources.map(({where, value}) => {
		const state = trustState(value);
		if (state === 'unset') {
			return `${where}: DOCKER_CONTENT_TRUST not set`;
		}

		const meaning = state === 'off' ? 'content trust off' : (unquote(value) === '1' ? 'content trust on' : 'the docker CLI reads any value but 0/false as on; CIS asks for 1');
		return `${where}: DOCKER_CONTENT_TRUST=${value} (${meaning})`;
	});
	const on = sources.filter(source => trustState(source.value) === 'on');
	if (on.length > 0) {
		const off = sources.filter(source => trustState(source.value) === 'off');
		if (off.length > 0) {
			evidence.push(`beware: ${off.map(source => source.where).join(', ')} turns content trust off again for the shells that read it`);
		}

		return {status: 'pass', summary: `Content trust is enabled in ${on.map(source => source.where).join(', ')}`, evidence};
	}

	const looked = contentTrust.files.length === 0 ? 'no client environment file was found' : `looked in ${plural(contentTrust.files.length, 'file')}`;
	return {
		status: 'warn',
		summary: 'Content trust is not enabled: DOCKER_CONTENT_TRUST=1 is set nowhere',
		evidence: [...evidence, `${looked} and in dockwarden's environment: set DOCKER_CONTENT_TRUST=1 where every Docker client reads it (e.g. /etc/environment)`],
	};
}

// Manual checks -------------------------------------------------------------------------------------

/** Where a tag pulls from: a registry host, a Docker Hub namespace, or the Docker Hub official library. */
function originOf(tag: string): string {
	const parts = tag.split('/');
	const [first] = parts;
	if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
		return `registry ${first}`;
	}

	return parts.length === 1 ? 'Docker Hub official library' : `Docker Hub namespace ${first}`;
}

/** True for an image named by its ID rather than a tag. */
const looksLikeId = (name: string): boolean => /^(?:sha256:)?[\da-f]{12,64}$/.test(name);

/** 4.2: each image in use with its tags and origin; untagged images are named as such. */
function describeTrust(image: ImageInspect, containers: readonly ContainerInspect[]): string {
	const tags = realTags(image.RepoTags);
	if (tags.length > 0) {
		return `${tags.join(', ')} (${shortId(image.Id)}): ${[...new Set(tags.map(tag => originOf(tag)))].join(', ')}; ${usedBy(image, containers)}`;
	}

	const users = usersOf(image, containers);
	const startedAs = [...new Set(users.map(container => container.Config.Image).filter((name): name is string => name !== undefined && !looksLikeId(name)))];
	const moved = startedAs.length > 0 ? `; started as ${startedAs.join(', ')}, a tag that now names another image` : '';
	return `${shortId(image.Id)}: no tag (dangling), its origin cannot be told from the image${moved}; ${usedBy(image, containers)}`;
}

/** A note for a manual check when no container uses an image. */
function noImageInUse(all: number): Finding {
	return {status: 'note', summary: 'No image is in use on this host', evidence: [`no container uses an image (${plural(all, 'image')} present): review each image this way before you run it`]};
}

/** 4.3: each image in use, with its size, layers and age. */
function describeContents(image: ImageInspect, sizes: ReadonlyMap<string, number>, now: number): string {
	const size = sizes.get(image.Id);
	return `${imageLabel(image)}: ${size === undefined ? '' : `${formatSize(size)}, `}${plural(image.history.length, 'layer')}, ${describeAge(image.Created, now)}`;
}

const staleDays = 90;

/** A manual check over the images in use: names them, or says that none is in use. */
function overImagesInUse(images: ImageFacts, note: (inUse: readonly ImageInspect[], all: Extract<ImageFacts, {reachable: true}>) => Finding): Finding {
	if (!images.reachable) {
		return unreachableFinding(images, 'the images');
	}

	return images.inUse.length === 0 ? noImageInUse(images.all.length) : note(images.inUse, images);
}

/** A manual check over the layers of the images in use: names each layer found, or says none was. */
function layerNote(images: ImageFacts, match: Parameters<typeof findLayers>[1], found: (hits: readonly LayerHit[]) => string, none: string, advice: string): Finding {
	return overImagesInUse(images, inUse => {
		const hits = findLayers(inUse, match);
		const looked = `looked at the history of ${plural(inUse.length, 'image')} in use: ${nameAtMost(inUse.map(image => imageLabel(image)))}`;
		if (hits.length === 0) {
			return {status: 'note', summary: none, evidence: [looked, advice]};
		}

		return {status: 'note', summary: found(hits), evidence: [...atMostLines(hits.map(hit => describeHit(hit))), looked, advice]};
	});
}

/** The number of distinct images among these layers. */
const imageCount = (hits: readonly LayerHit[]): number => new Set(hits.map(hit => hit.image.Id)).size;

/** Section 4, Container Images and Build File. */
export const section4Logic = {
	'4.1': {
		needs: ['containers', 'images'],
		audit({containers, images}): Finding {
			if (!containers.reachable) {
				return unreachableFinding(containers, 'the containers');
			}

			const running = containers.all.filter(container => container.State.Running);
			const stopped = containers.all.filter(container => !container.State.Running);
			return running.length > 0 ? auditRunningUsers(running, stopped, images) : auditImageUsers(images, containers.all);
		},
	},
	'4.2': {
		needs: ['images', 'containers'],
		audit({images, containers}): Finding {
			if (!containers.reachable) {
				return unreachableFinding(containers, 'the containers');
			}

			return overImagesInUse(images, (inUse, facts) => {
				const untagged = inUse.filter(image => realTags(image.RepoTags).length === 0);
				const danglingElsewhere = facts.all.filter(image => realTags(image.RepoTags).length === 0 && !inUse.some(used => used.Id === image.Id)).length;
				return {
					status: 'note',
					summary: `Confirm the origin of ${plural(inUse.length, 'image')} in use${untagged.length > 0 ? ` (${untagged.length} without a tag)` : ''}`,
					evidence: [
						...inUse.map(image => describeTrust(image, containers.all)),
						...(danglingElsewhere > 0 ? [`${plural(danglingElsewhere, 'other image')} on this host have no tag and no container (see 6.1)`] : []),
						'a tag without a registry host pulls from Docker Hub; an image built or imported here has no registry: confirm each comes from a publisher you trust, and pin bases by digest',
					],
				};
			});
		},
	},
	'4.3': {
		needs: ['images'],
		audit({images}): Finding {
			return overImagesInUse(images, (inUse, facts) => {
				const sizes = new Map(facts.all.map(image => [image.Id, image.Size]));
				const now = Date.now();
				return {
					status: 'note',
					summary: `Review the packages in ${plural(inUse.length, 'image')} in use`,
					evidence: [
						...atMostLines(inUse.map(image => describeContents(image, sizes, now))),
						'list the packages of each (docker scout sbom IMAGE, or syft IMAGE) and drop what the application does not need; docker history --no-trunc IMAGE shows what each layer installed',
					],
				};
			});
		},
	},
	'4.4': {
		needs: ['images'],
		audit({images}): Finding {
			return overImagesInUse(images, inUse => {
				const now = Date.now();
				const stale = inUse.filter(image => (ageInDays(image.Created, now) ?? 0) > staleDays);
				const describe = (image: ImageInspect): string => `${imageLabel(image)}: ${describeAge(image.Created, now)}${stale.includes(image) ? `, over ${staleDays} days old` : ''}`;
				return {
					status: 'note',
					summary: `Scan and rebuild ${plural(inUse.length, 'image')} in use${stale.length > 0 ? `; ${stale.length} built over ${staleDays} days ago` : ''}`,
					evidence: [
						...atMostLines([...stale, ...inUse.filter(image => !stale.includes(image))].map(image => describe(image))),
						'scan each (docker scout cves IMAGE, or trivy image IMAGE), rebuild with docker build --pull, then recreate the containers that use it',
					],
				};
			});
		},
	},
	'4.5': {
		needs: ['contentTrust'],
		audit: ({contentTrust}) => auditContentTrust(contentTrust),
	},
	'4.6': {
		needs: ['images', 'containers'],
		audit({images, containers}): Finding {
			if (!images.reachable) {
				return unreachableFinding(images, 'the images');
			}

			if (!containers.reachable) {
				return unreachableFinding(containers, 'the containers');
			}

			return auditHealthchecks(images.inUse, containers.all);
		},
	},
	'4.7': {
		needs: ['images'],
		audit: ({images}) => layerNote(
			images,
			createdBy => updateAlone(createdBy),
			hits => `${plural(imageCount(hits), 'image')} ${verb(imageCount(hits), 'updates', 'update')} a package index alone in a layer`,
			'No layer of an image in use updates a package index alone',
			'in the Dockerfiles, run the update and the install in one RUN: apt-get update && apt-get install -y PKG (apk add --no-cache needs no update)',
		),
	},
	'4.8': {
		needs: ['images'],
		audit({images}): Finding {
			return overImagesInUse(images, inUse => ({
				status: 'note',
				summary: `List the setuid and setgid files of ${plural(inUse.length, 'image')} in use`,
				evidence: [
					...atMostLines(inUse.map(image => `${imageLabel(image)}: docker run --rm --entrypoint find ${imageReference(image)} / -perm /6000 -type f`)),
					'an image without find (scratch, distroless): id=$(docker create IMAGE) && docker export $id | tar -tv | grep -E \'^.{3}[sS]|^.{6}[sS]\'; docker rm $id',
					'remove the bits the application does not need: RUN find / -perm /6000 -type f -exec chmod a-s {} + || true',
				],
			}));
		},
	},
	'4.9': {
		needs: ['images'],
		audit: ({images}) => layerNote(
			images,
			(createdBy, index, image) => addLayer(createdBy, index, image),
			hits => {
				const own = hits.filter(hit => !hit.why?.startsWith('the root filesystem'));
				return own.length === 0
					? 'Only base-image root filesystems use ADD: the usual base layer'
					: `${plural(imageCount(own), 'image')} ${verb(imageCount(own), 'uses', 'use')} ADD beyond the base layer`;
			},
			'No layer of an image in use comes from ADD',
			'ADD file:… in / is how a base image puts its root filesystem in place; any other ADD in your Dockerfiles should be COPY',
		),
	},
	'4.10': {
		needs: ['images'],
		audit: ({images}) => layerNote(
			images,
			createdBy => secretLayer(createdBy),
			hits => `${plural(imageCount(hits), 'image')} ${verb(imageCount(hits), 'mentions', 'mention')} a secret in ENV, ARG or RUN layers: check them`,
			'No ENV, ARG or RUN layer of an image in use mentions a secret',
			'values in ENV, ARG and RUN stay readable with docker history --no-trunc: pass secrets with RUN --mount=type=secret or at run time, and rotate any secret baked in',
		),
	},
	'4.11': {
		needs: ['images'],
		audit: ({images}) => layerNote(
			images,
			createdBy => unverifiedLayer(createdBy),
			hits => `${plural(imageCount(hits), 'image')} ${verb(imageCount(hits), 'installs', 'install')} without verification in some layer`,
			'Verify that the images in use install only signed packages',
			'check in each Dockerfile that packages come from repositories with signature checks on (no --allow-unauthenticated, gpgcheck=1) and that downloads are checked against a checksum',
		),
	},
	'4.12': {
		needs: ['images'],
		audit({images}): Finding {
			return overImagesInUse(images, inUse => {
				const untagged = inUse.filter(image => realTags(image.RepoTags).length === 0);
				return {
					status: 'note',
					summary: `Validate the signatures of ${plural(inUse.length, 'image')} in use`,
					evidence: [
						...atMostLines(inUse.filter(image => !untagged.includes(image)).map(image => `${imageLabel(image)}: docker trust inspect --pretty ${imageReference(image)} (or cosign verify --key KEY ${imageReference(image)})`)),
						...(untagged.length > 0 ? [`no tag, so no signature to look up by tag: ${nameAtMost(untagged.map(image => shortId(image.Id)))}`] : []),
						'verify signatures in the pipeline before pushing and before deploying, and reject what fails',
					],
				};
			});
		},
	},
} satisfies SectionLogic<Section4TextId>;
