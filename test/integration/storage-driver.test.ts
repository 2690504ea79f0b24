import fs from 'node:fs';
import test from 'ava';
import {runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// v1.8.0's 2.7 (devicemapper) and v1.7.0's 1.1.9 (the docker.sock file) against a private dockerd, judged for real.
let daemon: PrivateDockerd;
let root: FakeRoot;

test.before(async () => {
	daemon = await startPrivateDockerd('{}\n');
	root = makeFakeRoot({mirrors: [daemon.dir]});
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

const common = () => ['--root', root.dir, '--docker-host', daemon.host];

test.serial('2.7 passes on the driver the daemon runs (overlay2 here), with docker info as evidence', async t => {
	const driver = daemon.docker('info', '--format', '{{.Driver}}');
	t.is(driver, 'overlay2', 'the private dockerd runs overlay2 on this machine');
	const {report, stderr} = await runReport(['--check', '2.7', ...common()]);
	const [result] = report.results;
	t.is(result?.id, '2.7', stderr);
	t.is(result?.title, 'Ensure devicemapper storage driver is not used');
	t.is(result?.status, 'pass', result?.evidence.join('\n'));
	t.regex(result!.evidence[0]!, /storage-driver is set neither in .*daemon\.json nor on the dockerd command line; docker info shows Driver: overlay2$/);
});

test.serial('2.7 warns from a daemon.json that names devicemapper before any restart: the configured value alone is evidence', async t => {
	const original = fs.readFileSync(daemon.configFile, 'utf8');
	t.teardown(() => {
		fs.writeFileSync(daemon.configFile, original);
	});
	// What an operator might leave behind: the file edited, the daemon not restarted (Engine 25.0 and later would refuse to start).
	fs.writeFileSync(daemon.configFile, '{\n\t"storage-driver": "devicemapper"\n}\n');
	const {report} = await runReport(['--check', '2.7', ...common()]);
	const [result] = report.results;
	t.is(result?.status, 'warn', result?.evidence.join('\n'));
	t.is(result?.summary, 'The devicemapper storage driver is configured');
	t.regex(result!.evidence[0]!, new RegExp(`storage-driver is "devicemapper" in ${daemon.configFile.replaceAll('.', '\\.')}; docker info shows Driver: overlay2`));
	t.regex(result!.evidence[1]!, /next start reads storage-driver devicemapper/);
	// The same host under v1.6.0: 2.7 is TLS there, and devicemapper is no check of that version.
	const old = await runReport(['--benchmark', '1.6.0', '--check', '2.7', ...common()]);
	t.is(old.report.results[0]?.title, 'Ensure TLS authentication for Docker daemon is configured');
});

test.serial('v1.7.0\'s 1.1.9 judges the audit watch of the socket the daemon serves, not the docker.socket unit', async t => {
	const [v170, v160] = await Promise.all([
		runReport(['--benchmark', '1.7.0', '--check', '1.1.9', ...common()]),
		runReport(['--benchmark', '1.6.0', '--check', '1.1.9', ...common()]),
	]);
	const socketCheck = v170.report.results[0]!;
	t.is(socketCheck.title, 'Ensure auditing is configured for Docker files and directories - docker.sock');
	t.true(socketCheck.evidence.join('\n').includes(daemon.socket), socketCheck.evidence.join('\n'));
	t.not(socketCheck.status, 'error', socketCheck.evidence.join('\n'));
	const unitCheck = v160.report.results[0]!;
	t.regex(unitCheck.title, /docker\.socket$/);
	t.false(unitCheck.evidence.join('\n').includes(daemon.socket), unitCheck.evidence.join('\n'));
});
