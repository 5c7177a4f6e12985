import type { ColourName } from '../model.ts';
import { mix } from './colour.ts';

/** Shades the templates use besides the brand's own colours, all derived from them. */
function derivedColours(colours: Record<ColourName, string>) {
  return {
    backgroundDeep: mix(colours.background, '#000000', 0.35),
    line: mix(colours.background, colours.text, 0.22),
    inkLine: mix(colours.paper, colours.ink, 0.18),
    inkMuted: mix(colours.paper, colours.ink, 0.68),
    // The accent darkened until it reads as text on paper.
    accentInk: mix(colours.accent, colours.ink, 0.5),
  };
}

export type Palette = Record<ColourName, string> & ReturnType<typeof derivedColours>;

export function paletteOf(colours: Record<ColourName, string>): Palette {
  return { ...colours, ...derivedColours(colours) };
}
