import Mustache from 'mustache';
import { platformOf, type Channel, type Platform } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import type { Article, Caption, Position, Severity } from '../model.ts';
import { countLength } from './count.ts';
import { reduce, type RenderedPost, shortenByWord } from './fit.ts';
import { type CaptionParts, captionParts } from './parts.ts';

/** A line holding only `---` separates the blocks of a thread template. */
const THREAD_BREAK = /^---$/m;
/** Enough to drop every optional part and shorten every text to its last words. */
const MAX_REDUCTIONS = 400;

export interface CaptionProblem {
  severity: Severity;
  ruleId: string;
  reason: string;
  hint: string;
  position: Position;
}

/**
 * Fills a channel's caption template and makes it fit the platform as the platform counts.
 * Thread channels (x, bluesky): the template's first block is the opening post, the second is
 * repeated for each section, the rest close the thread (link and disclaimer go there); every
 * post is numbered n/N.
 */
export function composeCaption(article: Article, brand: Brand, channel: Channel, template: string, support = ''): { caption: Caption; problems: CaptionProblem[] } {
  const platform = platformOf(channel)!;
  const blocks = platform.threads ? template.split(THREAD_BREAK) : [template];
  let parts = { ...captionParts(article, brand, channel, platform), support };
  const notes: string[] = [];
  const problems: CaptionProblem[] = [];
  let posts = renderPosts(blocks, parts, platform);
  for (let attempt = 0; attempt < MAX_REDUCTIONS; attempt++) {
    const over = posts.find((post) => countLength(post.text, platform.caption.counting) > platform.caption.limit);
    if (!over) break;
    const reduction = reduce(parts, over.role, parts.sections.length);
    if (!reduction) {
      problems.push(tooLong(platform, over, posts, over.role.kind === 'section' ? (parts.sections[over.role.index]?.position ?? article.titleAt) : article.titleAt));
      break;
    }
    parts = reduction.parts;
    notes.push(reduction.note);
    posts = renderPosts(blocks, parts, platform);
  }
  problems.push(...foldProblems(platform, parts, article), ...hashtagProblems(platform, parts, article));
  const texts = posts.map((post) => post.text);
  const hashtags = [...parts.hashtags.required, ...parts.hashtags.optional];
  return {
    caption: {
      text: texts.join('\n\n'),
      ...(platform.threads ? { thread: texts } : {}),
      hashtags,
      ...(parts.link ? { link: parts.link } : {}),
      ...(platform.caption.titleLimit ? { title: titleWithin(article.title, platform.caption.titleLimit) } : {}),
      length: Math.max(0, ...texts.map((text) => countLength(text, platform.caption.counting))),
      limit: platform.caption.limit,
      ...(platform.caption.fold ? { fold: platform.caption.fold } : {}),
      warnings: [...new Set(notes)].map((note) => `To fit ${platform.label}'s ${platform.caption.limit} limit: ${note}`),
    },
    problems,
  };
}

function renderPosts(blocks: string[], parts: CaptionParts, platform: Platform): RenderedPost[] {
  const view = viewOf(parts);
  const render = (block: string, extra: Record<string, unknown> = {}) => tidy(Mustache.render(block, { ...view, ...extra }, {}, { escape: (value: string) => value }));
  if (!platform.threads || blocks.length === 1) return [{ text: render(blocks[0] ?? ''), role: { kind: 'whole' } }];
  const [opening = '', perSection = '', ...closing] = blocks;
  const all: RenderedPost[] = [
    { text: render(opening), role: { kind: 'opening' } },
    ...parts.sections.map((section, index): RenderedPost => ({ text: render(perSection, { ...section }), role: { kind: 'section', index } })),
    ...closing.map((block): RenderedPost => ({ text: render(block), role: { kind: 'closing' } })),
  ];
  const posts = all.filter((post) => post.text !== '');
  return posts.map((post, index) => ({ ...post, text: `${post.text}\n\n${index + 1}/${posts.length}` }));
}

function viewOf(parts: CaptionParts): Record<string, unknown> {
  return {
    title: parts.title,
    hook: parts.hook,
    summary: parts.summary.join(' '),
    points: parts.sections.map((section) => section.heading),
    sections: parts.sections,
    quote: parts.quote,
    link: parts.link,
    link_in_bio: parts.linkInBio,
    cta: parts.cta,
    handle: parts.handle,
    hashtags: [...parts.hashtags.required, ...parts.hashtags.optional].map((tag) => `#${tag}`).join(' '),
    disclaimer: parts.disclaimer,
    support: parts.support,
  };
}

function tooLong(platform: Platform, post: RenderedPost, posts: RenderedPost[], position: Position): CaptionProblem {
  const length = countLength(post.text, platform.caption.counting);
  const which = posts.length > 1 ? ` post ${posts.indexOf(post) + 1} of the thread` : ' caption';
  return {
    severity: 'error',
    ruleId: 'caption-too-long',
    reason: `Unexpected ${platform.label}${which} of ${length}, expected at most ${platform.caption.limit} even with every optional part dropped`,
    hint: `shorten the disclaimer, call to action or the article's own hashtags, or move the link and disclaimer into posts of their own in templates/captions/${platform.label.toLowerCase()}.md; this post was held back`,
    position,
  };
}

/** The hook is what people see before "…more": warn when the platform cuts it. */
function foldProblems(platform: Platform, parts: CaptionParts, article: Article): CaptionProblem[] {
  const fold = platform.caption.fold;
  const length = countLength(parts.hook, platform.caption.counting);
  if (!fold || length <= fold) return [];
  return [{
    severity: 'warning',
    ruleId: 'hook-past-fold',
    reason: `Unexpected hook of ${length} characters, expected at most ${fold} to show before ${platform.label}'s “…more”`,
    hint: 'make the intro’s first sentence shorter; it is the caption’s hook',
    position: article.titleAt,
  }];
}

function hashtagProblems(platform: Platform, parts: CaptionParts, article: Article): CaptionProblem[] {
  const count = parts.hashtags.required.length + parts.hashtags.optional.length;
  if (!platform.minHashtags || count >= platform.minHashtags) return [];
  return [{
    severity: 'warning',
    ruleId: 'hashtags-few',
    reason: `Unexpected ${count} hashtag${count === 1 ? '' : 's'} for ${platform.label}, expected ${platform.minHashtags}–${platform.maxHashtags}`,
    hint: 'add `tags:` or `hashtags:` to the front matter, or default hashtags to brand.yaml',
    position: article.titleAt,
  }];
}

/** Pinterest's separate title, shortened at a word boundary if it must be. */
function titleWithin(title: string, limit: number): string {
  let text = title;
  while ([...text].length > limit) {
    const shorter = shortenByWord(text);
    if (!shorter) return [...text].slice(0, limit - 1).join('').replace(/\s+\S*$/, '') + '…';
    text = shorter;
  }
  return text;
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
