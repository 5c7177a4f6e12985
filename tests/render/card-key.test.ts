import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import type { CardSpec } from '../../src/model.ts';
import { cardKey } from '../../src/render/batch.ts';
import type { RenderContext } from '../../src/render/card.ts';
import { renderContextOf } from '../../src/setup/setup.ts';
import { articleFromRepo, repoSetup } from '../helpers/setup.ts';

let context: RenderContext;
let cards: { channel: string; card: CardSpec }[];

beforeAll(async () => {
  const setup = await repoSetup();
  context = renderContextOf(setup);
  const analysis = analyzeArticle(articleFromRepo('ketamine-therapy-for-migraines'), setup, { drafts: false });
  if (analysis.status !== 'ok') throw new Error('seed article did not analyse');
  cards = analysis.posts.flatMap((post) => post.images.map((image) => ({ channel: post.channel, card: image.card })));
});

describe('a card is drawn once for every channel that shows the same picture', () => {
  it('shares the carousel’s first slide between Instagram and Threads, whose words differ only where it shows none', () => {
    const first = (channel: string) =>
      cards.find((item) => item.channel === channel && item.card.template === 'title')!;
    const [instagram, threads] = [first('instagram').card, first('threads').card];
    expect(instagram.data).not.toEqual(threads.data);
    expect(cardKey(instagram, context)).toBe(cardKey(threads, context));
  });

  it('draws apart cards whose words show, and the same words at another size', () => {
    const [card] = cards.map((item) => item.card).filter((card) => card.template === 'quote');
    const key = cardKey(card!, context);
    expect(cardKey({ ...card!, data: { ...card!.data, quote: `${String(card!.data.quote)}!` } }, context)).not.toBe(
      key,
    );
    expect(cardKey({ ...card!, height: card!.height + 1 }, context)).not.toBe(key);
    expect(cardKey({ ...card!, encoding: card!.encoding === 'png' ? 'jpeg' : 'png' }, context)).not.toBe(key);
  });

  it('draws fewer cards for the seed article than it has distinct sets of words', () => {
    const specs = new Set(
      cards.map(({ card }) =>
        JSON.stringify([card.template, card.format, card.width, card.height, card.encoding, card.data]),
      ),
    );
    const keys = new Set(cards.map(({ card }) => cardKey(card, context)));
    expect(keys.size).toBeLessThan(specs.size);
  });
});

describe('a rebuild finds its unchanged cards’ keys by their words', () => {
  it('gives the same key in the next build’s context, and another once the brand changes', () => {
    const [card] = cards.map((item) => item.card).filter((card) => card.template === 'section');
    const key = cardKey(card!, context);
    // Each build makes its own context and its own cards from the same setup.
    const rebuilt = { ...context };
    expect(cardKey(structuredClone(card!), rebuilt)).toBe(key);
    const colours = context.brandView.colours as Record<string, string>;
    const rebranded = { ...context, brandView: { ...context.brandView, colours: { ...colours, paper: '#000000' } } };
    expect(cardKey(structuredClone(card!), rebranded)).not.toBe(key);
  });
});
