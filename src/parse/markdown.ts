import type { Root, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { remove } from 'unist-util-remove';
import { report } from '../messages/report.ts';
import type { YamlBlock } from './frontmatter.ts';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export interface ParsedMarkdown {
  tree: Root;
  yaml: YamlBlock | undefined;
}

/**
 * CommonMark + GFM with a leading YAML block; the block is returned apart from the body. Raw
 * HTML is dropped (with a warning): a post is text, and script or markup must never reach it.
 */
export function parseMarkdown(file: VFile): ParsedMarkdown {
  const tree = processor.parse(file);
  dropRawHtml(file, tree);
  const first = tree.children[0];
  const yaml = first?.type === 'yaml' ? (first as Yaml) : undefined;
  return {
    tree,
    yaml: yaml ? { value: yaml.value, startLine: yaml.position?.start.line ?? 1 } : undefined,
  };
}

function dropRawHtml(file: VFile, tree: Root): void {
  let first: { line: number; column: number } | undefined;
  let count = 0;
  remove(tree, (node) => {
    if (node.type !== 'html') return false;
    count += 1;
    first ??= { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    return true;
  });
  if (first) {
    report(
      file,
      'warning',
      'raw-html',
      `Unexpected raw HTML (${count} piece${count === 1 ? '' : 's'}), expected Markdown; it was left out`,
      first,
      'write it as Markdown; HTML never reaches a post',
    );
  }
}
