import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { messagesOf, report } from '../messages/report.ts';
import type { Message, Position } from '../model.ts';
import type { Anchor, Guess } from './imported.ts';

const reader = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/**
 * The import's guesses as positioned messages in the file it wrote: a front matter guess at
 * its key's line, a body guess at the block it concerns, so the reviewer checks exactly there.
 */
export function guessMessages(path: string, markdown: string, guesses: Guess[], bodyLength: number): Message[] {
  const file = new VFile({ path, value: markdown });
  const tree = reader.parse(file) as Root;
  const [first] = tree.children;
  const blocks = first?.type === 'yaml' ? tree.children.slice(1) : tree.children;
  const bodyStart = first?.type === 'yaml' ? (first.position?.end.line ?? 1) + 1 : 1;
  // The written body parses back to the same blocks; if not, messages fall back to its start.
  const aligned = blocks.length === bodyLength;
  const placeOf = (anchor: Anchor): Position => {
    if ('key' in anchor) return keyPosition(markdown, anchor.key);
    const node = aligned ? blocks[anchor.block] : undefined;
    return { line: node?.position?.start.line ?? bodyStart, column: node?.position?.start.column ?? 1 };
  };
  for (const guess of guesses) report(file, 'warning', guess.ruleId, guess.reason, placeOf(guess.at), guess.hint);
  return messagesOf(file, path);
}

function keyPosition(markdown: string, key: string): Position {
  const lines = markdown.split('\n');
  const end = lines.indexOf('---', 1);
  const index = lines.slice(0, end === -1 ? lines.length : end).findIndex((line) => line.startsWith(`${key}:`));
  return { line: index === -1 ? 1 : index + 1, column: 1 };
}
