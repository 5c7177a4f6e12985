import { readFileSync } from 'node:fs';
import { SAFE_ZONES } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import { fontStack, type LoadedFont } from '../config/fonts.ts';
import { paletteOf } from '../config/palette.ts';

/** What every card template can use from the brand kit; derived shades computed once. */
export function brandView(brand: Brand, fonts: LoadedFont[]): Record<string, unknown> {
  const colours = paletteOf(brand.colours);
  return {
    author: brand.author,
    organisation: brand.organisation ?? '',
    website: brand.website ?? '',
    cta: brand.cta,
    logo: brand.logo ? dataUri(brand.logo) : '',
    // Each role falls back through its own subsets, then the other role's (Lora has no Greek; Inter has).
    fonts: {
      heading: `${fontStack(fonts, brand.fonts.heading.family)}, ${fontStack(fonts, brand.fonts.body.family)}`,
      body: `${fontStack(fonts, brand.fonts.body.family)}, ${fontStack(fonts, brand.fonts.heading.family)}`,
    },
    colours,
    // Colour sets for shared partials: `{{#dark}}{{> footer}}{{/dark}}` on dark cards.
    dark: { text: colours.text, muted: colours.muted, line: colours.line, accent: colours.accent },
    light: { text: colours.ink, muted: colours.inkMuted, line: colours.inkLine, accent: colours.accentInk },
  };
}

function dataUri(file: string): string {
  const type = file.endsWith('.svg') ? 'image/svg+xml' : file.endsWith('.png') ? 'image/png' : 'image/jpeg';
  return `data:${type};base64,${readFileSync(file).toString('base64')}`;
}

/**
 * Sizes that scale with the format, so one template serves 1200×627 and 1080×1920 alike.
 * `unit` is 1 on a 1080 px short side; `space` keeps text out of platform overlays; `fit.*`
 * are font-size ranges for `data-fit` boxes.
 */
export function formatView(format: string, width: number, height: number): Record<string, unknown> {
  const unit = Math.min(width, height) / 1080;
  const wide = width > height * 1.4;
  const px = (value: number) => Math.round(value * unit);
  const margin = px(wide ? 68 : 84);
  const zone = SAFE_ZONES[format];
  const space = zone
    ? {
        top: Math.max(zone.top, margin),
        right: Math.max(zone.right, margin),
        bottom: Math.max(zone.bottom, margin),
        left: Math.max(zone.left, margin),
      }
    : { top: margin, right: margin, bottom: margin, left: margin };
  const range = (min: number, max: number) => ({ min: px(min), max: px(max) });
  return {
    format,
    [format]: true,
    wide,
    tall: height > width * 1.2,
    width,
    height,
    space,
    size: {
      hairline: Math.max(1, px(2)),
      rule: Math.max(2, px(6)),
      dot: px(14),
      logo: px(wide ? 60 : 68),
      xs: px(26),
      sm: px(32),
      md: px(44),
      lg: px(64),
      xl: px(96),
      subtitleBox: px(wide ? 100 : 150),
      quoteMark: px(120),
      quoteMarkFont: px(200),
    },
    fit: {
      headline: range(48, wide ? 132 : 124),
      heading: range(40, wide ? 92 : 104),
      subtitle: range(24, 34),
      points: range(26, 50),
      quote: range(34, wide ? 100 : 84),
      figure: range(64, wide ? 300 : 280),
      sentence: range(24, wide ? 44 : 38),
      hook: range(30, 56),
    },
  };
}

/** Every name a card template may use: brand, format, tone and card values. */
export function templateNames(
  brand: Record<string, unknown>,
  cardKeys: readonly string[],
  formats: readonly string[],
): Set<string> {
  const tones = Object.keys((brand.dark ?? {}) as object);
  return new Set([
    ...Object.keys(brand),
    ...Object.keys(formatView('square', 1080, 1080)),
    ...formats,
    ...tones,
    ...cardKeys,
  ]);
}
