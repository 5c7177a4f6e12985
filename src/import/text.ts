import type { List, ListItem, Paragraph, RootContent } from 'mdast';
import type { Imported } from './imported.ts';
import { calendarDateOf } from '../parse/dates.ts';

const BULLET = /^\s*(?:[•·▪◦‣∙*-]|(\d+)[.)])\s+(.*)$/;
const SMALL_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'is', 'nor', 'of', 'on', 'or', 'the', 'to', 'vs', 'vs.', 'with',
]);
const CREDENTIALS = /\b(?:MD|M\.D\.|DO|PhD|Ph\.D\.|RN|NP|PA-C|DNP|PharmD|MPH)$/;

/**
 * A saved page's plain text → article parts. The clinic's pages put the date first, then the
 * title and a subtitle; headings are Title Case lines; bullets are "•" lines; a closing
 * "Name MD" line with a paragraph about them is the author's bio.
 */
export function importText(text: string): Imported {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd());
  const blocks = lines.filter((line) => line.trim() !== '');
  let date: string | undefined;
  if (blocks[0] && calendarDateOf(blocks[0])) date = calendarDateOf(blocks.shift()!);
  const title = blocks.shift()?.trim() ?? 'Untitled';
  let subtitle: string | undefined;
  if (blocks[0] && isSubtitle(blocks[0])) subtitle = blocks.shift()!.trim();
  const author = authorAtEnd(blocks);
  if (author) blocks.splice(blocks.length - author.lines);
  return {
    title,
    ...(subtitle ? { subtitle } : {}),
    ...(date ? { date } : {}),
    ...(author ? { author: author.author } : {}),
    body: toBlocks(blocks),
  };
}

function toBlocks(lines: string[]): RootContent[] {
  const body: RootContent[] = [];
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    if (bullet) {
      appendListItem(body, bullet[2]!.trim(), bullet[1] !== undefined);
    } else if (isTitleCase(line)) {
      body.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: line.trim() }] });
    } else {
      body.push(paragraph(line.trim()));
    }
  }
  return body;
}

function appendListItem(body: RootContent[], text: string, ordered: boolean): void {
  const last = body.at(-1);
  const item: ListItem = { type: 'listItem', spread: false, children: [paragraph(text)] };
  if (last?.type === 'list' && last.ordered === ordered) {
    last.children.push(item);
    return;
  }
  const list: List = { type: 'list', ordered, spread: false, children: [item] };
  body.push(list);
}

function paragraph(value: string): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value }] };
}

/** Title Case: short, no closing punctuation, and every word that is not small capitalised. */
export function isTitleCase(line: string): boolean {
  const text = line.trim();
  const words = text.split(/\s+/);
  if (words.length > 14 || /[.!?,;]$/.test(text) || !/^[\p{Lu}\d]/u.test(text)) return false;
  const significant = words.filter((word, index) => index === 0 || !SMALL_WORDS.has(word.toLowerCase()));
  const capitalised = significant.filter((word) => /^[\p{Lu}\d(“"']/u.test(word));
  return capitalised.length === significant.length;
}

function isSubtitle(line: string): boolean {
  const words = line.trim().split(/\s+/).length;
  return !isTitleCase(line) && !BULLET.test(line) && words <= 30 && !/[.!?]$/.test(line.trim());
}

/** "Anthony Kaveh MD" followed only by paragraphs that name them ("Dr. Kaveh is …"). */
export function authorAtEnd(blocks: string[]): { author: { name: string; bio: string }; lines: number } | undefined {
  for (let index = blocks.length - 2; index >= Math.max(0, blocks.length - 4); index--) {
    const name = blocks[index]!.trim();
    if (!isTitleCase(name) || name.split(/\s+/).length > 6) continue;
    const surname = name.replace(CREDENTIALS, '').trim().split(/\s+/).at(-1) ?? '';
    const rest = blocks.slice(index + 1);
    if (surname && (CREDENTIALS.test(name) || rest[0]!.includes(surname)) && rest.every((line) => !isTitleCase(line))) {
      return { author: { name, bio: rest.map((line) => line.trim()).join('\n\n') }, lines: blocks.length - index };
    }
  }
  return undefined;
}
