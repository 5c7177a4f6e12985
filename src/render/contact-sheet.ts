import satori from 'satori';
import sharp from 'sharp';
import { platformOf } from '../channels/platforms.ts';
import type { PostEntry } from '../model.ts';
import { type CardCache, cachedFile } from './cache.ts';
import type { RenderContext } from './card.ts';
import { drawPixels } from './encode.ts';
import { THUMB_HEIGHT, thumbnailKey, thumbnailOfFile } from './thumbnail.ts';
import type { SatoriElement } from './template.ts';

/** Bump when the sheet's layout changes, so cached sheets are drawn again. */
export const CONTACT_SHEET_VERSION = 2;
const SHEET_WIDTH = 2400;
const GAP = 24;
const PAD = 56;
const LABEL = 30;
const HEADER = 120;
const CHANNEL_HEAD = 64;
const BACKGROUND = '#EEF0F2';

interface Placed {
  path: string;
  hash: string;
  label: string;
  left: number;
  top: number;
  width: number;
}

/**
 * One PNG of every image of an article, channel by channel, for reviewers. The grid is laid
 * out here; satori draws only the words, and sharp places the thumbnails (each made once per
 * image content, through the cache), so a sheet costs little more than its changed cards.
 */
export async function drawContactSheet(
  title: string,
  posts: PostEntry[],
  images: ReadonlyMap<string, Buffer>,
  context: RenderContext,
  cache: CardCache,
): Promise<Buffer> {
  const { placed, headings, height } = layout(posts);
  const words = await drawWords(title, posts, placed, headings, height, context);
  const thumbs = await Promise.all(
    placed.map(async (item) => ({
      input: await cachedFile(cache, thumbnailKey(item.hash), () => thumbnailOfFile(images.get(item.path)!)),
      left: item.left,
      top: item.top,
    })),
  );
  return sharp(words, { raw: { width: SHEET_WIDTH, height, channels: 4 } })
    .composite(thumbs)
    .removeAlpha()
    .png({ compressionLevel: 3 })
    .toBuffer();
}

function layout(posts: PostEntry[]): { placed: Placed[]; headings: { label: string; top: number }[]; height: number } {
  const placed: Placed[] = [];
  const headings: { label: string; top: number }[] = [];
  let top = PAD + HEADER;
  for (const channel of [...new Set(posts.map((post) => post.channel))]) {
    headings.push({ label: platformOf(channel)?.label ?? channel, top });
    top += CHANNEL_HEAD;
    let left = PAD;
    for (const post of posts.filter((candidate) => candidate.channel === channel)) {
      for (const image of post.images) {
        const width = Math.round((image.width / image.height) * THUMB_HEIGHT);
        if (left + width > SHEET_WIDTH - PAD) {
          left = PAD;
          top += THUMB_HEIGHT + LABEL + GAP;
        }
        placed.push({
          path: image.path,
          hash: image.hash,
          label: `${image.path.split('/').at(-1)} · ${post.kind}`,
          left,
          top,
          width,
        });
        left += width + GAP;
      }
    }
    top += THUMB_HEIGHT + LABEL + GAP * 2;
  }
  return { placed, headings, height: top + PAD - GAP };
}

/** The sheet's words on its background, as RGBA pixels; drawn off the main thread. */
async function drawWords(
  title: string,
  posts: PostEntry[],
  placed: Placed[],
  headings: { label: string; top: number }[],
  height: number,
  context: RenderContext,
): Promise<Buffer> {
  const count = posts.reduce((sum, post) => sum + post.images.length, 0);
  const text = (
    left: number,
    top: number,
    style: Record<string, unknown>,
    words: string,
    width = SHEET_WIDTH - 2 * PAD,
  ): SatoriElement => ({
    type: 'div',
    props: {
      style: { position: 'absolute', left, top, width, display: 'flex', color: '#15232D', ...style },
      children: words,
    },
  });
  const page: SatoriElement = {
    type: 'div',
    props: {
      style: {
        display: 'flex',
        position: 'relative',
        width: SHEET_WIDTH,
        height,
        backgroundColor: BACKGROUND,
        fontFamily: (context.brandView.fonts as { body: string }).body,
      },
      children: [
        text(PAD, PAD, { fontSize: 44, fontWeight: 600 }, title),
        text(PAD, PAD + 60, { fontSize: 24, color: '#5B6770' }, `${count} images · ${headings.length} channels`),
        ...headings.map((heading) => text(PAD, heading.top + 12, { fontSize: 30, fontWeight: 600 }, heading.label)),
        ...placed.map((item) =>
          text(item.left, item.top + THUMB_HEIGHT + 6, { fontSize: 18, color: '#5B6770' }, item.label, item.width),
        ),
      ],
    },
  };
  const svg = await satori(page as never, { width: SHEET_WIDTH, height, fonts: context.fonts });
  return (await drawPixels(svg)).pixels;
}
