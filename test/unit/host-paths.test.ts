import test from 'ava';
import {dockerRootDir} from '../../source/host/paths.js';
import {makeFacts, fixtureInfo} from '../helpers/fixture-facts.js';

test('the Docker root dir comes from docker info; under userns-remap it is the parent of the remapped subdirectory (1.1.1, 1.1.5)', t => {
	const {daemon, docker} = makeFacts();
	t.deepEqual(dockerRootDir(daemon, docker), {path: '/var/lib/docker', how: 'docker info DockerRootDir'});
	const remapped = makeFacts({docker: {info: fixtureInfo({DockerRootDir: '/srv/docker/100000.100000', SecurityOptions: ['name=seccomp,profile=default', 'name=userns']})}});
	t.is(dockerRootDir(remapped.daemon, remapped.docker).path, '/srv/docker');
});

test('without the daemon, the data-root setting, else the default', t => {
	const unreachable = {reachable: false as const, host: 'unix:///var/run/docker.sock', error: 'down'};
	const configured = makeFacts({daemon: {flags: {'data-root': '/data/docker'}}});
	t.is(dockerRootDir(configured.daemon, unreachable).path, '/data/docker');
	t.is(dockerRootDir(makeFacts().daemon, unreachable).path, '/var/lib/docker');
});
