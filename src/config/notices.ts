import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { expectedMessage, SetupError } from './errors.ts';

/** templates/rules/notices.yaml: which notices an article's captions carry, by topic. */
export interface NoticeRules {
  /** The off-label notice and the treatments that call for it. */
  offLabel: { text: string; treatments: RegExp[]; from: string };
  /** The crisis line's topics, and how many body sentences make a topic the subject. */
  crisis: { topics: RegExp[]; sustainedSentences: number; from: string };
}

const NONE: NoticeRules = {
  offLabel: { text: '', treatments: [], from: '' },
  crisis: { topics: [], sustainedSentences: Number.POSITIVE_INFINITY, from: '' },
};

/** Reads the notice rules; a missing file means no topic notices, a broken one stops the build. */
export async function loadNotices(templatesDir: string): Promise<NoticeRules> {
  const file = path.join(templatesDir, 'rules', 'notices.yaml');
  if (!existsSync(file)) return NONE;
  return parseNotices(await readFile(file, 'utf8'), path.relative(process.cwd(), file) || file);
}

function parseNotices(source: string, file: string): NoticeRules {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  const fail = (what: string, where: string, value: unknown, offset = 0): never => {
    const { line, col } = lines.linePos(offset);
    throw new SetupError(
      `${file}:${line}:${col}: ${expectedMessage(what, where, value)}`,
      'see the comments at the top of templates/rules/notices.yaml',
    );
  };
  if (doc.errors.length > 0) fail('valid YAML', file, doc.errors[0]!.message.split('\n')[0], doc.errors[0]!.pos[0]);
  const at = (keys: string[]) =>
    lines.linePos((doc.getIn(keys, true) as { range?: number[] } | undefined)?.range?.[0] ?? 0).line;
  const patterns = (keys: string[]): RegExp[] => {
    const value = (doc.getIn(keys, true) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
    if (value === undefined) return [];
    if (!Array.isArray(value)) return fail('a list of regular expressions', keys.join('.'), value);
    return value.map((pattern, index) => {
      try {
        // Words, not fragments of words: "nad" must not match "Canada".
        return new RegExp(`(?<![\\p{L}\\p{N}])(?:${String(pattern)})`, 'iu');
      } catch {
        return fail('a valid regular expression', `${keys.join('.')}[${index}]`, pattern);
      }
    });
  };
  const text = doc.getIn(['off_label', 'text']) ?? '';
  if (typeof text !== 'string') fail('a line of text', 'off_label.text', text);
  const sustained = doc.getIn(['crisis', 'sustained_sentences']) ?? 5;
  if (!Number.isInteger(sustained) || (sustained as number) < 1)
    fail('a whole number of sentences, at least 1', 'crisis.sustained_sentences', sustained);
  return {
    offLabel: {
      text: String(text).trim().replace(/\s+/g, ' '),
      treatments: patterns(['off_label', 'treatments']),
      from: `${file}:${at(['off_label', 'text'])}`,
    },
    crisis: {
      topics: patterns(['crisis', 'topics']),
      sustainedSentences: sustained as number,
      from: `${file}:${at(['crisis', 'topics'])}`,
    },
  };
}

/** templates/rules/hashtags.yaml's `spellings:`, the team's way of writing words hashtags keep. */
export async function loadSpellings(templatesDir: string): Promise<string[]> {
  const file = path.join(templatesDir, 'rules', 'hashtags.yaml');
  if (!existsSync(file)) return [];
  const doc = parseDocument(await readFile(file, 'utf8'));
  const spellings = (doc.get('spellings', true) as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? [];
  if (
    doc.errors.length > 0 ||
    !Array.isArray(spellings) ||
    !spellings.every((word) => typeof word === 'string' && /^[\p{L}\p{N}]+$/u.test(word))
  ) {
    throw new SetupError(
      `${path.relative(process.cwd(), file) || file}: ${expectedMessage('a list of words like [PTSD, LongCOVID]', 'spellings', doc.errors[0]?.message ?? spellings)}`,
      'write each spelling as one word of letters and digits',
    );
  }
  return spellings as string[];
}
