import { SetupError } from '../config/errors.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleEntry, Manifest } from '../model.ts';
import { isTempFile, listFiles, removeEmptyFolders } from './atomic.ts';
import { commitOutput, type Staged, stage } from './commit.ts';

export interface OutputFile {
  /** Relative to the output folder, `/`-separated. */
  path: string;
  data: string | Buffer;
}

export const MANIFEST = 'manifest.json';

/**
 * Stages one article's files under temp names; nothing is visible until finishOutput. Side by
 * side: most files are unchanged after an edit, and comparing them is reading them.
 */
export async function writeFiles(outDir: string, files: OutputFile[]): Promise<Staged[]> {
  const staged = await Promise.all(files.map((file) => stage(outDir, file.path, file.data)));
  return staged.filter((entry) => entry !== undefined);
}

/** Folders in output/ that are not articles': exports, kept across builds. */
const RESERVED = new Set(['exports']);

/**
 * Commits the build: every staged file and the manifest at once, and what no longer belongs
 * goes with them: files of rebuilt articles that were not written again and every file of
 * deleted articles.
 */
export async function finishOutput(
  outDir: string,
  staged: Staged[],
  manifest: Manifest,
  written: ReadonlySet<string>,
  rebuilt: ReadonlySet<string>,
  existing: ReadonlySet<string>,
): Promise<void> {
  const manifestFile = await stage(outDir, MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const stale = (await listFiles(outDir)).filter((file) => {
    const slug = file.includes('/') ? file.slice(0, file.indexOf('/')) : undefined;
    const ownedByArticle = slug !== undefined && !RESERVED.has(slug);
    return !isTempFile(file) && ownedByArticle && ((rebuilt.has(slug) && !written.has(file)) || !existing.has(slug));
  });
  await commitOutput(outDir, manifestFile ? [...staged, manifestFile] : staged, stale);
  // Only a removal can empty a folder (every build starts by sweeping them too, in recoverOutput).
  if (stale.length > 0) await removeEmptyFolders(outDir);
}

export const EMPTY_MANIFEST: Manifest = { version: 1, articles: [] };

/**
 * The previous build's manifest; an empty one when there is none yet. One that exists but
 * cannot be read is a setup error naming the file: taking it as empty would drop every
 * article a partial build does not make from the new manifest without a word.
 */
export async function readManifest(outDir: string): Promise<Manifest> {
  const file = path.join(outDir, MANIFEST);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_MANIFEST;
    throw unreadableManifest(file, (error as Error).message, error);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (error) {
    throw unreadableManifest(file, (error as Error).message, error);
  }
  if (manifest?.version !== 1 || !Array.isArray(manifest.articles)) {
    throw unreadableManifest(file, 'it is not a facet manifest (version 1 with an articles list)');
  }
  return manifest;
}

function unreadableManifest(file: string, problem: string, cause?: unknown): SetupError {
  return new SetupError(
    `Expected ${file} to be the last build's manifest but could not read it: ${problem}`,
    'run a full build (`npm start`), which writes it anew from every article, or restore the file',
    { cause },
  );
}

/** New entries replace old ones; entries of deleted articles go; sorted by slug for stable output. */
export function mergeManifest(previous: Manifest, entries: ArticleEntry[], existing: ReadonlySet<string>): Manifest {
  const bySlug = new Map(
    previous.articles.filter((entry) => existing.has(entry.slug)).map((entry) => [entry.slug, entry]),
  );
  for (const entry of entries) bySlug.set(entry.slug, entry);
  // Slugs are [a-z0-9-], whose code-point order is localeCompare's; the first localeCompare of a
  // process loads the collator, most of an up-to-date build's own time.
  const articles = [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { version: 1, articles };
}
