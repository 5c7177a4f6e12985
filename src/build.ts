import './render/native-memory.ts';
import type { Brand } from './config/brand.ts';
import { type BuildOptions, resolveOptions } from './config/options.ts';
import type { ArticleMaker, MadeArticle } from './make.ts';
import type { ArticleEntry, Manifest, Message } from './model.ts';
import { readSources } from './read/sources.ts';
import { openCardCache } from './render/cache.ts';
import { loadApprovals, withApprovals } from './review/approvals.ts';
import { recoverOutput } from './write/commit.ts';
import { lockOutput } from './write/lock.ts';
import { EMPTY_MANIFEST, finishOutput, mergeManifest, readManifest } from './write/output.ts';
import { BuildProgress, type ProgressListener } from './progress.ts';
import {
  type ArticleRecord,
  articleKey,
  cacheKeysOfOtherOutputs,
  fileStamps,
  inputsKey,
  isUpToDate,
  readRecord,
  writeRecord,
} from './write/record.ts';

export interface BuildResult {
  manifest: Manifest;
  /** Entries of the articles this build looked at, in slug order. */
  built: ArticleEntry[];
  cardsDrawn: number;
  /** Slugs of the articles found up to date: nothing was made for them. */
  upToDate: string[];
  /** Problems in the setup that did not stop the build (brand colour contrast). */
  warnings: Message[];
  brand: Brand;
  /** The progress listener threw: it was not called again and the build went on. */
  displayFailure?: unknown;
}

/** How a caller follows and stops a build. */
export interface BuildHooks {
  /** Called as articles and cards finish; a listener that throws is dropped, never the build. */
  onProgress?: ProgressListener;
  /**
   * Aborted (with an Interrupted reason): drawing stops between cards, nothing is committed,
   * temp files are removed and the lock released; build() rejects with the reason. Once the
   * commit has begun it runs to the end, so output/ is always one whole build.
   */
  signal?: AbortSignal;
}

/**
 * read → parse → extract → plan → render → caption → write. Articles are drawn and staged
 * one after another, so memory holds one article's images, not the whole corpus's; the cache
 * makes a card shared by two articles a single drawing. Nothing in output/ changes until the
 * commit at the end, which a killed build's successor finishes.
 */
export async function build(input: Partial<BuildOptions> = {}, hooks: BuildHooks = {}): Promise<BuildResult> {
  const options = resolveOptions(input);
  hooks.signal?.throwIfAborted();
  const unlock = await lockOutput(options.outDir);
  try {
    await recoverOutput(options.outDir);
    return await buildLocked(options, hooks);
  } catch (error) {
    // Stopped before the commit: the staged files are temp files no journal names; sweep them.
    if (hooks.signal?.aborted) await recoverOutput(options.outDir);
    throw error;
  } finally {
    await unlock();
  }
}

async function buildLocked(options: BuildOptions, { onProgress, signal }: BuildHooks): Promise<BuildResult> {
  const { sources, existing } = await readSources(options);
  // Read first: an approvals file that cannot be read stops the build before anything is drawn.
  const approvals = await loadApprovals(options.approvalsFile);
  const cache = openCardCache(options.cacheDir);
  const progress = new BuildProgress(sources.length, onProgress);
  const previous = await readRecord(options);
  const inputs = await inputsKey(options);
  const articles: Record<string, ArticleRecord> = {};
  const drafts: Record<string, string> = {};
  const made: (MadeArticle | undefined)[] = [];
  // The setup is loaded (and the heavy modules with it) only when an article has to be made.
  let maker: ArticleMaker | undefined;
  const loadMaker = async () => (maker ??= await (await import('./make.ts')).articleMaker(options, cache, inputs));
  let assembling = settled();
  let cardsDrawn = 0;
  const upToDate: string[] = [];
  for (const [index, source] of sources.entries()) {
    signal?.throwIfAborted();
    const key = articleKey(source, inputs);
    const record = previous.articles[source.slug];
    if (record && (await isUpToDate(options.outDir, record, key))) {
      for (const cacheKey of record.cacheKeys) cache.keep(cacheKey);
      made[index] = { entry: record.entry, files: Object.keys(record.files), staged: [] };
      articles[source.slug] = record;
      upToDate.push(source.slug);
      progress.finished('up-to-date');
      continue;
    }
    if (previous.drafts?.[source.slug] === key) {
      drafts[source.slug] = key;
      progress.finished('skipped');
      continue;
    }
    const articleProgress = progress.drawing(source.slug);
    const drawn = await (await loadMaker()).draw(source, key, articleProgress, signal);
    if (!drawn) {
      drafts[source.slug] = key;
      articleProgress.finished('skipped');
      continue;
    }
    cardsDrawn += drawn.drawn;
    // Assembling (PDF, contact sheet) runs mostly on libuv's threads, beside the next article's drawing.
    await assembling.done();
    assembling = settled(async () => {
      made[index] = await drawn.assemble();
      articleProgress.finished();
    });
  }
  await assembling.done();
  // The last point to stop: from here on the build commits whole.
  signal?.throwIfAborted();
  const done = made.filter((article): article is MadeArticle => article !== undefined);
  const built = done.map((article) => article.entry);
  const written = new Set(done.flatMap((article) => article.files));
  const looked = new Set(sources.map((source) => source.slug));
  // A full build makes every article, so it needs nothing from a previous manifest (and mends a broken one).
  const previousManifest = options.slugs.length > 0 ? await readManifest(options.outDir) : EMPTY_MANIFEST;
  const manifest = withApprovals(mergeManifest(previousManifest, built, existing), approvals);
  await finishOutput(options.outDir, done.flatMap((article) => article.staged), manifest, written, looked, existing);
  for (const [index, article] of made.entries()) {
    if (!article?.fresh) continue;
    articles[sources[index]!.slug] = { key: article.fresh.key, entry: article.entry, files: await fileStamps(options.outDir, article.files), cacheKeys: [...article.fresh.cacheKeys] };
  }
  // Nothing was made: the brand loaded for the same inputs stands, else (no articles yet) load it.
  const brand = maker?.setup.brand ?? (previous.setup?.inputs === inputs ? previous.setup.brand : (await loadMaker()).setup.brand);
  const notLookedAt = <T>(records: Record<string, T> | undefined) => unlooked(records ?? {}, looked, existing);
  await writeRecord(options, { outDir: previous.outDir, setup: { inputs, brand }, articles: { ...notLookedAt(previous.articles), ...articles }, drafts: { ...notLookedAt(previous.drafts), ...drafts } });
  // Only a build of everything knows which cached cards it no longer uses; other outputs keep theirs.
  if (options.slugs.length === 0 && !options.channels) {
    for (const key of await cacheKeysOfOtherOutputs(options)) cache.keep(key);
    await cache.prune();
  }
  const failure = progress.displayFailure;
  return { manifest, built, cardsDrawn, upToDate, warnings: brand.warnings, brand, ...(failure === undefined ? {} : { displayFailure: failure }) };
}

/** Work started now and awaited later: its failure waits for done() instead of going unhandled. */
function settled(work?: () => Promise<void>): { done(): Promise<void> } {
  const outcome = (work ? work() : Promise.resolve()).then(() => undefined, (error: unknown) => ({ error }));
  return {
    async done() {
      const failure = await outcome;
      if (failure) throw failure.error;
    },
  };
}

/** Records of articles this build did not look at (a partial build), while their source exists. */
function unlooked<T>(records: Record<string, T>, looked: ReadonlySet<string>, existing: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(records).filter(([slug]) => existing.has(slug) && !looked.has(slug)));
}
