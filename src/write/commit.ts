import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isTempFile, listFiles, removeEmptyFolders, TEMP_PREFIX, writeAtomic } from './atomic.ts';

/** A file written under a temp name beside its target, waiting for the commit. */
export interface Staged {
  temp: string;
  target: string;
}

/** Lists what the commit does, so a killed commit is finished by the next build. */
export const JOURNAL = '.facet-commit.json';

/**
 * Writes `data` under a temp name beside `target` (both relative to `outDir`), or nothing if
 * the target already holds exactly these bytes: an unchanged file keeps its time stamp.
 */
export async function stage(outDir: string, target: string, data: string | Buffer): Promise<Staged | undefined> {
  const absolute = path.join(outDir, target);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const existing = await stat(absolute).catch(() => undefined);
  if (existing?.size === bytes.length && (await readFile(absolute)).equals(bytes)) return undefined;
  await mkdir(path.dirname(absolute), { recursive: true });
  const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  await writeFile(path.join(outDir, temp), bytes);
  return { temp, target };
}

/**
 * Makes a build's staged files visible together: the journal first, then every rename and
 * removal, then the journal goes. A build killed before the journal leaves the previous
 * output whole (its temp files are swept next time); one killed after it is finished by the
 * next build's recoverOutput, so output/ and its manifest always end up describing one build.
 */
export async function commitOutput(outDir: string, staged: Staged[], remove: string[]): Promise<void> {
  const journal = path.join(outDir, JOURNAL);
  await writeAtomic(journal, JSON.stringify({ staged, remove }));
  await apply(outDir, staged, remove);
  await rm(journal, { force: true });
}

async function apply(outDir: string, staged: Staged[], remove: string[]): Promise<void> {
  for (const { temp, target } of staged) {
    await rename(path.join(outDir, temp), path.join(outDir, target)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // renamed already, before a kill
    });
  }
  for (const file of remove) await rm(path.join(outDir, file), { force: true });
}

/** Finishes a commit a killed build left half done, then sweeps temp files no commit will use. */
export async function recoverOutput(outDir: string): Promise<void> {
  const journal = path.join(outDir, JOURNAL);
  const pending = await readFile(journal, 'utf8')
    .then((text) => JSON.parse(text) as { staged: Staged[]; remove: string[] })
    .catch(() => undefined);
  if (pending) await apply(outDir, pending.staged, pending.remove);
  await rm(journal, { force: true });
  for (const file of await listFiles(outDir)) if (isTempFile(file)) await rm(path.join(outDir, file), { force: true });
  await removeEmptyFolders(outDir);
}
