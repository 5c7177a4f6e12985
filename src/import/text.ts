import { authorAtEnd } from './author.ts';
import { bylineName, isNotice, noticeText } from './cues.ts';
import { type Guess, type Imported, noticeGuess } from './imported.ts';
import { sameText } from './shape.ts';
import { toBody } from './text-body.ts';
import { type Line, readTop } from './text-top.ts';

/**
 * A page's copied text → article parts. The top of the page gives the title, subtitle, date
 * and notice; the end gives the author's name and bio (and sometimes the notice); the rest is
 * the body. Every decision a reader should check is a guess.
 */
export function importText(text: string): Imported | undefined {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((value, index) => ({ text: value.trimEnd(), line: index + 1 }))
    .filter((line) => line.text.trim() !== '');
  const top = readTop(lines);
  if (!top.title) return undefined;
  const guesses: Guess[] = [...top.guesses];
  let rest = withoutRepeatedTitle(top.rest, top.title, guesses);
  let notice = top.notice;
  if (!notice) {
    const end = noticeAtEnd(rest);
    if (end) {
      notice = noticeText(end.text);
      rest = rest.filter((line) => line !== end);
      guesses.push(noticeGuess(`at line ${end.line}`));
    }
  }
  const found = authorAtEnd(rest.map((line) => line.text));
  if (found) {
    const block = rest.slice(rest.length - found.lines);
    rest = rest.slice(0, rest.length - found.lines);
    guesses.push({
      ruleId: 'import-author',
      reason: `Took lines ${block[0]!.line}–${block.at(-1)!.line} as the author's name and bio`,
      at: { key: 'author' },
    });
  }
  const { body, guesses: bodyGuesses } = toBody(rest);
  const author = found?.author ?? (top.byline ? { name: top.byline } : undefined);
  return {
    title: top.title,
    ...(top.subtitle ? { subtitle: top.subtitle } : {}),
    ...(top.date ? { date: top.date } : {}),
    ...(notice ? { notice } : {}),
    ...(author ? { author } : {}),
    body,
    guesses: [...guesses, ...bodyGuesses],
  };
}

/** The first lines of the article repeat the title as a heading: that copy goes. */
function withoutRepeatedTitle(rest: Line[], title: string, guesses: Guess[]): Line[] {
  const index = rest.slice(0, 3).findIndex((line) => sameText(line.text, title));
  if (index === -1) return rest;
  guesses.push({
    ruleId: 'import-left-out',
    reason: `Left out line ${rest[index]!.line}, the title repeated`,
    at: { key: 'title' },
  });
  return rest.filter((_, at) => at !== index);
}

/** A notice among the last lines of the page, after the article or its author's bio. */
function noticeAtEnd(rest: Line[]): Line | undefined {
  return rest
    .slice(-4)
    .reverse()
    .find((line) => isNotice(line.text) && !bylineName(line.text));
}
