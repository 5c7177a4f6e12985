import './render/native-memory.ts';
import type { Brand } from './config/brand.ts';
import { type BuildOptions, resolveOptions } from './config/options.ts';
import type { MadeArticle } from './pipeline.ts';
import type { ArticleEntry, Manifest, Message } from './model.ts';
import { readSources } from './read/sources.ts';
import type { ArticleFile } from './read/articles.ts';
import { type CardCache, type CardMemory, openCardCache, recordingCache, writeOnly } from './render/cache.ts';
import { loadApprovals, withApprovals } from './review/approvals.ts';
import { recoverOutput } from './write/commit.ts';
import { lockOutput } from './write/lock.ts';
import { EMPTY_MANIFEST, finishOutput, mergeManifest, readManifest } from './write/output.ts';
import { BuildProgress, type ProgressListener } from './progress.ts';
import { articleKey, inputsKey, openRecordBook, pruneCache } from './write/record.ts';

type RecordBook = Awaited<ReturnType<typeof openRecordBook>>;

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
  /**
   * Called as soon as the commit is done, with the new manifest, before the build record is
   * written and the cache pruned: the preview tells its page then.
   */
  onCommitted?: (committed: { manifest: Manifest; brand: Brand }) => void;
  /** Cards kept in memory from one build to the next (the preview's), besides the cache on disk. */
  memory?: CardMemory;
}

/**
 * Lock the output folder, finish a commit a killed build left, then for each article reuse what
 * the last build made (when its inputs and files are unchanged) or run the pipeline
 * (src/pipeline.ts: read → parse → extract → plan → caption → review → render → assemble →
 * stage), and commit everything at once with the manifest and the record. Nothing in output/
 * changes until that commit, which a killed build's successor finishes.
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

async function buildLocked(
  options: BuildOptions,
  { onProgress, signal, onCommitted, memory }: BuildHooks,
): Promise<BuildResult> {
  const { sources, existing } = await readSources(options);
  // Read first: an approvals file that cannot be read stops the build before anything is drawn.
  const approvals = await loadApprovals(options.approvalsFile);
  const cache = openCardCache(options.cacheDir, memory);
  const inputs = await inputsKey(options);
  const book = await openRecordBook(options, inputs);
  const progress = new BuildProgress(sources.length, onProgress);
  const maker = lazyMaker(options, inputs);
  const run = await makeArticles(sources, { options, inputs, cache, book, progress, maker, signal });
  // The last point to stop: from here on the build commits whole.
  signal?.throwIfAborted();
  const built = run.made.map((article) => article.entry);
  const looked = new Set(sources.map((source) => source.slug));
  // A full build makes every article, so it needs nothing from a previous manifest (and mends a broken one).
  const previousManifest = options.slugs.length > 0 ? await readManifest(options.outDir) : EMPTY_MANIFEST;
  const manifest = withApprovals(mergeManifest(previousManifest, built, existing), approvals);
  const written = new Set(run.made.flatMap((article) => article.files));
  await finishOutput(
    options.outDir,
    run.made.flatMap((article) => article.staged),
    manifest,
    written,
    looked,
    existing,
  );
  // Nothing was made: the brand loaded for the same inputs stands, else (no articles yet) load it.
  const brand = maker.loaded()?.setup.brand ?? book.brand ?? (await maker.load()).setup.brand;
  onCommitted?.({ manifest, brand });
  await book.write(run.made, brand, looked, existing);
  await pruneCache(options, cache);
  const failure = progress.displayFailure;
  const display = failure === undefined ? {} : { displayFailure: failure };
  return {
    manifest,
    built,
    cardsDrawn: run.cardsDrawn,
    upToDate: run.upToDate,
    warnings: brand.warnings,
    brand,
    ...display,
  };
}

interface MakeRun {
  options: BuildOptions;
  inputs: string;
  cache: CardCache;
  book: RecordBook;
  progress: BuildProgress;
  maker: LazyMaker;
  signal: AbortSignal | undefined;
}

/**
 * Each article in turn: reused when it is up to date, skipped while it is an unchanged draft,
 * else made by the pipeline. One article assembles (PDF, contact sheet, video: mostly on
 * libuv's threads and ffmpeg) while the next one draws; memory holds one article's images.
 */
async function makeArticles(sources: ArticleFile[], run: MakeRun) {
  const { options, inputs, cache, book, progress, signal } = run;
  const made: ((MadeArticle & { slug: string }) | undefined)[] = [];
  const upToDate: string[] = [];
  let assembling = settled();
  let cardsDrawn = 0;
  for (const [index, source] of sources.entries()) {
    signal?.throwIfAborted();
    const key = articleKey(source, inputs);
    const record = await book.upToDate(source.slug, key);
    if (record) {
      for (const cacheKey of record.cacheKeys) cache.keep(cacheKey);
      made[index] = { slug: source.slug, entry: record.entry, files: Object.keys(record.files), staged: [] };
      upToDate.push(source.slug);
      progress.finished('up-to-date');
      continue;
    }
    if (book.isUnchangedDraft(source.slug, key)) {
      progress.finished('skipped');
      continue;
    }
    const articleProgress = progress.drawing(source.slug);
    const { setup, render, makeArticle } = await run.maker.load();
    const cacheKeys = new Set<string>();
    const articleCache = recordingCache(options.force ? writeOnly(cache) : cache, cacheKeys);
    const drawn = await makeArticle(
      source,
      key,
      { setup, render, cache: articleCache, cacheKeys, options },
      articleProgress,
      signal,
    );
    if (!drawn) {
      book.draft(source.slug, key);
      articleProgress.finished('skipped');
      continue;
    }
    cardsDrawn += drawn.drawn;
    await assembling.done();
    assembling = settled(async () => {
      made[index] = { slug: source.slug, ...(await drawn.assemble()) };
      articleProgress.finished();
    });
  }
  await assembling.done();
  return { made: made.filter((article) => article !== undefined), upToDate, cardsDrawn };
}

type LazyMaker = ReturnType<typeof lazyMaker>;

/**
 * The setup and the pipeline, loaded the first time an article has to be made: an up-to-date
 * build loads neither (nor the fonts, satori, resvg and sharp that come with them).
 */
function lazyMaker(options: BuildOptions, inputs: string) {
  type Loaded = Awaited<ReturnType<typeof load>>;
  let loaded: Loaded | undefined;
  const load = async () => {
    const [{ loadedSetup }, { makeArticle }] = await Promise.all([
      import('./setup/loaded.ts'),
      import('./pipeline.ts'),
    ]);
    return { ...(await loadedSetup(options.templatesDir, inputs, options.video)), makeArticle };
  };
  return {
    load: async (): Promise<Loaded> => (loaded ??= await load()),
    loaded: (): Loaded | undefined => loaded,
  };
}

/** Work started now and awaited later: its failure waits for done() instead of going unhandled. */
function settled(work?: () => Promise<void>): { done(): Promise<void> } {
  const outcome = (work ? work() : Promise.resolve()).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  return {
    async done() {
      const failure = await outcome;
      if (failure) throw failure.error;
    },
  };
}
