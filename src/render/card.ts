import type { LoadedFont } from '../config/fonts.ts';
import type { CardSpec } from '../model.ts';
import { contentHash } from './content-hash.ts';
import { thumbnailOfFile } from './thumbnail.ts';
import { drawPixels, encodeCard } from './encode.ts';
import { textContent } from './fit.ts';
import { missingCharacters } from './glyphs.ts';
import type { Layout } from './layout.ts';
import { layOutInWorker } from './layout-worker.ts';
import { formatView } from './view.ts';
import { bindTemplate, type CardTemplate, type SatoriElement } from './template.ts';

export interface RenderContext {
  fonts: LoadedFont[];
  templates: ReadonlyMap<string, CardTemplate>;
  /** Brand values every template can use: colours, fonts, author, handles. */
  brandView: Record<string, unknown>;
  /** Code points the fonts can draw, for reporting the ones they cannot. */
  coverage: ReadonlySet<number>;
  /** Hash of everything besides the card itself that shapes its pixels (brand, fonts, versions). */
  fingerprint: string;
}

export interface RenderedCard {
  data: Buffer;
  /** contentHash of data. */
  hash: string;
  /** The contact sheet's thumbnail, when it was made from the pixels while drawing. */
  thumbnail?: Buffer;
  /** Characters no bundled font or emoji image could draw, as `U+XXXX "c"`. */
  missing: string[];
  /** Text boxes that could not fit even at their smallest size. */
  overflow: string[];
  /** Font size chosen for each `data-fit` box. */
  fontSizes: Record<string, number>;
}

export interface LaidOutCard extends Layout {
  missing: string[];
}

/** The card's template bound to the brand, its format's sizes and its words: all satori is given besides fonts. */
export function boundCard(card: CardSpec, context: RenderContext): SatoriElement {
  const template = context.templates.get(card.template);
  if (!template) throw new Error(`No card template named ${card.template}`);
  return bindTemplate(template, {
    ...context.brandView,
    ...formatView(card.format, card.width, card.height),
    ...card.data,
  });
}

/** template + words → fitted satori SVG, laid out on the layout thread. */
export async function layOutCard(card: CardSpec, context: RenderContext): Promise<LaidOutCard> {
  const element = boundCard(card, context);
  const missing = missingCharacters(textContent(element), context.coverage);
  return { ...(await layOutInWorker(element, card.width, card.height, context.fonts)), missing };
}

/**
 * Fitted SVG → resvg pixels → sharp PNG/JPEG, and a PNG's thumbnail unless told not to (made
 * from the file later). `laidOut`: the card's layout when it was started ahead (layOutAhead).
 */
export async function drawCard(
  card: CardSpec,
  context: RenderContext,
  thumbnail = true,
  laidOut: Promise<LaidOutCard> = layOutCard(card, context),
): Promise<RenderedCard> {
  const { svg, missing, overflow, fontSizes } = await laidOut;
  // Drawn on libuv's threads, while the layout thread lays out the next card.
  const data = await encodeCard(await drawPixels(svg), card.encoding);
  // Shrunk from the PNG, not the pixels: sharp copies raw pixels in memory to resize them, which
  // cost more than decoding the PNG. A JPEG's comes from the JPEG when the sheet is drawn.
  const small = thumbnail && card.encoding === 'png' ? await thumbnailOfFile(data) : undefined;
  return { data, hash: contentHash(data), missing, overflow, fontSizes, ...(small ? { thumbnail: small } : {}) };
}
