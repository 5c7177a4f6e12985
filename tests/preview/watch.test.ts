import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolders } from '../../src/preview/watch.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Saves `file` as editors and the preview do: a temp file renamed over it. */
function saveByRename(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5_000; waited += 20) await new Promise((wake) => setTimeout(wake, 20));
}

describe('the preview watching its folders', () => {
  it('sees every save of a file saved by rename, and files in folders made after it started', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'facet-watch-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'cards'));
    const article = path.join(dir, 'a.md');
    saveByRename(article, 'v0');
    const seen: string[] = [];
    const failures: Error[] = [];
    const watch = watchFolders(
      dir,
      (file) => seen.push(file),
      (error) => failures.push(error),
    );
    try {
      for (let save = 1; save <= 6; save += 1) {
        const before = seen.filter((file) => file === 'a.md').length;
        saveByRename(article, `v${save}`);
        await until(() => seen.filter((file) => file === 'a.md').length > before);
        expect(seen.filter((file) => file === 'a.md').length, `save ${save}: ${seen.join(', ')}`).toBeGreaterThan(
          before,
        );
      }
      saveByRename(path.join(dir, 'cards', 'quote.html'), '<div/>');
      await until(() => seen.includes(path.join('cards', 'quote.html')));
      expect(seen).toContain(path.join('cards', 'quote.html'));
      mkdirSync(path.join(dir, 'rules'));
      await until(() => seen.includes('rules'));
      await new Promise((wake) => setTimeout(wake, 50));
      saveByRename(path.join(dir, 'rules', 'claims.yaml'), '[]');
      await until(() => seen.includes(path.join('rules', 'claims.yaml')));
      expect(seen).toContain(path.join('rules', 'claims.yaml'));
      expect(failures).toEqual([]);
    } finally {
      watch.close();
    }
  });
});
