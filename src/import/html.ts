import type { Element, Root as HastRoot } from 'hast';
import type { Root, RootContent } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { unified } from 'unified';
import { authorAtEnd } from './author.ts';
import { isCallToActionButton, isCredit, isNotice, noticeText } from './cues.ts';
import { dateOfLine } from './dates.ts';
import { findAll, plainText } from './hast.ts';
import { dateOf, descriptionOf, jsonLdFacts, titleOf } from './html-meta.ts';
import { articleOf, authorBox } from './html-page.ts';
import { type Guess, type Imported, noticeGuess } from './imported.ts';
import { sameText } from './shape.ts';

const parser = unified().use(rehypeParse);
const CREDIT_NOTE = 'a footnote, never a quote or a stat';

/**
 * A saved web page → article parts: the theme's article container (WordPress, Squarespace,
 * Wix, Webflow, else `<article>` or `<main>`) without navigation, cookie banners, share
 * buttons, related posts or comments; the title, date and subtitle from the page's markup.
 */
export async function importHtml(html: string): Promise<Imported | undefined> {
  const page = parser.parse(html) as HastRoot;
  const facts = jsonLdFacts(page);
  const article = articleOf(page);
  const title = titleOf(page, article.body, facts);
  if (!title) return undefined;
  const guesses: Guess[] = [
    {
      ruleId: 'import-title',
      reason: `Took the title from ${title.from}`,
      at: { key: 'title' },
      hint: 'check the title; it also names the file',
    },
  ];
  const date = dateOf(page, facts);
  if (date) guesses.push({ ruleId: 'import-date', reason: `Took the date from ${date.from}`, at: { key: 'date' } });
  if (facts.unreadable > 0)
    guesses.push({
      ruleId: 'import-json-ld',
      reason: `Skipped ${facts.unreadable} JSON-LD block${facts.unreadable === 1 ? '' : 's'} that did not parse`,
      at: { key: 'date' },
    });
  // Dates printed in the body ("September 10, 2024") became front matter.
  const printedDates = findAll(
    article.body,
    (node) => node.tagName === 'time' && dateOfLine(plainText(node)) !== undefined,
  );
  // A quote's caption names who said it: the attribution, not a figure credit.
  const attributions = findAll(
    article.body,
    (node) => node.tagName === 'figure' && findAll(node, (inner) => inner.tagName === 'blockquote').length > 0,
  ).flatMap((figure) => findAll(figure, (node) => node.tagName === 'figcaption'));
  if (attributions.length > 0) article.dropped.set('quote attribution', attributions.length);
  const blocks = await toBlocks(
    withoutElements(article.body, [title.element, date?.element, ...printedDates, ...attributions]),
  );
  guesses.push(containerGuess(article.container, article.dropped));
  const post = afterwards(blocks, title.value);
  guesses.push(...post.guesses);
  const box = post.author ? undefined : authorBox(page);
  if (box)
    guesses.push({
      ruleId: 'import-author',
      reason: `Took the page's author box ("${box.name}") as the author's name and bio`,
      at: { key: 'author' },
    });
  const author = post.author ?? box;
  const description = descriptionOf(page, facts, title.value);
  const subtitle = description && !repeatsOpening(description.value, post.body) ? description : undefined;
  if (subtitle)
    guesses.push({
      ruleId: 'import-subtitle',
      reason: `Took ${subtitle.from} as the subtitle`,
      at: { key: 'subtitle' },
    });
  const notice = post.notice ?? (article.notice ? noticeText(article.notice) : undefined);
  if (notice) guesses.push(noticeGuess('of the page'));
  return {
    title: title.value,
    ...(subtitle ? { subtitle: subtitle.value } : {}),
    ...(date ? { date: date.value } : {}),
    ...(notice ? { notice } : {}),
    ...(author ? { author } : {}),
    body: post.body,
    guesses,
  };
}

function containerGuess(container: string, dropped: Map<string, number>): Guess {
  const left = [...dropped]
    .filter(([kind]) => kind !== 'notice')
    .map(([kind, count]) => (count > 1 ? `${kind} (${count})` : kind));
  return {
    ruleId: 'import-container',
    reason: `Read the article from ${container}${left.length > 0 ? `; left out ${left.join(', ')}` : ''}`,
    at: { block: 0 },
    hint: 'compare the body with the page: nothing of the article should be missing',
  };
}

/** The body element without the title and date elements, which became front matter. */
function withoutElements(element: Element, drop: (Element | undefined)[]): Element {
  return {
    ...element,
    children: element.children
      .filter((child) => !(child.type === 'element' && drop.includes(child)))
      .map((child) => (child.type === 'element' ? withoutElements(child, drop) : child)),
  };
}

async function toBlocks(body: Element): Promise<RootContent[]> {
  let credits = 0;
  const toMarkdown = unified().use(rehypeRemark, {
    handlers: {
      // A figure's caption is its credit: a footnote, never a quote or a stat.
      figcaption: (state, node) => {
        credits += 1;
        const children = state.all(node).filter((child) => child.type !== 'break');
        return {
          type: 'footnoteDefinition',
          identifier: `credit-${credits}`,
          label: `credit-${credits}`,
          children: [{ type: 'paragraph', children: children as never }],
        };
      },
      // A quote's attribution is not part of the quote.
      cite: () => undefined,
    },
  });
  const tree = (await toMarkdown.run({ type: 'root', children: [body] } as HastRoot)) as Root;
  return tree.children
    .filter((node) => node.type !== 'html' && !isEmpty(node))
    .map((node) => (node.type === 'heading' && node.depth === 1 ? { ...node, depth: 2 as const } : node));
}

function isEmpty(node: RootContent): boolean {
  if (node.type !== 'paragraph') return false;
  return node.children.every((child) => child.type === 'break' || (child.type === 'text' && child.value.trim() === ''));
}

interface After {
  body: RootContent[];
  guesses: Guess[];
  notice?: string;
  author?: { name: string; bio: string };
}

/** The blocks less a repeated title, a notice at either end, buttons and the author's bio; credits marked. */
function afterwards(blocks: RootContent[], title: string): After {
  const guesses: Guess[] = [];
  let rest = [...blocks];
  const repeated = rest.slice(0, 3).findIndex((node) => node.type === 'heading' && sameText(plain(node), title));
  if (repeated !== -1) {
    rest.splice(repeated, 1);
    guesses.push({
      ruleId: 'import-left-out',
      reason: 'Left out the title repeated as the first heading',
      at: { key: 'title' },
    });
  }
  let notice: string | undefined;
  for (const index of [0, rest.length - 1]) {
    const node = rest[index];
    if (!notice && node?.type === 'paragraph' && isNotice(plain(node))) {
      notice = noticeText(plain(node));
      rest.splice(index, 1);
    }
  }
  const lines = rest.map((node) => (node.type === 'heading' || node.type === 'paragraph' ? plain(node) : '\u0000'));
  const found = authorAtEnd(lines);
  if (found) {
    rest = rest.slice(0, -found.lines);
    guesses.push({
      ruleId: 'import-author',
      reason: `Took the closing "${found.author.name}" and the paragraph after it as the author's name and bio`,
      at: { key: 'author' },
    });
  }
  const body: RootContent[] = [];
  let credit = 0;
  for (const node of rest) {
    const text = node.type === 'paragraph' ? plain(node) : '';
    if (text && isCallToActionButton(text)) {
      guesses.push({
        ruleId: 'import-left-out',
        reason: `Left out the button ${JSON.stringify(text)}`,
        at: { block: body.length },
        hint: "captions carry brand.yaml's `cta`",
      });
      continue;
    }
    if (node.type === 'footnoteDefinition' || (text && isCredit(text) && node.type === 'paragraph')) {
      credit += 1;
      body.push(
        node.type === 'footnoteDefinition'
          ? { ...node, identifier: `credit-${credit}`, label: `credit-${credit}` }
          : { type: 'footnoteDefinition', identifier: `credit-${credit}`, label: `credit-${credit}`, children: [node] },
      );
      guesses.push({
        ruleId: 'import-credit',
        reason: `Kept ${JSON.stringify(short(plainOf(body.at(-1)!)))} as a figure credit (${CREDIT_NOTE})`,
        at: { block: body.length - 1 },
      });
      continue;
    }
    body.push(node);
  }
  return { body, guesses, ...(notice ? { notice } : {}), ...(found ? { author: found.author } : {}) };
}

function repeatsOpening(description: string, body: RootContent[]): boolean {
  const first = body.find((node) => node.type === 'paragraph');
  const start = description.replace(/(?:…|\.\.\.)$/, '').trim();
  return first !== undefined && plain(first).startsWith(start.slice(0, Math.min(start.length, 80)));
}

function plain(node: RootContent): string {
  return plainOf(node).replace(/\s+/g, ' ').trim();
}

function plainOf(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainOf).join('');
  return '';
}

function short(text: string): string {
  const value = text.replace(/\s+/g, ' ').trim();
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
