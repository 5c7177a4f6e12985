import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { alignOffsets, blankMarkup, type FrontText } from '../extract/front-texts.ts';

/** A run of the article's words: a front-matter value, a paragraph, a heading, a cell or an image's alt text. */
export interface ArticleText {
  text: string;
  /** Source offset in the article of each UTF-16 unit of `text`. */
  offsets: number[];
}

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Every word the article shows a reader, each mapped to its place: the front matter's text
 * (markup blanked out, it is reported apart) and the body's blocks and alt texts.
 */
export function articleTexts(file: VFile, tree: Root, front: FrontText[]): ArticleText[] {
  const source = String(file.value);
  const texts: ArticleText[] = front.map(({ text, offsets }) => ({ text: blankMarkup(text), offsets }));
  visit(tree, (node) => {
    if (BLOCKS.has(node.type)) {
      texts.push(blockText(source, node));
      return 'skip';
    }
    return undefined;
  });
  visit(tree, 'image', (node) => {
    const raw = slice(source, node);
    if (node.alt && raw) texts.push({ text: node.alt, offsets: alignOffsets(node.alt, raw.text, raw.start) });
  });
  return texts.filter(({ text }) => text.trim() !== '');
}

/** A block's visible words (images are texts of their own), each character at its place in the source. */
function blockText(source: string, block: Nodes): ArticleText {
  let text = '';
  const offsets: number[] = [];
  const add = (value: string, at: number[]) => {
    text += value;
    offsets.push(...at);
  };
  const walk = (node: Nodes) => {
    const raw = slice(source, node);
    if (node.type === 'text' || node.type === 'inlineCode') {
      if (raw) add(node.value, alignOffsets(node.value, raw.text, raw.start));
    } else if (node.type === 'break') {
      add(' ', [raw?.start ?? offsets.at(-1) ?? 0]);
    } else if (node.type !== 'image' && 'children' in node) {
      for (const child of node.children) walk(child as Nodes);
    }
  };
  walk(block);
  return { text, offsets };
}

function slice(source: string, node: Nodes): { text: string; start: number } | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { text: source.slice(start, end), start };
}
