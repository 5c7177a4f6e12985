import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { stringify } from 'yaml';
import type { Imported } from './imported.ts';

const writer = unified()
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-', listItemIndent: 'one' })
  .freeze();

/** The article file for an import: front matter the schema accepts, then the body. */
export function toArticleMarkdown(imported: Imported, today: string): string {
  const front = {
    title: imported.title,
    ...(imported.subtitle ? { subtitle: imported.subtitle } : {}),
    // An import without a date gets today's, so the file is valid; the team corrects it.
    date: imported.date ?? today,
    tags: [],
    ...(imported.notice ? { notice: imported.notice } : {}),
    ...(imported.author ? { author: imported.author } : {}),
  };
  const tree: Root = {
    type: 'root',
    children: [{ type: 'yaml', value: stringify(front, { lineWidth: 0 }).trimEnd() }, ...imported.body],
  };
  return writer.stringify(tree);
}
