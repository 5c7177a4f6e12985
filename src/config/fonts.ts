import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Brand, FontFamily } from './brand.ts';
import { SetupError } from './errors.ts';

/** One font file as satori takes it. */
export interface LoadedFont {
  name: string;
  data: Buffer;
  weight: 100 | 200 | 300 | 400 | 500 | 600 | 700 | 800 | 900;
  style: 'normal';
  /** The file, for cache keys and messages. */
  file: string;
}

const require = createRequire(import.meta.url);

/**
 * Every subset file (latin, latin-ext, greek, cyrillic, …) of every weight, read once: satori
 * caches glyphs per Buffer, so the same Buffers must be passed to every render.
 */
export async function loadFonts(brand: Brand): Promise<LoadedFont[]> {
  const families = [brand.fonts.heading, brand.fonts.body];
  const loaded = await Promise.all(families.map(loadFamily));
  return loaded.flat();
}

async function loadFamily(family: FontFamily): Promise<LoadedFont[]> {
  const dir = packageFilesDir(family);
  const names = await readdir(dir);
  const fonts: LoadedFont[] = [];
  for (const weight of family.weights) {
    // Latin first: satori takes the first font that has a glyph.
    const files = names.filter((name) => name.endsWith(`-${weight}-normal.woff`)).sort(subsetOrder);
    if (files.length === 0) {
      throw new SetupError(
        `Expected ${family.family} ${weight} in ${family.package} but found no \`*-${weight}-normal.woff\` file`,
        `choose weights the package ships (see ${dir}), or set fonts.*.weights in brand.yaml`,
      );
    }
    for (const name of files) {
      const file = path.join(dir, name);
      fonts.push({
        name: subsetFamily(family.family, name),
        data: await readFile(file),
        weight: weight as LoadedFont['weight'],
        style: 'normal',
        file,
      });
    }
  }
  return fonts;
}

function packageFilesDir(family: FontFamily): string {
  try {
    return path.join(path.dirname(require.resolve(`${family.package}/package.json`)), 'files');
  } catch (error) {
    throw new SetupError(
      `Expected the font package ${family.package} for ${family.family} but it is not installed`,
      `run \`npm install ${family.package}\`, or change fonts in brand.yaml`,
      { cause: error },
    );
  }
}

/**
 * satori keeps one font per family, weight and style, so each subset file gets a family name
 * of its own ("Inter", "Inter greek", …) and templates ask for the whole stack (fontStack).
 */
function subsetFamily(family: string, file: string): string {
  const subset = subsetOf(file);
  return subset === 'latin' ? family : `${family} ${subset ?? path.basename(file)}`;
}

/** `"Inter", "Inter latin-ext", "Inter greek", …`: the CSS font-family for a brand font. */
export function fontStack(fonts: LoadedFont[], family: string): string {
  const names = [
    ...new Set(fonts.map((font) => font.name).filter((name) => name === family || name.startsWith(`${family} `))),
  ];
  return names.map((name) => `'${name}'`).join(', ');
}

const SUBSET_ORDER = ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese'];

function subsetOrder(a: string, b: string): number {
  return subsetRank(a) - subsetRank(b) || a.localeCompare(b);
}

function subsetRank(name: string): number {
  const subset = subsetOf(name);
  return subset && SUBSET_ORDER.includes(subset) ? SUBSET_ORDER.indexOf(subset) : SUBSET_ORDER.length;
}

/** "inter-latin-ext-400-normal.woff" → "latin-ext"; the family id may itself hold dashes. */
function subsetOf(file: string): string | undefined {
  const known = [...SUBSET_ORDER, 'math', 'symbols'].sort((a, b) => b.length - a.length);
  return known.find((candidate) => new RegExp(`-${candidate}-\\d00-normal\\.woff$`).test(file));
}
