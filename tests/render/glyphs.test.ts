import { describe, expect, it } from 'vitest';
import { missingCharacters } from '../../src/render/glyphs.ts';
import { repoSetup } from '../helpers/setup.ts';

describe('characters the fonts cannot draw', () => {
  it('are named by code point', async () => {
    const { coverage } = await repoSetup();
    expect(missingCharacters('Acupuncture 针灸 → relief', coverage)).toEqual([
      'U+9488 "针"',
      'U+7078 "灸"',
      'U+2192 "→"',
    ]);
  });

  it('do not include Latin accents, Greek, Cyrillic or any kind of emoji', async () => {
    const { coverage } = await repoSetup();
    const text = 'Ça naïve Zürich · αβγ Ωmega · Здоровье · 👋 👋🏿 🇫🇷 👩‍⚕️ 🏳️‍🌈 ❤️ 1️⃣';
    expect(missingCharacters(text, coverage)).toEqual([]);
  });

  it('include an emoji the emoji set lacks', async () => {
    const { coverage } = await repoSetup();
    expect(missingCharacters('\u{1FAE9}', coverage)).toEqual(['U+1FAE9 "\u{1FAE9}"']);
  });
});
