import twitter from 'twitter-text';
import type { Counting } from '../channels/platforms.ts';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** A caption's length as its platform counts it. */
export function countLength(text: string, counting: Counting): number {
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
