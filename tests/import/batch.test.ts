import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPages } from '../../src/import/run.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
    '0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

function folderOfPages() {
  const dir = mkdtempSync(path.join(tmpdir(), 'facet-batch-'));
  const pages = path.join(dir, 'pages');
  const articles = path.join(dir, 'articles');
  mkdirSync(pages);
  mkdirSync(articles);
  copyFileSync(path.join(FIXTURES, 'import', 'seed-text', 'input.txt'), path.join(pages, 'seed.txt'));
  copyFileSync(path.join(FIXTURES, 'import', 'wordpress-post', 'input.html'), path.join(pages, 'lidocaine.html'));
  copyFileSync(path.join(FIXTURES, 'import', 'text-notice-top', 'input.txt'), path.join(pages, 'sgb.txt'));
  writeFileSync(path.join(pages, 'empty.txt'), '\n  \n');
  writeFileSync(path.join(pages, 'photo.png'), PNG);
  // The seed is already an article: its slug is taken.
  writeFileSync(path.join(articles, 'ketamine-therapy-for-migraines.md'), 'reviewed by hand\n');
  return { pages, articles };
}

describe('import of many pages', () => {
  it('reports a taken slug, a binary and an empty file, and imports the rest', async () => {
    const { pages, articles } = folderOfPages();
    const lines: string[] = [];
    const run = await importPages([pages], {
      articlesDir: articles,
      force: false,
      today: '2026-01-15',
      print: (line) => lines.push(line),
    });
    expect(run.slugs.sort()).toEqual(['lidocaine-infusions-for-chronic-pain', 'stellate-ganglion-block-for-ptsd']);
    expect(run.problems.map((problem) => [path.basename(problem.file), problem.ruleId])).toEqual([
      ['empty.txt', 'import-empty'],
      ['photo.png', 'import-binary'],
      ['seed.txt', 'import-slug-taken'],
    ]);
    // Never an overwrite without --force; the suggestion names a free slug.
    expect(readFileSync(path.join(articles, 'ketamine-therapy-for-migraines.md'), 'utf8')).toBe('reviewed by hand\n');
    const taken = run.problems.find((problem) => problem.ruleId === 'import-slug-taken')!;
    expect(taken.reason).toContain('ketamine-therapy-for-migraines.md already exists');
    expect(taken.hint).toMatch(/--force.*`ketamine-therapy-for-migraines-2` is free/);
    expect(existsSync(path.join(articles, 'stellate-ganglion-block-for-ptsd.md'))).toBe(true);
    const report = lines.join('\n');
    expect(report).toMatch(/stellate-ganglion-block-for-ptsd\.md:6:1: warning Kept the notice at line 1 as `notice:`/);
    expect(report).toContain('✗ imported 2 of 5 pages');
    expect(report).toMatch(
      /needs review[^\n]*\n {4}\S*lidocaine-infusions-for-chronic-pain\.md ← \S*lidocaine\.html: \d+ guesses/,
    );
    expect(report).toMatch(/not imported:\n.*empty\.txt: Unexpected empty file/);
  });

  it('overwrites a taken slug only with --force', async () => {
    const { pages, articles } = folderOfPages();
    const run = await importPages([path.join(pages, 'seed.txt')], {
      articlesDir: articles,
      force: true,
      today: '2026-01-15',
      print: () => {},
    });
    expect(run.problems).toEqual([]);
    expect(readFileSync(path.join(articles, 'ketamine-therapy-for-migraines.md'), 'utf8')).toMatch(
      /^---\ntitle: Ketamine Therapy for Migraines/,
    );
  });
});
