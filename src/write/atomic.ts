import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Temp files start with this, so a crashed build's leftovers can be recognised and removed. */
export const TEMP_PREFIX = '.facet-tmp-';

/**
 * Writes through a temp file in the same folder and renames it into place: a reader sees the
 * old file or the new one, never half of one.
 */
export async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Every file below `dir`, as paths relative to it, `/`-separated. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path
        .relative(dir, path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
        .split(path.sep)
        .join('/'),
    );
}

export function isTempFile(relativePath: string): boolean {
  return path.basename(relativePath).startsWith(TEMP_PREFIX);
}

/** Removes folders below `dir` (not `dir` itself) left empty by deletions. */
export async function removeEmptyFolders(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    await removeEmptyFolders(child);
    if ((await readdir(child)).length === 0) await rm(child, { recursive: true, force: true });
  }
}
