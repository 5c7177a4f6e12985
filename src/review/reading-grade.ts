import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import type { VFile } from 'vfile';
import { sentencesOf } from '../extract/text.ts';
import { report } from '../messages/report.ts';
import type { Post } from '../model.ts';
import type { RulePacks } from './rules.ts';

/** The card values that carry the article's prose; each is read as sentences of its own. */
const PROSE = ['quote', 'sentence', 'points', 'hook'];

/** Flesch–Kincaid grade of the given pieces of text, each at least one sentence, and how many words they hold. */
function readingGrade(pieces: string[]): { grade: number; words: number } {
  const words = pieces.flatMap((piece) => piece.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []);
  const sentence = pieces.reduce((count, piece) => count + Math.max(1, sentencesOf(piece).length), 0);
  const syllables = words.reduce((count, word) => count + syllable(word), 0);
  const grade = fleschKincaid({ sentence, word: words.length, syllable: syllables });
  return { grade: Number.isFinite(grade) ? grade : 0, words: words.length };
}

/** A warning at the card's words for each distinct card text that reads above the grade the team set. */
export function checkReadingGrades(file: VFile, posts: Post[], limit: RulePacks['readingGrade']): void {
  const graded = new Set<string>();
  for (const image of posts.flatMap((post) => post.images)) {
    const pieces = PROSE.flatMap((key) => image.card.data[key] ?? []).filter(Boolean);
    const text = pieces.join('\n');
    if (!text || graded.has(text)) continue;
    graded.add(text);
    const { grade, words } = readingGrade(pieces);
    if (words < limit.minWords || grade <= limit.max) continue;
    const opening = text.split(/\s+/).slice(0, 6).join(' ');
    const card = `the ${image.card.template} card “${opening} …”`;
    const reason = `Unexpected reading grade ${grade.toFixed(0)} on ${card}, expected ${limit.max} or lower`;
    report(
      file,
      'warning',
      'reading-grade',
      reason,
      image.card.origin,
      'shorter sentences and everyday words read easier; most health writing aims at grade 8 ' +
        '(templates/rules/language.yaml sets the limit)',
    );
  }
}
