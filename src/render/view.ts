import { SAFE_ZONES } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import { mix } from './colour.ts';

/** What every card template can use from the brand kit, colours derived once. */
export function brandView(brand: Brand): Record<string, unknown> {
  const { colours } = brand;
  return {
    author: brand.author,
    organisation: brand.organisation ?? '',
    website: brand.website ?? '',
    cta: brand.cta,
    fonts: { heading: brand.fonts.heading.family, body: brand.fonts.body.family },
    colours: {
      ...colours,
      backgroundDeep: mix(colours.background, '#000000', 0.35),
      line: mix(colours.background, colours.text, 0.22),
      inkLine: mix(colours.paper, colours.ink, 0.18),
      inkMuted: mix(colours.paper, colours.ink, 0.62),
    },
  };
}

/**
 * Sizes that scale with the format, so one template serves 1200×627 and 1080×1920 alike.
 * `unit` is 1 on a 1080 px short side; `space` keeps text out of platform overlays.
 */
export function formatView(format: string, width: number, height: number): Record<string, unknown> {
  const unit = Math.min(width, height) / 1080;
  const px = (value: number) => Math.round(value * unit);
  const margin = px(width > height * 1.4 ? 64 : 84);
  const zone = SAFE_ZONES[format];
  const space = zone
    ? { top: Math.max(zone.top, margin), right: Math.max(zone.right, margin), bottom: Math.max(zone.bottom, margin), left: Math.max(zone.left, margin) }
    : { top: margin, right: margin, bottom: margin, left: margin };
  return {
    format,
    [format]: true,
    width,
    height,
    space,
    size: {
      hairline: Math.max(1, px(2)),
      rule: Math.max(2, px(6)),
      xs: px(26),
      sm: px(32),
      md: px(44),
      lg: px(64),
      titleMin: px(48),
      titleMax: px(width > height * 1.4 ? 132 : 124),
      subtitleBox: px(width > height * 1.4 ? 96 : 140),
      quoteMin: px(38),
      quoteMax: px(84),
      quoteMark: px(120),
      quoteMarkFont: px(200),
    },
  };
}
