import { channelCaptions } from './caption/channel.ts';
import { noticesFor } from './caption/notices.ts';
import { articleLocator } from './caption/origins.ts';
import { CHANNELS, type Channel } from './channels/platforms.ts';
import type { BuildOptions } from './config/options.ts';
import { extractArticle } from './extract/article.ts';
import { hasErrors, report } from './messages/report.ts';
import type { Analysis, Article, ArticleEntry, Caption, CardSpec, Post } from './model.ts';
import { parseFrontMatter } from './parse/frontmatter.ts';
import { parseMarkdown } from './parse/markdown.ts';
import { planCampaign } from './plan/campaign.ts';
import { applyCaptionOverrides, type EditedCaptions } from './override/caption.ts';
import { parseOverrides } from './override/parse.ts';
import { applyPlanOverrides, numberPosts, type OverridesIn } from './override/plan.ts';
import type { ArticleFile } from './read/articles.ts';
import type { CardProgress, DrawnCards, LayoutsAhead } from './render/batch.ts';
import type { CardCache } from './render/cache.ts';
import type { RenderContext } from './render/card.ts';
import { reviewArticle, withDisclosures } from './review/review.ts';
import type { AnalysisSetup } from './setup/analysis.ts';
import type { Setup } from './setup/setup.ts';
import type { Staged } from './write/commit.ts';

/*
 * One article through every stage, in the order the README draws them:
 *
 *   read → parse → extract → plan → caption → review → render → assemble → stage
 *
 * `analyzeArticle` runs the stages that need no pixels (all `check` runs); `makeArticle` runs
 * them all. Each stage is a function over the typed data of model.ts. Problems are messages on
 * the article's file; an error among them fails this article only.
 */

export interface AnalysisOptions {
  channels?: Channel[] | undefined;
  drafts: boolean;
  /** Told the planned posts before captions and review run: drawing can start from them. */
  onPlanned?: ((posts: Post[]) => void) | undefined;
}

/** parse → extract → plan → caption → review. The source was read by read/sources.ts. */
export function analyzeArticle(source: ArticleFile, setup: AnalysisSetup, options: AnalysisOptions): Analysis {
  if (hasErrors(source.file)) return { status: 'failed', title: source.slug };
  try {
    return analyzeStages(source, setup, options);
  } catch (error) {
    // Whatever a hostile file does to a parser, it fails this article only.
    const deep = error instanceof RangeError;
    const reason = deep
      ? 'Unexpected nesting too deep to read, expected ordinary Markdown'
      : `Unexpected failure reading the article: ${(error as Error).message}`;
    const hint = deep
      ? 'flatten the nested quotes or lists'
      : 'this is a bug in facet; please report it with the article';
    report(source.file, 'error', 'article-unreadable', reason, { line: 1, column: 1 }, hint);
    return { status: 'failed', title: source.slug };
  }
}

function analyzeStages(source: ArticleFile, setup: AnalysisSetup, options: AnalysisOptions): Analysis {
  const { file, slug } = source;
  const { tree, yaml } = parseMarkdown(file);
  const front = parseFrontMatter(file, yaml, CHANNELS);
  if (!front || hasErrors(file)) return { status: 'failed', title: front?.title ?? slug };
  if (front.draft && !options.drafts) return { status: 'draft' };
  const overrides = parseOverrides(file, source.sidecar);
  if (!overrides) return { status: 'failed', title: front.title };
  const given = { file, path: source.sidecar?.path ?? '', overrides };
  const extracted = extractArticle(file, slug, front, tree);
  const { article, posts: planned } = planPosts(extracted, setup, options.channels, given);
  options.onPlanned?.(planned);
  const { captions, held, brandLines } = captionPosts(source, article, planned, setup);
  const edited = applyCaptionOverrides(planned, captions, given, setup.rules.rules);
  const shown = edited.posts.filter(
    (post) => !post.hidden && !held.has(post.channel) && edited.captions.has(post) && !edited.held.has(post),
  );
  const reviewed = reviewArticle(
    file,
    tree,
    article,
    shown,
    (post) => edited.captions.get(post),
    setup.rules,
    setup.brand,
    [...brandLines, ...edited.reviewed],
  );
  return { status: 'ok', article, ...withHidden(edited, reviewed, held) };
}

/** The posts the review kept, in posting order, with the hidden ones (never drawn) among them. */
function withHidden(edited: EditedCaptions, reviewed: Post[], held: Set<Channel>) {
  const kept = new Map(reviewed.map((post) => [post.id, post]));
  const posts = edited.posts.flatMap((post) => {
    if (post.hidden && !held.has(post.channel) && edited.captions.has(post)) return [post];
    const shown = kept.get(post.id);
    return shown ? [shown] : [];
  });
  const original = new Map(edited.posts.map((post) => [post.id, post]));
  const captions = new Map(posts.map((post) => [post, edited.captions.get(original.get(post.id)!)!]));
  return { posts, captions };
}

/** plan: the brand's campaign for each channel, as the editors changed it, with the disclosure line where a card needs it. */
function planPosts(article: Article, setup: AnalysisSetup, only: Channel[] | undefined, given: OverridesIn) {
  const channels = setup.brand.channels.filter((channel) => !only || only.includes(channel));
  const campaign = numberPosts(planCampaign(article, { ...setup.brand, channels }));
  const changed = applyPlanOverrides(article, campaign, given, setup.brand);
  const posts = withDisclosures(changed.posts, setup.rules, setup.brand.disclosureLine);
  return { article: changed.article, posts };
}

/**
 * caption: a caption per post, channel by channel. A channel whose captions cannot fit is
 * held back (its posts, not the whole article). The brand's own lines come back for the
 * review, which checks only the article's words.
 */
function captionPosts(source: ArticleFile, article: Article, planned: Post[], setup: AnalysisSetup) {
  const { file } = source;
  const { brand } = setup;
  const notices = noticesFor(article, setup.notices);
  const locate = articleLocator(String(file.value), file.path);
  const captions = new Map<Post, Caption>();
  const held = new Set<Channel>();
  for (const channel of new Set(planned.map((post) => post.channel))) {
    const posts = planned.filter((post) => post.channel === channel);
    const made = channelCaptions({
      article,
      brand,
      channel,
      posts,
      notices,
      locate,
      templates: setup.captionTemplates,
      spellings: setup.spellings,
      source: String(file.value),
    });
    for (const problem of made.problems) {
      report(file, problem.severity, problem.ruleId, problem.reason, problem.position, problem.hint);
    }
    if (made.problems.some((problem) => problem.severity === 'error')) held.add(channel);
    for (const [post, caption] of made.captions) captions.set(post, caption);
  }
  const support = notices.crisis ? brand.supportLine : '';
  const notice = article.notice ?? '';
  const brandLines = [notice || brand.disclaimer, notice ? '' : notices.offLabel, brand.cta, brand.linkInBio, support];
  return { captions, held, brandLines };
}

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
  /** assemble → stage: the PDF, contact sheet and video, then every file staged for the commit. */
  assemble(): Promise<MadeArticle>;
}

/** What making an article uses besides its source: the setup, the drawing context, the cache. */
export interface MakeContext {
  setup: Setup;
  render: RenderContext;
  /** The cache as this article sees it (write-only under --force), recording the keys it uses. */
  cache: CardCache;
  cacheKeys: Set<string>;
  options: BuildOptions;
}

/**
 * Every stage for one article; undefined for a draft. The drawing and assembling modules
 * (satori, resvg, sharp, pdf-lib, ffmpeg) load here, the first time pixels are needed, so
 * `check` and an up-to-date build never load them. An aborted signal stops between cards.
 */
export async function makeArticle(
  source: ArticleFile,
  key: string,
  made: MakeContext,
  progress?: CardProgress,
  signal?: AbortSignal,
): Promise<DrawnArticle | undefined> {
  const { layOutAhead } = await import('./render/batch.ts');
  let ahead: LayoutsAhead | undefined;
  const analysis = analyzeArticle(source, made.setup, {
    ...made.options,
    // The cards' layouts start on the layout thread while captions and review run here.
    onPlanned: (posts) => (ahead = layOutAhead(cardsToDraw(posts, made.options), made.render, made.cache)),
  });
  if (analysis.status === 'draft') return undefined;
  const drawn = await renderCards(source, analysis, made, { progress, signal, ahead });
  // A timed-out article fails; it depends on the clock, not only its inputs, so it is never up to date.
  const outcome =
    drawn.timedOut && analysis.status === 'ok'
      ? { status: 'failed' as const, title: analysis.article.title }
      : analysis;
  return {
    drawn: drawn.drawn,
    async assemble() {
      const [{ assembleArticle }, { writeFiles }] = await Promise.all([
        import('./assemble.ts'),
        import('./write/output.ts'),
      ]);
      const { options, setup, cache } = made;
      const assembled = await assembleArticle(source, outcome, drawn.cards, made.render, cache, {
        contactSheets: options.contactSheets,
        documents: options.documents,
        brand: setup.brand,
        signal,
      });
      const staged = await writeFiles(options.outDir, assembled.files);
      const files = assembled.files.map((file) => file.path);
      // Nor is one whose video could not be made (no ffmpeg), nor one still without its documents.
      const complete = options.documents && !drawn.timedOut && !assembled.lacksVideo;
      const fresh = complete ? { fresh: { key, cacheKeys: made.cacheKeys } } : {};
      return { entry: assembled.entry, files, staged, ...fresh };
    },
  };
}

/** The cards of the posts shown; without documents, no video is made, nor its slides drawn. */
function cardsToDraw(posts: Post[], options: BuildOptions): CardSpec[] {
  const shown = posts.filter((post) => !post.hidden && (options.documents || post.kind !== 'video'));
  return shown.flatMap((post) => post.images.map((image) => image.card));
}

/** render: each distinct card drawn once (or taken from the cache), within the article's time budget. */
async function renderCards(
  source: ArticleFile,
  analysis: Exclude<Analysis, { status: 'draft' }>,
  made: MakeContext,
  { progress, signal, ahead }: { progress?: CardProgress; signal?: AbortSignal; ahead?: LayoutsAhead | undefined },
): Promise<DrawnCards> {
  const { drawCards } = await import('./render/batch.ts');
  const { options } = made;
  const cards = analysis.status === 'ok' ? cardsToDraw(analysis.posts, options) : [];
  // Thumbnails are for contact sheets, which come with the documents (the preview draws its sheets from the files).
  const thumbnails = options.documents && options.contactSheets;
  const limits = {
    deadline: Date.now() + options.articleBudgetMs,
    thumbnails,
    ...(signal ? { signal } : {}),
    ...(ahead ? { ahead } : {}),
  };
  const drawn = await drawCards(cards, made.render, made.cache, progress, limits);
  if (drawn.timedOut) {
    const seconds = options.articleBudgetMs / 1000;
    report(
      source.file,
      'error',
      'article-timeout',
      `Unexpected drawing time over ${seconds} s, expected one article to draw within it`,
      { line: 1, column: 1 },
      'shorten the article or its number of channels; the cards drawn so far are cached for the next build',
    );
  }
  return drawn;
}
