import type {SectionText} from './check-text.js';

/** Section 4, Container Images and Build File. */
export const section4Text = {
	'4.1': {
		title: 'Ensure that a user for the container has been created',
		level: 1,
		automated: true,
		rationale: 'Unless an image or the run command names a user, processes in the container run as root. A compromise of the application then starts with root inside the container, which makes kernel exploits, abuse of mounted host paths and container escapes far more dangerous, especially without user namespace remapping.',
		impact: 'The application must work as an unprivileged user: files and directories it writes need matching ownership, and steps that require root must run before the USER instruction.',
		remediation: 'In the Dockerfile create a dedicated account and switch to it, for example: RUN groupadd -r app && useradd -r -g app -u 10001 app, then USER app. For an existing image, start it with docker run --user 10001:10001 (or user: in Compose).',
	},
	'4.2': {
		title: 'Ensure that containers use only trusted base images',
		level: 1,
		automated: false,
		rationale: 'Everything in a base image ends up in your container, including any malware, backdoor or outdated library it carries. Images pulled from unknown publishers or unverified sources can compromise the application and leak data the moment they run.',
		impact: 'Teams need an approved list of base images or an internal registry, and may have to rebuild images that use unvetted bases.',
		remediation: 'Build FROM official or verified-publisher images, or from images in an internal registry you control. Pin bases by digest (FROM debian:bookworm-slim@sha256:<digest>), verify signatures where available (export DOCKER_CONTENT_TRUST=1 or cosign verify), and review what each base contains with docker history and an image scanner.',
	},
	'4.3': {
		title: 'Ensure that unnecessary packages are not installed in the container',
		level: 1,
		automated: false,
		rationale: 'Every extra package adds files that may contain vulnerabilities and tools an attacker can use after getting in, such as shells, compilers or network utilities. A smaller image has a smaller attack surface and fewer findings to patch.',
		impact: 'Debugging inside containers becomes harder when tools are absent, and build steps may need reorganising into multi-stage builds.',
		remediation: 'Start from a minimal base (distroless, alpine or a -slim variant), install only what the application needs with apt-get install --no-install-recommends or apk add --no-cache, and use multi-stage builds so compilers and build tools stay out of the final image.',
	},
	'4.4': {
		title: 'Ensure images are scanned and rebuilt to include security patches',
		level: 1,
		automated: false,
		rationale: 'Images freeze the packages they were built with, so known vulnerabilities accumulate as time passes. Without regular scanning and rebuilding, running containers keep exposing flaws that already have fixes available upstream.',
		impact: 'Requires a scanning step and a rebuild and redeploy routine; updated packages may occasionally break the application and need testing.',
		remediation: 'Scan images regularly, for example docker scout cves <image> or trivy image <image>. Rebuild with fresh bases and packages using docker build --pull --no-cache -t <image> ., push the new image, then recreate the containers that use it (docker compose up -d or docker service update --image).',
	},
	'4.5': {
		title: 'Ensure Content trust for Docker is Enabled',
		level: 2,
		automated: true,
		rationale: 'Without content trust the client accepts whatever a registry returns for a tag, so a compromised registry or a man-in-the-middle can serve a tampered image. Docker Content Trust checks publisher signatures on images before they are pulled, run or built upon.',
		impact: 'Unsigned images, and registries without a trust (Notary) service, can no longer be pulled or used while the variable is set. Publishers must sign the tags they push.',
		remediation: 'Set the variable in the shell profile or CI environment of every user and job that runs Docker: export DOCKER_CONTENT_TRUST=1. Sign images when pushing (docker trust sign <image>:<tag>) and check signatures with docker trust inspect.',
	},
	'4.6': {
		title: 'Ensure that HEALTHCHECK instructions have been added to container images',
		level: 1,
		automated: true,
		rationale: 'A running process is not necessarily a working service. Without a health check Docker and orchestrators cannot tell that a container has hung or failed, so it keeps receiving traffic and is never replaced, which hurts availability.',
		impact: 'The check command runs periodically inside the container, costing a little CPU, and its tool (for example curl) must be present in the image.',
		remediation: 'Add a HEALTHCHECK to the Dockerfile, for example: HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1. For an existing image, use docker run --health-cmd and related flags.',
	},
	'4.7': {
		title: 'Ensure update instructions are not used alone in the Dockerfile',
		level: 1,
		automated: false,
		rationale: 'A line such as RUN apt-get update on its own is cached as a separate layer. Later builds reuse that stale package index, so install steps fetch outdated or missing package versions and security fixes are silently skipped.',
		impact: 'Combined RUN steps reuse the build cache less, so builds may take a little longer and the layer is larger.',
		remediation: 'Combine the index update with the install in one RUN, for example: RUN apt-get update && apt-get install -y --no-install-recommends <pkg> && rm -rf /var/lib/apt/lists/*. Pin package versions where practical, and use docker build --no-cache when you want to pick up new updates.',
	},
	'4.8': {
		title: 'Ensure setuid and setgid permissions are removed',
		level: 2,
		automated: false,
		rationale: 'Setuid and setgid binaries run with the privileges of their owner or group, usually root. Inside a container they give a process running as an ordinary user a ready path to escalate to root if any of them is flawed or misused.',
		impact: 'Programs that rely on these bits, such as su, sudo, passwd or ping in some images, stop working for non-root users. Keep only those the application truly needs.',
		remediation: 'List them with docker run --rm <image> find / -perm /6000 -type f. In the Dockerfile, near the end, add: RUN find / -perm /6000 -type f -exec chmod a-s {} \\; || true. You can also start containers with --security-opt no-new-privileges so setuid bits have no effect.',
	},
	'4.9': {
		title: 'Ensure that COPY is used instead of ADD in Dockerfiles',
		level: 1,
		automated: false,
		rationale: 'ADD does more than copy: it downloads remote URLs and automatically unpacks local tar archives. That can pull unverified content over the network or expand a crafted archive into unexpected paths. COPY only copies files from the build context, which is predictable.',
		impact: 'Steps that relied on automatic download or extraction must do this explicitly in a RUN step.',
		remediation: 'Replace ADD with COPY, for example COPY ./app /opt/app. For remote files, download in a RUN step and verify a checksum, for example: RUN curl -fsSLo /tmp/x.tgz <url> && echo "<sha256>  /tmp/x.tgz" | sha256sum -c - && tar -xzf /tmp/x.tgz -C /opt.',
	},
	'4.10': {
		title: 'Ensure secrets are not stored in Dockerfiles',
		level: 1,
		automated: false,
		rationale: 'Values set with ENV or ARG, and files copied in, are stored in the image layers and metadata. Anyone who can pull the image can recover them with docker history --no-trunc or docker inspect, even if a later layer deletes the file.',
		impact: 'Builds and deployments need a proper way to deliver secrets, such as BuildKit secret mounts or runtime secret stores.',
		remediation: 'Use BuildKit secret mounts: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci, built with docker build --secret id=npmrc,src=$HOME/.npmrc . Provide runtime secrets through Docker or Swarm secrets or a vault, keep .env and key files out of the context with .dockerignore, and rotate any secret already baked into an image.',
	},
	'4.11': {
		title: 'Ensure only verified packages are installed',
		level: 2,
		automated: false,
		rationale: 'Packages installed without signature or checksum checks can be swapped in transit or on a compromised mirror, putting malicious code straight into the image. Verifying authenticity keeps the supply chain trustworthy.',
		impact: 'Repository signing keys and checksums must be managed, and installs fail when verification fails.',
		remediation: 'Install only from repositories with GPG verification enabled (never use apt-get --allow-unauthenticated, keep gpgcheck=1 for yum and dnf). Import repository keys from a trusted source, and check any downloaded file against a published checksum, for example: echo "<sha256>  file.tgz" | sha256sum -c -.',
	},
	'4.12': {
		title: 'Ensure all signed artifacts are validated',
		level: 2,
		automated: false,
		rationale: 'A signature only protects you if someone checks it. Validating the signatures of images and other build artifacts before they are pushed to a registry or deployed confirms they come from the expected publisher and were not modified along the way.',
		impact: 'The pipeline needs signing keys, a verification step and a policy for what happens when a signature is missing or invalid.',
		remediation: 'Sign artifacts at build time and verify them before upload and before deployment, for example cosign sign and cosign verify --key cosign.pub <image>, or docker trust sign and docker trust inspect --pretty <image>. Reject artifacts that fail verification.',
	},
} as const satisfies SectionText;

/** The ids of section 4's checks: the keys its logic table must have, no more and no fewer. */
export type Section4TextId = keyof typeof section4Text;
