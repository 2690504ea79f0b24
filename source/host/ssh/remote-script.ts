/**
The shell side of a batch: a POSIX sh script, run on the target in one SSH round trip, that answers many requests at
once. Each answer is one line, `KIND ID …`; every byte that came from the host (file contents, names, link targets,
command output) travels base64-encoded, so nothing the host holds can forge a line or a field.
*/

/** Quotes one word for sh: single quotes, each `'` as `'\''`. */
export function shellQuote(word: string): string {
	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

/** The largest file a batch reads back (the same order as the local reads allow); larger ones are reported as too large. */
export const maxFileBytes = 16 * 1024 * 1024;

/**
The functions every batch starts with. `R` is the --root prefix on the target ('' for /); `$T` a private temporary
directory of the run, removed at the end. Processes are started sparingly (on a busy host each costs milliseconds):
/proc's small text files are read with the shell's own `read`, and the stats of a batch are one `stat` command.
- SB … SE: the lines of one `stat -L -c '%f %u %g %s %Y %i %h %d %n' PATH…` (paths without a newline; a missing one has no line)
- S ID PATH: one stat: `S ID MODEHEX UID GID SIZE MTIME INO NLINK DEV`, or `S ID -`
- L ID PATH: `L ID +TARGET64` for a symlink, else `L ID -`
- F ID PATH: the file's bytes (up to the cap and one more): `F ID +DATA64`, `F ID -` when missing, `F ID !CODE` when it
  cannot be read or is not a regular file (a FIFO planted as daemon.json must not hang the audit)
- T ID PATH: a text file without NUL bytes (/proc's status, cgroup…), line by line: `t ID LINE`…, `u ID REST` for a last line without a newline, then `T ID +`
- D ID PATH: a directory's names: `D ID +NAMES64` (NUL-separated), `D ID -` when missing, `D ID !CODE` when unreadable
- C ID: every process's comm and cgroup at once: `c ID PID COMM` (only a one-line comm), `g ID PID LINE`…, then `C ID +`;
  for dockerd, containerd and rootlesskit also what the daemon gatherers read next (cmdline, status, exe), as answers
  whose id is `@PATH`
- X ID ARGV…: runs a command with stdin from /dev/null: `X ID EXIT +STDOUT64 +STDERR64`
Every field that comes from the host is base64, or the rest of a line whose kind and id come first: nothing a file
holds can make a line of its own.
*/
export const scriptPrelude = [
	'T=$(mktemp -d 2>/dev/null) || { echo \'E mktemp\'; exit 97; }',
	'trap \'rm -rf "$T"\' EXIT',
	'umask 077',
	'e() { base64 -w 0; }',
	'op_S() { if s=$(stat -L -c \'%f %u %g %s %Y %i %h %d\' -- "$R$2" 2>/dev/null); then echo "S $1 $s"; else echo "S $1 -"; fi; }',
	'op_L() { if [ -L "$R$2" ]; then printf \'L %s +\' "$1"; readlink -- "$R$2" | e; echo; else echo "L $1 -"; fi; }',
	'op_F() {',
	'	p=$R$2',
	'	if [ ! -e "$p" ]; then echo "F $1 -"',
	'	elif [ -d "$p" ]; then echo "F $1 !EISDIR"',
	'	elif [ ! -f "$p" ]; then echo "F $1 !EINVAL"',
	'	elif [ ! -r "$p" ]; then echo "F $1 !EACCES"',
	'	else printf \'F %s +\' "$1"; head -c @MAX1@ -- "$p" 2>/dev/null | e; echo; fi',
	'}',
	'op_T() {',
	'	p=$R$2',
	'	if [ ! -e "$p" ]; then echo "T $1 -"',
	'	elif [ -d "$p" ]; then echo "T $1 !EISDIR"',
	'	elif [ ! -f "$p" ]; then echo "T $1 !EINVAL"',
	'	elif [ ! -r "$p" ]; then echo "T $1 !EACCES"',
	'	else',
	'		l=',
	'		{ while IFS= read -r l; do printf \'t %s %s\\n\' "$1" "$l"; l=; done; } 2>/dev/null < "$p"',
	'		[ -z "$l" ] || printf \'u %s %s\\n\' "$1" "$l"',
	'		echo "T $1 +"',
	'	fi',
	'}',
	'op_D() {',
	'	p=$R$2',
	'	if [ ! -e "$p" ] || [ ! -d "$p" ]; then echo "D $1 -"',
	'	elif [ ! -r "$p" ] || [ ! -x "$p" ]; then echo "D $1 !EACCES"',
	'	else',
	'		printf \'D %s +\' "$1"',
	'		for f in "$p"/* "$p"/.[!.]* "$p"/..?*; do',
	'			if [ -e "$f" ] || [ -L "$f" ]; then printf \'%s\\0\' "${f##*/}"; fi',
	'		done | e',
	'		echo',
	'	fi',
	'}',
	'op_C() {',
	'	for d in "$R"/proc/[0-9]*; do',
	'		n=${d##*/}',
	'		c=',
	'		{ IFS= read -r c && ! IFS= read -r x; } 2>/dev/null < "$d/comm" && printf \'c %s %s %s\\n\' "$1" "$n" "$c"',
	'		{ while IFS= read -r l; do printf \'g %s %s %s\\n\' "$1" "$n" "$l"; done; } 2>/dev/null < "$d/cgroup"',
	'		case $c in dockerd|containerd|rootlesskit)',
	'			op_F "@/proc/$n/cmdline" "/proc/$n/cmdline"',
	'			op_T "@/proc/$n/status" "/proc/$n/status"',
	'			op_L "@/proc/$n/exe" "/proc/$n/exe"',
	'		esac',
	'	done',
	'	echo "C $1 +"',
	'}',
	'op_X() {',
	'	i=$1',
	'	shift',
	'	"$@" < /dev/null > "$T/o" 2> "$T/e"',
	'	r=$?',
	'	printf \'X %s %s +\' "$i" "$r"; e < "$T/o"; printf \' +\'; e < "$T/e"; echo',
	'}',
].join('\n').replaceAll('@MAX1@', String(maxFileBytes + 1));
