import twitter from 'twitter-text';
import type { Counting } from '../channels/platforms.ts';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Captions are fitted by counting candidate after candidate, and a rebuild counts the same
 * lines again: each text is counted once per way of counting.
 */
const counted = new Map<string, number>();
const COUNTED_TEXTS = 20_000;

/** A caption's length as its platform counts it. */
export function countLength(text: string, counting: Counting): number {
  const key = `${counting}\0${text}`;
  let length = counted.get(key);
  if (length === undefined) {
    length = countOnce(text, counting);
    if (counted.size >= COUNTED_TEXTS) counted.clear();
    counted.set(key, length);
  }
  return length;
}

function countOnce(text: string, counting: Counting): number {
  const normalized = text.normalize('NFC');
  switch (counting) {
    case 'twitter':
      // URLs count 23, emoji and CJK count 2: twitter-text's own weighting.
      return twitter.parseTweet(normalized).weightedLength;
    case 'graphemes':
      return [...graphemes.segment(normalized)].length;
    case 'characters':
      return [...normalized].length;
  }
}
