import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import sharp from 'sharp';
import { platformOf } from '../channels/platforms.ts';
import type { PostEntry } from '../model.ts';
import type { RenderContext } from './card.ts';
import type { SatoriElement } from './template.ts';

/** Bump when the sheet's layout changes, so cached sheets are drawn again. */
export const CONTACT_SHEET_VERSION = 1;
const SHEET_WIDTH = 2400;
const THUMB_HEIGHT = 300;
const GAP = 24;
const PAD = 56;

/**
 * One PNG of every image of an article, channel by channel, for reviewers: the whole
 * campaign at a glance.
 */
export async function drawContactSheet(title: string, posts: PostEntry[], images: ReadonlyMap<string, Buffer>, context: RenderContext): Promise<Buffer> {
  const channels = [...new Set(posts.map((post) => post.channel))];
  const rows: SatoriElement[] = [];
  for (const channel of channels) {
    const thumbs: SatoriElement[] = [];
    for (const post of posts.filter((candidate) => candidate.channel === channel)) {
      for (const image of post.images) {
        const width = Math.round((image.width / image.height) * THUMB_HEIGHT);
        const thumb = await sharp(images.get(image.path)!).resize({ width, height: THUMB_HEIGHT }).png({ compressionLevel: 6 }).toBuffer();
        thumbs.push(box({ flexDirection: 'column', marginRight: GAP, marginBottom: GAP }, [
          { type: 'img', props: { src: `data:image/png;base64,${thumb.toString('base64')}`, width, height: THUMB_HEIGHT, style: { width, height: THUMB_HEIGHT, borderRadius: 6 } } },
          box({ marginTop: 8, fontSize: 18, color: '#5B6770', width }, `${image.path.split('/').at(-1)} · ${post.kind}`),
        ]));
      }
    }
    rows.push(box({ flexDirection: 'column', marginTop: 32 }, [
      box({ fontSize: 30, fontWeight: 600, color: '#15232D', marginBottom: 16 }, platformOf(channel)?.label ?? channel),
      box({ flexDirection: 'row', flexWrap: 'wrap' }, thumbs),
    ]));
  }
  const count = posts.reduce((sum, post) => sum + post.images.length, 0);
  const sheet = box({ flexDirection: 'column', width: SHEET_WIDTH, padding: PAD, backgroundColor: '#EEF0F2', fontFamily: context.brandView.fonts ? (context.brandView.fonts as { body: string }).body : undefined }, [
    box({ fontSize: 44, fontWeight: 600, color: '#15232D' }, title),
    box({ fontSize: 24, color: '#5B6770', marginTop: 8 }, `${count} images · ${channels.length} channels`),
    ...rows,
  ]);
  const svg = await satori(sheet as never, { width: SHEET_WIDTH, fonts: context.fonts });
  const rendered = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  return sharp(rendered.pixels, { raw: { width: rendered.width, height: rendered.height, channels: 4 } }).removeAlpha().png({ compressionLevel: 6 }).toBuffer();
}

function box(style: Record<string, unknown>, children: SatoriElement[] | string): SatoriElement {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}
