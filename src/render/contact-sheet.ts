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
 * out here; satori draws only the words, and the thumbnails (each made once per image
 * content, through the cache) are copied into the sheet's pixels, so a sheet costs little
 * more than its changed cards.
 */
export async function drawContactSheet(
  title: string,
  posts: PostEntry[],
  images: ReadonlyMap<string, Buffer>,
  context: RenderContext,
  cache: CardCache,
): Promise<Buffer> {
  const { placed, headings, height } = layout(posts);
  const bands = wordBands(placed, height);
  const [words, thumbs] = await Promise.all([
    drawWords(title, posts, placed, headings, bands, context),
    Promise.all(
      placed.map(async (item) => {
        const file = await cachedFile(cache, thumbnailKey(item.hash), () => thumbnailOfFile(images.get(item.path)!));
        const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        return { pixels: data, width: info.width, height: info.height, item };
      }),
    ),
  ]);
  const sheet = Buffer.allocUnsafe(SHEET_WIDTH * height * RGB).fill(BACKGROUND_RGB);
  for (const band of bands) words.copy(sheet, band.top * ROW, band.atlasTop * ROW, (band.atlasTop + band.height) * ROW);
  for (const thumb of thumbs) place(sheet, thumb);
  return sharp(sheet, { raw: { width: SHEET_WIDTH, height, channels: RGB } })
    .png({ compressionLevel: 3 })
    .toBuffer();
}

const RGB = 3;
const ROW = SHEET_WIDTH * RGB;
const BACKGROUND_RGB = Buffer.from(BACKGROUND.slice(1), 'hex');

/** A thumbnail's RGB pixels copied into the sheet's, row by row, at its place (cut at the sheet's edges). */
function place(
  sheet: Buffer,
  { pixels, width, height, item }: { pixels: Buffer; width: number; height: number; item: Placed },
) {
  const row = width * RGB;
  const visible = Math.min(width, SHEET_WIDTH - item.left) * RGB;
  const rows = Math.min(height, sheet.length / ROW - item.top);
  for (let y = 0; y < rows; y++) pixels.copy(sheet, (item.top + y) * ROW + item.left * RGB, y * row, y * row + visible);
}

/** A run of the sheet's rows that carries words, and where it is in the atlas. */
interface Band {
  top: number;
  height: number;
  atlasTop: number;
}

/**
 * The sheet's rows that carry words: all but the rows of thumbnails. satori and resvg draw
 * only these, stacked one under the other (the atlas), instead of the whole sheet, most of
 * which the thumbnails cover; moved by whole rows, the words draw to the same pixels (tested).
 */
function wordBands(placed: Placed[], height: number): Band[] {
  const rows = [...new Set(placed.map((item) => item.top))].sort((a, b) => a - b);
  const bands: Band[] = [];
  let top = 0;
  let atlasTop = 0;
  for (const row of [...rows, height]) {
    if (row > top) bands.push({ top, height: row - top, atlasTop });
    atlasTop += row - top;
    top = row + THUMB_HEIGHT;
  }
  return bands;
}

/** Where a sheet row that carries words is in the atlas. */
function atlasY(bands: Band[], y: number): number {
  const band = bands.findLast((candidate) => candidate.top <= y) ?? bands[0]!;
  return band.atlasTop + y - band.top;
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

/** The sheet's words on its background, as the atlas's RGB pixels (wordBands); drawn off the main thread. */
async function drawWords(
  title: string,
  posts: PostEntry[],
  placed: Placed[],
  headings: { label: string; top: number }[],
  bands: Band[],
  context: RenderContext,
): Promise<Buffer> {
  const count = posts.reduce((sum, post) => sum + post.images.length, 0);
  const height = bands.reduce((sum, band) => sum + band.height, 0);
  const text = (
    left: number,
    top: number,
    style: Record<string, unknown>,
    words: string,
    width = SHEET_WIDTH - 2 * PAD,
  ): SatoriElement => ({
    type: 'div',
    props: {
      style: {
        position: 'absolute',
        left,
        top: atlasY(bands, top),
        width,
        display: 'flex',
        color: '#15232D',
        ...style,
      },
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
  const atlas = await drawPixels(svg);
  // Opaque (the background is painted), so resvg's premultiplied RGBA is the colour as it is.
  return sharp(atlas.pixels, { raw: { width: atlas.width, height: atlas.height, channels: 4 } })
    .removeAlpha()
    .raw()
    .toBuffer();
}
