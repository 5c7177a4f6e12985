import { renderAsync } from '@resvg/resvg-js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderContextOf } from '../../src/config/setup.ts';
import type { CardSpec } from '../../src/model.ts';
import { drawCard, layOutCard, type RenderContext } from '../../src/render/card.ts';
import { thumbnailOf } from '../../src/render/contact-sheet.ts';
import { RESVG_OPTIONS } from '../../src/render/encode.ts';
import { repoSetup } from '../helpers/setup.ts';

let context: RenderContext;
beforeAll(async () => {
  context = renderContextOf(await repoSetup());
});

const card: CardSpec = {
  template: 'title', format: 'portrait', width: 1080, height: 1350, encoding: 'png', alt: '', origin: { line: 1, column: 1 },
  data: { title: 'Ketamine for Migraines', subtitle: 'What the research says', kicker: 'Migraine', handle: '@anthonykavehmd', where: 'link in bio' },
};

describe('contact sheet thumbnails', () => {
  it('made from a card’s pixels while drawing are the same as made from its PNG afterwards', async () => {
    const drawn = await drawCard(card, context);
    const fromFile = await sharp(drawn.data).resize({ height: 300 }).png({ compressionLevel: 6 }).toBuffer();
    expect(drawn.thumbnail).toBeDefined();
    expect(Buffer.compare(drawn.thumbnail!, fromFile)).toBe(0);
    const { width, height } = await sharp(drawn.thumbnail!).metadata();
    expect([width, height]).toEqual([240, 300]);
  });

  it('are not made while drawing a JPEG card, whose file differs from its pixels', async () => {
    const drawn = await drawCard({ ...card, encoding: 'jpeg' }, context);
    expect(drawn.thumbnail).toBeUndefined();
    const rendered = await renderAsync((await layOutCard(card, context)).svg, RESVG_OPTIONS);
    const fromPixels = await thumbnailOf(rendered.pixels, rendered.width, rendered.height);
    const fromJpeg = await sharp(drawn.data).resize({ height: 300 }).png({ compressionLevel: 6 }).toBuffer();
    expect(Buffer.compare(fromPixels, fromJpeg)).not.toBe(0);
  });
});
