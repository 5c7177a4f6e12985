import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';

/** One article file as read from disk; everything after this stage is pure. */
export interface ArticleFile {
  slug: string;
  file: VFile;
}

/** The slugs of every `*.md` in `dir`, sorted so builds are deterministic. */
export async function listArticles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name.slice(0, -'.md'.length))
    .sort();
}

/** Reads an article; the file's path is relative to `cwd` so messages are clickable. */
export async function readArticle(dir: string, slug: string, cwd = process.cwd()): Promise<ArticleFile> {
  const absolute = path.join(dir, `${slug}.md`);
  const value = await readFile(absolute, 'utf8');
  return { slug, file: new VFile({ path: path.relative(cwd, absolute) || absolute, value }) };
}
