import Mustache from 'mustache';
import { platformOf, type Platform } from '../channels/platforms.ts';
import type { CaptionTemplate } from '../config/caption-templates.ts';
import type { Article, Caption, Position, Post, Severity } from '../model.ts';
import { countLength } from './count.ts';
import { reduce, type RenderedPost, shortenByWord } from './fit.ts';
import { lineOrigins, type Provenance } from './origins.ts';
import type { CaptionParts } from './parts.ts';

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

/** One post's caption to make: its words, its template and where each value came from. */
export interface CaptionRequest {
  article: Article;
  post: Post;
  template: CaptionTemplate;
  parts: CaptionParts;
  provenance: Provenance[];
}

/**
 * Fills a post's caption template and makes it fit the platform as the platform counts.
 * Threads (x, bluesky): the template's first block is the opening post, the second is repeated
 * for each section, the rest close the thread (link and disclaimer go there); every post is
 * numbered n/N.
 */
export function composeCaption({ article, post, template, parts: given, provenance }: CaptionRequest): {
  caption: Caption;
  problems: CaptionProblem[];
} {
  const platform = platformOf(post.channel)!;
  // A thread's template repeats its second block per section; on thread platforms another kind
  // of post may be a short thread of its own (the link in the first post, the notices after it).
  const threaded = post.kind === 'thread' || (platform.threads && THREAD_BREAK.test(template.source));
  const blocks = threaded ? template.source.split(THREAD_BREAK) : [template.source];
  const perSection = post.kind === 'thread';
  let parts = given;
  const notes: string[] = [];
  const problems: CaptionProblem[] = [];
  let posts = renderPosts(blocks, parts, perSection);
  for (let attempt = 0; attempt < MAX_REDUCTIONS; attempt++) {
    const over = posts.find(
      (rendered) => countLength(rendered.text, platform.caption.counting) > platform.caption.limit,
    );
    if (!over) break;
    const reduction = reduce(parts, over.role, parts.sections.length);
    if (!reduction) {
      problems.push(
        tooLong(
          platform,
          over,
          posts,
          template,
          over.role.kind === 'section'
            ? (parts.sections[over.role.index]?.position ?? article.titleAt)
            : article.titleAt,
        ),
      );
      break;
    }
    parts = reduction.parts;
    notes.push(reduction.note);
    posts = renderPosts(blocks, parts, perSection);
  }
  problems.push(...hashtagProblems(platform, parts, article));
  const texts = posts.map((rendered) => rendered.text);
  return {
    caption: {
      text: texts.join('\n\n'),
      ...(threaded ? { thread: texts } : {}),
      hashtags: [...parts.hashtags.required, ...parts.hashtags.optional],
      ...(parts.link ? { link: parts.link } : {}),
      ...(platform.caption.titleLimit ? { title: titleWithin(article.title, platform.caption.titleLimit) } : {}),
      length: Math.max(0, ...texts.map((text) => countLength(text, platform.caption.counting))),
      limit: platform.caption.limit,
      ...(platform.caption.fold ? { fold: platform.caption.fold } : {}),
      hook: parts.hook,
      origins: lineOrigins(texts, provenance, template),
      warnings: [...new Set(notes)].map(
        (note) => `To fit ${platform.label}'s ${platform.caption.limit} limit: ${note}`,
      ),
    },
    problems,
  };
}

/** A story has no caption: its template gives the link sticker's text, one line. */
export function composeSticker(template: CaptionTemplate | undefined, parts: CaptionParts, fallback: string): string {
  const text = template ? renderBlock(template.source, viewOf(parts)) : '';
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? fallback
  );
}

function renderPosts(blocks: string[], parts: CaptionParts, perSection: boolean): RenderedPost[] {
  const view = viewOf(parts);
  if (blocks.length === 1) return [{ text: renderBlock(blocks[0] ?? '', view), role: { kind: 'whole' } }];
  const [opening = '', ...rest] = blocks;
  const [section = '', ...closing] = perSection ? rest : ['', ...rest];
  const all: RenderedPost[] = [
    { text: renderBlock(opening, view), role: { kind: 'opening' } },
    ...(perSection ? parts.sections : []).map((part, index): RenderedPost => ({
      text: renderBlock(section, { ...view, ...part }),
      role: { kind: 'section', index },
    })),
    ...closing.map((block): RenderedPost => ({ text: renderBlock(block, view), role: { kind: 'closing' } })),
  ];
  const posts = all.filter((rendered) => rendered.text !== '');
  return posts.map((rendered, index) => ({ ...rendered, text: `${rendered.text}\n\n${index + 1}/${posts.length}` }));
}

function renderBlock(block: string, view: Record<string, unknown>): string {
  return tidy(Mustache.render(block, view, {}, { escape: (value: string) => value }));
}

function viewOf(parts: CaptionParts): Record<string, unknown> {
  return {
    title: parts.title,
    hook: parts.hook,
    promise: parts.promise.join(' '),
    summary: parts.summary.join(' '),
    points: parts.sections.map((section) => section.heading),
    sections: parts.sections,
    quote: parts.quote,
    heading: parts.heading,
    context: parts.context,
    figure: parts.figure,
    stat: parts.stat,
    sentence: parts.sentence,
    source: parts.source,
    link: parts.link,
    link_in_bio: parts.linkInBio,
    cta: parts.cta,
    handle: parts.handle,
    hashtags: [...parts.hashtags.required, ...parts.hashtags.optional].map((tag) => `#${tag}`).join(' '),
    disclaimer: parts.disclaimer,
    support: parts.support,
  };
}

function tooLong(
  platform: Platform,
  post: RenderedPost,
  posts: RenderedPost[],
  template: CaptionTemplate,
  position: Position,
): CaptionProblem {
  const length = countLength(post.text, platform.caption.counting);
  const which = posts.length > 1 ? ` post ${posts.indexOf(post) + 1} of the thread` : ' caption';
  return {
    severity: 'error',
    ruleId: 'caption-too-long',
    reason: `Unexpected ${platform.label}${which} of ${length}, expected at most ${platform.caption.limit} even with every optional part dropped`,
    hint: `shorten the disclaimer, call to action or the article's own hashtags, or move the link and disclaimer into posts of their own in ${template.file}; this post was held back`,
    position,
  };
}

function hashtagProblems(platform: Platform, parts: CaptionParts, article: Article): CaptionProblem[] {
  const count = parts.hashtags.required.length + parts.hashtags.optional.length;
  if (!platform.minHashtags || count >= platform.minHashtags) return [];
  return [
    {
      severity: 'warning',
      ruleId: 'hashtags-few',
      reason: `Unexpected ${count} hashtag${count === 1 ? '' : 's'} for ${platform.label}, expected ${platform.minHashtags}–${platform.maxHashtags}`,
      hint: 'add `tags:` or `hashtags:` to the front matter, or default hashtags to brand.yaml',
      position: article.titleAt,
    },
  ];
}

/** Pinterest's separate title, shortened at a word boundary if it must be. */
function titleWithin(title: string, limit: number): string {
  let text = title;
  while ([...text].length > limit) {
    const shorter = shortenByWord(text);
    if (!shorter)
      return (
        [...text]
          .slice(0, limit - 1)
          .join('')
          .replace(/\s+\S*$/, '') + '…'
      );
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
