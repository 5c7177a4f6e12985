import { analyzeArticle } from './analyze.ts';
import type { BuildOptions } from './config/options.ts';
import { loadSetup, renderContextOf, type Setup } from './setup/setup.ts';
import { report } from './messages/report.ts';
import type { ArticleEntry } from './model.ts';
import type { ArticleFile } from './read/articles.ts';
import { type CardProgress, drawCards } from './render/batch.ts';
import { type CardCache, recordingCache, writeOnly } from './render/cache.ts';
import { assembleArticle } from './assemble.ts';
import type { Staged } from './write/commit.ts';
import { writeFiles } from './write/output.ts';
import { withVideoSetup } from './setup/video.ts';

/** One article's part of the build: its entry, its files, and what the record needs when it is new. */
export interface MadeArticle {
  entry: ArticleEntry;
  files: string[];
  staged: Staged[];
  fresh?: { key: string; cacheKeys: Set<string> };
}

/** An article drawn: how many cards that took, and the rest of its making. */
export interface DrawnArticle {
  drawn: number;
  /** Builds the PDF and contact sheet and stages every file. */
  assemble(): Promise<MadeArticle>;
}

export interface ArticleMaker {
  setup: Setup;
  /** Analyses and draws one article; undefined for a draft. An aborted signal stops it between cards. */
  draw(source: ArticleFile, key: string, progress?: CardProgress, signal?: AbortSignal): Promise<DrawnArticle | undefined>;
}

/**
 * The last setup loaded, by its folder and the hash of everything it is made from (build.ts's
 * inputsKey). The preview builds again on every save in one process: the same font Buffers
 * let satori keep its parsed fonts and fit.ts its measurements, where a fresh load cost the
 * first card of each build ~300 ms.
 */
let loaded: { id: string; setup: Promise<Setup> } | undefined;

function setupFor(templatesDir: string, inputs: string, video: boolean): Promise<Setup> {
  const id = `${templatesDir}\0${inputs}\0${video}`;
  if (loaded?.id !== id) {
    const setup = loadSetup(templatesDir).then((loadedSetup) => withVideoSetup(loadedSetup, video));
    loaded = { id, setup };
    // A setup that failed to load is not kept: the next build reports it again.
    setup.catch(() => {
      if (loaded?.setup === setup) loaded = undefined;
    });
  }
  return loaded.setup;
}

/**
 * The heavy half of a build (fonts, satori, resvg, sharp, pdf-lib), loaded only when an
 * article has to be made: an up-to-date build never imports it. `inputs` is the hash of the
 * templates, facet's code and its dependencies, for reusing the setup loaded for the same.
 */
export async function articleMaker(options: BuildOptions, cache: CardCache, inputs: string): Promise<ArticleMaker> {
  const setup = await setupFor(options.templatesDir, inputs, options.video);
  const context = renderContextOf(setup);
  return {
    setup,
    async draw(source, key, progress, signal) {
      const analysis = analyzeArticle(source, setup, options);
      if (analysis.status === 'draft') return undefined;
      const cacheKeys = new Set<string>();
      const articleCache = recordingCache(options.force ? writeOnly(cache) : cache, cacheKeys);
      const cards = analysis.status === 'ok' ? analysis.posts.flatMap((post) => post.images.map((image) => image.card)) : [];
      const limits = { deadline: Date.now() + options.articleBudgetMs, ...(signal ? { signal } : {}) };
      const drawn = await drawCards(cards, context, articleCache, progress, limits);
      if (drawn.timedOut) {
        report(source.file, 'error', 'article-timeout', `Unexpected drawing time over ${options.articleBudgetMs / 1000} s, expected one article to draw within it`, { line: 1, column: 1 },
          'shorten the article or its number of channels; the cards drawn so far are cached for the next build');
      }
      const outcome = drawn.timedOut && analysis.status === 'ok' ? { status: 'failed' as const, title: analysis.article.title } : analysis;
      return {
        drawn: drawn.drawn,
        async assemble() {
          const assembled = await assembleArticle(source, outcome, drawn.cards, context, articleCache, options.contactSheets, setup.brand);
          const staged = await writeFiles(options.outDir, assembled.files);
          // A timed-out article depends on the clock, not only its inputs: it is never up to date; nor one whose video lacked ffmpeg.
          return { entry: assembled.entry, files: assembled.files.map((file) => file.path), staged, ...(drawn.timedOut || assembled.lacksVideo ? {} : { fresh: { key, cacheKeys } }) };
        },
      };
    },
  };
}
