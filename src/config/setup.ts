import type { Channel } from '../channels/platforms.ts';
import type { RenderContext } from '../render/card.ts';
import type { CardTemplate } from '../render/template.ts';
import { fontCoverage } from '../render/glyphs.ts';
import { brandView, templateNames } from '../render/view.ts';
import { PLATFORMS } from '../channels/platforms.ts';
import { CARD_DATA_KEYS } from '../plan/cards.ts';
import { type Brand, loadBrand } from './brand.ts';
import { type LoadedFont, loadFonts } from './fonts.ts';
import { loadCaptionTemplates, loadCardTemplates } from './templates.ts';

/** Everything a build needs besides the articles; any problem here is a SetupError. */
export interface Setup {
  brand: Brand;
  fonts: LoadedFont[];
  cardTemplates: Map<string, CardTemplate>;
  captionTemplates: Map<Channel, string>;
  brandView: Record<string, unknown>;
  coverage: Set<number>;
}

export async function loadSetup(templatesDir: string): Promise<Setup> {
  const brand = await loadBrand(templatesDir);
  const fonts = await loadFonts(brand);
  const view = brandView(brand, fonts);
  const formats = Object.values(PLATFORMS).flatMap((platform) => Object.keys(platform.formats));
  const [cardTemplates, captionTemplates] = await Promise.all([
    loadCardTemplates(templatesDir, templateNames(view, CARD_DATA_KEYS, formats)),
    loadCaptionTemplates(templatesDir, brand.channels),
  ]);
  return { brand, fonts, cardTemplates, captionTemplates, brandView: view, coverage: fontCoverage(fonts) };
}

/** The part of the setup that drawing a card needs. */
export function renderContextOf(setup: Setup): RenderContext {
  return { fonts: setup.fonts, templates: setup.cardTemplates, brandView: setup.brandView, coverage: setup.coverage };
}
