import type { Element, Root as HastRoot } from 'hast';
import { dateOfLine } from './dates.ts';
import { attribute, classesOf, describe, findAll, findFirst, hasClass, plainText, textOf } from './hast.ts';

/** What a page says about its article outside the body: JSON-LD, meta tags, `<time>`. */
export interface PageFacts {
  headline?: string;
  datePublished?: string;
  description?: string;
  /** A JSON-LD block that did not parse: reported, never fatal. */
  unreadable: number;
}

const ARTICLE_TYPES = new Set([
  'Article',
  'BlogPosting',
  'NewsArticle',
  'MedicalWebPage',
  'MedicalScholarlyArticle',
  'Report',
]);

/** JSON-LD `Article`/`BlogPosting` facts, from a single object, a list or an `@graph`. */
export function jsonLdFacts(page: HastRoot): PageFacts {
  const facts: PageFacts = { unreadable: 0 };
  for (const script of findAll(
    page,
    (node) => node.tagName === 'script' && attribute(node, 'type') === 'application/ld+json',
  )) {
    let data: unknown;
    try {
      data = JSON.parse(textOf(script));
    } catch {
      facts.unreadable += 1;
      continue;
    }
    for (const item of objectsOf(data)) {
      const types = ([] as unknown[]).concat(item['@type']);
      if (!types.some((type) => typeof type === 'string' && ARTICLE_TYPES.has(type))) continue;
      if (typeof item.headline === 'string' && !facts.headline) facts.headline = item.headline.trim();
      if (typeof item.datePublished === 'string' && !facts.datePublished) facts.datePublished = item.datePublished;
      if (typeof item.description === 'string' && !facts.description) facts.description = item.description.trim();
    }
  }
  return facts;
}

function objectsOf(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.flatMap(objectsOf);
  if (!data || typeof data !== 'object') return [];
  const item = data as Record<string, unknown>;
  return [item, ...objectsOf(item['@graph'])];
}

function metaContent(page: HastRoot, name: string): string | undefined {
  const meta = findFirst(
    page,
    (node) =>
      node.tagName === 'meta' &&
      (node.properties.name === name || node.properties.property === name || attribute(node, 'itemProp') === name),
  );
  const content = meta?.properties.content;
  return typeof content === 'string' && content.trim() ? content.trim() : undefined;
}

/** A found value and where it came from, for the guess that reports it. */
export interface Sourced {
  value: string;
  from: string;
  element?: Element;
}

/** The article's title: the theme's title element, then any `<h1>`, JSON-LD, og:title, `<title>`. */
export function titleOf(page: HastRoot, scope: HastRoot | Element, facts: PageFacts): Sourced | undefined {
  const themed = findFirst(
    page,
    (node) =>
      attribute(node, 'dataHook') === 'post-title' ||
      (/^h[1-3]$/.test(node.tagName) &&
        (hasClass(node, 'entry-title') ||
          hasClass(node, 'post-title') ||
          hasClass(node, 'BlogItem-title') ||
          attribute(node, 'itemProp') === 'headline')),
  );
  const h1 =
    themed ?? findFirst(scope, (node) => node.tagName === 'h1') ?? findFirst(page, (node) => node.tagName === 'h1');
  if (h1 && plainText(h1)) return { value: plainText(h1), from: describe(h1), element: h1 };
  if (facts.headline) return { value: facts.headline, from: 'JSON-LD `headline`' };
  const og = metaContent(page, 'og:title');
  if (og) return { value: og, from: '`og:title`' };
  const title = findFirst(page, (node) => node.tagName === 'title');
  // "Ketamine for Migraines | Clarus Health": the part before the site's name.
  const text = title
    ? plainText(title)
        .split(/\s+[|–—·-]\s+/)[0]!
        .trim()
    : '';
  return text ? { value: text, from: '`<title>`' } : undefined;
}

/** The publication date: JSON-LD `datePublished`, `article:published_time`, then the page's `<time>`. */
export function dateOf(page: HastRoot, facts: PageFacts): Sourced | undefined {
  const candidates: [string | undefined, string, Element?][] = [
    [facts.datePublished, 'JSON-LD `datePublished`'],
    [metaContent(page, 'article:published_time'), '`article:published_time`'],
    [metaContent(page, 'datePublished'), '`itemprop="datePublished"`'],
  ];
  // Themes without `<time>` (Webflow's) print the date in an element named for it.
  const times = findAll(
    page,
    (node) =>
      node.tagName === 'time' ||
      attribute(node, 'dataHook') === 'time-ago' ||
      (classesOf(node).some((name) => /(?:^|[-_])date(?:$|[-_])/i.test(name)) && plainText(node).length < 40),
  );
  // A theme marks the publication time "published" or "dt-published"; an "updated" time comes second.
  times.sort((a, b) => publishedRank(b) - publishedRank(a));
  for (const time of times) {
    candidates.push(
      [attribute(time, 'dateTime'), describe(time), time],
      [attribute(time, 'title'), describe(time), time],
      [plainText(time), describe(time), time],
    );
  }
  for (const [value, from, element] of candidates) {
    const date = value ? (dateOfLine(value.slice(0, 10)) ?? dateOfLine(value)) : undefined;
    if (date) return { value: date, from, ...(element ? { element } : {}) };
  }
  return undefined;
}

function publishedRank(time: Element): number {
  const names = classesOf(time).join(' ');
  if (/published|dt-published/.test(names) || attribute(time, 'itemProp') === 'datePublished') return 2;
  return /updated|modified/.test(names) ? 0 : 1;
}

/** The page's one-line description, when it is short enough to stand under the title. */
export function descriptionOf(page: HastRoot, facts: PageFacts, title: string): Sourced | undefined {
  const candidates: [string | undefined, string][] = [
    [metaContent(page, 'description'), "the page's meta description"],
    [metaContent(page, 'og:description'), '`og:description`'],
    [facts.description, 'JSON-LD `description`'],
  ];
  for (const [value, from] of candidates) {
    // SEO plugins often start the description with the title: "Title: what it is about".
    const text = value?.replace(/\s+/g, ' ').trim();
    const own =
      text && text.toLowerCase().startsWith(`${title.toLowerCase()}:`) ? text.slice(title.length + 1).trim() : text;
    if (own && own.length <= 300) return { value: own, from };
  }
  return undefined;
}
