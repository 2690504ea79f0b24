import http from 'node:http';
import {createRequire} from 'node:module';
import test from 'ava';
import {connectDocker} from '../../source/host/docker-api.js';

const require = createRequire(import.meta.url);
const loaded = (part: string) => Object.keys(require.cache).filter(file => file.includes(part));

test('dockerode is loaded without ssh2 and without its BuildKit session, which are loaded on their first call', async t => {
	const client = await connectDocker('unix:///nonexistent/docker.sock');
	t.truthy(client);
	t.deepEqual(loaded('/node_modules/ssh2/'), []);
	t.deepEqual(loaded('/node_modules/@grpc/'), []);
	// docker-modem's SSH transport still works when asked for: its stand-in loads ssh2 and returns the real agent.
	const dockerode = createRequire(require.resolve('dockerode'));
	const sshTransport = dockerode(createRequire(dockerode.resolve('docker-modem')).resolve('./ssh.js')) as (options: object) => unknown;
	const agent = sshTransport({host: '127.0.0.1'});
	t.true(agent instanceof http.Agent);
	t.not(loaded('/node_modules/ssh2/').length, 0);
});
