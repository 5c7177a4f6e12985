import type { Paragraph, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Position, Quote } from '../model.ts';
import { normalize, positionOf, sentencesOf, textOf, wordCount } from './text.ts';

export interface QuoteOptions {
  pinned: string[];
  exclude: string[];
  /** Where a pinned quote stands in the source, when it can be found there. */
  locate: (text: string) => Position;
}

/** Scores keep the documented order: pinned, blockquotes, pull quotes, then sentences. */
const ORIGIN_SCORE = { pinned: 1000, blockquote: 800, 'pull-quote': 600, sentence: 0 } as const;

const MIN_WORDS = 8;
const MAX_WORDS = 30;
// A sentence that leans on the one before it makes no sense alone on a card.
const DANGLING_START =
  /^(?:this|that|these|those|it|its|they|them|their|he|she|his|her|such|also|additionally|however|therefore|thus|but|and|or|so|in fact|as a result)\b/i;

/** Key quotes, best first, without repeats or excluded sentences. */
export function quotesOf(tree: Root, options: QuoteOptions): Quote[] {
  const excluded = new Set(options.exclude.map(normalize));
  const seen = new Set<string>();
  const quotes: Quote[] = [];
  const add = (quote: Quote) => {
    const key = normalize(quote.text);
    if (!key || excluded.has(key) || seen.has(key)) return;
    seen.add(key);
    quotes.push(quote);
  };
  options.pinned.forEach((text, index) =>
    add({ text, origin: 'pinned', score: ORIGIN_SCORE.pinned - index, position: options.locate(text) }),
  );
  visit(tree, 'blockquote', (node) => {
    const text = textOf(node).replace(/^["“]|["”]$/g, '');
    if (text)
      add({
        text,
        origin: 'blockquote',
        score: ORIGIN_SCORE.blockquote + lengthScore(text),
        position: positionOf(node),
      });
    return 'skip';
  });
  for (const node of tree.children) {
    if (node.type === 'paragraph' && isPullQuote(node)) {
      const text = textOf(node);
      add({
        text,
        origin: 'pull-quote',
        score: ORIGIN_SCORE['pull-quote'] + lengthScore(text),
        position: positionOf(node),
      });
    }
  }
  for (const candidate of sentenceCandidates(tree)) add(candidate);
  return quotes.sort((a, b) => b.score - a.score || a.position.line - b.position.line);
}

/**
 * The author's pull quotes: a paragraph of its own holding one plain sentence with no
 * closing punctuation, set apart from the prose around it.
 */
function isPullQuote(node: Paragraph): boolean {
  if (!node.children.every((child) => child.type === 'text' || child.type === 'emphasis' || child.type === 'strong'))
    return false;
  const text = textOf(node);
  const words = wordCount(text);
  return (
    words >= 5 &&
    words <= MAX_WORDS &&
    !/[.!?:;,…]$/.test(text) &&
    sentencesOf(text).length === 1 &&
    /^\p{Lu}/u.test(text)
  );
}

function sentenceCandidates(tree: Root): Quote[] {
  const candidates: Quote[] = [];
  visit(tree, 'paragraph', (node, _index, parent) => {
    if (
      parent?.type === 'blockquote' ||
      parent?.type === 'listItem' ||
      parent?.type === 'footnoteDefinition' ||
      isPullQuote(node)
    )
      return;
    const linked = new Set<string>();
    visit(node, 'link', (link) => void linked.add(textOf(link)));
    for (const { text } of sentencesOf(textOf(node))) {
      const score = sentenceScore(text, linked);
      if (score > 0) candidates.push({ text, origin: 'sentence', score, position: positionOf(node) });
    }
  });
  return candidates;
}

/** 0 means unusable alone; otherwise up to ~100, higher for crisp, concrete, complete lines. */
export function sentenceScore(text: string, linkedTexts: Set<string> = new Set()): number {
  const words = wordCount(text);
  if (words < MIN_WORDS || words > MAX_WORDS) return 0;
  if (DANGLING_START.test(text) || !/[.!]$/.test(text)) return 0;
  if (/https?:\/\/|www\./i.test(text) || [...linkedTexts].some((link) => link && text.includes(link))) return 0;
  if (/\(|\)|"|“/.test(text)) return 0;
  let score = 40 + lengthScore(text);
  if (/\d|%|\bhalf\b/.test(text)) score += 10;
  if (/\b(?:you|your)\b/i.test(text)) score += 8;
  if (/\b(?:can|cannot|deserve|powerful|relief|effective)\b/i.test(text)) score += 6;
  if (/\b(?:unfortunately|additionally|in fact|notably)\b/i.test(text)) score -= 15;
  // Points back at something the card will not show ("these other conditions").
  if (/\b(?:this|these|those)\b/i.test(text)) score -= 20;
  if (/\b(?:its|their)\b/i.test(text)) score -= 15;
  // A call to action, or an invitation to read on, belongs to the caption's link line, not a card.
  if (isCallToAction(text) || /^(?:learn|read)\b/i.test(text)) score -= 30;
  return Math.max(score, 1);
}

/** "Schedule a free consultation…", "Book…", "Call us…": the article asking the reader to act. */
export function isCallToAction(text: string): boolean {
  return /^(?:schedule|book|call|contact|sign up|click|visit|register|subscribe|join|request)\b/i.test(text);
}

/** Cards read best at 12–22 words. */
function lengthScore(text: string): number {
  const words = wordCount(text);
  return words >= 12 && words <= 22 ? 20 : words < 12 ? 10 : 5;
}
