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

const RECORD_VERSION = 3;
const SRC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCK_FILE = path.join(SRC_DIR, '..', 'package-lock.json');

const RECORDS = 'records';

/** One record per output folder: building another folder with the same cache keeps this one's. */
function recordFile(cacheDir: string, outDir: string): string {
  const id = createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, RECORDS, `${id}.json`);
}

/**
 * The last build's record for this output folder, or an empty one. A record that cannot be
 * read only costs time (everything is made again), so it is never an error.
 */
async function readRecord(options: BuildOptions): Promise<BuildRecord> {
  const empty = { outDir: path.resolve(options.outDir), articles: {} };
  if (options.force) return empty;
  const saved = await readSaved(recordFile(options.cacheDir, options.outDir));
  return saved?.outDir === empty.outDir ? saved : empty;
}

async function readSaved(file: string): Promise<BuildRecord | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const saved = JSON.parse(text) as BuildRecord & { version: number };
    return saved.version === RECORD_VERSION ? withoutVersion(saved) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cache entries that the records of other output folders (still there) use: a full build of
 * one folder prunes the shared cache, but never of what another folder's output was drawn from.
 */
async function cacheKeysOfOtherOutputs(options: BuildOptions): Promise<Set<string>> {
  const dir = path.join(options.cacheDir, RECORDS);
  const own = path.basename(recordFile(options.cacheDir, options.outDir));
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (name) => name.endsWith('.json') && name !== own,
  );
  const keys = new Set<string>();
  for (const name of names) {
    const record = await readSaved(path.join(dir, name));
    if (!record || !(await stat(record.outDir).catch(() => undefined))) continue;
    for (const article of Object.values(record.articles)) for (const key of article.cacheKeys) keys.add(key);
  }
  return keys;
}

function withoutVersion({ version: _version, ...record }: BuildRecord & { version: number }): BuildRecord {
  return record;
}

function writeRecord(options: BuildOptions, record: BuildRecord): Promise<void> {
  return writeAtomic(
    recordFile(options.cacheDir, options.outDir),
    JSON.stringify({ version: RECORD_VERSION, ...record }),
  );
}

/**
 * Hash of everything besides the article that shapes its output, read without loading any of
 * it: every file of the templates folder, facet's own code, the lock file (which pins the
 * fonts, satori, resvg and sharp with its libvips), Node's version and the options. The
 * contents are hashed again only when a file's size or times changed since the last call in
 * this process: the preview's rebuilds stat these files instead of reading them all.
 */
export async function inputsKey(options: BuildOptions): Promise<string> {
  const hash = createHash('sha256').update(process.version);
  hash.update(JSON.stringify([options.channels ?? null, options.drafts, options.contactSheets, options.video]));
  return hash.update(await filesKey([options.templatesDir, SRC_DIR])).digest('hex');
}

/** The last hash of the lock file and the folders' files, with the stamps it was taken at. */
let lastFiles: { dirs: string; stamps: string; key: string } | undefined;

async function filesKey(dirs: string[]): Promise<string> {
  const listed = await Promise.all(
    dirs.map(async (dir) => (await filesUnder(dir)).map((file) => path.join(dir, file))),
  );
  const files = [LOCK_FILE, ...listed.flat()];
  const stats = await Promise.all(files.map((file) => stat(file).catch(() => undefined)));
  const stamps = stats
    .map((info, index) => `${files[index]}:${info?.size}:${info?.mtimeMs}:${info?.ctimeMs}`)
    .join('\n');
  const id = dirs.join('\0');
  if (lastFiles?.dirs === id && lastFiles.stamps === stamps) return lastFiles.key;
  const hash = createHash('sha256');
  hash.update(await readFile(LOCK_FILE).catch(() => Buffer.from('no lock file')));
  for (const [index, dir] of dirs.entries()) {
    const contents = await Promise.all(listed[index]!.map((file) => readFile(file)));
    listed[index]!.forEach((file, at) => hash.update(path.relative(dir, file)).update(contents[at]!));
  }
  const key = hash.digest('hex');
  // The stamps were taken before the reads: a file changed meanwhile has new ones next time, and is read again.
  lastFiles = { dirs: id, stamps, key };
  return key;
}

export function articleKey(source: ArticleFile, inputs: string): string {
  return createHash('sha256')
    .update(inputs)
    .update(source.file.path ?? '')
    .update(String(source.file.value))
    .update(source.sidecar ? `\0${source.sidecar.text}` : '')
    .digest('hex');
}

/** The record still describes the article: same inputs, and every file as the build left it. */
async function isUpToDate(outDir: string, record: ArticleRecord, key: string): Promise<boolean> {
  if (record.key !== key) return false;
  const stamps = await Promise.all(
    Object.keys(record.files).map((file) => stat(path.join(outDir, file)).catch(() => undefined)),
  );
  return Object.values(record.files).every(
    ([bytes, mtime], index) => stamps[index]?.size === bytes && stamps[index]?.mtimeMs === mtime,
  );
}

/** Sizes and times of an article's files, read after the commit. */
async function fileStamps(outDir: string, files: Iterable<string>): Promise<Record<string, [number, number]>> {
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

/** What the book is told of an article this build made. */
export interface MadeRecord {
  slug: string;
  entry: ArticleEntry;
  files: string[];
  /** Present when the article depends only on its inputs (not timed out, nothing missing). */
  fresh?: { key: string; cacheKeys: Set<string> };
}

/**
 * The build record, kept while a build runs: it answers whether an article is up to date or an
 * unchanged draft, learns what this build made, and writes itself after the commit, keeping the
 * records of articles a partial build did not look at.
 */
export async function openRecordBook(options: BuildOptions, inputs: string) {
  const previous = await readRecord(options);
  const articles: Record<string, ArticleRecord> = {};
  const drafts: Record<string, string> = {};
  return {
    /** The brand the last build loaded for these same inputs, if any. */
    brand: previous.setup?.inputs === inputs ? previous.setup.brand : undefined,
    /** The article's record when it and its files are as the last build left them. */
    async upToDate(slug: string, key: string): Promise<ArticleRecord | undefined> {
      const record = previous.articles[slug];
      if (!record || !(await isUpToDate(options.outDir, record, key))) return undefined;
      articles[slug] = record;
      return record;
    },
    /** A draft makes nothing while it stays one: known by its key. */
    isUnchangedDraft(slug: string, key: string): boolean {
      if (previous.drafts?.[slug] !== key) return false;
      drafts[slug] = key;
      return true;
    },
    draft(slug: string, key: string): void {
      drafts[slug] = key;
    },
    /** After the commit: the made articles' records (their files' stamps as committed), then the file. */
    async write(
      made: MadeRecord[],
      brand: Brand,
      looked: ReadonlySet<string>,
      existing: ReadonlySet<string>,
    ): Promise<void> {
      for (const article of made) {
        if (!article.fresh) continue;
        const files = await fileStamps(options.outDir, article.files);
        articles[article.slug] = {
          key: article.fresh.key,
          entry: article.entry,
          files,
          cacheKeys: [...article.fresh.cacheKeys],
        };
      }
      const kept = <T>(records: Record<string, T> | undefined) => unlooked(records ?? {}, looked, existing);
      await writeRecord(options, {
        outDir: previous.outDir,
        setup: { inputs, brand },
        articles: { ...kept(previous.articles), ...articles },
        drafts: { ...kept(previous.drafts), ...drafts },
      });
    },
  };
}

/** Records of articles this build did not look at (a partial build), while their source exists. */
function unlooked<T>(
  records: Record<string, T>,
  looked: ReadonlySet<string>,
  existing: ReadonlySet<string>,
): Record<string, T> {
  return Object.fromEntries(Object.entries(records).filter(([slug]) => existing.has(slug) && !looked.has(slug)));
}

/**
 * Only a build of everything knows which cached cards it no longer uses (one without its
 * documents does not: their entries are to be used next); the entries that other output
 * folders' records use are kept.
 */
export async function pruneCache(
  options: BuildOptions,
  cache: { keep(key: string): void; prune(): Promise<number> },
): Promise<void> {
  if (options.slugs.length > 0 || options.channels || !options.documents) return;
  for (const key of await cacheKeysOfOtherOutputs(options)) cache.keep(key);
  await cache.prune();
}
