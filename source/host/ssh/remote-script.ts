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
Resolves a host path inside the tree under `$R`, as the kernel would under chroot and as root-fs.ts's walk does locally:
component by component, a link's target read and walked (an absolute one from the root), `..` never above the root,
more than 40 links an error. `rp PATH FOLLOW`: FOLLOW 1 follows a link in the last component. Sets `P` to the resolved
host path and `p` to the path on the target ($R$P). Returns 0 when it exists, 1 when a component is missing (P: as far
as it goes, then the rest), 2 for too many links, 3 when a link led to nothing. With no `$R` (the target's own /), the
kernel's resolution is already confined to /: p is the path, and 0 or 1 says whether it exists.
*/
export const resolveFunction = [
	'rp() {',
	'	if [ -z "$R" ]; then p=$1; P=$1; [ -e "$p" ] || [ -L "$p" ] || return 1; return 0; fi',
	'	q=$1; P=; k=0',
	'	while :; do',
	'		while case $q in /*) true ;; *) false ;; esac; do q=${q#/}; done',
	'		[ -n "$q" ] || break',
	'		case $q in */*) c=${q%%/*}; q=${q#*/} ;; *) c=$q; q= ;; esac',
	'		case $c in .) continue ;; ..) P=${P%/*}; continue ;; esac',
	'		if [ -L "$R$P/$c" ] && { [ -n "$q" ] || [ "$2" = 1 ]; }; then',
	'			k=$((k + 1)); if [ $k -gt 40 ]; then p=$R$P/$c; return 2; fi',
	'			l=$(readlink -- "$R$P/$c"; echo x); l=${l%?x}',
	'			case $l in /*) P= ;; esac',
	'			q=$l/$q',
	'		elif [ -e "$R$P/$c" ] || [ -L "$R$P/$c" ]; then',
	'			P=$P/$c',
	'			if [ -n "$q" ] && [ ! -d "$R$P" ]; then P=$P/$q; p=$R$P; return 1; fi',
	'		else',
	'			P=$P/$c${q:+/$q}; p=$R$P; [ $k -gt 0 ] && return 3; return 1',
	'		fi',
	'	done',
	'	P=${P:-/}; p=$R$P',
	'	return 0',
	'}',
].join('\n');

/**
The functions every batch starts with. `R` is the --root prefix on the target ('' for /); `$T` a private temporary
directory of the run, removed at the end. Processes are started sparingly (on a busy host each costs milliseconds):
/proc's small text files are read with the shell's own `read`, and the stats of a batch are one `stat` command.
- SB … SE: the lines of one `stat -L -c '%f %u %g %s %Y %i %h %d %n' PATH…` (paths without a newline; a missing one has no
  line), on the target's own / only: under a --root each path is resolved inside the tree first (rp), one by one
- LB … LE: the link targets of many paths at once (lk): a line of the paths that are links, then a line of their
  targets, each NUL-separated in base64
- S ID PATH: one stat: `S ID MODEHEX UID GID SIZE MTIME INO NLINK DEV`, or `S ID -`
- L ID PATH: `L ID +TARGET64` for a symlink, else `L ID -`
- F ID PATH: the file's bytes (up to the cap and one more): `F ID +DATA64`, `F ID -` when missing, `F ID !CODE` when it
  cannot be read or is not a regular file (a FIFO planted as daemon.json must not hang the audit), or a link under --root
  leads nowhere inside the tree (EDANGLING) or loops (ELOOP)
- T ID PATH: a text file without NUL bytes (/proc's status, cgroup…), line by line: `t ID LINE`…, `u ID REST` for a last line without a newline, then `T ID +`
- D ID PATH: a directory's names: `D ID +NAMES64` (NUL-separated), `D ID -` when missing, `D ID !CODE` when unreadable
- C ID: every process's comm and cgroup at once (two greps): `c ID PID COMM` (only a one-line comm), `g ID PID LINE`…, then `C ID +`;
  for dockerd, containerd and rootlesskit also what the daemon gatherers read next (cmdline, status, exe; for dockerd its
  net/unix, its descriptors and the targets of the lowest 24), as answers whose id is `@PATH` (the targets as an LB … LE block)
- X ID ARGV…: runs a command with stdin from /dev/null: `X ID EXIT +STDOUT64 +STDERR64`
Every field that comes from the host is base64, or the rest of a line whose kind and id come first: nothing a file
holds can make a line of its own.
*/
export const scriptPrelude = [
	'T=$(mktemp -d 2>/dev/null) || { echo \'E mktemp\'; exit 97; }',
	'trap \'rm -rf "$T"\' EXIT',
	'umask 077',
	'e() { base64 -w 0; }',
	// The link targets of the paths given that are links: LB, the paths and then their targets (each a line of
	// NUL-separated names in base64), LE. One readlink for all (GNU's -z); where it fails (busybox, a link gone
	// meanwhile) one per link, an empty target for a link gone, so that the two lines stay in step.
	'lk() {',
	'	echo LB',
	'	for f; do shift; [ -L "$f" ] && set -- "$@" "$f"; done',
	'	if [ $# -gt 0 ]; then',
	'		printf \'%s\\0\' "$@" | e; echo',
	'		if readlink -z -- "$@" > "$T/l" 2>/dev/null; then e < "$T/l"; else for f; do printf \'%s\\0\' "$(readlink -- "$f")"; done | e; fi; echo',
	'	fi',
	'	echo LE',
	'}',
	resolveFunction,
	// A read that cannot resolve: `KIND ID -` when missing, `KIND ID !ELOOP` or `!EDANGLING` (a link that leads out of the tree's files).
	'rq() { rp "$2" "$3"; case $? in 0) return 0 ;; 2) echo "$4 $1 !ELOOP" ;; 3) echo "$4 $1 !EDANGLING" ;; *) echo "$4 $1 -" ;; esac; return 1; }',
	'op_S() { rp "$2" 1 && s=$(stat -L -c \'%f %u %g %s %Y %i %h %d\' -- "$p" 2>/dev/null) && { echo "S $1 $s"; return; }; echo "S $1 -"; }',
	'op_L() { if rp "$2" 0 && [ -L "$p" ]; then printf \'L %s +\' "$1"; readlink -- "$p" | e; echo; else echo "L $1 -"; fi; }',
	'op_F() {',
	'	rq "$1" "$2" 1 F || return 0',
	'	if [ ! -e "$p" ]; then echo "F $1 -"',
	'	elif [ -d "$p" ]; then echo "F $1 !EISDIR"',
	'	elif [ ! -f "$p" ]; then echo "F $1 !ENOTREG"',
	'	elif [ ! -r "$p" ]; then echo "F $1 !EACCES"',
	// Larger than the cap by its size: refused before a byte is read. /proc's files say 0 and are read, up to the cap,
	// without asking (a `stat` process less for each command line).
	'	elif case $P in /proc/*) false ;; *) [ "$(stat -L -c %s -- "$p" 2>/dev/null || echo 0)" -gt @MAX@ ] ;; esac; then echo "F $1 !EFBIG"',
	'	else printf \'F %s +\' "$1"; head -c @MAX1@ -- "$p" 2>/dev/null | e; echo; fi',
	'}',
	'op_T() {',
	'	rq "$1" "$2" 1 T || return 0',
	'	if [ ! -e "$p" ]; then echo "T $1 -"',
	'	elif [ -d "$p" ]; then echo "T $1 !EISDIR"',
	'	elif [ ! -f "$p" ]; then echo "T $1 !ENOTREG"',
	'	elif [ ! -r "$p" ]; then echo "T $1 !EACCES"',
	'	else',
	'		l=',
	'		{ while IFS= read -r l; do printf \'t %s %s\\n\' "$1" "$l"; l=; done; } 2>/dev/null < "$p"',
	'		[ -z "$l" ] || printf \'u %s %s\\n\' "$1" "$l"',
	'		echo "T $1 +"',
	'	fi',
	'}',
	'op_D() {',
	'	rp "$2" 1 || { echo "D $1 -"; return 0; }',
	'	if [ ! -d "$p" ]; then echo "D $1 -"',
	'	elif [ ! -r "$p" ] || [ ! -x "$p" ]; then echo "D $1 !EACCES"',
	'	else',
	'		printf \'D %s +\' "$1"',
	// One printf per pattern, not one per name (/proc holds hundreds); a pattern that matched nothing stays as it is, and is
	// left out unless a name like it exists.
	'		( cd -- "$p" 2>/dev/null && for g in \'*\' \'.[!.]*\' \'..?*\'; do set -- $g; if [ $# -eq 1 ] && [ ! -e "$1" ] && [ ! -L "$1" ]; then continue; fi; printf \'%s\\0\' "$@"; done ) | e',
	'		echo',
	'	fi',
	'}',
	// Two greps read every comm and every cgroup (the shell's read takes a system call per byte: a second or more on a
	// host of a few hundred processes); `N/comm:LINE` and `N/cgroup:LINE` become the answer's lines, a comm of more than
	// one line is left out, and a process gone meanwhile is simply absent.
	'op_C() {',
	'	ci=$1',
	'	( cd "$R"/proc 2>/dev/null && LC_ALL=C grep -aH "" [0-9]*/comm 2>/dev/null ) > "$T/comm"',
	'	LC_ALL=C awk -v i="$1" \'{ p = substr($0, 1, index($0, "/") - 1); n[p]++; v[p] = substr($0, index($0, ":") + 1) } END { for (p in n) if (n[p] == 1) printf "c %s %s %s\\n", i, p, v[p] }\' "$T/comm"',
	'	( cd "$R"/proc 2>/dev/null && LC_ALL=C grep -aH "" [0-9]*/cgroup 2>/dev/null ) | LC_ALL=C sed "s|^\\([0-9]*\\)/cgroup:|g $1 \\1 |"',
	'	LC_ALL=C awk \'{ p = substr($0, 1, index($0, "/") - 1); n[p]++; v[p] = substr($0, index($0, ":") + 1) } END { for (p in n) if (n[p] == 1 && v[p] ~ /^(dockerd|containerd|rootlesskit)$/) print p, v[p] }\' "$T/comm" > "$T/daemons"',
	'	while read -r n c; do',
	'		op_F "@/proc/$n/cmdline" "/proc/$n/cmdline"',
	'		op_T "@/proc/$n/status" "/proc/$n/status"',
	'		op_L "@/proc/$n/exe" "/proc/$n/exe"',
	// What the proof of a dockerd reads next (daemon-socket.ts): its unix sockets, its descriptors, and the targets of the
	// lowest ones, where a daemon holds its listening sockets (the proof reads 16 first).
	'		[ "$c" = dockerd ] || continue',
	'		op_F "@/proc/$n/net/unix" "/proc/$n/net/unix"',
	'		op_D "@/proc/$n/fd" "/proc/$n/fd"',
	'		set --; i=0; while [ $i -lt 24 ]; do set -- "$@" "$R/proc/$n/fd/$i"; i=$((i + 1)); done',
	'		lk "$@"',
	'	done < "$T/daemons"',
	'	echo "C $ci +"',
	'}',
	'op_X() {',
	'	i=$1',
	'	shift',
	'	"$@" < /dev/null > "$T/o" 2> "$T/e"',
	'	r=$?',
	'	printf \'X %s %s +\' "$i" "$r"; e < "$T/o"; printf \' +\'; e < "$T/e"; echo',
	'}',
].join('\n').replaceAll('@MAX1@', String(maxFileBytes + 1)).replaceAll('@MAX@', String(maxFileBytes));
