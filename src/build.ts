import './render/native-memory.ts';
import { type Analysis, analyzeArticle } from './analyze.ts';
import type { Brand } from './config/brand.ts';
import { SetupError } from './config/errors.ts';
import { type BuildOptions, resolveOptions } from './config/options.ts';
import { loadSetup, renderContextOf, type Setup } from './config/setup.ts';
import { messagesOf, report } from './messages/report.ts';
import type { ArticleEntry, Manifest, Message } from './model.ts';
import { listArticles, readArticle, type ArticleFile } from './read/articles.ts';
import { drawCards, type Progress } from './render/batch.ts';
import { openCardCache, writeOnly } from './render/cache.ts';
import { loadApprovals, withApprovals } from './review/approvals.ts';
import { assembleArticle } from './write/assemble.ts';
import { recoverOutput, type Staged } from './write/commit.ts';
import { lockOutput } from './write/lock.ts';
import { finishOutput, mergeManifest, readManifest, writeFiles } from './write/output.ts';
import { type ArticleRecord, articleKey, type BuildRecord, fileStamps, inputsKey, isUpToDate, readRecord, recordingCache, writeRecord } from './write/record.ts';

export interface BuildResult {
  manifest: Manifest;
  /** Entries of the articles this build looked at, in slug order. */
  built: ArticleEntry[];
  cardsDrawn: number;
  /** Problems in the setup that did not stop the build (brand colour contrast). */
  warnings: Message[];
  brand: Brand;
}

/**
 * read → parse → extract → plan → render → caption → write. Articles are drawn and staged
 * one after another, so memory holds one article's images, not the whole corpus's; the cache
 * makes a card shared by two articles a single drawing. Nothing in output/ changes until the
 * commit at the end, which a killed build's successor finishes.
 */
export async function build(input: Partial<BuildOptions> = {}, onProgress?: Progress): Promise<BuildResult> {
  const options = resolveOptions(input);
  const setup = await loadSetup(options.templatesDir);
  const unlock = await lockOutput(options.outDir);
  try {
    await recoverOutput(options.outDir);
    return await buildLocked(options, setup, onProgress);
  } finally {
    await unlock();
  }
}

async function buildLocked(options: BuildOptions, setup: Setup, onProgress?: Progress): Promise<BuildResult> {
  const { sources, existing } = await readSources(options);
  const context = renderContextOf(setup);
  const cache = openCardCache(options.cacheDir);
  const progress = overallProgress(onProgress);
  const previous = await readRecord(options);
  const inputs = await inputsKey(options, setup.fingerprint);
  const articles: Record<string, ArticleRecord> = {};
  const made: (MadeArticle | undefined)[] = [];
  let assembling = settled();
  let cardsDrawn = 0;
  for (const [index, source] of sources.entries()) {
    const key = articleKey(source, inputs);
    const record = previous.articles[source.slug];
    if (record && (await isUpToDate(options.outDir, record, key))) {
      for (const cacheKey of record.cacheKeys) cache.keep(cacheKey);
      made[index] = { entry: record.entry, files: Object.keys(record.files), staged: [] };
      articles[source.slug] = record;
      continue;
    }
    const analysis = analyzeArticle(source, setup, options);
    if (analysis.status === 'draft') continue;
    const cacheKeys = new Set<string>();
    const articleCache = recordingCache(options.force ? writeOnly(cache) : cache, cacheKeys);
    const cards = analysis.status === 'ok' ? analysis.posts.flatMap((post) => post.images.map((image) => image.card)) : [];
    const drawn = await drawCards(cards, context, articleCache, progress.article(), Date.now() + options.articleBudgetMs);
    cardsDrawn += drawn.drawn;
    if (drawn.timedOut) {
      report(source.file, 'error', 'article-timeout', `Unexpected drawing time over ${options.articleBudgetMs / 1000} s, expected one article to draw within it`, { line: 1, column: 1 },
        'shorten the article or its number of channels; the cards drawn so far are cached for the next build');
    }
    const outcome = drawn.timedOut && analysis.status === 'ok' ? { status: 'failed' as const, title: analysis.article.title } : analysis;
    // Assembling (PDF, contact sheet) runs mostly on libuv's threads, beside the next article's drawing.
    await assembling.done();
    assembling = settled(async () => {
      const assembled = await assembleArticle(source, outcome, drawn.cards, context, articleCache, options.contactSheets);
      const files = assembled.files.map((file) => file.path);
      // A timed-out article depends on the clock, not only its inputs: it is never up to date.
      made[index] = { entry: assembled.entry, files, staged: await writeFiles(options.outDir, assembled.files), ...(drawn.timedOut ? {} : { fresh: { key, cacheKeys } }) };
    });
  }
  await assembling.done();
  const done = made.filter((article): article is MadeArticle => article !== undefined);
  const built = done.map((article) => article.entry);
  const staged = done.flatMap((article) => article.staged);
  const written = new Set(done.flatMap((article) => article.files));
  const manifest = withApprovals(mergeManifest(await readManifest(options.outDir), built, existing), await loadApprovals(options.approvalsFile));
  await finishOutput(options.outDir, staged, manifest, written, new Set(sources.map((source) => source.slug)), existing);
  for (const [index, article] of made.entries()) {
    if (!article?.fresh) continue;
    articles[sources[index]!.slug] = { key: article.fresh.key, entry: article.entry, files: await fileStamps(options.outDir, article.files), cacheKeys: [...article.fresh.cacheKeys] };
  }
  await writeRecord(options, { outDir: previous.outDir, articles: { ...keptRecords(previous, sources, existing), ...articles } });
  // Only a build of everything knows which cached cards are no longer used.
  if (options.slugs.length === 0 && !options.channels) await cache.prune();
  return { manifest, built, cardsDrawn, warnings: setup.brand.warnings, brand: setup.brand };
}

/** One article's part of the build: its entry, its files, and what the record needs when it is new. */
interface MadeArticle {
  entry: ArticleEntry;
  files: string[];
  staged: Staged[];
  fresh?: { key: string; cacheKeys: Set<string> };
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
function keptRecords(previous: BuildRecord, sources: ArticleFile[], existing: ReadonlySet<string>): Record<string, ArticleRecord> {
  const looked = new Set(sources.map((source) => source.slug));
  return Object.fromEntries(Object.entries(previous.articles).filter(([slug]) => existing.has(slug) && !looked.has(slug)));
}

/** One progress count over all articles, from each article's own. */
function overallProgress(onProgress: Progress | undefined) {
  let before = 0;
  let total = 0;
  return {
    article: (): Progress | undefined => {
      if (!onProgress) return undefined;
      let counted = 0;
      return (done, articleTotal) => {
        if (counted === 0) total += articleTotal;
        counted = done;
        onProgress(before + done, total);
        if (done === articleTotal) before += articleTotal;
      };
    },
  };
}

/** `check`: everything but pixels, for every selected article. */
export async function check(input: Partial<BuildOptions> = {}): Promise<{ entries: ArticleEntry[]; warnings: Message[] }> {
  const options = resolveOptions(input);
  const setup: Setup = await loadSetup(options.templatesDir);
  const { sources } = await readSources(options);
  return { entries: sources.map((source) => entryWithoutImages(source, analyzeArticle(source, setup, options))), warnings: setup.brand.warnings };
}

async function readSources(options: BuildOptions): Promise<{ sources: ArticleFile[]; existing: Set<string> }> {
  const all = await listArticles(options.articlesDir);
  const existing = new Set(all);
  const unknown = options.slugs.filter((slug) => !existing.has(slug));
  if (unknown.length > 0) {
    throw new SetupError(`Expected articles named ${unknown.join(', ')} in ${options.articlesDir}/ but found none`, `choose from: ${all.join(', ') || '(no articles yet)'}`);
  }
  const selected = options.slugs.length > 0 ? options.slugs : all;
  return { sources: await Promise.all(selected.map((slug) => readArticle(options.articlesDir, slug))), existing };
}

function entryWithoutImages(source: ArticleFile, analysis: Analysis): ArticleEntry {
  return {
    slug: source.slug,
    title: analysis.status === 'ok' ? analysis.article.title : analysis.status === 'failed' ? analysis.title : source.slug,
    source: source.file.path,
    status: analysis.status === 'failed' ? 'failed' : 'ok',
    messages: messagesOf(source.file, source.file.path),
    quotes: analysis.status === 'ok' ? analysis.article.quotes.map(({ text, origin }) => ({ text, origin })) : [],
    posts: [],
  };
}
