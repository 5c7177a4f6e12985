import { sentencesOf } from '../extract/text.ts';
import type { Article, Position, Post, Quote, Section, Stat } from '../model.ts';
import { type TopSection, topSections } from '../plan/outline.ts';
import { keySentence } from '../plan/points.ts';
import { normalize } from '../extract/text.ts';
import { isCallToAction, sentenceScore } from '../extract/quotes.ts';

/** Words from the article and where they stand, before any template. */
export interface Sourced {
  text: string;
  position: Position;
}

/** What one post carries besides the article's own title, intro and outline. */
export interface PostContent {
  quote?: Quote;
  stat?: Stat;
  /** The heading of the section the quote or stat stands in. */
  section?: Section;
  /** The sentence after the quote or stat (else the one before), to give it its context. */
  context?: Sourced;
  /** A sentence of the stat's paragraph that says where the figure comes from. */
  source?: Sourced;
}

/** The quote or stat a post's card shows, with the section and sentences around it. */
export function contentOf(article: Article, post: Post): PostContent {
  const data = post.images[0]?.card.data ?? {};
  if (post.kind === 'quote') {
    const quote = article.quotes.find((candidate) => candidate.text === data.quote);
    if (!quote) return {};
    const section = sectionHolding(article, quote.text) ?? sectionAt(article, quote.position.line);
    return {
      quote,
      ...(section ? { section } : {}),
      ...optional('context', section && neighbour(section, quote.text)),
    };
  }
  if (post.kind === 'stat') {
    const stat = article.stats.find((candidate) => candidate.sentence === data.sentence);
    if (!stat) return {};
    const section = sectionAt(article, stat.position.line);
    const paragraphs = section ? section.paragraphs : article.intro;
    return {
      stat,
      ...(section ? { section } : {}),
      ...optional('context', neighbour({ paragraphs, position: stat.position }, stat.sentence)),
      ...optional('source', sourceOf(paragraphs, stat)),
    };
  }
  return {};
}

/** The section (any depth) whose paragraphs hold `text`: a pinned quote's position may be the front matter's. */
function sectionHolding(article: Article, text: string): Section | undefined {
  const key = normalize(text);
  return article.sections.find((section) => section.paragraphs.some((paragraph) => normalize(paragraph).includes(key)));
}

/** The section (any depth) whose heading is the last one before `line`. */
function sectionAt(article: Article, line: number): Section | undefined {
  return article.sections.findLast((section) => section.position.line <= line);
}

/**
 * The sentence after `text` in its paragraph, else the one before; for a paragraph of its own
 * (a pull quote), the last sentence of the paragraph before it, else the first of the next.
 */
function neighbour(section: Pick<Section, 'paragraphs' | 'position'>, text: string): Sourced | undefined {
  const key = normalize(text);
  const paragraphs = section.paragraphs.map((paragraph) => sentencesOf(paragraph).map((sentence) => sentence.text));
  const at = paragraphs.findIndex((sentences) =>
    sentences.some((sentence) => normalize(sentence).includes(key) || key.includes(normalize(sentence))),
  );
  // The article's call to action ("Schedule a free consultation…") would open the post as an advert.
  const usable = (sentence: string | undefined) =>
    sentence && !sentence.endsWith(':') && !isCallToAction(sentence) && normalize(sentence) !== key
      ? sentence
      : undefined;
  // A blockquote is no paragraph: the section's own first sentence gives its context.
  if (at < 0) return usable(paragraphs[0]?.[0]) ? { text: paragraphs[0]![0]!, position: section.position } : undefined;
  const own = paragraphs[at]!;
  const index = own.findIndex((sentence) => normalize(sentence).includes(key) || key.includes(normalize(sentence)));
  const around = [own[index + 1], own[index - 1], paragraphs[at - 1]?.at(-1), paragraphs[at + 1]?.[0]]
    .map(usable)
    .filter((sentence) => sentence !== undefined);
  // Only a sentence that reads alone, at a quote's length: not "They are not.", not a 150-word aside.
  const found = around.find((sentence) => sentenceScore(sentence) > 0);
  return found ? { text: found, position: section.position } : undefined;
}

const CITES = /\b(?:published in|according to|reported in|a study (?:in|of|from)|data from|survey)\b/i;

/** A sentence of the stat's own paragraph naming where its figure comes from, if the article gives one. */
function sourceOf(paragraphs: string[], stat: Stat): Sourced | undefined {
  const paragraph = paragraphs.find((candidate) => candidate.includes(stat.sentence));
  const cited =
    paragraph &&
    sentencesOf(paragraph)
      .map((sentence) => sentence.text)
      .find((sentence) => CITES.test(sentence) && sentence !== stat.sentence);
  return cited ? { text: cited, position: stat.position } : undefined;
}

/**
 * Each `##` section's strongest self-contained sentence, the quote scorer's choice among the
 * article's key quotes that stand in it; the section's key sentence when none does.
 */
export function sectionLines(article: Article, max: number): { section: Section; line: Sourced }[] {
  const tops = topSections(article).slice(0, max);
  const all = topSections(article);
  return tops.map((top, index) => {
    const end = all[index + 1]?.section.position.line ?? Number.POSITIVE_INFINITY;
    const best = article.quotes.find(
      (quote) => quote.position.line >= top.section.position.line && quote.position.line < end,
    );
    return { section: top.section, line: best ? { text: best.text, position: best.position } : keyLine(top) };
  });
}

function keyLine({ section, subsections }: TopSection): Sourced {
  return { text: keySentence(section, subsections), position: section.position };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
