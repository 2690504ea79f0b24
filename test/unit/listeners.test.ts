import test from 'ava';
import {decodeAddress} from '../../source/host/listeners.js';
import {contentTrustValue} from '../../source/host/content-trust.js';

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
