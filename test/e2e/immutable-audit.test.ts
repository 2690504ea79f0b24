import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot} from '../helpers/fake-root.js';

// An immutable audit configuration (auditctl -e 2) cannot be undone without a reboot, so it is never produced on the
// test machine. This test uses an auditctl stand-in that reports `enabled 2` and refuses every change, as the kernel then does.
test('with the audit configuration locked, the fix persists the rule only and says a reboot is needed', async t => {
	const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-standin-'));
	const calls = path.join(bin, 'calls');
	fs.writeFileSync(path.join(bin, 'auditctl'), `#!/bin/sh
echo "$*" >> ${calls}
case "$1" in
	-s) printf 'enabled 2\\nfailure 1\\npid 0\\nrate_limit 0\\nbacklog_limit 8192\\nlost 0\\nbacklog 0\\n' ;;
	-l) echo 'No rules' ;;
	*) echo 'Error sending add rule data request (Operation not permitted)' >&2; exit 255 ;;
esac
`, {mode: 0o755});
	const root = makeFakeRoot({binaries: ['/usr/bin/dockerd']});
	const {exitCode, stdout, stderr} = await runCli(['fix', '1.1.6', '--yes', '--root', root.dir, '--docker-host', `unix://${bin}/none.sock`], {PATH: `${bin}:${process.env.PATH ?? ''}`});
	t.is(exitCode, 0, stderr);
	t.regex(stdout, /reboot/i);
	t.true(root.read('/etc/audit/rules.d/docker.rules')!.includes('-w /etc/docker -k docker'));
	t.false(fs.readFileSync(calls, 'utf8').split('\n').some(line => line.startsWith('-w')), 'no live rule was attempted');
	root.remove();
	fs.rmSync(bin, {recursive: true});
});
