import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../config/errors.ts';

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
        throw new SetupError(`Expected ${outDir}/ to be free but another facet build (process ${holder}) is writing it`, 'wait for it to finish; the preview builds on every save too');
      }
      await rm(file, { force: true });
    }
  }
  throw new SetupError(`Expected to lock ${outDir}/ but could not`, `delete ${file} if no build is running`);
}
