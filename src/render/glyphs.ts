import * as fontkit from 'fontkit';
import { SetupError } from '../config/errors.ts';
import type { LoadedFont } from '../config/fonts.ts';
import { emojiImage } from './emoji.ts';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Keycaps (1️⃣) are a digit, U+FE0F and U+20E3: emoji though the digit is not pictographic.
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
// Joiners, variation selectors and skin-tone modifiers draw nothing on their own: each is
// matched alone, one code point at a time, as the rule warns.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\s\u200b-\u200f\u2060\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;

/** Every code point the bundled fonts can draw, read from their character maps once. */
export function fontCoverage(fonts: LoadedFont[]): Set<number> {
  const covered = new Set<number>();
  for (const font of fonts) {
    let parsed: fontkit.Font;
    try {
      parsed = fontkit.create(font.data) as fontkit.Font;
    } catch (error) {
      throw new SetupError(
        `Expected a font file at ${font.file} but could not read it: ${(error as Error).message}`,
        'reinstall the font package (npm ci), or choose another in brand.yaml',
        { cause: error },
      );
    }
    for (const codePoint of parsed.characterSet) covered.add(codePoint);
  }
  return covered;
}

/**
 * Characters in `text` that would draw as an empty box: not in any bundled font, and not an
 * emoji the emoji set has. Reported as `U+2192 "→"`.
 */
export function missingCharacters(text: string, covered: ReadonlySet<number>): string[] {
  const missing = new Set<string>();
  for (const { segment } of graphemes.segment(text)) {
    if (EMOJI.test(segment)) {
      if (!emojiImage(segment)) missing.add(describe(segment));
      continue;
    }
    for (const char of segment) {
      if (!INVISIBLE.test(char) && !covered.has(char.codePointAt(0)!)) missing.add(describe(char));
    }
  }
  return [...missing];
}

function describe(text: string): string {
  const points = [...text]
    .map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ');
  return `${points} "${text}"`;
}
