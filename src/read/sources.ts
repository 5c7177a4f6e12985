import type { BuildOptions } from '../config/options.ts';
import { SetupError } from '../config/errors.ts';
import { type ArticleFile, listArticles, readArticle } from './articles.ts';

/**
 * The articles a build or check looks at (all, or the named ones) and the slugs of every
 * article in the folder; a named article that does not exist is a setup error with the choice.
 */
export async function readSources(options: BuildOptions): Promise<{ sources: ArticleFile[]; existing: Set<string> }> {
  const all = await listArticles(options.articlesDir);
  const existing = new Set(all);
  const unknown = options.slugs.filter((slug) => !existing.has(slug));
  if (unknown.length > 0) {
    throw new SetupError(
      `Expected articles named ${unknown.join(', ')} in ${options.articlesDir}/ but found none`,
      `choose from: ${all.join(', ') || '(no articles yet)'}`,
    );
  }
  const selected = options.slugs.length > 0 ? options.slugs : all;
  return { sources: await Promise.all(selected.map((slug) => readArticle(options.articlesDir, slug))), existing };
}
