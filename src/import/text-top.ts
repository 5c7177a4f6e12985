import { bylineName, isBreadcrumb, isCategoryPrefix, isNotice, isReadingTime, noticeText } from './cues.ts';
import { dateOfLine } from './dates.ts';
import { type Guess, noticeGuess } from './imported.ts';
import { BULLET, isAllCaps, isTitleCase, wordsOf } from './shape.ts';

/** A non-empty line of the copied text with its 1-based line number. */
export interface Line {
  text: string;
  line: number;
}

export interface Top {
  title?: string;
  subtitle?: string;
  date?: string;
  notice?: string;
  byline?: string;
  /** The lines after the top, where the article begins. */
  rest: Line[];
  guesses: Guess[];
}

type Kind = 'date' | 'notice' | 'byline' | 'reading-time' | 'label' | 'text';

/** How far down a page its top runs: category, date, notice, title, subtitle, byline. */
const TOP_LINES = 8;

/**
 * Reads the top of a copied page as a person does: the title is the line that looks most
 * like one given its length, its case and what follows it, not simply the first line; dates,
 * notices, bylines and category labels around it are recognised and set aside.
 */
export function readTop(lines: Line[]): Top {
  const top = lines.slice(0, TOP_LINES);
  const kinds = top.map((line) => kindOf(line.text));
  const titleIndex = bestTitle(top, kinds, firstBody(top, kinds), lines);
  const guesses: Guess[] = [];
  const found: Omit<Top, 'rest' | 'guesses'> = {};
  if (titleIndex === undefined) return { rest: lines, guesses };
  const title = top[titleIndex]!;
  found.title = title.text.trim();
  guesses.push({
    ruleId: 'import-title',
    reason: `Took line ${title.line} as the title${why(top, kinds, titleIndex)}`,
    at: { key: 'title' },
    hint: 'check the title; it also names the file',
  });
  // The standfirst follows the title, sometimes after the date or byline.
  let after = titleIndex + 1;
  while (after < top.length && kinds[after] !== 'text' && kinds[after] !== 'notice') after += 1;
  const next = top[after];
  const subtitleIndex = next && kinds[after] === 'text' && isSubtitle(next.text) && !startsBody(next.text) ? after : -1;
  if (next && subtitleIndex !== -1) {
    found.subtitle = next.text.trim();
    guesses.push({
      ruleId: 'import-subtitle',
      reason: `Took line ${next.line} as the subtitle`,
      at: { key: 'subtitle' },
      hint: 'if it is the first line of the article, move it back into the body',
    });
  }
  let end = Math.max(titleIndex, subtitleIndex) + 1;
  while (end < top.length && kinds[end] !== 'text') end += 1;
  for (let index = 0; index < end; index++) {
    if (index !== titleIndex && index !== subtitleIndex)
      takeMeta(top[index]!, kinds[index]!, index, titleIndex, found, guesses);
  }
  // Prose above the title that is no notice stays: it opens the body rather than being lost.
  const before = top.slice(0, titleIndex).filter((line, index) => kinds[index] === 'text' && !isLabel(line.text));
  return { ...found, rest: [...before, ...lines.slice(end)], guesses };
}

/** A line that opens the article rather than standing under its title. */
function startsBody(text: string): boolean {
  return wordsOf(text) > 30 || BULLET.test(text);
}

function kindOf(text: string): Kind {
  if (dateOfLine(text)) return 'date';
  if (isNotice(text)) return 'notice';
  if (bylineName(text)) return 'byline';
  if (isReadingTime(text)) return 'reading-time';
  if (isBreadcrumb(text) || isCategoryPrefix(text)) return 'label';
  return 'text';
}

/** The first line that is plainly article prose: long, or ending like a sentence. */
function firstBody(top: Line[], kinds: Kind[]): number {
  const index = top.findIndex(
    (line, at) =>
      kinds[at] === 'text' &&
      (wordsOf(line.text) > 30 || BULLET.test(line.text) || (/[.!]$/.test(line.text.trim()) && wordsOf(line.text) > 8)),
  );
  return index === -1 ? top.length : index;
}

function titleScore(top: Line[], kinds: Kind[], index: number, lines: Line[]): number {
  const text = top[index]!.text.trim();
  const words = wordsOf(text);
  if (text.length > 150 || words > 20 || /[.:;,]$/.test(text) || BULLET.test(text) || !/^[\p{Lu}\d“"']/u.test(text))
    return -Infinity;
  let score = isTitleCase(text) ? 3 : 1;
  score += Math.min(words, 10) / 5;
  if (words <= 2) score -= 3;
  if (isAllCaps(text) && words <= 4) score -= 3;
  // A short label directly above a date, with another title-shaped line below the date: a category.
  const next = kinds[index + 1];
  const afterNext = top[index + 2];
  if (
    next === 'date' &&
    afterNext &&
    kinds[index + 2] === 'text' &&
    isTitleCase(afterNext.text) &&
    wordsOf(afterNext.text) > words
  )
    score -= 3;
  // The title is often repeated as the article's first heading.
  if (
    lines
      .slice(index + 1, index + 12)
      .some((line) => line !== top[index] && line.text.trim().toLowerCase() === text.toLowerCase())
  )
    score += 3;
  return score - index * 0.1;
}

function bestTitle(top: Line[], kinds: Kind[], bodyStart: number, lines: Line[]): number | undefined {
  let best: number | undefined;
  let bestScore = -Infinity;
  for (let index = 0; index < bodyStart; index++) {
    if (kinds[index] !== 'text') continue;
    const score = titleScore(top, kinds, index, lines);
    if (score > bestScore) [best, bestScore] = [index, score];
  }
  return best;
}

function takeMeta(
  line: Line,
  kind: Kind,
  index: number,
  titleIndex: number,
  found: Omit<Top, 'rest' | 'guesses'>,
  guesses: Guess[],
): void {
  const quoted = JSON.stringify(short(line.text.trim()));
  switch (kind) {
    case 'date':
      if (found.date)
        return void guesses.push({
          ruleId: 'import-left-out',
          reason: `Left out line ${line.line} (${quoted}), a second date`,
          at: { key: 'date' },
        });
      found.date = dateOfLine(line.text)!;
      // "By Anthony Kaveh MD | March 3, 2024" names the author too.
      found.byline ??= bylineName(line.text);
      if (found.byline && bylineName(line.text)) {
        guesses.push({
          ruleId: 'import-byline',
          reason: `Took line ${line.line} (${quoted}) as the byline`,
          at: { key: 'title' },
        });
      }
      return void guesses.push({
        ruleId: 'import-date',
        reason: `Took line ${line.line} (${quoted}) as the date`,
        at: { key: 'date' },
      });
    case 'notice':
      if (found.notice) return;
      found.notice = noticeText(line.text);
      return void guesses.push(noticeGuess(`at line ${line.line}`));
    case 'byline':
      found.byline = bylineName(line.text)!;
      return void guesses.push({
        ruleId: 'import-byline',
        reason: `Took line ${line.line} (${quoted}) as the byline`,
        at: { key: 'title' },
      });
    case 'reading-time':
      return void guesses.push({
        ruleId: 'import-left-out',
        reason: `Left out line ${line.line} (${quoted}), a reading time`,
        at: { key: 'title' },
      });
    case 'label':
    case 'text':
      if (index < titleIndex && kind === 'text' && !isLabel(line.text)) return;
      return void guesses.push({
        ruleId: 'import-left-out',
        reason: `Left out line ${line.line} (${quoted}), which reads like a category label`,
        at: { key: 'title' },
      });
  }
}

/** Why the title is not simply the first line, when it is not. */
function why(top: Line[], kinds: Kind[], titleIndex: number): string {
  if (titleIndex === 0) return '';
  const first = kinds[0];
  const reading =
    first === 'date'
      ? 'a date'
      : first === 'notice'
        ? 'a site-wide notice'
        : first === 'byline'
          ? 'a byline'
          : 'a category label';
  const label = labelsAbove(top, kinds, titleIndex);
  return ` (line ${top[0]!.line} reads like ${label ? 'a category label' : reading})`;
}

function labelsAbove(top: Line[], kinds: Kind[], titleIndex: number): boolean {
  return top
    .slice(0, titleIndex)
    .some(
      (_, index) => kinds[index] === 'label' || (kinds[index] === 'text' && index === 0 && !isNotice(top[0]!.text)),
    );
}

/** A few words above the title: a category or section label rather than prose. */
function isLabel(text: string): boolean {
  return wordsOf(text) <= 6 && !/[.!?]$/.test(text.trim());
}

/** One line without closing punctuation after the title: a standfirst, not the first sentence. */
function isSubtitle(line: string): boolean {
  const words = wordsOf(line);
  return !isTitleCase(line) && !BULLET.test(line) && words <= 30 && !/[.!?:]$/.test(line.trim());
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
