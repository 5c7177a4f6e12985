import { renderAsync } from '@resvg/resvg-js';
import satori from 'satori';
import sharp from 'sharp';
import type { LoadedFont } from '../src/config/fonts.ts';
import type { CardSpec } from '../src/model.ts';
import type { RenderContext } from '../src/render/card.ts';
import { fitText } from '../src/render/fit.ts';
import { directGradients } from '../src/render/svg.ts';
import { bindTemplate, type SatoriElement } from '../src/render/template.ts';
import { formatView } from '../src/render/view.ts';

/** The card as facet lays it out (bound and fitted), for the other pipelines to draw the same thing. */
export interface PreparedCard {
  spec: CardSpec;
  element: SatoriElement;
  svg: string;
}

export async function prepare(cards: CardSpec[], context: RenderContext): Promise<PreparedCard[]> {
  const prepared: PreparedCard[] = [];
  for (const spec of cards) {
    const template = context.templates.get(spec.template)!;
    const bound = bindTemplate(template, { ...context.brandView, ...formatView(spec.format, spec.width, spec.height), ...spec.data });
    const options = { width: spec.width, height: spec.height, fonts: context.fonts };
    const { element } = await fitText(bound, options);
    const svg = directGradients(await satori(element as never, options));
    prepared.push({ spec, element, svg });
  }
  return prepared;
}

/** What most people write: satori, then sharp's own SVG renderer, one card at a time. */
export async function naive(cards: PreparedCard[], fonts: LoadedFont[]): Promise<void> {
  for (const card of cards) {
    const svg = await satori(card.element as never, { width: card.spec.width, height: card.spec.height, fonts });
    await sharp(Buffer.from(svg)).png().toBuffer();
  }
}

/** The floor: only drawing (resvg, off the main thread) and encoding (sharp) the finished SVGs, as many in flight as facet. */
export async function floor(cards: PreparedCard[], inFlight = 4): Promise<void> {
  const queue = [...cards];
  const worker = async () => {
    for (let card = queue.shift(); card; card = queue.shift()) {
      const pixels = await renderAsync(card.svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
      const image = sharp(pixels.pixels, { raw: { width: pixels.width, height: pixels.height, channels: 4 } }).removeAlpha();
      await (card.spec.encoding === 'jpeg' ? image.jpeg({ quality: 86, chromaSubsampling: '4:4:4' }) : image.png({ compressionLevel: 6, adaptiveFiltering: false })).toBuffer();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** The card as HTML with inline styles, for a browser to screenshot. */
export function toHtml(element: SatoriElement | string): string {
  if (typeof element === 'string') return element.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const { children, style, className, ...attributes } = element.props as Record<string, unknown>;
  const css = Object.entries((style ?? {}) as Record<string, unknown>)
    .map(([key, value]) => `${key.startsWith('--') ? key : key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}:${typeof value === 'number' ? `${value}px` : String(value)}`)
    .join(';');
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${String(value).replace(/"/g, '&quot;')}"`).join('');
  const inner = children === undefined ? '' : (Array.isArray(children) ? children : [children]).map((child) => toHtml(child as SatoriElement)).join('');
  return `<${element.type}${attrs}${className ? ` class="${String(className)}"` : ''}${css ? ` style="${css.replace(/"/g, "'")}"` : ''}>${inner}</${element.type}>`;
}
