import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
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

export function wordCount(text: string): number {
  let count = wordCounts.get(text);
  if (count === undefined) {
    count = text.split(/\s+/).filter(Boolean).length;
    if (wordCounts.size > NORMALIZED_TEXTS) wordCounts.clear();
    wordCounts.set(text, count);
  }
  return count;
}

/** Planning and quoting count the same sentences again and again, and a rebuild counts them anew. */
const wordCounts = new Map<string, number>();

/** Case-, space- and punctuation-blind form for comparing quotes. */
export function normalize(text: string): string {
  let folded = normalized.get(text);
  if (folded === undefined) {
    folded = text
      .toLowerCase()
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (normalized.size > NORMALIZED_TEXTS) normalized.clear();
    normalized.set(text, folded);
  }
  return folded;
}

/** Captions compare the same paragraphs and sentences post after post: each is folded once. */
const normalized = new Map<string, string>();
const NORMALIZED_TEXTS = 20_000;
