import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { expected, fixtureCases, readFixture } from '../helpers/fixtures.ts';
import { articleFile, repoSetup } from '../helpers/setup.ts';

async function extract(name: string) {
  const analysis = analyzeArticle(articleFile(name, readFixture('extract', name, 'input.md')), await repoSetup(), {
    drafts: false,
  });
  if (analysis.status !== 'ok') throw new Error(`${name} did not analyse: ${analysis.status}`);
  return analysis.article;
}

/** tests/fixtures/extract/<case>/input.md → expected.json: the whole article model. */
describe('article model', () => {
  for (const name of fixtureCases('extract')) {
    it(name, async () => {
      const actual = `${JSON.stringify(await extract(name), null, 2)}\n`;
      expect(JSON.parse(actual)).toEqual(JSON.parse(expected('extract', name, 'expected.json', actual)));
    });
  }
});

describe('the seed article', () => {
  it('has its five headings as sections', async () => {
    const article = await extract('ketamine-therapy-for-migraines');
    expect(article.sections.map((section) => section.heading)).toEqual([
      'First Line Treatments for Migraines',
      'Advanced Migraine Treatments: Gepants and Ditans',
      'IV Ketamine for Migraines: A New Treatment Paradigm',
      'Migraines Are Rarely Isolated from Psychological Pain',
      'Find Relief From Your Migraines',
    ]);
  });

  it('ranks its two pull-quote lines first', async () => {
    const article = await extract('ketamine-therapy-for-migraines');
    expect(article.quotes.slice(0, 2)).toMatchObject([
      { origin: 'pull-quote', text: expect.stringMatching(/^Medication overuse headaches occur in half of patients/) },
      {
        origin: 'pull-quote',
        text: 'We cannot expect to treat physical pain without treating emotional pain, and vice versa',
      },
    ]);
  });

  it('finds its figures with what they count', async () => {
    const phrases = (await extract('ketamine-therapy-for-migraines')).stats.map((stat) => stat.phrase);
    expect(phrases).toEqual(
      expect.arrayContaining(['17% of women', 'half of patients', '2 or more Triptan medications']),
    );
  });

  it('keeps the intro apart from the sections', async () => {
    const article = await extract('ketamine-therapy-for-migraines');
    expect(article.intro).toEqual([expect.stringMatching(/^Migraines affect 17% of women\./)]);
  });
});

describe('quote selection', () => {
  it('puts pinned quotes first, then blockquotes, and never an excluded or linked sentence', async () => {
    const article = await extract('excluded-and-pinned');
    expect(article.quotes.map((quote) => quote.origin).slice(0, 2)).toEqual(['pinned', 'blockquote']);
    const texts = article.quotes.map((quote) => quote.text);
    expect(texts).not.toContain('Most adults need seven to nine hours of sleep every night to recover well.');
    expect(texts.some((text) => text.includes('sleep foundation'))).toBe(false);
    expect(texts.some((text) => text.startsWith('It helps'))).toBe(false);
  });

  it('reads h3 subsections, numbered lists and a blockquote', async () => {
    const article = await extract('folate-vs-folic-acid');
    expect(article.sections.filter((section) => section.depth === 3).map((section) => section.heading)).toEqual([
      'Where you find it',
      'Why it is fragile',
    ]);
    expect(article.sections.find((section) => section.heading === 'What Folic Acid Is')?.points).toHaveLength(4);
    expect(article.quotes[0]).toMatchObject({
      origin: 'blockquote',
      text: expect.stringMatching(/^Folic acid fortification/),
    });
  });
});

describe('markup in front matter', () => {
  it('is reported like raw HTML in the body and reaches no caption, card or alt text', async () => {
    const text = [
      '---',
      'title: Migraine <script>alert(1)</script>Relief Explained',
      'subtitle: "What helps <img src=x onerror=alert(2)> and what does not"',
      'date: 2024-08-01',
      'tags: [migraine]',
      'quotes: ["Rest in a dark room <b>first</b> when a migraine starts to build."]',
      '---',
      '',
      'A quiet, dark room and water help many people through a migraine attack.',
      '',
      '## Rest',
      '',
      'Sleep on a regular schedule and keep a diary of what sets off each attack.',
      '',
    ].join('\n');
    const source = articleFile('markup', text);
    const analysis = analyzeArticle(source, await repoSetup(), { drafts: false });
    if (analysis.status !== 'ok') throw new Error('did not analyse');
    const raw = source.file.messages
      .filter((message) => message.ruleId === 'raw-html')
      .map((message) => [message.line, message.column, message.fatal]);
    expect(raw).toEqual([
      [2, 17, false],
      [3, 23, false],
      [6, 31, false],
    ]);
    expect(analysis.article.title).toBe('Migraine Relief Explained');
    expect(analysis.article.subtitle).toBe('What helps and what does not');
    const words = JSON.stringify([analysis.article, analysis.posts, [...analysis.captions.values()]]);
    expect(words).not.toMatch(/<|>|script|onerror|alert/);
    expect(
      analysis.posts.some((post) => post.images.some((image) => image.card.alt.includes('Migraine Relief Explained'))),
    ).toBe(true);
  });
});
