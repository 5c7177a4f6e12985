import type { Root, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { YamlBlock } from './frontmatter.ts';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export interface ParsedMarkdown {
  tree: Root;
  yaml: YamlBlock | undefined;
}

/** CommonMark + GFM with a leading YAML block; the block is returned apart from the body. */
export function parseMarkdown(file: VFile): ParsedMarkdown {
  const tree = processor.parse(file);
  const first = tree.children[0];
  const yaml = first?.type === 'yaml' ? (first as Yaml) : undefined;
  return {
    tree,
    yaml: yaml ? { value: yaml.value, startLine: yaml.position?.start.line ?? 1 } : undefined,
  };
}
