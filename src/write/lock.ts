import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../config/errors.ts';
import { TEMP_PREFIX } from './atomic.ts';
import { JOURNAL } from './commit.ts';

const LOCK = '.facet-lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One build writes an output folder at a time: a second one refuses instead of interleaving
 * files. A lock left by a killed build (its process is gone) is taken over.
 */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(file, 'utf8').catch(() => ''));
      if (holder && holder !== process.pid && alive(holder)) {
        throw new SetupError(
          `Expected ${outDir}/ to be free but another facet build (process ${holder}) is writing it`,
          'wait for it to finish; the preview builds on every save too',
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new SetupError(`Expected to lock ${outDir}/ but could not`, `delete ${file} if no build is running`);
}

/**
 * For a process about to exit at once (a second Ctrl-C): removes the lock if this process
 * holds it, and the temp files of a build that had not begun its commit (a begun commit's
 * journal names them; the next build finishes it).
 */
export function abandonOutputSync(outDir: string): void {
  const file = path.join(outDir, LOCK);
  try {
    if (Number(readFileSync(file, 'utf8')) !== process.pid) return;
    if (!existsSync(path.join(outDir, JOURNAL))) sweepTempFilesSync(outDir);
    rmSync(file, { force: true });
  } catch {
    // Exiting anyway: the next build takes over a lock whose process is gone and sweeps temp files.
  }
}

function sweepTempFilesSync(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sweepTempFilesSync(full);
    else if (entry.name.startsWith(TEMP_PREFIX)) rmSync(full, { force: true });
  }
}
