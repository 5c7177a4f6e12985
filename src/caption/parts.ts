import { MAX_THREAD_SECTIONS } from '../channels/campaigns.ts';
import type { Channel, Platform } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import { sentencesOf } from '../extract/text.ts';
import type { Article, Position } from '../model.ts';
import { type PostContent, sectionLines } from './content.ts';
import { articleSpellings, hashtagsFor } from './hashtags.ts';
import { trackedLink } from './link.ts';
import type { ArticleNotices } from './notices.ts';

/** One section as a thread post and a caption point: its heading and its best sentence. */
interface SectionPart {
  heading: string;
  point: string;
  position: Position;
  pointAt: Position;
}

/** The words a caption is made of, before any template or fitting. */
export interface CaptionParts {
  hook: string;
  /** The article's promise: its subtitle, else its intro; dropped from the end when too long. */
  promise: string[];
  /** The intro's sentences: dropped from the end when too long. */
  summary: string[];
  sections: SectionPart[];
  /** Quote posts: the quote; others: the article's top quote. */
  quote: string;
  /** The heading of the section a quote or stat stands in. */
  heading: string;
  /** The sentence around a quote or stat. */
  context: string;
  /** Stat posts: the figure, what it counts, its sentence and where it comes from. */
  figure: string;
  stat: string;
  sentence: string;
  source: string;
  link: string;
  /** The article's own `hashtags:` are required; tags and the brand's may be dropped. */
  hashtags: { required: string[]; optional: string[] };
  /** The brand's disclaimer, with the off-label notice on articles that call for it. */
  disclaimer: string;
  /** The crisis line, on articles whose subject is a sensitive topic; never dropped. */
  support: string;
  cta: string;
  handle: string;
  linkInBio: string;
  title: string;
}

/** The parts every post of one article on one channel shares, before its own hook and content. */
export function captionParts(
  article: Article,
  brand: Brand,
  channel: Channel,
  platform: Platform,
  notices: ArticleNotices,
  spellings: readonly string[],
): CaptionParts {
  const intro = article.intro.flatMap((paragraph) => sentencesOf(paragraph).map((sentence) => sentence.text));
  const spelled = articleSpellings(article, [...spellings, ...brand.hashtags]);
  const tags = hashtagsFor(article, brand, platform.maxHashtags, spelled);
  const explicit = new Set(
    hashtagsFor({ ...article, tags: [] }, { ...brand, hashtags: [] }, Number.POSITIVE_INFINITY, spelled).map((tag) =>
      tag.toLowerCase(),
    ),
  );
  return {
    hook: article.subtitle ?? article.title,
    promise: article.subtitle ? [article.subtitle] : intro,
    summary: intro,
    sections: sectionLines(article, MAX_THREAD_SECTIONS).map(({ section, line }) => ({
      heading: section.heading,
      point: line.text,
      position: section.position,
      pointAt: line.position,
    })),
    quote: article.quotes[0]?.text ?? '',
    heading: '',
    context: '',
    figure: '',
    stat: '',
    sentence: '',
    source: '',
    link: trackedLink(article, brand, channel) ?? '',
    hashtags: {
      required: tags.filter((tag) => explicit.has(tag.toLowerCase())),
      optional: tags.filter((tag) => !explicit.has(tag.toLowerCase())),
    },
    // An article's own notice (its page's disclaimer, kept at import) stands in for the brand's
    // notices, off-label one included: it is what the author published with the article.
    disclaimer: article.notice ?? [brand.disclaimer, notices.offLabel].filter(Boolean).join(' '),
    support: notices.crisis ? brand.supportLine : '',
    cta: brand.cta,
    handle: brand.handles[channel] ?? '',
    linkInBio: brand.linkInBio,
    title: article.title,
  };
}

/** A post's own words on top of the shared parts: its quote or stat and what stands around it. */
export function withContent(parts: CaptionParts, content: PostContent): CaptionParts {
  const stat = content.stat;
  return {
    ...parts,
    ...(content.quote ? { quote: content.quote.text } : {}),
    heading: content.section?.heading ?? '',
    context: content.context?.text ?? '',
    figure: stat?.figure ?? '',
    stat: stat?.phrase ?? '',
    sentence: stat?.sentence ?? '',
    source: content.source?.text ?? '',
  };
}
