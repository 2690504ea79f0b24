import type {RootFs} from './root-fs.js';

/** The systemd unit search path for system units, in priority order. */
export const unitDirectories = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];

/** The first unit file of that name on the search path (the system units' by default), if any. */
export async function findUnitFile(fs: RootFs, unit: string, directories: readonly string[] = unitDirectories): Promise<string | undefined> {
	for (const directory of directories) {
		const candidate = `${directory}/${unit}`;
		// eslint-disable-next-line no-await-in-loop -- the first unit file on the search path wins: directories are tried in order
		const stat = await fs.stat(candidate).catch(() => undefined);
		if (stat?.isFile()) {
			return candidate;
		}
	}

	return undefined;
}

/** The text of a unit and its drop-ins (UNIT.d/*.conf in every unit directory of the search path), in the order systemd applies them. */
export async function readUnit(fs: RootFs, unit: string, directories: readonly string[] = unitDirectories): Promise<string | undefined> {
	return (await readUnitFile(fs, unit, directories))?.text;
}

/** A unit's text with its drop-ins, and the unit file it starts from. */
export async function readUnitFile(fs: RootFs, unit: string, directories: readonly string[] = unitDirectories): Promise<{text: string; file: string} | undefined> {
	const file = await findUnitFile(fs, unit, directories);
	if (!file) {
		return undefined;
	}

	const dropIns = (await Promise.all(directories.map(async directory => (await fs.readdir(`${directory}/${unit}.d`)).filter(name => name.endsWith('.conf')).map(name => ({name, path: `${directory}/${unit}.d/${name}`}))))).flat();
	dropIns.sort((a, b) => a.name.localeCompare(b.name));
	const texts = await Promise.all([file, ...dropIns.map(dropIn => dropIn.path)].map(async path => fs.readText(path).catch(() => undefined)));
	return {text: texts.filter(text => text !== undefined).join('\n'), file};
}
