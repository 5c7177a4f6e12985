import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Brand } from '../config/brand.ts';
import type { BuildOptions } from '../config/options.ts';
import type { ArticleEntry } from '../model.ts';
import type { ArticleFile } from '../read/articles.ts';
import { writeAtomic } from './atomic.ts';

/**
 * What the last build made of each article: the hash of everything it was made from, its
 * manifest entry, its files' sizes and times, and the cache entries it used. An article whose
 * inputs hash the same and whose files are as the build left them is not made again: an
 * up-to-date build reads the articles and stats the files, nothing more. The record lives in
 * the cache folder, so deleting the cache (or `--force`) makes everything again.
 */
export interface ArticleRecord {
  key: string;
  entry: ArticleEntry;
  /** Output-relative path → [bytes, mtimeMs] right after the commit. */
  files: Record<string, [number, number]>;
  cacheKeys: string[];
}

export interface BuildRecord {
  outDir: string;
  /** The brand as loaded for these inputs, so an up-to-date build need not load it. */
  setup?: { inputs: string; brand: Brand };
  articles: Record<string, ArticleRecord>;
  /** Key of each article that was a draft, which makes nothing while it stays one. */
  drafts?: Record<string, string>;
}

const RECORD_VERSION = 2;
const SRC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCK_FILE = path.join(SRC_DIR, '..', 'package-lock.json');

function recordFile(cacheDir: string): string {
  return path.join(cacheDir, 'output-record.json');
}

export async function readRecord(options: BuildOptions): Promise<BuildRecord> {
  const empty = { outDir: path.resolve(options.outDir), articles: {} };
  if (options.force) return empty;
  try {
    const saved = JSON.parse(await readFile(recordFile(options.cacheDir), 'utf8')) as BuildRecord & { version: number };
    return saved.version === RECORD_VERSION && saved.outDir === empty.outDir ? withoutVersion(saved) : empty;
  } catch {
    return empty;
  }
}

function withoutVersion({ version: _version, ...record }: BuildRecord & { version: number }): BuildRecord {
  return record;
}

export function writeRecord(options: BuildOptions, record: BuildRecord): Promise<void> {
  return writeAtomic(recordFile(options.cacheDir), JSON.stringify({ version: RECORD_VERSION, ...record }));
}

/**
 * Hash of everything besides the article that shapes its output, read without loading any of
 * it: every file of the templates folder, facet's own code, the lock file (which pins the
 * fonts, satori, resvg and sharp with its libvips), Node's version and the options.
 */
export async function inputsKey(options: BuildOptions): Promise<string> {
  const hash = createHash('sha256').update(process.version);
  hash.update(JSON.stringify([options.channels ?? null, options.drafts, options.contactSheets, options.video]));
  hash.update(await readFile(LOCK_FILE).catch(() => Buffer.from('no lock file')));
  for (const dir of [options.templatesDir, SRC_DIR]) {
    const files = await filesUnder(dir);
    const contents = await Promise.all(files.map((file) => readFile(path.join(dir, file))));
    files.forEach((file, index) => hash.update(file).update(contents[index]!));
  }
  return hash.digest('hex');
}

export function articleKey(source: ArticleFile, inputs: string): string {
  return createHash('sha256').update(inputs).update(source.file.path ?? '').update(String(source.file.value)).digest('hex');
}

/** The record still describes the article: same inputs, and every file as the build left it. */
export async function isUpToDate(outDir: string, record: ArticleRecord, key: string): Promise<boolean> {
  if (record.key !== key) return false;
  const stamps = await Promise.all(Object.keys(record.files).map((file) => stat(path.join(outDir, file)).catch(() => undefined)));
  return Object.values(record.files).every(([bytes, mtime], index) => stamps[index]?.size === bytes && stamps[index]?.mtimeMs === mtime);
}

/** Sizes and times of an article's files, read after the commit. */
export async function fileStamps(outDir: string, files: Iterable<string>): Promise<Record<string, [number, number]>> {
  const list = [...files];
  const stats = await Promise.all(list.map((file) => stat(path.join(outDir, file))));
  return Object.fromEntries(list.map((file, index) => [file, [stats[index]!.size, stats[index]!.mtimeMs]]));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
