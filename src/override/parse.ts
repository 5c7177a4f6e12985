import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { VFile } from 'vfile';
import { reportIn } from '../messages/report.ts';
import type { Position } from '../model.ts';
import type { Sidecar } from '../read/sidecar.ts';

/** A text an editor wrote in place of facet's, and the text it replaced. */
export interface TextOverride {
  text: string;
  replaces: string;
  at: Position;
}

/** The carousel's slides by their number as planned, in the editor's order; numbers left out are hidden. */
export interface SlidesOverride {
  order: number[];
  /** Each planned slide's label (`section: What is folate?`), as they were when the editor chose. */
  replaces: string[];
  at: Position;
}

/** Everything an editor decided about one post. */
export interface PostOverride {
  at: Position;
  hidden?: boolean;
  caption?: TextOverride;
  /** Thread posts, by their number from 1. */
  thread?: Map<number, TextOverride>;
  quote?: TextOverride;
  slides?: SlidesOverride;
}

/** Post id (`instagram/3-quote`) → its overrides. */
export type Overrides = Map<string, PostOverride>;

const POST_ID = /^[a-z]+\/\d+-[a-z]+$/;
const KEYS = ['hidden', 'caption', 'thread', 'quote', 'slides'];

/**
 * The sidecar's overrides, or undefined when it cannot be read as overrides: then the article
 * fails with positioned messages (building it without them would publish what an editor hid).
 */
export function parseOverrides(file: VFile, sidecar: Sidecar | undefined): Overrides | undefined {
  const overrides: Overrides = new Map();
  if (!sidecar) return overrides;
  const lines = new LineCounter();
  const doc = parseDocument(sidecar.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): Position => {
    const { line, col } = lines.linePos(offset ?? 0);
    return { line, column: col };
  };
  const fail = (ruleId: string, reason: string, offset: number | undefined, hint: string) => {
    reportIn(file, sidecar.path, 'error', ruleId, reason, at(offset), hint);
    return undefined;
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const reason = syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return fail('overrides-yaml', `Unexpected YAML: ${reason}`, syntax.pos[0], HINT);
  }
  if (doc.contents === null) return overrides;
  if (!isMap(doc.contents))
    return fail('overrides-shape', 'Unexpected value, expected a mapping of post ids', start(doc.contents), HINT);
  for (const pair of doc.contents.items) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const place = start(pair.key as Node);
    if (!POST_ID.test(id))
      return fail(
        'overrides-shape',
        `Unexpected key “${id}”, expected a post id such as instagram/1-carousel`,
        place,
        HINT,
      );
    if (!isMap(pair.value))
      return fail('overrides-shape', `Unexpected value of ${id}, expected a mapping of its overrides`, place, HINT);
    const problem = postOverride(pair.value, at);
    if (typeof problem === 'string') return fail('overrides-shape', `Unexpected ${problem} in ${id}`, place, HINT);
    overrides.set(id, { ...problem, at: at(place) });
  }
  return overrides;
}

const HINT = 'fix the file by hand (git shows what changed) or undo the edit; the article is not built until it reads';

function start(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

type At = (offset: number | undefined) => Position;

/** One post's overrides, or what is wrong with them. */
function postOverride(map: YAMLMap, at: At): Omit<PostOverride, 'at'> | string {
  const result: Omit<PostOverride, 'at'> = {};
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (!KEYS.includes(key)) return `key “${key}”, expected one of ${KEYS.join(', ')}`;
    if (key === 'hidden') {
      if (!isScalar(value) || typeof value.value !== 'boolean') return '`hidden`, expected true or false';
      result.hidden = value.value;
    } else if (key === 'caption' || key === 'quote') {
      const text = textOverride(value, at);
      if (!text) return `\`${key}\`, expected \`text:\` and \`replaces:\``;
      result[key] = text;
    } else if (key === 'thread') {
      if (!isMap(value)) return '`thread`, expected thread post numbers with `text:` and `replaces:`';
      result.thread = new Map();
      for (const item of value.items) {
        const number = isScalar(item.key) ? Number(item.key.value) : NaN;
        const text = textOverride(item.value as Node | null, at);
        if (!Number.isInteger(number) || number < 1 || !text) return '`thread` entry, expected `<n>: {text, replaces}`';
        result.thread.set(number, text);
      }
    } else {
      const slides = slidesOverride(value, at);
      if (!slides) return '`slides`, expected `order:` (slide numbers) and `replaces:` (slide labels)';
      result.slides = slides;
    }
  }
  return result;
}

function textOverride(node: Node | null, at: At): TextOverride | undefined {
  if (!isMap(node)) return undefined;
  const text = node.get('text');
  const replaces = node.get('replaces');
  if (typeof text !== 'string' || typeof replaces !== 'string') return undefined;
  return { text, replaces, at: at(start(node)) };
}

function slidesOverride(node: Node | null, at: At): SlidesOverride | undefined {
  if (!isMap(node)) return undefined;
  const order = node.get('order', true);
  const replaces = node.get('replaces', true);
  if (!isSeq(order) || !isSeq(replaces)) return undefined;
  const numbers = order.items.map((item) => (isScalar(item) ? item.value : undefined));
  const labels = replaces.items.map((item) => (isScalar(item) ? item.value : undefined));
  if (!numbers.every((n): n is number => Number.isInteger(n))) return undefined;
  if (!labels.every((label): label is string => typeof label === 'string')) return undefined;
  return { order: numbers, replaces: labels, at: at(start(node)) };
}
