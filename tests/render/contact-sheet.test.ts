import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderContextOf } from '../../src/setup/setup.ts';
import type { CardSpec, PostEntry } from '../../src/model.ts';
import { drawCard, layOutCard, type RenderContext } from '../../src/render/card.ts';
import { drawContactSheet } from '../../src/render/contact-sheet.ts';
import { thumbnailKey, thumbnailOf } from '../../src/render/thumbnail.ts';
import { openCardCache } from '../../src/render/cache.ts';
import { RESVG_OPTIONS } from '../../src/render/encode.ts';
import { repoSetup } from '../helpers/setup.ts';

let context: RenderContext;
beforeAll(async () => {
  context = renderContextOf(await repoSetup());
});

const card: CardSpec = {
  template: 'title',
  format: 'portrait',
  width: 1080,
  height: 1350,
  encoding: 'png',
  alt: '',
  origin: { line: 1, column: 1 },
  data: {
    title: 'Ketamine for Migraines',
    subtitle: 'What the research says',
    kicker: 'Migraine',
    handle: '@anthonykavehmd',
    where: 'link in bio',
  },
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

  it('of a JPEG card are made from its JPEG file, the image that is posted, not from its pixels', async () => {
    const drawn = await drawCard({ ...card, encoding: 'jpeg' }, context);
    expect(drawn.thumbnail).toBeUndefined();
    const cache = openCardCache(mkdtempSync(path.join(tmpdir(), 'facet-sheet-')));
    const image = {
      path: 'x/01-title.jpg',
      width: 1080,
      height: 1350,
      bytes: drawn.data.length,
      hash: drawn.hash,
      alt: '',
      template: 'title',
    };
    const post: PostEntry = {
      channel: 'x',
      kind: 'link',
      format: 'portrait',
      images: [image],
      caption: '',
      hashtags: [],
      length: 0,
      limit: 280,
      warnings: [],
    };
    await drawContactSheet('Ketamine for Migraines', [post], new Map([[image.path, drawn.data]]), context, cache);
    const used = await cache.get(thumbnailKey(drawn.hash));
    const fromJpeg = await sharp(drawn.data).resize({ height: 300 }).png({ compressionLevel: 6 }).toBuffer();
    expect(used).toBeDefined();
    expect(Buffer.compare(used!.data, fromJpeg)).toBe(0);
    // The JPEG's own thumbnail is not the pixels' one: taking the pixels would show what is not posted.
    const rendered = await renderAsync((await layOutCard(card, context)).svg, RESVG_OPTIONS);
    expect(Buffer.compare(used!.data, await thumbnailOf(rendered.pixels, rendered.width, rendered.height))).not.toBe(0);
  });
});
