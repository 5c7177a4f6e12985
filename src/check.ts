import { type BuildOptions, resolveOptions } from './config/options.ts';
import { analyzeArticle } from './pipeline.ts';
import { loadAnalysisSetup } from './setup/analysis.ts';
import { messagesOf } from './messages/report.ts';
import type { Analysis, ArticleEntry, Message } from './model.ts';
import type { ArticleFile } from './read/articles.ts';
import { readSources } from './read/sources.ts';

/** `check`: everything but pixels, for every selected article. */
export async function check(
  input: Partial<BuildOptions> = {},
): Promise<{ entries: ArticleEntry[]; warnings: Message[] }> {
  const options = resolveOptions(input);
  // The brand, rules and caption templates only: check loads no font, satori, resvg or sharp.
  const setup = await loadAnalysisSetup(options.templatesDir);
  const { sources } = await readSources(options);
  return {
    entries: sources.map((source) => entryWithoutImages(source, analyzeArticle(source, setup, options))),
    warnings: setup.brand.warnings,
  };
}

function entryWithoutImages(source: ArticleFile, analysis: Analysis): ArticleEntry {
  return {
    slug: source.slug,
    title:
      analysis.status === 'ok' ? analysis.article.title : analysis.status === 'failed' ? analysis.title : source.slug,
    source: source.file.path,
    status: analysis.status === 'failed' ? 'failed' : 'ok',
    messages: messagesOf(source.file, source.file.path),
    quotes: analysis.status === 'ok' ? analysis.article.quotes.map(({ text, origin }) => ({ text, origin })) : [],
    posts: [],
  };
}
