import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardSpec, Post } from '../../src/model.ts';
import { analyzeArticle } from '../../src/pipeline.ts';
import { cardKey, drawCards, layOutAhead } from '../../src/render/batch.ts';
import { openCardCache } from '../../src/render/cache.ts';
import { drawCard, layOutCard, type RenderContext } from '../../src/render/card.ts';
import { renderContextOf, type Setup } from '../../src/setup/setup.ts';
import { articleFromRepo, repoSetup, TITLE_CARD } from '../helpers/setup.ts';

let setup: Setup;
let context: RenderContext;

beforeAll(async () => {
  setup = await repoSetup();
  context = renderContextOf(setup);
});

const cardsOf = (posts: Post[]) =>
  posts.filter((post) => !post.hidden).flatMap((post) => post.images.map((image) => image.card));
const freshCache = () => openCardCache(mkdtempSync(path.join(tmpdir(), 'facet-ahead-')));

describe('layouts started ahead of the drawing', () => {
  it('are told the planned posts, whose cards are the cards the article draws', () => {
    let planned: Post[] = [];
    const analysis = analyzeArticle(articleFromRepo('ketamine-therapy-for-migraines'), setup, {
      drafts: false,
      onPlanned: (posts) => (planned = posts),
    });
    if (analysis.status !== 'ok') throw new Error('seed article did not analyse');
    const keys = (cards: CardSpec[]) => new Set(cards.map((card) => cardKey(card, context)));
    expect(keys(cardsOf(planned))).toEqual(keys(cardsOf(analysis.posts)));
  });

  it('start only the cards the cache lacks, once each', async () => {
    const cache = freshCache();
    const other = { ...TITLE_CARD, data: { ...TITLE_CARD.data, title: 'Another Title' } };
    await cache.set(cardKey(TITLE_CARD, context), await drawCard(TITLE_CARD, context, false));
    const ahead = layOutAhead([TITLE_CARD, other, other], context, cache);
    expect([...ahead.keys()]).toEqual([cardKey(other, context)]);
    await Promise.all(ahead.values());
  }, 60_000);

  it('are what drawCards draws a card from', async () => {
    // The title card's key given another card's layout: drawn from it, the title card shows the other words.
    const other = { ...TITLE_CARD, data: { ...TITLE_CARD.data, title: 'Another Title' } };
    const ahead = new Map([[cardKey(TITLE_CARD, context), layOutCard(other, context)]]);
    const drawn = await drawCards([TITLE_CARD], context, freshCache(), undefined, { ahead, thumbnails: false });
    const expected = await drawCard(other, context, false);
    expect(drawn.cards.get(cardKey(TITLE_CARD, context))!.hash).toBe(expected.hash);
  }, 60_000);
});
