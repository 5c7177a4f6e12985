import twitter from 'twitter-text';
import type { Counting } from '../channels/platforms.ts';
import { memoized } from '../memo.ts';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Captions are fitted by counting candidate after candidate, and a rebuild counts the same
 * lines again: each text is counted once per way of counting.
 */
const counters = {
  twitter: memoized((text) => countOnce(text, 'twitter')),
  graphemes: memoized((text) => countOnce(text, 'graphemes')),
  characters: memoized((text) => countOnce(text, 'characters')),
} satisfies Record<Counting, (text: string) => number>;

/** A caption's length as its platform counts it. */
export function countLength(text: string, counting: Counting): number {
  return counters[counting](text);
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
