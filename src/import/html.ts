import type { Element, Root as HastRoot } from 'hast';
import type { Root, RootContent } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { unified } from 'unified';
import { calendarDateOf } from '../parse/dates.ts';
import type { Imported } from './imported.ts';
import { authorAtEnd } from './text.ts';

const parser = unified().use(rehypeParse);
const toMarkdown = unified().use(rehypeRemark);

/**
 * A saved web page → article parts. The article body is `<article>` or `<main>` when the page
 * has one (leaving out navigation and footers); the title is its `<h1>`, the date a `<time>`
 * or `article:published_time`, the subtitle the page's description.
 */
export async function importHtml(html: string): Promise<Imported> {
  const page = parser.parse(html) as HastRoot;
  const body = findFirst(page, (node) => node.tagName === 'article') ?? findFirst(page, (node) => node.tagName === 'main') ?? findFirst(page, (node) => node.tagName === 'body') ?? page;
  const h1 = findFirst(body, (node) => node.tagName === 'h1') ?? findFirst(page, (node) => node.tagName === 'h1');
  const title = (h1 ? textOf(h1) : textOf(findFirst(page, (node) => node.tagName === 'title') ?? page)).trim() || 'Untitled';
  const date = dateOf(page);
  const subtitle = metaContent(page, 'description');
  const time = findFirst(body, (node) => node.tagName === 'time');
  const dropped = new Set([h1, time, time && enclosingParagraph(body, time)].filter((node): node is Element => node !== undefined));
  const cleaned = withoutTags(body.type === 'root' ? { type: 'element', tagName: 'div', properties: {}, children: body.children as Element['children'] } : body, dropped);
  const tree = (await toMarkdown.run({ type: 'root', children: [cleaned] } as HastRoot)) as Root;
  const blocks = tree.children.filter((node) => node.type !== 'html') as RootContent[];
  const author = authorFromBlocks(blocks);
  return { title, ...(subtitle ? { subtitle } : {}), ...(date ? { date } : {}), ...(author ? { author: author.author } : {}), body: author ? blocks.slice(0, -author.count) : blocks };
}

type Node = HastRoot | Element;

function findFirst(node: Node, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

function textOf(node: Node): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}

/** The `<p>` that holds nothing but `time`, as pages print the date: it becomes front matter. */
function enclosingParagraph(root: Node, time: Element): Element | undefined {
  return findFirst(root, (node) => node.tagName === 'p' && node.children.includes(time) && textOf(node).trim() === textOf(time).trim());
}

/** The page minus what became front matter (`dropped`) and anything that is not content. */
function withoutTags(node: Element, dropped: ReadonlySet<Element>): Element {
  const skip = new Set(['script', 'style', 'nav', 'header', 'footer', 'aside', 'form', 'noscript', 'template', 'iframe']);
  return {
    ...node,
    children: node.children
      .filter((child) => !(child.type === 'element' && (dropped.has(child) || skip.has(child.tagName))))
      .map((child) => (child.type === 'element' ? withoutTags(child, dropped) : child)),
  };
}

function metaContent(page: HastRoot, name: string): string | undefined {
  const meta = findFirst(page, (node) => node.tagName === 'meta' && (node.properties.name === name || node.properties.property === name));
  const content = meta?.properties.content;
  return typeof content === 'string' && content.trim() ? content.trim() : undefined;
}

function dateOf(page: HastRoot): string | undefined {
  const published = metaContent(page, 'article:published_time');
  const time = findFirst(page, (node) => node.tagName === 'time');
  const candidates = [published, typeof time?.properties.dateTime === 'string' ? time.properties.dateTime : undefined, time ? textOf(time) : undefined];
  for (const candidate of candidates) {
    const date = candidate ? calendarDateOf(candidate) : undefined;
    if (date) return date;
  }
  return undefined;
}

/** The closing "Name MD" heading or paragraph and the bio after it, as in the plain-text import. */
function authorFromBlocks(blocks: RootContent[]): { author: { name: string; bio: string }; count: number } | undefined {
  const lines = blocks.map((block) => (block.type === 'heading' || block.type === 'paragraph' ? plain(block) : '\u0000'));
  const found = authorAtEnd(lines);
  return found ? { author: found.author, count: found.lines } : undefined;
}

function plain(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plain).join('');
  return '';
}
