/**
Section 6 (Docker Security Operations): housekeeping of images and containers. Both checks are manual notes that count
what is on this host and name what could go: the images no container uses (6.1) and the stopped containers (6.2).
*/
import type {ContainerInspect, ImageFacts} from '../../model/facts.js';
import type {Finding} from '../types.js';
import type {SectionLogic} from './check-logic.js';
import type {Section6TextId} from '../text/section-6-operations.js';
import {unreachableFinding} from './container-findings.js';
import {formatSize, imageLabel, realTags, shortId} from './image-findings.js';
import {everyOne, nameAtMost, plural, verb} from './words.js';

type ListedImage = Extract<ImageFacts, {reachable: true}>['all'][number];

/** 6.1: images in use against all images; names the unused ones, oldest first. */
function auditImageSprawl(all: readonly ListedImage[], inUseIds: ReadonlySet<string>): Finding {
	const used = all.filter(image => inUseIds.has(image.Id));
	const unused = all.filter(image => !inUseIds.has(image.Id)).sort((a, b) => a.Created - b.Created);
	const untagged = unused.filter(image => realTags(image.RepoTags).length === 0);
	const evidence = [`${plural(all.length, 'image')}: ${used.length} in use by containers (running or stopped), ${unused.length} unused${untagged.length > 0 ? ` (${untagged.length} untagged)` : ''}`];
	if (used.length > 0) {
		evidence.push(`in use: ${nameAtMost(used.map(image => imageLabel(image)))}`);
	}

	if (all.length === 0) {
		return {status: 'note', summary: 'There are no images', evidence};
	}

	if (unused.length === 0) {
		return {status: 'note', summary: `${everyOne(all.length, 'image')} ${verb(all.length, 'is', 'are')} used by a container`, evidence};
	}

	const size = unused.reduce((total, image) => total + image.Size, 0);
	evidence.push(
		`unused, oldest first: ${nameAtMost(unused.map(image => imageLabel(image)))}`,
		`the unused images take up to ${formatSize(size)} (shared layers count once on disk): remove those not needed with docker image rm, or all of them with docker image prune --all`,
	);
	return {status: 'note', summary: `${unused.length} of ${plural(all.length, 'image')} ${verb(unused.length, 'is', 'are')} not used by any container`, evidence};
}

/** A stopped container with its state and image. */
function describeStopped(container: ContainerInspect): string {
	return `${container.Name} (${container.State.Status}, ${container.Config.Image ?? shortId(container.Image)})`;
}

/** 6.2: running and stopped containers; names the stopped ones. */
function auditContainerSprawl(all: readonly ContainerInspect[]): Finding {
	const running = all.filter(container => container.State.Running);
	const stopped = all.filter(container => !container.State.Running);
	const evidence = [`${plural(all.length, 'container')}: ${running.length} running, ${stopped.length} stopped`];
	if (stopped.length === 0) {
		return {status: 'note', summary: all.length === 0 ? 'There are no containers' : `${everyOne(all.length, 'container')} ${verb(all.length, 'is', 'are')} running`, evidence};
	}

	evidence.push(
		`stopped: ${nameAtMost(stopped.map(container => describeStopped(container)))}`,
		'remove those no longer needed with docker rm NAME (or all stopped ones with docker container prune); save logs and data first',
	);
	return {status: 'note', summary: `${stopped.length} of ${plural(all.length, 'container')} ${verb(stopped.length, 'is', 'are')} stopped`, evidence};
}

/** Section 6, Docker Security Operations. */
export const section6Logic = {
	'6.1': {
		needs: ['images'],
		audit({images}): Finding {
			if (!images.reachable) {
				return unreachableFinding(images, 'the images could not be listed');
			}

			return auditImageSprawl(images.all, new Set(images.inUse.map(image => image.Id)));
		},
	},
	'6.2': {
		needs: ['containers'],
		audit({containers}): Finding {
			if (!containers.reachable) {
				return unreachableFinding(containers, 'the containers could not be listed');
			}

			return auditContainerSprawl(containers.all);
		},
	},
} satisfies SectionLogic<Section6TextId>;
