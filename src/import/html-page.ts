import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { isNotice } from './cues.ts';
import { attribute, describe, findAll, findFirst, hasClass, type HastParent, namesOf, plainText } from './hast.ts';

/**
 * Where themes put the article's text, most specific first: Wix's post description,
 * schema.org's articleBody, WordPress's entry content, Squarespace's blog item content,
 * common "post content" names, Webflow's rich text block.
 */
const BODY_CONTAINERS: [string, (element: Element) => boolean][] = [
  ['Wix', (node) => attribute(node, 'dataHook') === 'post-description'],
  ['schema.org', (node) => attribute(node, 'itemProp') === 'articleBody'],
  ['WordPress', (node) => hasClass(node, 'entry-content')],
  ['Squarespace', (node) => hasClass(node, 'blog-item-content')],
  [
    'the theme',
    (node) =>
      ['post-content', 'post-body', 'article-content', 'article-body', 'blog-post-content'].some((name) =>
        hasClass(node, name),
      ),
  ],
  ['Webflow', (node) => hasClass(node, 'w-richtext')],
];

/** What is left out of a page, by what a reviewer would call it. */
const CHROME: [string, RegExp][] = [
  ['notice', /disclaimer/i],
  ['cookie banner', /cookie|consent|gdpr|cmplz|onetrust|termly|\bfs-cc\b/i],
  ['share buttons', /share|sharing|sharedaddy|jp-post-flair|addtoany|a2a_|social-(?:links|icons|buttons)/i],
  ['related posts', /related|recent-posts|more-posts|read-next|post-navigation|nav-links|pagination|w-dyn-list/i],
  ['comments', /comment|disqus|respond/i],
  ['navigation', /breadcrumb|\bw-nav\b|navbar|\bmenu\b|site-header|site-footer|skip-link|^navigation$|\bnavigation\b/i],
  ['newsletter form', /newsletter|subscribe|signup|mailchimp|mc4wp/i],
  ['post details', /entry-meta|post-meta|entry-footer|tags-links|cat-links|post-tags|blog-item-meta|byline|posted-on/i],
  ['call-to-action button', /\bw-button\b|wp-block-buttons?|sqs-block-button|\bbtn\b|\bbutton\b/i],
];

const DROPPED_TAGS: Record<string, string> = {
  nav: 'navigation',
  header: 'navigation',
  footer: 'navigation',
  aside: 'related posts',
  form: 'newsletter form',
  button: 'call-to-action button',
};
const NOISE_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'link',
  'meta',
  'input',
  'select',
  'textarea',
  'object',
  'embed',
  'canvas',
]);

export interface Page {
  /** The element holding the article, cleaned. */
  body: Element;
  /** Which theme's container it was, as the guess says it: `<div class="entry-content">` (WordPress). */
  container: string;
  /** What was left out: "share buttons" → 2. */
  dropped: Map<string, number>;
  /** A site-wide notice or disclaimer found outside the body. */
  notice?: string;
}

export function articleOf(page: HastRoot): Page {
  const found = bodyContainer(page);
  const dropped = new Map<string, number>();
  const body = cleaned(found.element, dropped, found.element);
  const notice = pageNotice(page, found.element);
  return { body, container: found.label, dropped, ...(notice ? { notice } : {}) };
}

function bodyContainer(page: HastRoot): { element: Element; label: string } {
  for (const [theme, test] of BODY_CONTAINERS) {
    const candidates = findAll(page, test).filter((element) => !chromeKind(element));
    // A page can hold several (a Webflow author bio is rich text too): the article is the longest.
    const longest = candidates.sort((a, b) => plainText(b).length - plainText(a).length)[0];
    if (longest && plainText(longest).length > 0) return { element: longest, label: `${describe(longest)} (${theme})` };
  }
  for (const tag of ['article', 'main']) {
    const element = findFirst(page, (node) => node.tagName === tag);
    if (element) return { element, label: `<${tag}>` };
  }
  const body = findFirst(page, (node) => node.tagName === 'body');
  return {
    element: body ?? { type: 'element', tagName: 'div', properties: {}, children: page.children as ElementContent[] },
    label: '<body>',
  };
}

/** The kind of site furniture an element is, by its tag or the names its theme gave it. */
function chromeKind(element: Element): string | undefined {
  if (DROPPED_TAGS[element.tagName]) return DROPPED_TAGS[element.tagName];
  if (attribute(element, 'role') === 'navigation') return 'navigation';
  if (attribute(element, 'role') === 'dialog' || attribute(element, 'role') === 'alertdialog') return 'cookie banner';
  const names = namesOf(element);
  if (!names) return undefined;
  return CHROME.find(([, pattern]) => pattern.test(names))?.[0];
}

function isHidden(element: Element): boolean {
  return (
    element.properties.hidden === true ||
    attribute(element, 'ariaHidden') === 'true' ||
    hasClass(element, 'screen-reader-text') ||
    hasClass(element, 'sr-only')
  );
}

/** The body without site furniture; each piece left out is counted by kind. */
function cleaned(element: Element, dropped: Map<string, number>, root: Element): Element {
  const children: ElementContent[] = [];
  for (const child of element.children) {
    if (child.type === 'comment') continue;
    if (child.type !== 'element') {
      children.push(child);
      continue;
    }
    if (NOISE_TAGS.has(child.tagName) || isHidden(child)) continue;
    const kind = child === root ? undefined : chromeKind(child);
    if (kind) {
      dropped.set(kind, (dropped.get(kind) ?? 0) + 1);
      continue;
    }
    children.push(cleaned(child, dropped, root));
  }
  return { ...element, children };
}

/** A disclaimer the theme names as one, or a `*` notice paragraph outside the article's body. */
function pageNotice(page: HastRoot, body: Element): string | undefined {
  const named = findFirst(page, (node) => /disclaimer/i.test(namesOf(node)) && plainText(node).length > 0);
  if (named) return plainText(named);
  const outside = findAll(
    page,
    (node) => node.tagName === 'p' && /^\*\S/.test(plainText(node)) && isNotice(plainText(node)),
  );
  return outside.find((node) => !contains(body, node))
    ? plainText(outside.find((node) => !contains(body, node))!)
    : undefined;
}

function contains(parent: HastParent, target: Element): boolean {
  return parent === target || findFirst(parent, (node) => node === target) !== undefined;
}

/** The theme's author box ("About the author"): the name in its heading, the bio in its paragraphs. */
export function authorBox(page: HastRoot): { name: string; bio: string } | undefined {
  const box = findFirst(page, (node) =>
    /author-bio|about-author|author-info|author-box|blog-author|authorbox/i.test(namesOf(node)),
  );
  if (!box) return undefined;
  const heading = findFirst(
    box,
    (node) => /^h[2-6]$/.test(node.tagName) || node.tagName === 'strong' || /author-(?:title|name)/.test(namesOf(node)),
  );
  const name = heading ? plainText(heading).replace(/^(?:about|written by|by)\s+/i, '') : '';
  const bio = findAll(box, (node) => node.tagName === 'p')
    .map(plainText)
    .filter((text) => text && text !== name)
    .join('\n\n');
  return name && bio && name.split(/\s+/).length <= 6 ? { name, bio } : undefined;
}
