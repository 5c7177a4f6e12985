import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analyze.ts';
import { importArticle } from '../../src/import/article.ts';
import { expected, fixtureCases, FIXTURES } from '../helpers/fixtures.ts';
import { articleFile, repoSetup } from '../helpers/setup.ts';

const TODAY = '2026-01-15';

async function importFixture(name: string) {
  const input = ['input.txt', 'input.html'].map((file) => path.join(FIXTURES, 'import', name, file)).find(existsSync)!;
  return importArticle(input, TODAY);
}

/** tests/fixtures/import/<case>/input.(txt|html) → expected.md, the article file it writes. */
describe('import', () => {
  for (const name of fixtureCases('import')) {
    it(name, async () => {
      const { markdown } = await importFixture(name);
      expect(markdown).toBe(expected('import', name, 'expected.md', markdown));
    });

    it(`${name} gives an article that checks clean`, async () => {
      const { slug, markdown } = await importFixture(name);
      const source = articleFile(slug, markdown);
      const analysis = analyzeArticle(source, await repoSetup(), { drafts: false });
      expect(analysis.status).toBe('ok');
      expect(source.file.messages.filter((message) => message.fatal)).toEqual([]);
    });
  }

  it('turns the seed page into front matter, headings, lists and pull quotes', async () => {
    const { slug, markdown } = await importFixture('seed-text');
    expect(slug).toBe('ketamine-therapy-for-migraines');
    expect(markdown).toMatch(/^---\ntitle: Ketamine Therapy for Migraines\nsubtitle: Learn how IV Ketamine can relieve/);
    expect(markdown).toContain('date: 2024-03-18');
    expect(markdown).toContain('## Migraines Are Rarely Isolated from Psychological Pain');
    expect(markdown).toContain('- Acetaminophen (Tylenol)');
    expect(markdown).toContain('\n\nWe cannot expect to treat physical pain without treating emotional pain, and vice versa\n\n');
    // The bio is metadata, not a section.
    expect(markdown).toMatch(/author:\n {2}name: Anthony Kaveh MD\n {2}bio: Dr\. Kaveh is/);
    expect(markdown).not.toContain('## Anthony Kaveh MD');
  });

  it('reads a saved page: article body only, title from h1, date from the page', async () => {
    const { slug, markdown } = await importFixture('clinic-page');
    expect(slug).toBe('nad-therapy-what-to-expect');
    expect(markdown).toContain('title: "NAD+ Therapy: What to Expect"');
    expect(markdown).toContain('date: 2024-09-10');
    expect(markdown).not.toContain('September 10, 2024');
    expect(markdown).toContain('1. We check your vitals.');
    expect(markdown).toContain('> Go slowly');
    expect(markdown).not.toMatch(/analytics|Home|© Clarus/);
  });

  it('says which file it could not read', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'facet-')), 'nope.txt');
    await expect(importArticle(missing, TODAY)).rejects.toThrow(/nope\.txt/);
  });
});
