import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { memoized } from '../memo.ts';
import type { Position } from '../model.ts';

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Visible text of a node, whitespace folded, image alt text left out. */
export function textOf(node: Nodes): string {
  return toString(node, { includeImageAlt: false }).replace(/\s+/g, ' ').trim();
}

export function positionOf(node: Nodes): Position {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

// Abbreviations the segmenter would wrongly end a sentence at ("Dr. Kaveh", "vs. placebo").
const ABBREVIATION = /\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|etc|e\.g|i\.e|approx|Fig|No)\.$/i;

/** Sentences with the offset of each within `text`. */
export function sentencesOf(text: string): { text: string; offset: number }[] {
  const sentences: { text: string; offset: number }[] = [];
  let pending: { text: string; offset: number } | undefined;
  for (const segment of sentenceSegmenter.segment(text)) {
    const current = pending
      ? { text: pending.text + segment.segment, offset: pending.offset }
      : { text: segment.segment, offset: segment.index };
    if (ABBREVIATION.test(current.text.trimEnd())) {
      pending = current;
      continue;
    }
    pending = undefined;
    if (current.text.trim()) sentences.push({ text: current.text.trim(), offset: current.offset });
  }
  if (pending?.text.trim()) sentences.push({ text: pending.text.trim(), offset: pending.offset });
  return sentences;
}

/** Planning and quoting count the same sentences again and again, and a rebuild counts them anew. */
export const wordCount = memoized((text) => text.split(/\s+/).filter(Boolean).length);

/**
 * Case-, space- and punctuation-blind form for comparing quotes. Captions compare the same
 * paragraphs and sentences post after post: each is folded once.
 */
export const normalize = memoized((text) =>
  text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim(),
);
