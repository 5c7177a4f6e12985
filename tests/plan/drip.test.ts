import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { analyzeArticle } from '../../src/pipeline.ts';
import { dripCount, parseDrip } from '../../src/config/drip.ts';
import type { Setup } from '../../src/setup/setup.ts';
import type { Post } from '../../src/model.ts';
import { articleFromRepo, repoSetup } from '../helpers/setup.ts';

function analyzed(setup: Setup, slug = 'ketamine-therapy-for-migraines') {
  const analysis = analyzeArticle(articleFromRepo(slug), setup, { drafts: false });
  if (analysis.status !== 'ok') throw new Error(`${slug} did not analyse`);
  return analysis;
}

const cardWords = (post: Post) =>
  post.images.map((image) => String(image.card.data.quote ?? image.card.data.sentence ?? ''));

describe('the drip campaign (brand.yaml `drip:`)', () => {
  it('reads weeks and posts per channel per week, and names a bad value', () => {
    const problems: string[] = [];
    const rules = parseDrip(parseDocument('drip:\n  weeks: 3\n  per_week: { default: 1, x: 2 }\n'), (keys) =>
      problems.push(keys.join('.')),
    );
    expect(rules).toEqual({ weeks: 3, perWeek: { default: 1, x: 2 } });
    expect(dripCount(rules, 'x')).toBe(6);
    expect(dripCount(rules, 'linkedin')).toBe(3);
    parseDrip(parseDocument('drip:\n  weeks: -1\n  per_week: { tiktokk: 1 }\n'), (keys) =>
      problems.push(keys.join('.')),
    );
    expect(problems).toEqual(['drip.weeks', 'drip.per_week.tiktokk']);
  });

  it('adds per_week quote and stat posts a week, each a card its channel has not shown, with words of its own', async () => {
    const setup = await repoSetup();
    const { posts, captions } = analyzed({
      ...setup,
      brand: { ...setup.brand, drip: { weeks: 2, perWeek: { default: 1, x: 2 } } },
    });
    for (const channel of ['instagram', 'x', 'linkedin'] as const) {
      const mine = posts.filter((post) => post.channel === channel);
      const drip = mine.filter((post) => post.drip);
      expect(drip.length, channel).toBe(channel === 'x' ? 4 : 2);
      expect(
        drip.map((post) => post.drip),
        channel,
      ).toEqual(channel === 'x' ? [1, 1, 2, 2] : [1, 2]);
      for (const post of drip) expect(['quote', 'stat']).toContain(post.kind);
      const words = mine.flatMap(cardWords).filter(Boolean);
      expect(new Set(words).size, `${channel}: a card shown twice`).toBe(words.length);
      const texts = mine.filter((post) => post.kind !== 'story').map((post) => captions.get(post)!.text);
      expect(new Set(texts).size, channel).toBe(texts.length);
    }
  });

  it('is off without `drip:` and never longer than the article’s distinct quotes and stats', async () => {
    const setup = await repoSetup();
    const none = analyzed({ ...setup, brand: { ...setup.brand, drip: { weeks: 0, perWeek: { default: 0 } } } });
    expect(none.posts.some((post) => post.drip)).toBe(false);
    const greedy = analyzed(
      { ...setup, brand: { ...setup.brand, drip: { weeks: 52, perWeek: { default: 7 } } } },
      'folate-vs-folic-acid',
    );
    const instagram = greedy.posts.filter((post) => post.channel === 'instagram');
    const words = instagram.flatMap(cardWords).filter(Boolean);
    expect(instagram.filter((post) => post.drip).length).toBeGreaterThan(0);
    expect(new Set(words).size).toBe(words.length);
    const openings = instagram
      .filter((post) => post.kind !== 'story')
      .map((post) => greedy.captions.get(post)!.text.split('\n')[0]);
    expect(new Set(openings).size).toBe(openings.length);
  });
});
