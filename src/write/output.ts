import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleEntry, Manifest } from '../model.ts';
import { isTempFile, listFiles, removeEmptyFolders, writeAtomic } from './atomic.ts';

export interface OutputFile {
  /** Relative to the output folder, `/`-separated. */
  path: string;
  data: string | Buffer;
}

export const MANIFEST = 'manifest.json';

/** Writes one article's files, each atomically. */
export async function writeFiles(outDir: string, files: OutputFile[]): Promise<void> {
  for (const file of files) await writeAtomic(path.join(outDir, file.path), file.data);
}

/** Folders in output/ that are not articles': exports, kept across builds. */
const RESERVED = new Set(['exports']);

/**
 * After every article's files: the manifest, then what no longer belongs goes: files of
 * rebuilt articles that were not written again, every file of deleted articles, and temp
 * files a crashed build left behind.
 */
export async function finishOutput(outDir: string, manifest: Manifest, written: ReadonlySet<string>, rebuilt: ReadonlySet<string>, existing: ReadonlySet<string>): Promise<void> {
  await writeAtomic(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of await listFiles(outDir)) {
    const slug = file.includes('/') ? file.slice(0, file.indexOf('/')) : undefined;
    const ownedByArticle = slug !== undefined && !RESERVED.has(slug);
    const stale = isTempFile(file) || (ownedByArticle && ((rebuilt.has(slug) && !written.has(file)) || !existing.has(slug)));
    if (stale) await rm(path.join(outDir, file), { force: true });
  }
  await removeEmptyFolders(outDir);
}

/** The previous build's manifest, or an empty one; used to keep articles a partial build skipped. */
export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as Manifest;
    return manifest.version === 1 && Array.isArray(manifest.articles) ? manifest : { version: 1, articles: [] };
  } catch {
    return { version: 1, articles: [] };
  }
}

/** New entries replace old ones; entries of deleted articles go; sorted by slug for stable output. */
export function mergeManifest(previous: Manifest, entries: ArticleEntry[], existing: ReadonlySet<string>): Manifest {
  const bySlug = new Map(previous.articles.filter((entry) => existing.has(entry.slug)).map((entry) => [entry.slug, entry]));
  for (const entry of entries) bySlug.set(entry.slug, entry);
  return { version: 1, articles: [...bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug)) };
}
