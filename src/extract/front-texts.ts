import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';

/** A piece of prose in the front matter, with the place in the article of every character. */
export interface FrontText {
  /** The key as a reader finds it: `title`, `quotes[1]`, `author.bio`. */
  key: string;
  text: string;
  /** Prose a reader reads (title, subtitle, quotes, author); tags and hashtags are not. */
  prose: boolean;
  /** Source offset in the article of each UTF-16 unit of `text`. */
  offsets: number[];
}

/** Front-matter keys whose values the article page shows or a post may carry. */
const TEXT_KEYS = ['title', 'subtitle', 'quotes', 'author', 'tags', 'hashtags'] as const;
const PROSE_KEYS: readonly string[] = ['title', 'subtitle', 'quotes', 'author'];

/**
 * The text values of the front matter, each mapped back to the article's characters, so a
 * message about a word in the title points at that word. Empty when there is no YAML block.
 */
export function frontMatterTexts(file: VFile, tree: Root): FrontText[] {
  const yaml = tree.children[0];
  if (yaml?.type !== 'yaml' || yaml.position?.start.line === undefined) return [];
  const source = String(file.value);
  const start = location(file).toOffset({ line: yaml.position.start.line + 1, column: 1 });
  if (start === undefined) return [];
  const doc = parseDocument(yaml.value, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const texts: FrontText[] = [];
  const add = (key: string, node: unknown) => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const [from, to] = node.range;
    const offsets = alignOffsets(node.value, source.slice(start + from, start + to), start + from);
    texts.push({ key, text: node.value, prose: PROSE_KEYS.includes(key.replace(/[[.].*$/, '')), offsets });
  };
  for (const key of TEXT_KEYS) {
    const node = doc.contents.get(key, true) as Node | undefined;
    if (isSeq(node)) node.items.forEach((item, index) => add(`${key}[${index}]`, item));
    else if (isMap(node)) for (const inner of ['name', 'bio']) add(`${key}.${inner}`, node.get(inner, true));
    else add(key, node);
  }
  return texts;
}

/**
 * Where each character of `value` stands in `raw` (its source, with quotes, escapes, folding
 * and indentation), walking both in order. A character the source does not show as written
 * (an escape) takes the place of the last one found.
 */
export function alignOffsets(value: string, raw: string, start: number): number[] {
  const offsets: number[] = [];
  const space = (char: string | undefined) => char !== undefined && /\s/.test(char);
  let next = 0;
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    let at = next;
    // A short look-ahead: skipped quotes, backslashes, markers and indentation, never a far jump.
    while (at < raw.length && at - next < 24 && raw[at] !== char && !(space(char) && space(raw[at]))) at++;
    if (at < raw.length && (raw[at] === char || (space(char) && space(raw[at])))) {
      offsets.push(start + at);
      next = at + 1;
      // Folded or indented whitespace: one space in the value stands for the whole run.
      if (space(char)) while (next < raw.length && space(raw[next]) && !space(value[index + 1])) next++;
    } else {
      offsets.push(start + Math.min(next, Math.max(raw.length - 1, 0)));
    }
  }
  return offsets;
}

/** Tags, comments and whole script or style elements: markup that must never reach a post. */
const MARKUP = new RegExp(
  [
    String.raw`<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)`,
    String.raw`<!--[\s\S]*?(?:-->|$)`,
    String.raw`<\/?[A-Za-z][\w:-]*(?:\s[^<>]*)?\/?>`,
  ].join('|'),
  'gi',
);

/** The markup in a text, each piece with where it starts. */
export function markupIn(text: string): { markup: string; index: number }[] {
  return [...text.matchAll(MARKUP)].map((match) => ({ markup: match[0], index: match.index ?? 0 }));
}

/** `text` with its markup blanked out character for character, so offsets still hold. */
export function blankMarkup(text: string): string {
  return text.replace(MARKUP, (markup) => ' '.repeat(markup.length));
}

/** `text` with its markup left out and the spaces it leaves folded. */
export function withoutMarkup(text: string): string {
  return text.replace(MARKUP, ' ').replace(/\s+/g, ' ').trim();
}

/** `sources:` in the front matter: each figure's words (as the article writes them) and where they come from. */
export interface FrontSource {
  text: string;
  source: string;
  /** Source offset of the entry's key, for messages. */
  offset: number;
}

/** The `sources:` map; an entry that is not `"words": "source"` is returned in `wrong`, at its place. */
export function frontMatterSources(file: VFile, tree: Root): { sources: FrontSource[]; wrong: number[] } {
  const yaml = tree.children[0];
  if (yaml?.type !== 'yaml' || yaml.position?.start.line === undefined) return { sources: [], wrong: [] };
  const start = location(file).toOffset({ line: yaml.position.start.line + 1, column: 1 }) ?? 0;
  const doc = parseDocument(yaml.value);
  const node = isMap(doc.contents) ? (doc.contents.get('sources', true) as Node | undefined) : undefined;
  if (!node) return { sources: [], wrong: [] };
  if (!isMap(node)) return { sources: [], wrong: [start + (node.range?.[0] ?? 0)] };
  const sources: FrontSource[] = [];
  const wrong: number[] = [];
  for (const pair of node.items) {
    const [key, value] = [pair.key as Node | null, pair.value as Node | null];
    const offset = start + (key?.range?.[0] ?? node.range?.[0] ?? 0);
    const text = isScalar(key) ? String(key.value).trim() : '';
    const source = isScalar(value) && typeof value.value === 'string' ? value.value.trim() : '';
    if (text && source) {
      sources.push({ text, source: withoutMarkup(source), offset });
    } else {
      wrong.push(offset);
    }
  }
  return { sources, wrong };
}
