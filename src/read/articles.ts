import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { report } from '../messages/report.ts';
import { sanitize } from './sanitize.ts';
import { readSidecar, type Sidecar } from './sidecar.ts';
import { isSlug } from './slug.ts';

/** One article file as read from disk; everything after this stage is pure. */
export interface ArticleFile {
  slug: string;
  file: VFile;
  /** `<slug>.posts.yaml`: the editors' overrides, when there are any. */
  sidecar?: Sidecar;
}

/** Larger than any real article by far (the seed is 4 KB); parsing more only risks a stall. */
const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** The slugs of every `*.md` in `dir`, sorted so builds are deterministic. */
export async function listArticles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.md'))
    .map((entry) => entry.name.slice(0, -'.md'.length))
    .sort();
}

/**
 * Reads an article; the file's path is relative to `cwd` so messages are clickable. A file
 * that cannot be an article (a symlink, a name that is no slug, too large) comes back with
 * an error on it and no text, so the rest of the build goes on.
 */
export async function readArticle(dir: string, slug: string, cwd = process.cwd()): Promise<ArticleFile> {
  const absolute = path.join(dir, `${slug}.md`);
  const file = new VFile({ path: path.relative(cwd, absolute) || absolute, value: '' });
  const start = { line: 1, column: 1 };
  const stat = await lstat(absolute);
  if (stat.isSymbolicLink()) {
    report(
      file,
      'error',
      'article-symlink',
      'Unexpected symbolic link, expected the article file itself',
      start,
      'copy the article into articles/; links could point anywhere on the machine',
    );
  } else if (!isSlug(slug)) {
    report(
      file,
      'error',
      'article-name',
      `Unexpected file name “${slug}.md”, expected lower-case words joined by hyphens`,
      start,
      `rename it, e.g. ${slugLike(slug)}.md`,
    );
  } else if (stat.size > MAX_ARTICLE_BYTES) {
    report(
      file,
      'error',
      'article-too-large',
      `Unexpected article of ${stat.size} bytes, expected at most ${MAX_ARTICLE_BYTES}`,
      start,
      'split it, or check that it is really the article text',
    );
  } else {
    file.value = await readFile(absolute, 'utf8');
    sanitize(file);
  }
  const sidecar = isSlug(slug) ? await readSidecar(dir, slug, cwd) : undefined;
  return { slug, file, ...(sidecar ? { sidecar } : {}) };
}

function slugLike(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'my-article'
  );
}
