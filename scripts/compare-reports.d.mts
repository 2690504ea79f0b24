/** The differences between two JSON reports of the same host, one line each, apart from startedAt, durationMs and host.sshRoundTrips; empty when they agree (compare-reports.mjs). */
export function reportDifferences(before: unknown, after: unknown): string[];
