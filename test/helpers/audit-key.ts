import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';

/** A unique audit key for one test, so its rules can be found and removed. */
export function uniqueAuditKey(): string {
	return `dwtest-${randomBytes(4).toString('hex')}`;
}

/** Live kernel rules with this key, as `auditctl -l` prints them. */
export function liveRulesWithKey(key: string): string[] {
	return execFileSync('auditctl', ['-l'], {encoding: 'utf8'}).split('\n').filter(line => line.includes(`-k ${key}`) || line.includes(`key=${key}`));
}

/** Deletes every live rule with this key. */
export function deleteRulesWithKey(key: string): void {
	try {
		execFileSync('auditctl', ['-D', '-k', key], {stdio: 'ignore'});
	} catch {}
}
