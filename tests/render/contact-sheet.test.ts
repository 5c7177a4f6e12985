import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderContextOf } from '../../src/setup/setup.ts';
import type { PostEntry } from '../../src/model.ts';
import { drawCard, layOutCard, type RenderContext } from '../../src/render/card.ts';
import { drawContactSheet } from '../../src/render/contact-sheet.ts';
import { thumbnailKey } from '../../src/render/thumbnail.ts';
import { openCardCache } from '../../src/render/cache.ts';
import { RESVG_OPTIONS } from '../../src/render/encode.ts';
import { repoSetup, TITLE_CARD } from '../helpers/setup.ts';

let context: RenderContext;
beforeAll(async () => {
  context = renderContextOf(await repoSetup());
});

const card = TITLE_CARD;

describe('contact sheet thumbnails', () => {
  it('made while a PNG card is drawn are the same as made from its PNG afterwards, 300 px high', async () => {
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
    const fromPixels = await sharp(rendered.pixels, {
      raw: { width: rendered.width, height: rendered.height, channels: 4 },
    })
      .removeAlpha()
      .resize({ height: 300 })
      .png({ compressionLevel: 6 })
      .toBuffer();
    expect(Buffer.compare(used!.data, fromPixels)).not.toBe(0);
  });
});

describe('contact sheet', () => {
  it('is the page a whole drawing makes: its words drawn on the full sheet, every thumbnail laid over them', async () => {
    const portrait = await drawCard(card, context);
    const wide = await drawCard({ ...card, format: 'landscape', width: 1200, height: 627 }, context);
    const story = await drawCard({ ...card, format: 'story', width: 1080, height: 1920, encoding: 'jpeg' }, context);
    const entry = (name: string, drawn: typeof portrait, width: number, height: number) => ({
      path: `x/${name}`,
      width,
      height,
      bytes: drawn.data.length,
      hash: drawn.hash,
      alt: '',
      template: 'title',
    });
    const post = (channel: PostEntry['channel'], images: PostEntry['images']): PostEntry => ({
      channel,
      kind: 'carousel',
      format: 'portrait',
      images,
      caption: '',
      hashtags: [],
      length: 0,
      limit: 280,
      warnings: [],
    });
    // Enough images to wrap onto a second row, on two channels, with labels long enough to wrap.
    const row = Array.from({ length: 9 }, (_, index) =>
      index % 3 === 1
        ? entry(`0${index}-a-rather-long-name-for-a-slide.png`, wide, 1200, 627)
        : entry(`0${index}-title.png`, portrait, 1080, 1350),
    );
    const posts = [post('instagram', row), post('x', [entry('01-story.jpg', story, 1080, 1920), ...row.slice(0, 2)])];
    const files = new Map<string, Buffer>();
    for (const image of posts.flatMap((each) => each.images)) {
      const drawn = [portrait, wide, story].find((candidate) => candidate.hash === image.hash)!;
      files.set(image.path, drawn.data);
    }
    const cache = openCardCache(mkdtempSync(path.join(tmpdir(), 'facet-sheet-')));
    const sheet = await drawContactSheet('A title for the sheet', posts, files, context, cache);
    const expected = await wholeSheet('A title for the sheet', posts, files);
    const [got, want] = await Promise.all([sheet, expected].map((png) => sharp(png).raw().toBuffer()));
    expect((await sharp(sheet).metadata()).height).toBe((await sharp(expected).metadata()).height);
    expect(Buffer.compare(got!, want!)).toBe(0);
  });
});

/**
 * The sheet as it was first drawn, kept here as the reference: satori lays out every word on
 * the whole page, resvg draws it, sharp lays each thumbnail over it (the grid worked out
 * again here, as contact-sheet.ts lays it out).
 */
async function wholeSheet(title: string, posts: PostEntry[], files: Map<string, Buffer>): Promise<Buffer> {
  const { default: satori } = await import('satori');
  const width = 2400;
  const [pad, gap, label, head, channelHead, thumb] = [56, 24, 30, 120, 64, 300];
  const children: unknown[] = [];
  const thumbs: { input: Buffer; left: number; top: number }[] = [];
  const text = (left: number, top: number, style: object, words: string, boxWidth = width - 2 * pad) => ({
    type: 'div',
    props: {
      style: { position: 'absolute', left, top, width: boxWidth, display: 'flex', color: '#15232D', ...style },
      children: words,
    },
  });
  let top = pad + head;
  const count = posts.reduce((sum, post) => sum + post.images.length, 0);
  const channels = [...new Set(posts.map((post) => post.channel))];
  children.push(text(pad, pad, { fontSize: 44, fontWeight: 600 }, title));
  children.push(
    text(pad, pad + 60, { fontSize: 24, color: '#5B6770' }, `${count} images · ${channels.length} channels`),
  );
  const labels: Record<string, string> = { instagram: 'Instagram', x: 'X' };
  for (const channel of channels) {
    children.push(text(pad, top + 12, { fontSize: 30, fontWeight: 600 }, labels[channel]!));
    top += channelHead;
    let left = pad;
    for (const post of posts.filter((each) => each.channel === channel))
      for (const image of post.images) {
        const boxWidth = Math.round((image.width / image.height) * thumb);
        if (left + boxWidth > width - pad) {
          left = pad;
          top += thumb + label + gap;
        }
        const name = `${image.path.split('/').at(-1)} · ${post.kind}`;
        children.push(text(left, top + thumb + 6, { fontSize: 18, color: '#5B6770' }, name, boxWidth));
        const input = await sharp(files.get(image.path)!)
          .resize({ height: thumb })
          .png({ compressionLevel: 6 })
          .toBuffer();
        thumbs.push({ input, left, top });
        left += boxWidth + gap;
      }
    top += thumb + label + gap * 2;
  }
  const height = top + pad - gap;
  const fontFamily = (context.brandView.fonts as { body: string }).body;
  const page = {
    type: 'div',
    props: {
      style: { display: 'flex', position: 'relative', width, height, backgroundColor: '#EEF0F2', fontFamily },
      children,
    },
  };
  const svg = await satori(page as never, { width, height, fonts: context.fonts });
  const words = await renderAsync(svg, RESVG_OPTIONS);
  return sharp(words.pixels, { raw: { width, height, channels: 4 } })
    .composite(thumbs)
    .removeAlpha()
    .png()
    .toBuffer();
}
