import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderContextOf } from '../../src/setup/setup.ts';
import type { CardSpec } from '../../src/model.ts';
import { drawCard, type RenderContext } from '../../src/render/card.ts';
import { repoSetup } from '../helpers/setup.ts';

let context: RenderContext;
beforeAll(async () => {
  context = renderContextOf(await repoSetup());
});

const SIXTY_WORDS = Array.from(
  { length: 5 },
  () => 'Patients with chronic migraine often try several treatments before one works for',
).join(' ');

function card(template: string, data: CardSpec['data'], format = 'square', width = 1080, height = 1080): CardSpec {
  return {
    template,
    format,
    width,
    height,
    data: { kicker: 'Migraine', handle: '@anthonykavehmd', where: 'link in bio', ...data },
    alt: '',
    encoding: 'png',
    origin: { line: 1, column: 1 },
  };
}

describe('text fitting', () => {
  it('sets a 3-word quote at the largest size and a 60-word quote smaller, both inside the card', async () => {
    const short = await drawCard(card('quote', { quote: 'Sleep heals everything' }), context);
    const long = await drawCard(card('quote', { quote: SIXTY_WORDS }), context);
    expect(SIXTY_WORDS.split(' ')).toHaveLength(60);
    expect(short.overflow).toEqual([]);
    expect(long.overflow).toEqual([]);
    expect(short.fontSizes.quote).toBe(84);
    expect(long.fontSizes.quote).toBeLessThan(60);
    expect(long.fontSizes.quote).toBeGreaterThanOrEqual(34);
  });

  it('fits a 140-character heading on a section slide without reaching the footer', async () => {
    const heading =
      'Why Some Migraine Patients Respond to Ketamine Infusions While Others See Little Change, and What the Research Says About Telling Them Apart';
    expect(heading).toHaveLength(140);
    const slide = await drawCard(
      card('section', { heading, points: ['One point', 'Another point'] }, 'portrait', 1080, 1350),
      context,
    );
    expect(slide.overflow).toEqual([]);
    expect(slide.fontSizes.heading).toBeLessThan(84);
  });

  it('reports text that cannot fit even at the smallest size, instead of clipping it', async () => {
    const quote = Array.from({ length: 30 }, () => SIXTY_WORDS).join(' ');
    const result = await drawCard(card('quote', { quote }), context);
    expect(result.overflow).toEqual([quote]);
  });

  it('draws emoji and accented words with nothing missing', async () => {
    const result = await drawCard(
      card('quote', { quote: 'Café-au-lait crêpes 🥬 for naïve Zoë 👋🏽 in São Paulo 🇧🇷 with family 👨‍👩‍👧' }),
      context,
    );
    expect(result.missing).toEqual([]);
    expect(result.overflow).toEqual([]);
  });

  it('fits a card whose other words move its box as if it were the first of its shape', async () => {
    // The second card's kicker wraps onto three lines, so the guess from the first is wrong.
    const words = {
      heading: 'What the research says',
      points: [SIXTY_WORDS.slice(0, 150), SIXTY_WORDS.slice(100, 250), SIXTY_WORDS.slice(200, 350)],
    };
    const wide = card('section', { ...words, kicker: 'Migraine' }, 'portrait', 1080, 1350);
    const tall = card(
      'section',
      { ...words, kicker: Array.from({ length: 8 }, () => 'Chronic migraine').join(' ') },
      'portrait',
      1080,
      1350,
    );
    const fresh = async () => {
      vi.resetModules();
      return (await import('../../src/render/card.ts')).drawCard;
    };
    const alone = await (await fresh())(tall, context);
    const draw = await fresh();
    const first = await draw(wide, context);
    const after = await draw(tall, context);
    expect(after.fontSizes.points).toBeLessThan(first.fontSizes.points!);
    expect(after.fontSizes).toEqual(alone.fontSizes);
    expect(Buffer.compare(after.data, alone.data)).toBe(0);
  });
});
