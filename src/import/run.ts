import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../config/errors.ts';
import { formatMessage } from '../messages/report.ts';
import type { Message } from '../model.ts';
import { writeAtomic } from '../write/atomic.ts';
import { importSource, localToday } from './article.ts';

export interface ImportOptions {
  articlesDir: string;
  force: boolean;
  today?: string;
  /** Where the report goes, line by line (the CLI's stderr). */
  print: (line: string) => void;
}

export interface ImportRun {
  /** The slugs written, to be checked next. */
  slugs: string[];
  /** Inputs that were not imported, each as a positioned message. */
  problems: Message[];
}

const PAGE_EXTENSIONS = /\.(?:txt|html?|text)$/i;

/**
 * `import <files or folders…>`: every page in one run. A page that cannot be imported (empty,
 * binary, its slug taken) is reported with what to do, and the others are still imported;
 * nothing is overwritten without `force`. Ends with what needs review.
 */
export async function importPages(inputs: string[], options: ImportOptions): Promise<ImportRun> {
  const today = options.today ?? localToday();
  const problems: Message[] = [];
  const written: { file: string; source: string; guesses: number }[] = [];
  const taken = new Set<string>();
  for (const file of await pagesIn(inputs, problems)) {
    const text = await pageText(file, problems);
    if (text === undefined) continue;
    const result = await importSource(file, text, today, options.articlesDir).catch((error: unknown) => {
      if (!(error instanceof SetupError)) throw error;
      problems.push(problem(file, 'import-untitled', error.message, error.hint));
      return undefined;
    });
    if (!result) continue;
    const target = path.join(options.articlesDir, `${result.slug}.md`);
    if ((existsSync(target) && !options.force) || taken.has(result.slug)) {
      const free = freeSlug(result.slug, options.articlesDir, taken);
      problems.push(
        problem(
          file,
          'import-slug-taken',
          `Unexpected slug \`${result.slug}\`: ${target} already exists, expected a free name; not written`,
          'if it is the same article, keep the one you reviewed; to replace it, run import again with --force; ' +
            `to keep both, rename the existing file (\`${free}\` is free) ` +
            'and import again',
        ),
      );
      continue;
    }
    await writeAtomic(target, result.markdown);
    taken.add(result.slug);
    for (const message of result.messages) options.print(formatMessage(message));
    written.push({ file: target, source: file, guesses: result.messages.length });
  }
  for (const message of problems) options.print(formatMessage(message));
  printSummary(written, problems, options.print);
  return { slugs: written.map((entry) => path.basename(entry.file, '.md')), problems };
}

/** The files named, and the pages inside the folders named, in a stable order. */
async function pagesIn(inputs: string[], problems: Message[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) {
      problems.push(
        problem(
          input,
          'import-missing',
          'Unexpected path that does not exist, expected a page file or a folder of them',
          'check the path',
        ),
      );
    } else if (info.isDirectory()) {
      const entries = await readdir(input, { withFileTypes: true });
      const inside = entries
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
        .map((entry) => path.join(input, entry.name))
        .sort();
      files.push(...inside);
    } else {
      files.push(input);
    }
  }
  return files;
}

/** The page's text, or a problem: unreadable, empty, binary or not UTF-8. */
async function pageText(file: string, problems: Message[]): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    problems.push(
      problem(
        file,
        'import-unreadable',
        `Unexpected unreadable file (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a page to import`,
        'check its permissions',
      ),
    );
    return undefined;
  }
  if (bytes.subarray(0, 8000).includes(0) || (!PAGE_EXTENSIONS.test(file) && !looksLikeText(bytes))) {
    problems.push(
      problem(
        file,
        'import-binary',
        'Unexpected binary file, expected a saved page (.html) or its text (.txt)',
        'save the page from the browser as "Web page, HTML only", or copy its text into a .txt file',
      ),
    );
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push(
      problem(
        file,
        'import-encoding',
        'Unexpected bytes that are not UTF-8, expected UTF-8 text',
        'save the file again as UTF-8',
      ),
    );
    return undefined;
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    problems.push(
      problem(
        file,
        'import-empty',
        'Unexpected empty file, expected the text or HTML of a page',
        'save the page again; the copy may have failed',
      ),
    );
    return undefined;
  }
  return text.replace(/^\uFEFF/, '');
}

function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8000);
  const control = [...sample].filter((byte) => byte < 9 || (byte > 13 && byte < 32)).length;
  return control <= sample.length / 100;
}

function freeSlug(slug: string, articlesDir: string, taken: Set<string>): string {
  for (let number = 2; ; number++) {
    const candidate = `${slug}-${number}`;
    if (!taken.has(candidate) && !existsSync(path.join(articlesDir, `${candidate}.md`))) return candidate;
  }
}

function problem(file: string, ruleId: string, reason: string, hint: string): Message {
  return { file, line: 1, column: 1, ruleId, severity: 'error', reason, hint };
}

function printSummary(
  written: { file: string; source: string; guesses: number }[],
  problems: Message[],
  print: (line: string) => void,
): void {
  const total = written.length + problems.length;
  const mark = problems.length === 0 ? '✓' : '✗';
  print(`${mark} imported ${written.length} of ${total} page${total === 1 ? '' : 's'}`);
  if (written.length > 0) {
    print('  needs review (the guesses above; then add url, tags and hashtags):');
    for (const entry of written)
      print(`    ${entry.file} ← ${entry.source}: ${entry.guesses} guess${entry.guesses === 1 ? '' : 'es'} to check`);
  }
  if (problems.length > 0) {
    print('  not imported:');
    for (const entry of problems) print(`    ${entry.file}: ${entry.reason}`);
  }
}
