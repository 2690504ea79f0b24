/** The entries of /etc/passwd or /etc/group (under --root): each line's colon-separated fields, for lines that have at least a name, a password and an id. */
export function accountEntries(text: string | undefined): string[][] {
	return (text ?? '').split('\n').map(line => line.split(':')).filter(fields => fields.length > 2);
}
