import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { RenderContext } from '../render/card.ts';
import type { CardTemplate } from '../render/template.ts';
import { fontCoverage } from '../render/glyphs.ts';
import { brandView, templateNames } from '../render/view.ts';
import { PLATFORMS } from '../channels/platforms.ts';
import { CARD_DATA_KEYS } from '../plan/cards.ts';
import { type LoadedFont, loadFonts } from '../config/fonts.ts';
import { type AnalysisSetup, loadAnalysisSetup } from './analysis.ts';
import { loadCardTemplates } from './templates.ts';

/** Everything a build needs besides the articles: the analysis setup, and fonts and card templates for drawing. */
export interface Setup extends AnalysisSetup {
  fonts: LoadedFont[];
  cardTemplates: Map<string, CardTemplate>;
  brandView: Record<string, unknown>;
  coverage: Set<number>;
  /** Hash of brand view, font files and tool versions: part of every card's cache key. */
  fingerprint: string;
}

/** The whole setup; any problem in it is a SetupError. */
export async function loadSetup(templatesDir: string): Promise<Setup> {
  const analysis = await loadAnalysisSetup(templatesDir);
  const fonts = await loadFonts(analysis.brand);
  const view = brandView(analysis.brand, fonts);
  const formats = Object.values(PLATFORMS).flatMap((platform) => Object.keys(platform.formats));
  const cardTemplates = await loadCardTemplates(templatesDir, templateNames(view, CARD_DATA_KEYS, formats));
  return {
    ...analysis,
    fonts,
    cardTemplates,
    brandView: view,
    coverage: fontCoverage(fonts),
    fingerprint: fingerprintOf(view, fonts),
  };
}

const require = createRequire(import.meta.url);
const RENDER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'render');
/** Packages whose output shapes the pixels: a new version may draw differently. */
const RENDERERS = ['satori', '@resvg/resvg-js', '@twemoji/svg'];

function fingerprintOf(view: Record<string, unknown>, fonts: LoadedFont[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(view));
  for (const font of fonts) hash.update(font.name).update(String(font.weight)).update(font.data);
  for (const name of ['../../package.json', ...RENDERERS.map((pkg) => `${pkg}/package.json`)]) {
    hash.update(`${name}@${(require(name) as { version: string }).version}`);
  }
  // sharp does not export its package.json; it reports its own and libvips' versions.
  hash.update(JSON.stringify(sharp.versions));
  // The drawing code itself: a change to fitting or encoding must not reuse old pixels.
  for (const file of readdirSync(RENDER_DIR)
    .filter((name) => name.endsWith('.ts'))
    .sort())
    hash.update(readFileSync(path.join(RENDER_DIR, file)));
  return hash.digest('hex');
}

/** The part of the setup that drawing a card needs. */
export function renderContextOf(setup: Setup): RenderContext {
  return {
    fonts: setup.fonts,
    templates: setup.cardTemplates,
    brandView: setup.brandView,
    coverage: setup.coverage,
    fingerprint: setup.fingerprint,
  };
}
