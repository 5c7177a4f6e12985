import { MAX_THREAD_SECTIONS } from '../channels/campaigns.ts';
import type { Channel, Platform } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import { sentencesOf } from '../extract/text.ts';
import type { Article, Position } from '../model.ts';
import { topSections } from '../plan/outline.ts';
import { keySentence } from '../plan/points.ts';
import { hashtagsFor } from './hashtags.ts';
import { trackedLink } from './link.ts';

/** One section as a thread post and a caption point: its heading and key sentence. */
export interface SectionPart {
  heading: string;
  point: string;
  position: Position;
}

/** The words a caption is made of, before any template or fitting. */
export interface CaptionParts {
  hook: string;
  /** The intro after the hook, sentence by sentence: dropped from the end when too long. */
  summary: string[];
  sections: SectionPart[];
  quote: string;
  link: string;
  /** The article's own `hashtags:` are required; tags and the brand's may be dropped. */
  hashtags: { required: string[]; optional: string[] };
  disclaimer: string;
  /** The support-resource line, on sensitive topics; never dropped. */
  support: string;
  cta: string;
  handle: string;
  linkInBio: string;
  title: string;
}


export function captionParts(article: Article, brand: Brand, channel: Channel, platform: Platform): CaptionParts {
  const opening = article.intro.flatMap((paragraph) => sentencesOf(paragraph).map((sentence) => sentence.text));
  const [hook = article.subtitle ?? article.title, ...summary] = opening.length > 0 ? opening : [article.subtitle ?? article.title];
  const tags = hashtagsFor(article, brand, platform.maxHashtags);
  const explicit = new Set(hashtagsFor({ ...article, tags: [] }, { ...brand, hashtags: [] }, Number.POSITIVE_INFINITY).map((tag) => tag.toLowerCase()));
  return {
    hook,
    summary,
    sections: sectionParts(article),
    quote: article.quotes[0]?.text ?? '',
    link: trackedLink(article, brand, channel) ?? '',
    hashtags: { required: tags.filter((tag) => explicit.has(tag.toLowerCase())), optional: tags.filter((tag) => !explicit.has(tag.toLowerCase())) },
    // An article's own notice (an imported page's disclaimer) stands in for the brand's.
    disclaimer: article.notice ?? brand.disclaimer,
    support: '',
    cta: brand.cta,
    handle: brand.handles[channel] ?? '',
    linkInBio: brand.linkInBio,
    title: article.title,
  };
}

/** Each `##` section with the sentence that best stands for it. */
function sectionParts(article: Article): SectionPart[] {
  return topSections(article)
    .slice(0, MAX_THREAD_SECTIONS)
    .map(({ section, subsections }) => ({ heading: section.heading, point: keySentence(section, subsections), position: section.position }));
}
