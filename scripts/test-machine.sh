#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine, as root, in one command: installs the system packages the tests use
# (Docker, auditd, busybox, tmux, the rootless and SSH parts, Ansible, ...), starts auditd, installs the npm
# dependencies, and runs `npm test`, ending with the line `N passed, N failed`. Exit 0 only when every test passed.
#   sudo scripts/test-machine.sh        (.ci/run runs this too)
# Extra arguments go to ava: sudo scripts/test-machine.sh test/unit
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

if [ "$(id -u)" -ne 0 ]; then
	echo 'scripts/test-machine.sh: run it as root (sudo): the tests start their own dockerd, sshd and audit rules' >&2
	exit 2
fi

need=()
# Node.js 20.19 or newer and npm: Debian 13's nodejs is new enough; on older releases install Node.js 20 first.
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v dockerd >/dev/null || need+=(docker.io)
command -v auditctl >/dev/null || need+=(auditd)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v tmux >/dev/null || need+=(tmux)
command -v promtool >/dev/null || need+=(prometheus)
# The fake sshd of the container-runtime and hostile-text tests is a static C program.
command -v gcc >/dev/null || need+=(gcc libc6-dev)
# Rootless Docker (test/integration/rootless.test.ts): dockerd-rootless.sh runs under rootlesskit, with newuidmap and slirp4netns.
command -v rootlesskit >/dev/null || need+=(rootlesskit)
command -v newuidmap >/dev/null || need+=(uidmap)
command -v slirp4netns >/dev/null || need+=(slirp4netns)
command -v setpriv >/dev/null || need+=(util-linux)
# Remote hosts (test/integration/ssh-*.test.ts, examples/fleet-audit.yml): a real sshd, sudo for the test user, the ssh client, Ansible.
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null || need+=(openssh-client)
command -v sudo >/dev/null || need+=(sudo)
command -v ansible-playbook >/dev/null || need+=(ansible-core)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
	echo "scripts/test-machine.sh: the tests need Node.js 20.19 or newer; this machine has $(node --version): install Node.js 20 or newer, then run this again" >&2
	exit 2
fi

# slirp4netns of a rootless dockerd opens /dev/net/tun as its ordinary user: some VMs ship it 0600.
[ -c /dev/net/tun ] && chmod 0666 /dev/net/tun

# The kernel audit system is always there; auditd only collects its events. Start it if it is not running.
pgrep -x auditd >/dev/null || auditd || echo "auditd could not start; audit rules still load into the kernel"

npm ci --no-audit --no-fund

# The test command, as written in readme.md. ava's TAP output is counted into the closing line.
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
set +e
npm test -- --tap "$@" 2>&1 | tee "$tap"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -cE '^ok ' "$tap" || true)
failed=$(grep -cE '^not ok ' "$tap" || true)
echo "${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
	exit 1
fi
