/*
What the image checks (section 4) and the operations checks (section 6) both say about images: how to name an image
and its users, its age and size, the Dockerfile instructions behind its layers, and the notes of the manual checks.
The companion of container-findings.ts, which does the same for containers.
*/
import type {ContainerInspect, ImageFacts, ImageInspect} from '../../model/facts.js';
import type {Finding} from '../types.js';
import {unreachableFinding} from './container-findings.js';
import {nameAtMost, plural} from './words.js';

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
export function imageReference(image: ImageInspect): string {
	return realTags(image.RepoTags)[0] ?? shortId(image.Id);
}
export const verb = (count: number, one: string, many: string): string => count === 1 ? one : many;
export const everyOne = (count: number, noun: string): string => count === 1 ? `The ${noun}` : `All ${count} ${noun}s`;

/** Evidence lines, at most `max` of them, then how many more were left out. */
export function atMostLines(lines: readonly string[], max = 20): string[] {
	return lines.length <= max ? [...lines] : [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

/** The name a container was started with, and its image as the operator named it. */
export function containerLabel(container: ContainerInspect): string {
	return `${container.Name} (${container.Config.Image ?? shortId(container.Image)})`;
}

/** The containers (running or not) that use this image. */
export function usersOf(image: ImageInspect, containers: readonly ContainerInspect[]): ContainerInspect[] {
	return containers.filter(container => container.Image === image.Id);
}

/** "used by a, b" for an image, or nothing when no container is known to use it. */
export function usedBy(image: ImageInspect, containers: readonly ContainerInspect[]): string {
	const names = usersOf(image, containers).map(container => container.Name);
	return names.length > 0 ? `used by ${nameAtMost(names)}` : 'no container found for it';
}

const dayMs = 24 * 60 * 60 * 1000;

/** "created 2024-02-14 (120 days ago)", or that the date is unknown. */
export function describeAge(created: string | undefined, now: number): string {
	const time = created === undefined ? Number.NaN : Date.parse(created);
	if (Number.isNaN(time)) {
		return 'creation date unknown';
	}

	const days = Math.max(0, Math.floor((now - time) / dayMs));
	return `created ${new Date(time).toISOString().slice(0, 10)} (${plural(days, 'day')} ago)`;
}

/** Age in days, when the creation date is known. */
export function ageInDays(created: string | undefined, now: number): number | undefined {
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
export function excerpt(text: string, at = 0, width = 80): string {
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

export const option = String.raw`(?:-\S+\s+)*`;
/** Commands that refresh a package index (or, for yum and dnf, update packages) without installing anything. */
const updateCommand = new RegExp(String.raw`\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+${option}update(?![-\w])`);
/** Commands that install or upgrade packages: run with the update in one layer, the index is never stale. */
const installCommand = new RegExp(String.raw`\b(?:(?:apt-get|apt)\s+${option}(?:install|upgrade|dist-upgrade|full-upgrade)|apk\s+${option}(?:add|upgrade)|(?:yum|dnf|microdnf)\s+${option}(?:install|upgrade))(?![-\w])`);

/** 4.7: a RUN layer that updates a package index and installs nothing. */
export function updateAlone(createdBy: string): Omit<LayerHit, 'image' | 'index'> | undefined {
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
export function addLayer(createdBy: string, index: number, image: ImageInspect): Omit<LayerHit, 'image' | 'index'> | undefined {
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
export function secretLayer(createdBy: string): Omit<LayerHit, 'image' | 'index'> | undefined {
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
export function unverifiedLayer(createdBy: string): Omit<LayerHit, 'image' | 'index'> | undefined {
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
export function describeTrust(image: ImageInspect, containers: readonly ContainerInspect[]): string {
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
export function describeContents(image: ImageInspect, sizes: ReadonlyMap<string, number>, now: number): string {
	const size = sizes.get(image.Id);
	return `${imageLabel(image)}: ${size === undefined ? '' : `${formatSize(size)}, `}${plural(image.history.length, 'layer')}, ${describeAge(image.Created, now)}`;
}

/** A manual check over the images in use: names them, or says that none is in use. */
export function overImagesInUse(images: ImageFacts, note: (inUse: readonly ImageInspect[], all: Extract<ImageFacts, {reachable: true}>) => Finding): Finding {
	if (!images.reachable) {
		return unreachableFinding(images, 'the images could not be listed');
	}

	return images.inUse.length === 0 ? noImageInUse(images.all.length) : note(images.inUse, images);
}

/** A manual check over the layers of the images in use: names each layer found, or says none was. */
export function layerNote(images: ImageFacts, match: Parameters<typeof findLayers>[1], found: (hits: readonly LayerHit[]) => string, none: string, advice: string): Finding {
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
export const imageCount = (hits: readonly LayerHit[]): number => new Set(hits.map(hit => hit.image.Id)).size;
