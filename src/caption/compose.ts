import Mustache from 'mustache';
import { platformOf, type Channel } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import type { Article, Caption } from '../model.ts';
import { sentencesOf } from '../extract/text.ts';
import { countLength } from './count.ts';
import { hashtagsFor } from './hashtags.ts';
import { trackedLink } from './link.ts';

/** A line holding only `---` separates the posts of a thread in a caption template. */
const THREAD_BREAK = /^---$/m;
const MAX_POINTS = 5;

/** Fills a channel's caption template and measures it the platform's way. */
export function composeCaption(article: Article, brand: Brand, channel: Channel, template: string): Caption {
  const platform = platformOf(channel)!;
  const hashtags = hashtagsFor(article, brand, platform.maxHashtags);
  const link = trackedLink(article, brand, channel);
  const [hook = article.title, ...rest] = sentencesOf(article.intro[0] ?? article.subtitle ?? article.title).map((sentence) => sentence.text);
  const view = {
    title: article.title,
    hook,
    summary: rest.join(' ') || article.subtitle || '',
    points: article.sections.filter((section) => section.depth === 2).slice(0, MAX_POINTS).map((section) => section.heading),
    quote: article.quotes[0]?.text ?? '',
    link: link ?? '',
    link_in_bio: brand.linkInBio,
    cta: brand.cta,
    handle: brand.handles[channel] ?? '',
    hashtags: hashtags.map((tag) => `#${tag}`).join(' '),
    disclaimer: brand.disclaimer,
  };
  // Captions are plain text: nothing is HTML-escaped.
  const text = Mustache.render(template, view, {}, { escape: (value: string) => value });
  const posts = text.split(THREAD_BREAK).map(tidy).filter(Boolean);
  const lengths = posts.map((post) => countLength(post, platform.caption.counting));
  const length = Math.max(0, ...lengths);
  const warnings = lengths.flatMap((postLength, index) =>
    postLength > platform.caption.limit
      ? [`${platform.label} caption${posts.length > 1 ? ` post ${index + 1}` : ''} is ${postLength} long, over the limit of ${platform.caption.limit}`]
      : []);
  return {
    text: posts.join('\n\n'),
    ...(posts.length > 1 ? { thread: posts } : {}),
    hashtags,
    ...(link ? { link } : {}),
    length,
    limit: platform.caption.limit,
    warnings,
  };
}

/** Trailing spaces off, runs of blank lines folded to one. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
