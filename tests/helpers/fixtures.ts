import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** `UPDATE_FIXTURES=1 npm test` rewrites expected files from what the code now produces. */
export const UPDATING = process.env.UPDATE_FIXTURES === '1';

/** The case folders of a fixture group: tests/fixtures/<group>/<case>/. */
export function fixtureCases(group: string): string[] {
  return readdirSync(path.join(FIXTURES, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function readFixture(group: string, name: string, file: string): string {
  return readFileSync(path.join(FIXTURES, group, name, file), 'utf8');
}

/** The stored expectation; with UPDATE_FIXTURES=1 it is first rewritten from `actual`. */
export function expected(group: string, name: string, file: string, actual: string): string {
  const target = path.join(FIXTURES, group, name, file);
  if (UPDATING) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, actual);
  }
  if (!existsSync(target))
    throw new Error(`No expectation at ${target}; run UPDATE_FIXTURES=1 npm test and review the file it writes`);
  return readFileSync(target, 'utf8');
}
