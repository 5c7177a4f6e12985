import satori from 'satori';
import sharp from 'sharp';
import type { LoadedFont } from '../src/config/fonts.ts';
import type { CardSpec } from '../src/model.ts';
import { layOutCard, type RenderContext } from '../src/render/card.ts';
import { satoriOptions } from '../src/render/layout.ts';
import { drawPixels, encodeCard } from '../src/render/encode.ts';
import type { SatoriElement } from '../src/render/template.ts';

/** The card as facet lays it out (bound and fitted), for the other pipelines to draw the same thing. */
export interface PreparedCard {
  spec: CardSpec;
  /** The bound template with the fitted font sizes, for satori (naive) and Chromium. */
  element: SatoriElement;
  svg: string;
}

export async function prepare(cards: CardSpec[], context: RenderContext): Promise<PreparedCard[]> {
  const prepared: PreparedCard[] = [];
  for (const spec of cards) {
    const { element, svg } = await layOutCard(spec, context);
    prepared.push({ spec, element, svg });
  }
  return prepared;
}

/** What most people write: satori, then sharp's own SVG renderer, one card at a time. */
export async function naive(cards: PreparedCard[], fonts: LoadedFont[]): Promise<void> {
  for (const card of cards)
    await sharp(Buffer.from(await satoriSvg(card, fonts)))
      .png()
      .toBuffer();
}

/** Only satori's final render of each fitted card, on the main thread: a part of any satori pipeline's cost. */
export async function satoriOnly(cards: PreparedCard[], fonts: LoadedFont[]): Promise<void> {
  for (const card of cards) await satoriSvg(card, fonts);
}

function satoriSvg(card: PreparedCard, fonts: LoadedFont[]): Promise<string> {
  return satori(card.element as never, { ...satoriOptions(card.spec.width, fonts), height: card.spec.height });
}

/** The floor's drawing and encoding (bench/floor.ts): resvg off the main thread, sharp as facet encodes, as many in flight as facet. */
export async function floor(cards: PreparedCard[], inFlight = 4): Promise<void> {
  const queue = [...cards];
  const worker = async () => {
    for (let card = queue.shift(); card; card = queue.shift())
      await encodeCard(await drawPixels(card.svg), card.spec.encoding);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** The card as HTML with inline styles, for a browser to screenshot. */
export function toHtml(element: SatoriElement | string): string {
  if (typeof element === 'string') return element.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const { children, style, className, ...attributes } = element.props as Record<string, unknown>;
  const css = Object.entries((style ?? {}) as Record<string, unknown>)
    .map(
      ([key, value]) =>
        `${key.startsWith('--') ? key : key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}:${typeof value === 'number' ? `${value}px` : String(value)}`,
    )
    .join(';');
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${String(value).replace(/"/g, '&quot;')}"`)
    .join('');
  const inner =
    children === undefined
      ? ''
      : (Array.isArray(children) ? children : [children]).map((child) => toHtml(child as SatoriElement)).join('');
  return `<${element.type}${attrs}${className ? ` class="${String(className)}"` : ''}${css ? ` style="${css.replace(/"/g, "'")}"` : ''}>${inner}</${element.type}>`;
}
