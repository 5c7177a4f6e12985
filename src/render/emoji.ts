import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const TWEMOJI_DIR = path.dirname(require.resolve('@twemoji/svg/package.json'));
const ZWJ = '\u200d';
const VARIATION_SELECTOR = /\ufe0f/g;

/** Twemoji names files by code points; U+FE0F is dropped unless the emoji is a ZWJ sequence. */
function twemojiName(emoji: string): string {
  const text = emoji.includes(ZWJ) ? emoji : emoji.replace(VARIATION_SELECTOR, '');
  return [...text].map((char) => char.codePointAt(0)!.toString(16)).join('-');
}

const cache = new Map<string, string | undefined>();

/** The emoji as an SVG data URI from the @twemoji/svg package, or undefined if it has none. */
export function emojiImage(emoji: string): string | undefined {
  if (cache.has(emoji)) return cache.get(emoji);
  const names = [twemojiName(emoji), twemojiName(emoji.replace(VARIATION_SELECTOR, ''))];
  let uri: string | undefined;
  for (const name of names) {
    try {
      const svg = readFileSync(path.join(TWEMOJI_DIR, `${name}.svg`));
      uri = `data:image/svg+xml;base64,${svg.toString('base64')}`;
      break;
    } catch {
      // try the next spelling; none found means the emoji is reported as missing
    }
  }
  cache.set(emoji, uri);
  return uri;
}
