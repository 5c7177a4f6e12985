import { sentenceScore } from '../extract/quotes.ts';
import { sentencesOf, wordCount } from '../extract/text.ts';
import type { Section } from '../model.ts';

const MAX_POINTS = 3;
const MAX_POINT_WORDS = 24;
const MAX_KEY_WORDS = 40;
/** sentenceScore of a sentence that reads well alone (no "this", no call to action). */
const SELF_CONTAINED = 40;

/**
 * The up-to-three lines a section's slide shows: its list points when it has them, else its
 * strongest short sentences, kept in reading order.
 */
export function slidePoints(section: Section, subsections: Section[]): string[] {
  const listed = [...section.points, ...subsections.flatMap((sub) => sub.points)].filter(
    (point) => wordCount(point) <= MAX_POINT_WORDS,
  );
  if (listed.length > 0) return listed.slice(0, MAX_POINTS).map(tidyPoint);
  const sentences = [...section.paragraphs, ...subsections.flatMap((sub) => sub.paragraphs)]
    .flatMap((paragraph) => sentencesOf(paragraph).map((sentence) => sentence.text))
    .map((text, order) => ({ text, order, score: wordCount(text) <= MAX_POINT_WORDS ? sentenceScore(text) : 0 }))
    .filter((sentence) => !sentence.text.endsWith(':'));
  // Self-contained sentences first; lean on weaker ones only when a section has too few.
  const strong = sentences.filter((sentence) => sentence.score >= SELF_CONTAINED);
  const pool =
    strong.length >= 2 ? strong : sentences.filter((sentence) => wordCount(sentence.text) <= MAX_POINT_WORDS);
  const best = [...pool].sort((a, b) => b.score - a.score || a.order - b.order).slice(0, MAX_POINTS);
  return best.sort((a, b) => a.order - b.order).map((sentence) => sentence.text);
}

/** A list point reads as a fragment: no trailing full stop. */
function tidyPoint(text: string): string {
  return text.replace(/\.$/, '');
}

/** The one sentence that best stands for a section alone, as a thread post says it. */
export function keySentence(section: Section, subsections: Section[]): string {
  const sentences = [...section.paragraphs, ...subsections.flatMap((sub) => sub.paragraphs)]
    .flatMap((paragraph) => sentencesOf(paragraph).map((sentence) => sentence.text))
    .filter((text) => !text.endsWith(':') && wordCount(text) <= MAX_KEY_WORDS);
  const best = [...sentences].sort((a, b) => sentenceScore(b) - sentenceScore(a))[0];
  return best ?? section.points.slice(0, MAX_POINTS).join(', ');
}
