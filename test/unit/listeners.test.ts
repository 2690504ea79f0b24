import test from 'ava';
import {decodeAddress} from '../../source/host/listeners.js';
import {contentTrustValue} from '../../source/host/content-trust.js';
import {containerOfCgroup} from '../../source/host/container-processes.js';

test('addresses of /proc/net/tcp and tcp6 are decoded', t => {
	t.is(decodeAddress('00000000'), '0.0.0.0');
	t.is(decodeAddress('0100007F'), '127.0.0.1');
	t.is(decodeAddress('0500000A'), '10.0.0.5');
	t.is(decodeAddress('00000000000000000000000000000000'), '::');
	t.is(decodeAddress('0000000000000000FFFF00000500000A'), '0:0:0:0:0:ffff:a00:5');
});

test('DOCKER_CONTENT_TRUST is read from shell and environment files, the last setting winning', t => {
	t.is(contentTrustValue('PATH=/usr/bin\nDOCKER_CONTENT_TRUST=1\n'), '1');
	t.is(contentTrustValue('export DOCKER_CONTENT_TRUST="1"\n# DOCKER_CONTENT_TRUST=0\nexport DOCKER_CONTENT_TRUST=0'), '0');
	t.is(contentTrustValue('# export DOCKER_CONTENT_TRUST=1\n'), undefined);
});

test('a process belongs to the container its cgroup names, under any cgroup layout', t => {
	const id = 'e8ce8aa0c87e2bc20bdde4647a9dd4f699f9a7af67959c009e8e7690aec941a4';
	const ids = new Set([id]);
	t.is(containerOfCgroup(`9:name=systemd:/docker/${id}\n8:pids:/docker/${id}\n`, ids), id);
	t.is(containerOfCgroup(`0::/system.slice/docker-${id}.scope\n`, ids), id);
	t.is(containerOfCgroup(`4:memory:/dwtest-parent/${id}\n`, ids), id);
	t.is(containerOfCgroup('0::/user.slice/user-0.slice/session-1.scope\n', ids), undefined);
	t.is(containerOfCgroup(`0::/docker/${'f'.repeat(64)}\n`, ids), undefined, 'another container');
});
