import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Stat } from '../model.ts';
import { footnotesOf, sentenceSources } from './sources.ts';
import { positionOf, sentencesOf, textOf } from './text.ts';

/** A `sources:` entry of the front matter: the figure's words as the article writes them, and where they come from. */
export interface ListedSource {
  text: string;
  source: string;
}

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const WORD_FRACTION = String.raw`half|a third|two thirds|a quarter|three quarters`;
const RATIO = String.raw`(?:one|two|three|\d+) in \d+|\d+ out of \d+`;

/**
 * A figure worth a card: a percentage, a fraction in words, "N or more", "N times", or a
 * count of at least 10 that is not a year.
 */
const FIGURE = new RegExp(
  String.raw`(?<![\w.])(?:(?:${NUMBER})\s?%|(?:${WORD_FRACTION})(?= of\b| the\b)|(?:${RATIO})|(?:${NUMBER}) (?:or more|or fewer|times)|(?:${NUMBER})(?= [a-z]))`,
  'gi',
);

// Words after which the counted thing has ended: "half of patients | with …".
const STOP_WORDS = new Set([
  'with',
  'who',
  'that',
  'which',
  'and',
  'or',
  'but',
  'are',
  'is',
  'was',
  'were',
  'have',
  'has',
  'had',
  'do',
  'does',
  "don't",
  'don’t',
  'will',
  'can',
  'may',
  'in',
  'at',
  'for',
  'to',
  'from',
  'by',
  'on',
  'when',
  'if',
  'than',
  'because',
]);
const MAX_PHRASE_WORDS = 2;
const IRREGULAR_PLURALS = new Set(['people', 'women', 'men', 'children', 'adults', 'feet', 'teeth']);

/**
 * Every figure of the body with the words it counts, its sentence and, when the article gives
 * one, its source: a footnote or link in its sentence, a citation in parentheses, else the
 * front matter's `sources:` entry whose text the sentence holds.
 */
export function statsOf(tree: Root, listed: readonly ListedSource[] = []): Stat[] {
  const stats: Stat[] = [];
  const notes = footnotesOf(tree);
  visit(tree, (node) => {
    // A footnote is a source or a figure's credit: its numbers are not the article's.
    if (node.type === 'footnoteDefinition') return 'skip';
    if (node.type !== 'paragraph' && node.type !== 'listItem') return;
    const sourceOf = sentenceSources(node, notes);
    for (const { text } of sentencesOf(textOf(node))) {
      for (const match of text.matchAll(FIGURE)) {
        const figure = match[0];
        if (isYear(figure)) continue;
        const phrase = `${figure}${countedThing(text.slice((match.index ?? 0) + figure.length))}`;
        const source =
          sourceOf(text) ?? listed.find((entry) => text.toLowerCase().includes(entry.text.toLowerCase()))?.source;
        stats.push({ figure, phrase, sentence: text, ...(source ? { source } : {}), position: positionOf(node) });
      }
    }
    return node.type === 'listItem' ? 'skip' : undefined;
  });
  return stats;
}

function isYear(figure: string): boolean {
  return /^(?:19|20)\d\d$/.test(figure);
}

function isPluralNoun(word: string): boolean {
  return (/s$/i.test(word) && word.length > 3) || IRREGULAR_PLURALS.has(word.toLowerCase());
}

/** " of women" from " of women. Unfortunately…": up to two words (and the noun they lead to), stopping at a stop word. */
function countedThing(rest: string): string {
  const words = rest.trimStart().split(/\s+/);
  const taken: string[] = [];
  if (words[0]?.toLowerCase() === 'of' || words[0]?.toLowerCase() === 'the') taken.push(words.shift()!);
  for (const word of words) {
    const bare = word.replace(/[^\p{L}\p{N}'’+-]/gu, '');
    if (!bare || STOP_WORDS.has(bare.toLowerCase())) break;
    // Past the limit only the noun the words lead to is taken: "113 active-duty service members",
    // never "113 active-duty service".
    const full = taken.length >= MAX_PHRASE_WORDS + (taken[0] === 'of' ? 1 : 0);
    if (full && (taken.length > MAX_PHRASE_WORDS + 1 || !isPluralNoun(bare))) break;
    taken.push(bare);
    // Punctuation closes the phrase, and so does a plural noun: "half of patients | with".
    if (bare !== word || isPluralNoun(bare)) break;
  }
  return taken.length > 0 && !(taken.length === 1 && (taken[0] === 'of' || taken[0] === 'the'))
    ? ` ${taken.join(' ')}`
    : '';
}
