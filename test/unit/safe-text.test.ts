import test from 'ava';
import {maskedNotice, maskSecrets, safeText, visibleControls} from '../../source/text/safe-text.js';

// Every input below stands for text an attacker controls on the host (image metadata, labels, env, process command lines, file
// names and contents, hostnames). What must not happen: a raw control, C1 or bidi character reaching the output, a newline
// forging a row, or a secret (a password, token, key) copied into the output unmasked.

/** True when the text holds a character a terminal or a renderer acts on. */
const hasRawControl = (text: string) => /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u.test(text);

test('ESC and BEL of an OSC title sequence and a clear-screen become visible escapes', t => {
	const hostile = 'CMD true \u001B]0;title\u0007 \u001B[2J';
	t.is(visibleControls(hostile), String.raw`CMD true \x1b]0;title\x07 \x1b[2J`);
	t.false(hasRawControl(safeText(hostile)));
});

test('the single-character CSI U+009B and the other C1 controls are escaped', t => {
	t.is(visibleControls('a\u009B2Jb'), String.raw`a\x9b2Jb`);
	t.is(visibleControls('\u0080\u0085\u009F'), String.raw`\x80\x85\x9f`);
	t.is(visibleControls('\u007F'), String.raw`\x7f`);
	t.is(visibleControls('\u0000'), String.raw`\x00`);
});

test('bidi overrides, isolates and marks become \\u escapes, so text cannot be reordered on screen', t => {
	t.is(visibleControls('evil\u202Etxt.exe'), String.raw`evil\u202etxt.exe`);
	t.is(visibleControls('\u202A\u202B\u202C\u202D'), String.raw`\u202a\u202b\u202c\u202d`);
	t.is(visibleControls('\u2066\u2067\u2068\u2069'), String.raw`\u2066\u2067\u2068\u2069`);
	t.is(visibleControls('\u200E\u200F\u061C'), String.raw`\u200e\u200f\u061c`);
	t.is(visibleControls('a\u2028b\u200Bc\uFEFF'), String.raw`a\u2028b\u200bc\ufeff`);
	t.is(visibleControls('tag\u{E0041}'), String.raw`tag\u{e0041}`);
});

test('printable text, including non-Latin letters and emoji, is left alone', t => {
	const text = 'cis-web: uid 0 → 100000 (pid 2590) héllo 日本 🐳 /var/lib/docker';
	t.is(visibleControls(text), text);
	t.is(safeText(text), text);
});

test('a newline in a single-line value becomes \\n and never forges a row; CRLF shows both', t => {
	t.is(safeText('web-1\n[PASS] 4.6 - forged'), String.raw`web-1\n[PASS] 4.6 - forged`);
	t.is(safeText('line\r\nnext'), String.raw`line\r\nnext`);
	t.false(safeText('a\nb\rc').includes('\n'));
	t.false(safeText('a\nb\rc').includes('\r'));
});

test('multiline keeps line breaks but still shows a carriage return that would overwrite the line', t => {
	t.is(safeText('{\r\n  "icc": false\n}', {multiline: true}), '{\\r\n  "icc": false\n}');
	t.is(safeText('ok\r[PASS]', {multiline: true}), String.raw`ok\r[PASS]`);
});

test('visibleControls leaves raw only the controls a caller allows', t => {
	t.is(visibleControls('a\tb\nc'), String.raw`a\tb\nc`);
	t.is(visibleControls('a\tb\nc', ['\n']), 'a\\tb\nc');
	t.is(visibleControls('a\tb\nc', ['\n', '\t']), 'a\tb\nc');
});

test('a tab becomes a space in safeText', t => {
	t.is(safeText('key\tvalue'), 'key value');
});

test('a literal backslash stays, so making text safe twice changes nothing', t => {
	t.is(safeText(String.raw`C:\temp\x1b`), String.raw`C:\temp\x1b`);
	const once = safeText('\u001B[2J \u202E docker login -u ci --password hunter2 reg\nx');
	t.is(safeText(once), once);
	t.is(safeText(once, {multiline: true}), once);
});

test('--password X and --password=X are masked and the text says so', t => {
	const masked = safeText('/bin/sh -c docker login -u ci --password hunter2 reg');
	t.false(masked.includes('hunter2'));
	t.is(masked, `/bin/sh -c docker login -u ci --password *** reg${maskedNotice}`);
	t.is(safeText('login --password=hunter2 x'), `login --password=*** x${maskedNotice}`);
	t.is(safeText('app --db-password "two words" --token=abc'), `app --db-password "***" --token=***${maskedNotice}`);
});

test('the notice is appended once per string, however many secrets it held', t => {
	const masked = safeText('--password a --token b PASSWORD=c');
	t.is(masked.split(maskedNotice).length, 2);
	t.true(masked.endsWith(maskedNotice));
});

test('--password-stdin has no value and is not masked; nor is --password-file, nor the next flag', t => {
	const text = 'echo $P | docker login -u ci --password-stdin reg';
	t.deepEqual(maskSecrets(text), {text, masked: false});
	t.false(maskSecrets('tool --password-file /run/secrets/db').masked);
	t.is(maskSecrets('tool --password --verbose').text, 'tool --password --verbose');
});

test('-p is masked only where it is a password: docker login and mysql, never docker run -p 8080:80', t => {
	t.is(maskSecrets('docker login -u ci -p hunter2 registry.local').text, 'docker login -u ci -p *** registry.local');
	t.is(maskSecrets('docker --config /x login -phunter2 reg').text, 'docker --config /x login -p*** reg');
	t.is(maskSecrets('mysql -u root -phunter2 shop').text, 'mysql -u root -p*** shop');
	t.is(maskSecrets('mysqldump -u root -p hunter2 shop').text, 'mysqldump -u root -p *** shop');
	t.is(maskSecrets('sshpass -p hunter2 ssh host').text, 'sshpass -p *** ssh host');
	for (const text of ['docker run -p 8080:80 nginx', 'docker run -d -p 127.0.0.1:80:80 web', 'mysql -P 3306 -h db', 'ssh -p 2222 host', 'docker login -u ci --password-stdin && docker run -p 80:80 x']) {
		t.deepEqual(maskSecrets(text), {text, masked: false}, text);
	}
});

test('credentials in URLs: the password is masked, the user and host stay', t => {
	t.is(maskSecrets('git clone https://ci:hunter2@git.example.com/repo.git').text, 'git clone https://ci:***@git.example.com/repo.git');
	t.is(maskSecrets('postgres://app:s3cr3t@db:5432/shop').text, 'postgres://app:***@db:5432/shop');
	t.false(maskSecrets('https://registry.example.com:5000/v2/').masked);
});

test('Authorization headers, Basic and Bearer', t => {
	t.is(maskSecrets('curl -H \'Authorization: Bearer abc.def.ghi\' https://x').text, 'curl -H \'Authorization: Bearer ***\' https://x');
	t.is(maskSecrets('Authorization: Basic Y2k6aHVudGVyMg==').text, 'Authorization: Basic ***');
	t.is(maskSecrets('curl -u ci:hunter2 https://x').text, 'curl -u ci:*** https://x');
});

test('NAME=VALUE when the name ends in _TOKEN, _KEY, _SECRET or holds PASSWORD or PASSWD, any case', t => {
	t.is(maskSecrets('MYSQL_ROOT_PASSWORD=hunter2').text, 'MYSQL_ROOT_PASSWORD=***');
	t.is(maskSecrets('env GITHUB_TOKEN=abc NPM_TOKEN="x y" AWS_SECRET_ACCESS_KEY=wJalr app_secret=1 db_passwd=2').text,
		'env GITHUB_TOKEN=*** NPM_TOKEN="***" AWS_SECRET_ACCESS_KEY=*** app_secret=*** db_passwd=***');
	for (const text of ['PATH=/usr/bin', 'HOSTNAME=web-1', 'TOKENIZER=fast', 'KEYBOARD=us', 'userns-remap=default', 'EMPTY_PASSWORD=']) {
		t.false(maskSecrets(text).masked, text);
	}
});

test('well-known key shapes: AWS access key ids, GitHub tokens, private key blocks', t => {
	t.is(maskSecrets('key AKIAIOSFODNN7EXAMPLE here').text, 'key AKIA*** here');
	t.is(maskSecrets('ASIAY34FZKBOKMUTVV7A').text, 'ASIA***');
	t.is(maskSecrets(`token ghp_${'a'.repeat(36)}`).text, 'token ghp_***');
	const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
	t.is(maskSecrets(`x ${pem} y`).text, 'x -----BEGIN OPENSSH PRIVATE KEY-----***-----END OPENSSH PRIVATE KEY----- y');
	t.is(maskSecrets('-----BEGIN RSA PRIVATE KEY-----\nMIIEow (cut)').text, '-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----');
	t.false(maskSecrets('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----').masked);
});

test('JSON "password": "X" pairs are masked', t => {
	t.is(maskSecrets('{"username": "ci", "password": "hunter2"}').text, '{"username": "ci", "password": "***"}');
});

test('masking is idempotent: *** is not a secret, and says nothing the second time', t => {
	const once = maskSecrets('docker login -p hunter2 reg MY_TOKEN=x https://a:b@c AKIAIOSFODNN7EXAMPLE').text;
	t.deepEqual(maskSecrets(once), {text: once, masked: false});
});

test('safeText masks before making controls visible: a secret next to an escape sequence is still masked', t => {
	const out = safeText('\u001B]52;c;aGk=\u0007 --password hunter2\u001B[2J');
	t.false(out.includes('hunter2'));
	t.false(hasRawControl(out));
	t.true(out.includes(String.raw`\x1b]52;c;aGk=\x07`));
	t.true(out.endsWith(maskedNotice));
});

test('a long hostile string is handled in linear time', t => {
	const long = `${'\u001B[2J--password '.repeat(20_000)}x`;
	const started = performance.now();
	const out = safeText(long);
	t.false(hasRawControl(out));
	t.true(performance.now() - started < 1000);
});

test('placeholders and shell variables are not secrets: documentation and scripts that keep the secret elsewhere read as they are', t => {
	for (const text of ['docker swarm join --token TOKEN 10.0.0.5:2377', 'docker login -p $CI_PASSWORD reg', 'MYSQL_PASSWORD=${DB_PASS}', 'tool --password <password>', 'docker build --secret id=npmrc,src=.npmrc .']) {
		t.deepEqual(maskSecrets(text), {text, masked: false}, text);
	}

	t.is(maskSecrets('docker swarm join --token SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl 10.0.0.5:2377').text, 'docker swarm join --token *** 10.0.0.5:2377');
});

test('no text of the catalogue is masked or escaped: the sanitiser leaves our own words alone', async t => {
	const {checks} = await import('../../source/benchmark/catalogue.js');
	for (const check of checks) {
		for (const text of [check.title, check.rationale, check.impact, check.remediation]) {
			t.is(safeText(text, {multiline: true}), text.replaceAll('\t', ' '), check.id);
		}
	}
});
