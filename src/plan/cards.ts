import { MAX_CAROUSEL_SLIDES } from '../channels/campaigns.ts';
import type { Brand } from '../config/brand.ts';
import type { Article, Position, Stat } from '../model.ts';
import { type TopSection, topSections } from './outline.ts';
import { altText } from './alt.ts';
import { slidePoints } from './points.ts';

/** Every value a card's data can hold; templates may use these names (checked at load). */
export const CARD_DATA_KEYS = [
  'title',
  'subtitle',
  'kicker',
  'slide',
  'total',
  'heading',
  'points',
  'quote',
  'figure',
  'counted',
  'sentence',
  'domain',
  'hook',
  'handle',
  'where',
  'disclosure',
  'source',
] as const;

/** A card before its channel and format are known. */
export interface CardDraft {
  template: string;
  data: Record<string, string | string[]>;
  origin: Position;
  /** The article's site, shown where links click ("example.org"). */
  domain: string;
  alt: (brand: Brand) => string;
}

/** The words of every kind of card one article can give. */
export function cardsFor(article: Article) {
  const domain = article.url ? new URL(article.url).hostname.replace(/^www\./, '') : '';
  const kicker = kickerOf(article);
  const base = { title: article.title, kicker, ...(article.subtitle ? { subtitle: article.subtitle } : {}) };
  const draft = (template: string, data: Record<string, string | string[]>, origin: Position): CardDraft => ({
    template,
    data,
    origin,
    domain,
    alt: (brand) => altText(template, data, brand),
  });
  const slides = slideSections(article);
  const total = String(slides.length + 2);
  return {
    title: () => draft('title', { ...base, slide: '1', total }, article.titleAt),
    sections: () =>
      slides.map(({ section, subsections }, index) =>
        draft(
          'section',
          {
            kicker,
            heading: section.heading,
            points: slidePoints(section, subsections),
            slide: String(index + 2),
            total,
          },
          section.position,
        ),
      ),
    cta: () => draft('cta', { ...base, slide: total, total }, article.titleAt),
    quotes: (count: number) =>
      article.quotes.slice(0, count).map((quote) => draft('quote', { kicker, quote: quote.text }, quote.position)),
    stats: (count: number) =>
      strongestStats(article.stats, count).map((stat) => draft('stat', { kicker, ...statWords(stat) }, stat.position)),
    link: () => draft('link', { ...base, domain }, article.titleAt),
    story: () =>
      draft(
        'story',
        { ...base, hook: article.quotes[0]?.text ?? article.subtitle ?? '' },
        article.quotes[0]?.position ?? article.titleAt,
      ),
  };
}

/** The `##` sections a carousel has room for, between its title and closing slides. */
function slideSections(article: Article): TopSection[] {
  return topSections(article).slice(0, MAX_CAROUSEL_SLIDES - 2);
}

/** Percentages and proportions first: they make the strongest stat cards. */
export function strongestStats(stats: Stat[], count: number): Stat[] {
  const strength = (stat: Stat) =>
    /%|half|third|quarter|\bin\b/.test(stat.figure) ? 2 : /\bor more\b/.test(stat.figure) ? 1 : 0;
  return [...stats].sort((a, b) => strength(b) - strength(a)).slice(0, count);
}

/** "17%" large, "of women" under it, the sentence as context, and where the figure comes from in small type. */
function statWords(stat: Stat): Record<string, string> {
  const counted = stat.phrase.slice(stat.figure.length).trim();
  return {
    figure: stat.figure.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase()),
    counted,
    sentence: stat.sentence,
    ...(stat.source ? { source: stat.source } : {}),
  };
}

/** The small line above headlines: the article's first topic. */
function kickerOf(article: Article): string {
  const tag = article.tags[0];
  return tag ? tag.replace(/[-_]+/g, ' ').replace(/^\p{Ll}/u, (letter) => letter.toUpperCase()) : '';
}
