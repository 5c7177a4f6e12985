import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { expectedMessage, SetupError } from '../config/errors.ts';
import type { Severity } from '../model.ts';

/** One rule of a pack in templates/rules/: patterns that must not go out, and what to say instead. */
export interface Rule {
  id: string;
  severity: Severity;
  patterns: RegExp[];
  /** A match in the same sentence cancels the rule ("not FDA-approved"). */
  unless: RegExp[];
  /** If set, the rule fires only when one of these is in the sentence. */
  near: RegExp[];
  why: string;
  rewrite: string;
}

export interface RulePacks {
  rules: Rule[];
  /** A treatment named together with a claim word: the card needs the disclosure line. */
  treatments: RegExp[];
  claims: RegExp[];
  /** Words the spelling check knows besides English and medical terms (templates/words.txt). */
  words: string[];
  /** Cards whose words grade above `max` (Flesch–Kincaid) are a warning; shorter texts than `minWords` are not graded. */
  readingGrade: { max: number; minWords: number };
}

const PACKS = ['claims', 'advertising', 'privacy', 'language'] as const;

/** Reads every pack; a broken pattern stops the build naming the file and the rule. */
export async function loadRules(templatesDir: string): Promise<RulePacks> {
  const packs: RulePacks = {
    rules: [],
    treatments: [],
    claims: [],
    words: await loadWords(templatesDir),
    readingGrade: { max: 14, minWords: 12 },
  };
  for (const pack of PACKS) {
    const file = path.join(templatesDir, 'rules', `${pack}.yaml`);
    if (!existsSync(file)) continue;
    const data = (parse(await readFile(file, 'utf8')) ?? {}) as Record<string, unknown>;
    const compile = (sources: unknown, where: string, flags = 'iu'): RegExp[] => {
      if (sources === undefined) return [];
      if (!Array.isArray(sources))
        throw new SetupError(
          `${file}: ${expectedMessage('a list of regular expressions', where, sources)}`,
          'write patterns as a YAML list of quoted strings',
        );
      return sources.map((source, index) => {
        try {
          return new RegExp(String(source), flags);
        } catch (error) {
          throw new SetupError(
            `${file}: ${expectedMessage('a valid regular expression', `${where}[${index}]`, source)}`,
            'check brackets and escapes; in single quotes a backslash is written once',
            { cause: error },
          );
        }
      });
    };
    for (const [index, raw] of ((data.rules ?? []) as Record<string, unknown>[]).entries()) {
      const id = typeof raw.id === 'string' ? raw.id : undefined;
      if (!id || (raw.severity !== 'error' && raw.severity !== 'warning')) {
        throw new SetupError(
          `${file}: ${expectedMessage('`id` and `severity: error | warning`', `rules[${index}]`, raw)}`,
          'see the comment at the top of claims.yaml',
        );
      }
      const flags = raw.case === 'sensitive' ? 'u' : 'iu';
      packs.rules.push({
        id,
        severity: raw.severity,
        patterns: compile(raw.patterns, `${id}.patterns`, flags),
        unless: compile(raw.unless, `${id}.unless`, flags),
        near: compile(raw.near, `${id}.near`),
        why: String(raw.why ?? ''),
        rewrite: String(raw.rewrite ?? ''),
      });
    }
    // Words, not fragments of words: "nad" must not match "Canada".
    const words = (sources: unknown) =>
      Array.isArray(sources) ? sources.map((source) => `\\b(?:${String(source)})`) : sources;
    packs.treatments.push(...compile(words(data.treatments), 'treatments'));
    packs.claims.push(...compile(words(data.claims), 'claims'));
    if (data.reading_grade !== undefined) packs.readingGrade = readingGrade(file, data.reading_grade);
  }
  return packs;
}

/** templates/words.txt: one word a line, `#` starts a comment; the team adds names, drugs and procedures here. */
async function loadWords(templatesDir: string): Promise<string[]> {
  const file = path.join(templatesDir, 'words.txt');
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8'))
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function readingGrade(file: string, value: unknown): RulePacks['readingGrade'] {
  const { max, min_words: minWords } = (value ?? {}) as Record<string, unknown>;
  if (typeof max !== 'number' || typeof minWords !== 'number' || max <= 0 || minWords < 1) {
    throw new SetupError(
      `${file}: ${expectedMessage('`max` and `min_words` numbers', 'reading_grade', value)}`,
      'write e.g. reading_grade: { max: 14, min_words: 12 }',
    );
  }
  return { max, minWords };
}
