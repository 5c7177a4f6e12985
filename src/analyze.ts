import { CHANNELS, type Channel } from './channels/platforms.ts';
import { channelCaptions } from './caption/channel.ts';
import { noticesFor } from './caption/notices.ts';
import { articleLocator } from './caption/origins.ts';
import type { Setup } from './setup/setup.ts';
import { extractArticle } from './extract/article.ts';
import { hasErrors, report } from './messages/report.ts';
import type { Article, Caption, Post } from './model.ts';
import { parseFrontMatter } from './parse/frontmatter.ts';
import { parseMarkdown } from './parse/markdown.ts';
import { planCampaign } from './plan/campaign.ts';
import { reviewArticle, withDisclosures } from './review/review.ts';
import type { ArticleFile } from './read/articles.ts';

export type Analysis =
  | { status: 'ok'; article: Article; posts: Post[]; captions: Map<Post, Caption> }
  | { status: 'failed'; title: string }
  | { status: 'draft' };

/**
 * Everything but pixels for one article: parse → extract → plan → caption. Problems are
 * messages on the article's file; an error in them makes the analysis `failed`.
 */
export function analyzeArticle(source: ArticleFile, setup: Setup, options: { channels?: Channel[] | undefined; drafts: boolean }): Analysis {
  if (hasErrors(source.file)) return { status: 'failed', title: source.slug };
  try {
    return analyzeText(source, setup, options);
  } catch (error) {
    // Whatever a hostile file does to a parser, it fails this article only.
    const deep = error instanceof RangeError;
    report(source.file, 'error', 'article-unreadable', deep ? 'Unexpected nesting too deep to read, expected ordinary Markdown' : `Unexpected failure reading the article: ${(error as Error).message}`,
      { line: 1, column: 1 }, deep ? 'flatten the nested quotes or lists' : 'this is a bug in facet; please report it with the article');
    return { status: 'failed', title: source.slug };
  }
}

function analyzeText(source: ArticleFile, setup: Setup, options: { channels?: Channel[] | undefined; drafts: boolean }): Analysis {
  const { file, slug } = source;
  const { tree, yaml } = parseMarkdown(file);
  const front = parseFrontMatter(file, yaml, CHANNELS);
  if (!front || hasErrors(file)) return { status: 'failed', title: front?.title ?? slug };
  if (front.draft && !options.drafts) return { status: 'draft' };
  const article = extractArticle(file, slug, front, tree);
  const channels = setup.brand.channels.filter((channel) => !options.channels || options.channels.includes(channel));
  const planned = withDisclosures(planCampaign(article, { ...setup.brand, channels }), setup.rules, setup.brand.disclosureLine);
  const notices = noticesFor(article, setup.notices);
  const locate = articleLocator(String(file.value), file.path);
  const captions = new Map<Post, Caption>();
  const held = new Set<Channel>();
  for (const channel of new Set(planned.map((post) => post.channel))) {
    const posts = planned.filter((post) => post.channel === channel);
    const made = channelCaptions({ article, brand: setup.brand, channel, posts, templates: setup.captionTemplates, notices, spellings: setup.spellings, locate, source: String(file.value) });
    for (const problem of made.problems) report(file, problem.severity, problem.ruleId, problem.reason, problem.position, problem.hint);
    // A caption that cannot fit holds back its channel's posts, not the whole article.
    if (made.problems.some((problem) => problem.severity === 'error')) held.add(channel);
    for (const [post, caption] of made.captions) captions.set(post, caption);
  }
  const { brand } = setup;
  const brandLines = [article.notice ?? brand.disclaimer, notices.offLabel, brand.cta, brand.linkInBio, notices.crisis ? brand.supportLine : ''];
  const posted = planned.filter((post) => !held.has(post.channel) && captions.has(post));
  const reviewed = reviewArticle(file, tree, article, posted, (post) => captions.get(post), setup.rules, brand, brandLines);
  return { status: 'ok', article, posts: reviewed, captions };
}
