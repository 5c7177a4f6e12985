import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from '../messages/report.ts';
import type { Article, FrontMatter, Position, Stat } from '../model.ts';
import { type FrontText, frontMatterSources, frontMatterTexts, markupIn, withoutMarkup } from './front-texts.ts';
import { quotesOf } from './quotes.ts';
import { outlineOf } from './sections.ts';
import { statsOf } from './stats.ts';

/** Builds the article model from its front matter and Markdown tree; pure but for messages on `file`. */
export function extractArticle(file: VFile, slug: string, written: FrontMatter, tree: Root): Article {
  const front = withoutFrontMarkup(file, slug, written, frontMatterTexts(file, tree));
  const { intro, sections } = outlineOf(tree);
  const quotes = quotesOf(tree, { pinned: front.quotes, exclude: front.exclude, locate: locator(file) });
  checkImages(file, tree);
  if (sections.length === 0) {
    report(
      file,
      'warning',
      'no-sections',
      'Unexpected article without `##` headings, expected at least one section',
      { line: 1, column: 1 },
      'add `## Heading` lines; each section becomes a carousel slide',
    );
  }
  if (quotes.length === 0) {
    report(
      file,
      'warning',
      'no-quotes',
      'Unexpected article without a usable quote, expected a sentence of 8–30 words',
      { line: 1, column: 1 },
      'pin one in the front matter: `quotes: ["…"]`',
    );
  }
  return {
    slug,
    source: file.path,
    title: front.title,
    titleAt: front.titleAt,
    date: front.date,
    tags: front.tags,
    hashtags: front.hashtags,
    intro,
    sections,
    quotes,
    stats: statsWithSources(file, tree),
    ...(front.subtitle !== undefined ? { subtitle: front.subtitle } : {}),
    ...(front.url !== undefined ? { url: front.url } : {}),
    ...(front.channels !== undefined ? { channels: front.channels } : {}),
    ...(front.author !== undefined ? { author: front.author } : {}),
    ...(front.notice !== undefined ? { notice: front.notice } : {}),
  };
}

/** The body's figures with their sources; a `sources:` entry that is malformed or names no figure is a warning at its line. */
function statsWithSources(file: VFile, tree: Root): Stat[] {
  const { sources, wrong } = frontMatterSources(file, tree);
  const place = location(file);
  const at = (offset: number) => {
    const point = place.toPoint(offset);
    return { line: point?.line ?? 1, column: point?.column ?? 1 };
  };
  for (const offset of wrong) {
    report(
      file,
      'warning',
      'front-matter-sources',
      'Unexpected `sources:` entry, expected `"the figure\'s words": "where they come from"`',
      at(offset),
      'write e.g. sources: { "17% of women": "American Migraine Foundation, 2021" }',
    );
  }
  const stats = statsOf(tree, sources);
  for (const entry of sources) {
    if (stats.some((stat) => stat.sentence.toLowerCase().includes(entry.text.toLowerCase()))) continue;
    report(
      file,
      'warning',
      'front-matter-sources',
      `Unexpected source for “${entry.text}”, expected words of a figure in the article`,
      at(entry.offset),
      'copy the figure\'s words as the article writes them, e.g. "17% of women"',
    );
  }
  return stats;
}

/**
 * Markup in front-matter text is reported like raw HTML in the body and left out, so a
 * `<script>` in a title never reaches a caption, a card or an alt text.
 */
function withoutFrontMarkup(file: VFile, slug: string, front: FrontMatter, texts: FrontText[]): FrontMatter {
  const place = location(file);
  let found = false;
  for (const { key, text, offsets } of texts) {
    const pieces = markupIn(text);
    if (pieces.length === 0) continue;
    found = true;
    const point = place.toPoint(offsets[pieces[0]!.index] ?? 0);
    report(
      file,
      'warning',
      'raw-html',
      `Unexpected raw HTML in \`${key}\` (${pieces.map(({ markup }) => markup.slice(0, 30)).join(', ')}), expected plain text; it was left out`,
      { line: point?.line ?? 1, column: point?.column ?? 1 },
      'write plain text; HTML never reaches a post',
    );
  }
  if (!found) return front;
  const clean = (values: string[]) => values.map(withoutMarkup).filter(Boolean);
  const subtitle = front.subtitle === undefined ? undefined : withoutMarkup(front.subtitle);
  const author = front.author && {
    name: withoutMarkup(front.author.name),
    ...(front.author.bio !== undefined ? { bio: withoutMarkup(front.author.bio) } : {}),
  };
  const { subtitle: _subtitle, author: _author, ...rest } = front;
  return {
    ...rest,
    // A title that was nothing but markup falls back to the file's name, the way a failed article is named.
    title: withoutMarkup(front.title) || slug,
    quotes: clean(front.quotes),
    exclude: clean(front.exclude),
    tags: clean(front.tags),
    hashtags: clean(front.hashtags),
    ...(subtitle ? { subtitle } : {}),
    ...(author?.name ? { author } : {}),
  };
}

/** Where `text` first stands in the file, or its start when it is not there verbatim. */
function locator(file: VFile): (text: string) => Position {
  const place = location(file);
  const source = String(file.value);
  return (text) => {
    const point = place.toPoint(Math.max(0, source.indexOf(text)));
    return { line: point?.line ?? 1, column: point?.column ?? 1 };
  };
}

/** Images are never fetched or copied: a remote or out-of-folder one is only worth a warning. */
function checkImages(file: VFile, tree: Root): void {
  visit(tree, 'image', (node) => {
    const place = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if (/^[a-z][a-z0-9+.-]*:/i.test(node.url)) {
      report(
        file,
        'warning',
        'image-remote',
        `Unexpected remote image ${node.url}, expected a file beside the article`,
        place,
        'facet never downloads anything; save the image into articles/assets/',
      );
    } else if (node.url.startsWith('/') || node.url.split('/').includes('..')) {
      report(
        file,
        'warning',
        'image-path',
        `Unexpected image path ${node.url}, expected a path inside articles/`,
        place,
        'keep images in articles/assets/ and link them as assets/name.jpg',
      );
    }
  });
}
