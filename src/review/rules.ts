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
}

const PACKS = ['claims', 'privacy'] as const;

/** Reads every pack; a broken pattern stops the build naming the file and the rule. */
export async function loadRules(templatesDir: string): Promise<RulePacks> {
  const packs: RulePacks = { rules: [], treatments: [], claims: [] };
  for (const pack of PACKS) {
    const file = path.join(templatesDir, 'rules', `${pack}.yaml`);
    if (!existsSync(file)) continue;
    const data = (parse(await readFile(file, 'utf8')) ?? {}) as Record<string, unknown>;
    const compile = (sources: unknown, where: string, flags = 'iu'): RegExp[] => {
      if (sources === undefined) return [];
      if (!Array.isArray(sources)) throw new SetupError(`${file}: ${expectedMessage('a list of regular expressions', where, sources)}`, 'write patterns as a YAML list of quoted strings');
      return sources.map((source, index) => {
        try {
          return new RegExp(String(source), flags);
        } catch (error) {
          throw new SetupError(`${file}: ${expectedMessage('a valid regular expression', `${where}[${index}]`, source)}`, 'check brackets and escapes; in single quotes a backslash is written once', { cause: error });
        }
      });
    };
    for (const [index, raw] of ((data.rules ?? []) as Record<string, unknown>[]).entries()) {
      const id = typeof raw.id === 'string' ? raw.id : undefined;
      if (!id || (raw.severity !== 'error' && raw.severity !== 'warning')) {
        throw new SetupError(`${file}: ${expectedMessage('`id` and `severity: error | warning`', `rules[${index}]`, raw)}`, 'see the comment at the top of claims.yaml');
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
    const words = (sources: unknown) => (Array.isArray(sources) ? sources.map((source) => `\\b(?:${String(source)})`) : sources);
    packs.treatments.push(...compile(words(data.treatments), 'treatments'));
    packs.claims.push(...compile(words(data.claims), 'claims'));
  }
  return packs;
}
