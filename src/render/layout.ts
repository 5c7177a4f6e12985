import type { SatoriOptions } from 'satori';
import type { LoadedFont } from '../config/fonts.ts';
import { emojiImage } from './emoji.ts';
import { renderFitted } from './fit.ts';
import { directGradients } from './svg.ts';
import type { SatoriElement } from './template.ts';

/** A bound card after satori: what the layout thread hands back. */
export interface Layout {
  /** The bound template with its fitted font sizes. */
  element: SatoriElement;
  /** The card as satori's SVG, gradients painted directly. */
  svg: string;
  overflow: string[];
  fontSizes: Record<string, number>;
}

/** Fits a bound card's text boxes and renders it: the part of a card satori does, on whichever thread runs it. */
export async function layOutElement(
  element: SatoriElement,
  width: number,
  height: number,
  fonts: LoadedFont[],
): Promise<Layout> {
  const fitted = await renderFitted(element, { ...satoriOptions(width, fonts), height });
  return {
    element: fitted.element,
    svg: directGradients(fitted.svg),
    overflow: fitted.overflow,
    fontSizes: fitted.sizes,
  };
}

/** Satori's options for one width: the bundled fonts, and emoji drawn from the emoji set. */
export function satoriOptions(width: number, fonts: LoadedFont[]): SatoriOptions & { width: number } {
  return {
    width,
    fonts,
    // Characters no font has are found beforehand (missingCharacters); here they draw nothing.
    loadAdditionalAsset: async (code: string, segment: string) => (code === 'emoji' ? (emojiImage(segment) ?? []) : []),
  };
}
