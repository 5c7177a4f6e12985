import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { messagesOf } from '../../src/messages/report.ts';
import { articleFile, articleFromRepo, repoSetup } from '../helpers/setup.ts';

const SOURCED = [
  '---',
  'title: Migraine in Numbers',
  'date: 2024-08-01',
  'tags: [migraine]',
  'sources:',
  '  "4 in 10 people": "Headache clinic survey, 2022"',
  '  "no such figure": "Nowhere"',
  '---',
  '',
  'Migraine is common and often goes untreated for many years in adults.',
  '',
  '## Figures',
  '',
  'About 12% of adults have migraine attacks.[^1] Most of them never see a specialist.',
  '',
  'The [World Health Organization](https://www.who.int/news-room/fact-sheets) counts 30% of adults with a headache disorder.',
  '',
  'Attacks return in 75% of patients within a year (Smith et al., 2019).',
  '',
  'Roughly 4 in 10 people with migraine have more than one attack a month.',
  '',
  'Half of patients with migraine also report poor sleep on most nights.',
  '',
  '[^1]: Global Burden of Disease Study, 2019.',
  '',
].join('\n');

async function analyzed(text: string, unsourcedStats: 'keep' | 'leave-out' = 'keep') {
  const setup = await repoSetup();
  const source = articleFile('numbers', text);
  const analysis = analyzeArticle(source, { ...setup, brand: { ...setup.brand, unsourcedStats } }, { drafts: false });
  if (analysis.status !== 'ok') throw new Error('did not analyse');
  return { ...analysis, messages: messagesOf(source.file, source.file.path) };
}

describe('figures with their source', () => {
  it('finds a footnote, a link, a citation in parentheses and `sources:` for each figure', async () => {
    const { article, messages } = await analyzed(SOURCED);
    expect(Object.fromEntries(article.stats.map((stat) => [stat.phrase, stat.source ?? null]))).toEqual({
      '12% of adults': 'Global Burden of Disease Study, 2019.',
      '30% of adults': 'World Health Organization',
      '75% of patients': 'Smith et al., 2019',
      '4 in 10 people': 'Headache clinic survey, 2022',
      'Half of patients': null,
    });
    expect(
      messages
        .filter((message) => message.ruleId === 'front-matter-sources')
        .map((message) => [message.line, message.column]),
    ).toEqual([[7, 3]]);
  });

  it('puts the source on the stat card in small type and in its alt text', async () => {
    const { posts } = await analyzed(SOURCED);
    const stats = posts.flatMap((post) => post.images).filter((image) => image.card.template === 'stat');
    expect(stats.length).toBeGreaterThan(0);
    for (const { card } of stats) {
      expect(card.data.source, String(card.data.figure)).toBeTruthy();
      expect(card.alt).toContain(`Source: ${String(card.data.source).replace(/\.?$/, '.')}`);
    }
  });

  it('warns of a stat card with no source and, when brand.yaml says so, leaves it out', async () => {
    const seed = articleFromRepo('ketamine-therapy-for-migraines').file.value as string;
    const kept = await analyzed(seed);
    const warning = kept.messages.filter((message) => message.ruleId === 'stat-unsourced');
    expect(warning.map((message) => [message.line, message.column, message.severity])).toEqual([[13, 18, 'warning']]);
    expect(warning[0]!.reason).toContain('“17% of women” without a source');
    const statCards = (posts: typeof kept.posts) =>
      posts.flatMap((post) => post.images).filter((image) => image.card.template === 'stat');
    expect(statCards(kept.posts).length).toBeGreaterThan(0);
    const left = await analyzed(seed, 'leave-out');
    expect(statCards(left.posts)).toEqual([]);
    expect(left.posts.length).toBeGreaterThan(0);
    expect(left.messages.find((message) => message.ruleId === 'stat-unsourced')!.hint).toContain('left out');
  });
});
