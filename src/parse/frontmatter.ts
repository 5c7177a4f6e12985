import type { VFile } from 'vfile';
import { isMap, isScalar, LineCounter, parseDocument, type Pair, type YAMLError } from 'yaml';
import { expectedMessage } from '../config/errors.ts';
import { report } from '../messages/report.ts';
import { calendarDateOf } from './dates.ts';
import type { Author, FrontMatter, Position } from '../model.ts';

/** Where the YAML block sits in the article: the line of its opening `---`. */
export interface YamlBlock {
  value: string;
  startLine: number;
}

/** Every key an article may set; anything else is a warning, never an error. */
const FRONT_MATTER_KEYS = [
  'title',
  'subtitle',
  'date',
  'url',
  'tags',
  'hashtags',
  'channels',
  'quotes',
  'exclude',
  'draft',
  'author',
  'notice',
  'sources',
] as const;

type Key = (typeof FRONT_MATTER_KEYS)[number];

interface Field {
  key: string;
  value: unknown;
  keyAt: Position;
  valueAt: Position;
}

/**
 * Parses and checks the front matter. Problems are reported on `file`; the result is
 * undefined when a required value is missing or unusable.
 */
export function parseFrontMatter(
  file: VFile,
  block: YamlBlock | undefined,
  knownChannels: readonly string[],
): FrontMatter | undefined {
  if (!block && /^---\r?\n/.test(String(file.value))) {
    report(
      file,
      'error',
      'front-matter-unclosed',
      'Unexpected front matter without its closing `---`, expected a `---` line after the last key',
      { line: 1, column: 1 },
      'add a line holding only --- after the front matter',
    );
    return undefined;
  }
  if (!block) {
    report(
      file,
      'error',
      'front-matter-missing',
      'Unexpected article without front matter, expected a `---` block first',
      { line: 1, column: 1 },
      'start the file with ---, then `title:` and `date:` lines, then ---; `npm run facet -- new "Title"` writes one',
    );
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(block.value, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line: line + block.startLine, column: col };
  };
  for (const error of doc.errors) reportYamlError(file, error, at(error.pos[0]), block.value);
  if (doc.errors.length > 0) return undefined;

  if (!isMap(doc.contents)) {
    report(
      file,
      'error',
      'front-matter-shape',
      expectedMessage('`key: value` lines', 'the front matter', doc.toJS({ maxAliasCount: 50 })),
      at(doc.contents?.range?.[0] ?? 0),
      'write one `key: value` per line, e.g. `title: My article`',
    );
    return undefined;
  }
  try {
    return checkFields(file, fieldsOf(doc, doc.contents.items as Pair[], at), knownChannels, at(0));
  } catch (error) {
    // toJS refuses alias bombs ("Excessive alias count"): a hostile file, not a crash.
    report(
      file,
      'error',
      'front-matter-yaml',
      `Unexpected YAML: ${(error as Error).message}`,
      at(0),
      'write plain values; avoid `&anchors` and `*aliases`',
    );
    return undefined;
  }
}

function fieldsOf(
  doc: ReturnType<typeof parseDocument>,
  pairs: Pair[],
  at: (offset: number) => Position,
): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyOffset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    const value = toPlain(pair.value, doc);
    fields.set(key, { key, value, keyAt: at(keyOffset), valueAt: at(valueNode?.range?.[0] ?? keyOffset) });
  }
  return fields;
}

function toPlain(node: unknown, doc: ReturnType<typeof parseDocument>): unknown {
  if (node === null || node === undefined) return null;
  const withToJS = node as { toJS?: (doc: unknown, options: unknown) => unknown };
  return typeof withToJS.toJS === 'function' ? withToJS.toJS(doc, { maxAliasCount: 50 }) : node;
}

function reportYamlError(file: VFile, error: YAMLError, place: Position, source: string): void {
  const firstLine = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY') {
    report(
      file,
      'error',
      'front-matter-yaml',
      'Unexpected `:` inside a value, expected the value quoted',
      place,
      `quote the value: ${quoteSuggestion(source, error.pos[0])}`,
    );
    return;
  }
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(source.slice(error.pos[0]))?.[0].trim() ?? '';
    report(
      file,
      'error',
      'front-matter-yaml',
      `Unexpected second \`${key}\`, expected each key once`,
      place,
      `keep one \`${key}:\` line`,
    );
    return;
  }
  report(
    file,
    'error',
    'front-matter-yaml',
    `Unexpected YAML: ${firstLine}`,
    place,
    'check quotes and indentation; values with `:` or `#` need quotes',
  );
}

/** `title: "Folate vs. Folic Acid: The Difference"` for the line that holds `offset`. */
function quoteSuggestion(source: string, offset: number): string {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const end = source.indexOf('\n', offset);
  const line = source.slice(start, end === -1 ? undefined : end);
  const match = /^(\s*[^:]+):\s*(.*)$/.exec(line);
  if (!match) return 'wrap the value in double quotes';
  return `${match[1]}: ${JSON.stringify(match[2]?.trim() ?? '')}`;
}

function checkFields(
  file: VFile,
  fields: Map<string, Field>,
  knownChannels: readonly string[],
  top: Position,
): FrontMatter | undefined {
  for (const field of fields.values()) {
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(field.key)) {
      const near = closest(field.key, FRONT_MATTER_KEYS);
      report(
        file,
        'warning',
        'front-matter-unknown-key',
        `Unexpected key \`${field.key}\`, expected one of ${FRONT_MATTER_KEYS.join(', ')}`,
        field.keyAt,
        near ? `did you mean \`${near}\`?` : 'remove it, or ignore this warning if another tool reads it',
      );
    }
  }
  const get = (key: Key) => fields.get(key);
  const title = withinLength(file, get('title'), requiredText(file, get('title'), 'title', top), MAX_TITLE);
  const date = calendarDate(file, get('date'), top);
  const subtitle = withinLength(file, get('subtitle'), optionalText(file, get('subtitle'), 'subtitle'), MAX_SUBTITLE);
  const url = link(file, get('url'));
  const tags = textList(file, get('tags'), 'tags');
  const hashtags = textList(file, get('hashtags'), 'hashtags');
  const quotes = textList(file, get('quotes'), 'quotes');
  const exclude = textList(file, get('exclude'), 'exclude');
  const channels = get('channels') ? channelList(file, get('channels')!, knownChannels) : undefined;
  const draft = flag(file, get('draft'));
  const author = authorOf(file, get('author'));
  const notice = withinLength(file, get('notice'), optionalText(file, get('notice'), 'notice'), MAX_NOTICE);
  if (title === undefined || date === undefined) return undefined;
  return {
    title,
    titleAt: get('title')!.valueAt,
    date,
    tags,
    hashtags,
    quotes,
    exclude,
    draft,
    ...(subtitle !== undefined ? { subtitle } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(channels !== undefined ? { channels } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(notice !== undefined ? { notice } : {}),
  };
}

function expected(file: VFile, field: Field, what: string, hint: string): undefined {
  report(
    file,
    'error',
    'front-matter-type',
    expectedMessage(what, `\`${field.key}\``, field.value),
    field.valueAt,
    hint,
  );
  return undefined;
}

function requiredText(file: VFile, field: Field | undefined, key: string, top: Position): string | undefined {
  if (!field) {
    report(
      file,
      'error',
      'front-matter-required',
      `Missing \`${key}\`, expected it in the front matter`,
      top,
      `add a line \`${key}: …\``,
    );
    return undefined;
  }
  return optionalText(file, field, key);
}

function optionalText(file: VFile, field: Field | undefined, key: string): string | undefined {
  if (!field) return undefined;
  if (typeof field.value === 'number') return String(field.value);
  if (typeof field.value !== 'string' || field.value.trim() === '') {
    return expected(file, field, 'a line of text', `write \`${key}: "…"\``);
  }
  return field.value.trim();
}

function calendarDate(file: VFile, field: Field | undefined, top: Position): string | undefined {
  if (!field) {
    report(
      file,
      'error',
      'front-matter-required',
      'Missing `date`, expected the publication date',
      top,
      'add a line `date: YYYY-MM-DD`',
    );
    return undefined;
  }
  const text = typeof field.value === 'string' ? field.value.trim() : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    const readable = calendarDateOf(text);
    return expected(
      file,
      field,
      'a calendar date (YYYY-MM-DD)',
      readable ? `write \`date: ${readable}\`` : 'write e.g. `date: 2024-03-18`',
    );
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // UTC arithmetic only checks the calendar; the date itself stays text, so no zone can shift it.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return expected(
      file,
      field,
      'a date that exists in the calendar',
      `${text} is not a real day; check the month and day`,
    );
  }
  return text;
}

function link(file: VFile, field: Field | undefined): string | undefined {
  if (!field) return undefined;
  const text = typeof field.value === 'string' ? field.value.trim() : '';
  try {
    const parsed = new URL(text);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href;
  } catch {
    // reported below with the value that was found
  }
  return expected(
    file,
    field,
    'an http(s) URL',
    'write the full address, e.g. `url: https://example.org/blog/my-article`',
  );
}

function textList(file: VFile, field: Field | undefined, key: string): string[] {
  if (!field || field.value === null) return [];
  const items = Array.isArray(field.value) ? field.value : undefined;
  if (!items || !items.every((item) => typeof item === 'string' || typeof item === 'number')) {
    expected(file, field, 'a list of text', `write \`${key}: [first, second]\``);
    return [];
  }
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

function channelList(file: VFile, field: Field, knownChannels: readonly string[]): string[] | undefined {
  const names = textList(file, field, 'channels');
  const unknown = names.filter((name) => !knownChannels.includes(name));
  if (unknown.length > 0) {
    report(
      file,
      'error',
      'front-matter-channel',
      `Unexpected channel ${unknown.map((name) => `\`${name}\``).join(', ')}, expected one of ${knownChannels.join(', ')}`,
      field.valueAt,
      'use the channel names of templates/brand.yaml',
    );
    return undefined;
  }
  return names;
}

function flag(file: VFile, field: Field | undefined): boolean {
  if (!field) return false;
  if (typeof field.value === 'boolean') return field.value;
  expected(file, field, 'true or false', 'write `draft: true` or remove the line');
  return false;
}

function authorOf(file: VFile, field: Field | undefined): Author | undefined {
  if (!field) return undefined;
  if (typeof field.value === 'string') return { name: field.value };
  const value = field.value as Record<string, unknown> | null;
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.name === 'string') {
    return typeof value.bio === 'string' ? { name: value.name, bio: value.bio } : { name: value.name };
  }
  return expected(file, field, 'a name, or `name:` and `bio:`', 'write `author: { name: "…", bio: "…" }`');
}

/** The known key within two edits of `key`, for "did you mean". */
function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Longer than any headline or standfirst a card can carry. */
const MAX_TITLE = 200;
const MAX_SUBTITLE = 400;
/** A disclaimer, not an essay: every caption carries it whole. */
const MAX_NOTICE = 600;

function withinLength(
  file: VFile,
  field: Field | undefined,
  text: string | undefined,
  max: number,
): string | undefined {
  if (text === undefined || !field || [...text].length <= max) return text;
  report(
    file,
    'error',
    'front-matter-too-long',
    `Unexpected \`${field.key}\` of ${[...text].length} characters, expected at most ${max}`,
    field.valueAt,
    'shorten it; the long form belongs in the article body',
  );
  return undefined;
}
