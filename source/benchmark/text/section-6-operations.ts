import type {SectionText} from './check-text.js';

/** Section 6, Docker Security Operations: housekeeping of images and containers on the host. */
export const section6Text = {
	'6.1': {
		title: 'Ensure that image sprawl is avoided',
		level: 1,
		automated: false,
		rationale: 'Old, untagged and unused images pile up on hosts. They use disk space, make it hard to tell which images are actually in use, and may carry known vulnerabilities that could be started again by mistake. A short list of images in use is easier to patch and audit.',
		impact: 'Removed images have to be pulled again if they are needed later, which costs time and bandwidth.',
		remediation: 'Keep only images in use: compare docker images with docker ps --all --format "{{ .Image }}", remove dangling images with docker image prune and unused ones with docker image prune --all (optionally --filter until=720h). Run the clean-up on a schedule.',
	},
	'6.2': {
		title: 'Ensure that container sprawl is avoided',
		level: 1,
		automated: false,
		rationale: 'Stopped containers remain on the host with their writable layers, configuration and logs. They take disk space, may hold secrets or sensitive data, and can be started again later with outdated images or unsafe settings. Many idle containers also make audits harder.',
		impact: 'Removing a stopped container deletes its writable layer and logs, so anything needed must be saved first.',
		remediation: 'Review with docker ps --all --filter status=exited and docker system df, remove stopped containers with docker container prune or docker rm NAME, and clean up more broadly with docker system prune. Start short-lived containers with --rm so they are removed on exit.',
	},
} as const satisfies SectionText;

/** The ids of section 6's checks: the keys its logic table must have, no more and no fewer. */
export type Section6TextId = keyof typeof section6Text;
