import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAFE_ZONES } from '../../src/channels/platforms.ts';
import type { CardSpec } from '../../src/model.ts';
import { drawCard, type RenderContext } from '../../src/render/card.ts';
import { renderContextOf } from '../../src/setup/setup.ts';
import { repoSetup, seedCards } from '../helpers/setup.ts';
import { inkRows, variation } from '../helpers/pixels.ts';

let context: RenderContext;
let cards: CardSpec[];

beforeAll(async () => {
  const setup = await repoSetup();
  context = renderContextOf(setup);
  // One card of each template in each format (and encoding) of every channel.
  cards = seedCards(setup, (card) => `${card.template} ${card.format} ${card.width}x${card.height} ${card.encoding}`);
});

describe('cards for every format of every channel', () => {
  it('covers every format in the platform table', () => {
    const sizes = new Set(cards.map((card) => `${card.width}x${card.height}`));
    for (const size of [
      '1080x1350',
      '1080x1080',
      '1080x1920',
      '1200x630',
      '1200x627',
      '1600x900',
      '1200x675',
      '1000x1500',
    ]) {
      expect(sizes).toContain(size);
    }
  });

  it('decode at their exact size, in the encoding the platform needs, and are not blank', async () => {
    for (const card of cards) {
      const { data, missing, overflow } = await drawCard(card, context);
      const meta = await sharp(data).metadata();
      expect([meta.width, meta.height, meta.format], `${card.template} ${card.format}`).toEqual([
        card.width,
        card.height,
        card.encoding,
      ]);
      expect(await variation(data, { left: 0, top: 0, width: card.width, height: card.height })).toBeGreaterThan(10);
      expect(missing).toEqual([]);
      expect(overflow).toEqual([]);
    }
  });

  it('keep their margins clear and their text inside the platform safe zones', async () => {
    for (const card of cards) {
      const { data } = await drawCard(card, context);
      const zone = SAFE_ZONES[card.format];
      const margin = Math.round(Math.min(card.width, card.height) * 0.04);
      const edges = zone ?? { top: margin, right: margin, bottom: margin, left: margin };
      const regions = {
        top: { left: 0, top: 0, width: card.width, height: edges.top },
        bottom: { left: 0, top: card.height - edges.bottom, width: card.width, height: edges.bottom },
        left: { left: 0, top: 0, width: edges.left, height: card.height },
        right: { left: card.width - edges.right, top: 0, width: edges.right, height: card.height },
      };
      for (const [side, region] of Object.entries(regions)) {
        expect(await variation(data, region), `${card.template} ${card.format} ${side} edge`).toBeLessThan(6);
      }
    }
  });

  it('draw the title in the upper half and the author line near the bottom', async () => {
    const card = cards.find((candidate) => candidate.template === 'title' && candidate.format === 'portrait')!;
    const rows = await inkRows((await drawCard(card, context)).data);
    const inked = (from: number, to: number) =>
      rows.slice(Math.round(from * rows.length), Math.round(to * rows.length)).filter(Boolean).length;
    expect(inked(0.2, 0.6)).toBeGreaterThan(200);
    expect(inked(0.85, 0.95)).toBeGreaterThan(30);
  });
});
