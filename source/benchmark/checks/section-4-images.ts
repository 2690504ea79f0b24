/**
Section 4 (Container Images and Build File): which facts each check reads and its pure audit.

The images judged are the images containers use (`images.inUse`), each with its config and its `docker history`.
- 4.1 judges the user each running container runs as; 4.5 the client environment; 4.6 the HEALTHCHECK of each image in use.
- The manual checks are notes that name the images of this host and what to look at in each: the layers that update
  a package index alone (4.7), use ADD (4.9), mention secrets (4.10) or skip package verification (4.11).
*/
import type {ContainerInspect, ContentTrustFacts, ImageFacts, ImageInspect} from '../../model/facts.js';
import type {Finding} from '../types.js';
import type {SectionLogic} from './check-logic.js';
import type {Section4TextId} from '../text/section-4-images.js';
import {addLayer, ageInDays, atMostLines, containerLabel, describeAge, describeContents, describeTrust, excerpt, imageCount, imageLabel, imageReference, layerNote, overImagesInUse, realTags, secretLayer, shortId, unverifiedLayer, updateAlone, usedBy, usersOf} from './image-findings.js';
import {everyOne, nameAtMost, plural, verb} from './words.js';
import {unreachableFinding} from './container-findings.js';

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
		return unreachableFinding(images, 'the images could not be listed');
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

const staleDays = 90;

/** Section 4, Container Images and Build File. */
export const section4Logic = {
	'4.1': {
		needs: ['containers', 'images'],
		audit({containers, images}): Finding {
			if (!containers.reachable) {
				return unreachableFinding(containers, 'the containers could not be listed');
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
				return unreachableFinding(containers, 'the containers could not be listed');
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
				return unreachableFinding(images, 'the images could not be listed');
			}

			if (!containers.reachable) {
				return unreachableFinding(containers, 'the containers could not be listed');
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
