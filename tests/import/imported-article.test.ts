import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { build } from '../../src/build.ts';
import { importArticle } from '../../src/import/article.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { articleFile, repoSetup, TEMPLATES } from '../helpers/setup.ts';

async function imported(name: string, input = 'input.txt') {
  const result = await importArticle(path.join(FIXTURES, 'import', name, input), '2026-01-15');
  const analysis = analyzeArticle(articleFile(result.slug, result.markdown), await repoSetup(), { drafts: false });
  if (analysis.status !== 'ok') throw new Error(`${name} did not analyse`);
  return { ...result, analysis };
}

/** What an imported page becomes downstream: through the real extract, caption and build stages. */
describe('an imported page', () => {
  it('ranks its pull quotes in the top three quotes', async () => {
    for (const name of ['text-category-date', 'text-notice-top', 'seed-text']) {
      const { analysis } = await imported(name);
      const pull = analysis.article.quotes.filter(
        (quote) => quote.origin === 'pull-quote' || quote.origin === 'blockquote',
      );
      expect(pull.length, name).toBeGreaterThan(0);
      const top = analysis.article.quotes.slice(0, 3).map((quote) => quote.text);
      for (const quote of pull.slice(0, 3)) expect(top, name).toContain(quote.text);
    }
    const { analysis } = await imported('text-category-date');
    expect(analysis.article.quotes.slice(0, 2).map((quote) => quote.text)).toEqual([
      'Healing is rarely a straight line, and every small step forward still counts',
      'Hope often returns slowly, and then all at once',
    ]);
  });

  it('keeps figure credits out of quotes and stats', async () => {
    for (const [name, input, credit] of [
      ['text-category-date', 'input.txt', 'Murrough'],
      ['text-no-date', 'input.txt', 'National Institute'],
      ['wordpress-post', 'input.html', 'Kim et al'],
      ['wix-post', 'input.html', 'Zanos'],
      ['webflow-post', 'input.html', 'American Headache Society'],
    ] as const) {
      const { markdown, analysis } = await imported(name, input);
      expect(markdown, name).toContain(credit);
      expect(
        analysis.article.quotes.filter((quote) => quote.text.includes(credit)),
        name,
      ).toEqual([]);
      expect(
        analysis.article.stats.filter((stat) => stat.sentence.includes(credit)),
        name,
      ).toEqual([]);
    }
  });

  it('never takes a quote or a stat from a credit footnote, however it reads', async () => {
    const credit =
      'Data from 1,200 patients in a trial by Smith and colleagues showed relief within a single day for many of them.';
    const opening = 'An opening sentence that is long enough to make a good quote card for everyone.';
    const front = '---\ntitle: Credits\ndate: 2024-05-02\n---\n';
    const markdown = `${front}\n## A section\n\n${opening}\n\n[^credit-1]: ${credit}\n`;
    const analysis = analyzeArticle(articleFile('credits', markdown), await repoSetup(), { drafts: false });
    if (analysis.status !== 'ok') throw new Error('did not analyse');
    expect(analysis.article.quotes.map((quote) => quote.text)).not.toContain(credit);
    expect(analysis.article.stats).toEqual([]);
  });

  it('puts its notice, not the brand disclaimer, on its posts', async () => {
    const setup = await repoSetup();
    for (const [name, input] of [
      ['text-notice-top', 'input.txt'],
      ['squarespace-post', 'input.html'],
    ] as const) {
      const { markdown, analysis } = await imported(name, input);
      const notice = /^notice: (.*)$/m.exec(markdown)![1]!;
      expect(analysis.article.notice, name).toBe(notice);
      expect(analysis.captions.size, name).toBeGreaterThan(0);
      for (const [post, caption] of analysis.captions) {
        if (post.kind === 'story') continue; // a story has a link sticker, no caption
        const text = [caption.text, ...(caption.thread ?? [])].join('\n');
        expect(text, `${name} on ${post.channel}`).toContain(notice);
        expect(text, `${name} on ${post.channel}`).not.toContain(setup.brand.disclaimer);
      }
    }
    // Without a notice, the brand's disclaimer stays.
    const { analysis } = await imported('text-category-date');
    const instagram = [...analysis.captions].find(([post]) => post.channel === 'instagram' && post.kind !== 'story')!;
    expect(instagram[1].text).toContain(setup.brand.disclaimer);
  });

  it('builds without errors', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'facet-imported-'));
    const articles = path.join(dir, 'articles');
    mkdirSync(articles);
    const { slug, markdown } = await importArticle(
      path.join(FIXTURES, 'import', 'text-notice-top', 'input.txt'),
      '2026-01-15',
    );
    writeFileSync(path.join(articles, `${slug}.md`), markdown);
    const result = await build({
      articlesDir: articles,
      templatesDir: TEMPLATES,
      outDir: path.join(dir, 'output'),
      cacheDir: path.join(dir, 'cache'),
      channels: ['instagram', 'x'],
      contactSheets: false,
      approvalsFile: path.join(dir, 'approvals.yaml'),
    });
    const [entry] = result.built;
    expect(entry!.status).toBe('ok');
    expect(entry!.messages.filter((message) => message.severity === 'error')).toEqual([]);
    expect(entry!.posts.length).toBeGreaterThan(0);
    const x = entry!.posts.find((post) => post.channel === 'x')!;
    expect(x.thread!.at(-1)).toContain('for educational purposes only');
  }, 120_000);
});
