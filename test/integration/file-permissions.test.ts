import fs from 'node:fs';
import test from 'ava';
import {runCli, runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// Section 3 on a fake host tree: owners and modes read under --root, fixed with chown/chmod through the engine.
let daemon: PrivateDockerd;
let root: FakeRoot;

test.before(async () => {
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir]});
	root.write('/lib/systemd/system/docker.service', '[Service]\n', 0o664);
	root.write('/lib/systemd/system/docker.socket', '[Socket]\n', 0o644);
	fs.chownSync(root.local('/lib/systemd/system/docker.socket'), 1000, 1000);
	fs.chmodSync(root.local('/etc/docker'), 0o755);
	root.write('/etc/docker/certs.d/registry.example:5000/ca.crt', 'cert\n', 0o644);
	root.write('/etc/docker/certs.d/registry.example:5000/client.cert', 'cert\n', 0o444);
	fs.chmodSync(daemon.configFile, 0o600);
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

const common = () => ['--root', root.dir, '--docker-host', daemon.host];
const results = async (ids: string) => new Map((await runReport(['--check', ids, ...common()])).report.results.map(result => [result.id, result]));

test.serial('owners and modes are judged as bit sets on the files this host uses', async t => {
	const found = await results('3.1,3.2,3.3,3.4,3.5,3.6,3.7,3.8,3.17,3.18,3.21');
	t.is(found.get('3.1')!.status, 'pass');
	t.is(found.get('3.2')!.status, 'warn');
	t.true(found.get('3.2')!.evidence.some(line => line.startsWith('/lib/systemd/system/docker.service is root:root 0664 (rw-rw-r--)')), found.get('3.2')!.evidence.join('\n'));
	t.is(found.get('3.3')!.status, 'warn');
	t.true(found.get('3.3')!.evidence.some(line => line.includes('uid 1000')));
	t.is(found.get('3.4')!.status, 'pass');
	t.is(found.get('3.6')!.status, 'pass');
	t.is(found.get('3.8')!.status, 'warn', 'ca.crt is 0644, beyond 0444');
	t.true(found.get('3.8')!.evidence.some(line => line.includes('ca.crt')));
	t.false(found.get('3.8')!.evidence.some(line => line.includes('client.cert is')), 'the compliant file is not listed as offending');
	t.is(found.get('3.17')!.status, 'pass', 'the daemon.json in use is the --config-file of the running dockerd');
	t.is(found.get('3.18')!.status, 'pass', '0600 is more restrictive than 0644');
	t.is(found.get('3.21')!.status, 'skip');
});

test.serial('fix 3.2 removes the excess bit only, verifies and journals it', async t => {
	const plan = await runCli(['fix', '3.2', '--dry-run', ...common()]);
	t.true(plan.stdout.includes('chmod 0644 /lib/systemd/system/docker.service   (now 0664)'), plan.stdout);
	const {exitCode, stdout, stderr} = await runCli(['fix', '3.2', '--yes', ...common()]);
	t.is(exitCode, 0, stderr);
	t.true(stdout.includes('[PASS] 3.2 - fixed and verified'));
	t.is(fs.statSync(root.local('/lib/systemd/system/docker.service')).mode & 0o7777, 0o644);
	t.is(fs.readdirSync(root.local('/var/lib/dockwarden/journal')).length, 1);
});

test.serial('fix 3.3 sets the owner to root:root', async t => {
	const {exitCode, stderr} = await runCli(['fix', '3.3', '--yes', ...common()]);
	t.is(exitCode, 0, stderr);
	const stat = fs.statSync(root.local('/lib/systemd/system/docker.socket'));
	t.deepEqual([stat.uid, stat.gid], [0, 0]);
	t.is((await results('3.3')).get('3.3')!.status, 'pass');
});
