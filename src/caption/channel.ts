import { platformOf, type Channel, type Platform } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import { captionTemplateFor, type CaptionTemplate } from '../config/caption-templates.ts';
import { normalize, sentencesOf } from '../extract/text.ts';
import type { Article, Caption, Position, Post, PostKind } from '../model.ts';
import { type CaptionProblem, composeCaption, composeSticker } from './compose.ts';
import { contentOf, type PostContent } from './content.ts';
import { countLength } from './count.ts';
import { shortenByWord } from './fit.ts';
import { type HookCandidate, type HookKind, hookCandidates, questionOf } from './hooks.ts';
import type { ArticleNotices } from './notices.ts';
import type { Provenance } from './origins.ts';
import { captionParts, type CaptionParts, withContent } from './parts.ts';

/** Everything the captions of one article on one channel are made from. */
export interface ChannelRequest {
  article: Article;
  brand: Brand;
  channel: Channel;
  /** The channel's posts, in posting order. */
  posts: Post[];
  templates: ReadonlyMap<string, CaptionTemplate>;
  notices: ArticleNotices;
  /** The team's spellings of words hashtags keep (PTSD, LongCOVID): templates/rules/hashtags.yaml. */
  spellings: readonly string[];
  /** `file:line` of words in the article's source. */
  locate: (text: string, fallback: Position) => string;
  /** The article's source, for the lines of its front-matter keys. */
  source: string;
}

/** Which of the article's opening lines each kind of post reaches for first. */
const PREFERENCE: Record<PostKind, HookKind[]> = {
  carousel: ['question', 'stat', 'subtitle', 'quote', 'intro', 'heading', 'title', 'sentence'],
  link: ['subtitle', 'question', 'stat', 'intro', 'quote', 'heading', 'title', 'sentence'],
  thread: ['stat', 'question', 'subtitle', 'intro', 'quote', 'title', 'sentence'],
  quote: ['question', 'subtitle', 'intro', 'heading', 'title', 'sentence'],
  stat: ['question', 'subtitle', 'intro', 'heading', 'title', 'sentence'],
  video: ['stat', 'question', 'subtitle', 'quote', 'intro', 'heading', 'title', 'sentence'],
  story: [],
};

/**
 * A thread goes first (its section posts are fixed: each section's heading and best sentence),
 * then posts that carry a quote or stat: their own words make their best openings.
 */
const CHOOSING_ORDER: Record<PostKind, number> = {
  thread: 0,
  stat: 1,
  quote: 2,
  carousel: 3,
  video: 4,
  link: 5,
  story: 6,
};

/**
 * A caption per post: each opens with its own hook, chosen from what the article offers and
 * fitting before the fold, and says nothing another post of the channel already said (the link,
 * notices and hashtags aside). Stories get a link-sticker text instead of a caption.
 */
export function channelCaptions(request: ChannelRequest): { captions: Map<Post, Caption>; problems: CaptionProblem[] } {
  const { article, brand, channel, posts } = request;
  const platform = platformOf(channel)!;
  const base = captionParts(article, brand, channel, platform, request.notices, request.spellings);
  const pool = hookCandidates(article);
  const said = new Set<string>();
  const captions = new Map<Post, Caption>();
  const problems: CaptionProblem[] = [];
  let dripEnded = false;
  const order = posts
    .map((post, index) => ({ post, index }))
    .sort((a, b) => CHOOSING_ORDER[a.post.kind] - CHOOSING_ORDER[b.post.kind] || a.index - b.index);
  for (const { post } of order) {
    if (post.kind === 'story') {
      captions.set(post, storyCaption(request, base, platform));
      continue;
    }
    const content = contentOf(article, post);
    const candidates = [...ownHooks(content), ...preferred(pool, post.kind)];
    // The drip never repeats itself: a drip post with nothing fresh to open with is left out.
    if (post.drip && (dripEnded || candidates.every((candidate) => said.has(normalize(candidate.text))))) {
      if (!dripEnded) problems.push(dripShort(platform, post, article.titleAt));
      dripEnded = true;
      continue;
    }
    const hook = chooseHook(candidates, said, platform);
    if (hook.shortened) problems.push(pastFold(platform, hook, article.titleAt));
    const parts = unsaid({ ...withContent(base, content), hook: hook.text }, said);
    const template = captionTemplateFor(request.templates, channel, post.kind)!;
    const made = composeCaption({
      article,
      post,
      template,
      parts,
      provenance: provenanceOf(request, parts, hook, content),
    });
    captions.set(post, made.caption);
    problems.push(...made.problems);
    for (const sentence of [hook.text, hook.shortened ?? '', ...spoken(parts, made.caption.text)])
      if (sentence) said.add(normalize(sentence));
  }
  problems.push(...repeats(posts, captions, article.titleAt, platform));
  // A channel-wide finding (too few hashtags) is said once, not once per post.
  const unique = new Map(
    problems.map((problem) => [`${problem.ruleId} ${problem.reason} ${problem.position.line}`, problem]),
  );
  return { captions, problems: [...unique.values()] };
}

/** A quote post opens with the section it stands in (as a question where it is one), else its context; a stat with its own sentence. */
function ownHooks(content: PostContent): HookCandidate[] {
  const hooks: HookCandidate[] = [];
  if (content.stat) hooks.push({ text: content.stat.sentence, kind: 'stat', position: content.stat.position });
  if (content.quote && content.section) {
    const question = questionOf(content.section.heading);
    if (question) hooks.push({ text: question, kind: 'question', position: content.section.position });
    hooks.push({ text: content.section.heading, kind: 'heading', position: content.section.position });
  }
  if (content.quote && content.context)
    hooks.push({ text: content.context.text, kind: 'intro', position: content.context.position });
  return hooks;
}

function preferred(pool: HookCandidate[], kind: PostKind): HookCandidate[] {
  const ranks = PREFERENCE[kind];
  return pool
    .filter((candidate) => ranks.includes(candidate.kind))
    .sort((a, b) => ranks.indexOf(a.kind) - ranks.indexOf(b.kind));
}

/** Where a platform has no "…more", a hook still leaves room for the rest of the first post. */
function hookRoom(platform: Platform): number {
  return platform.caption.fold ?? Math.floor(platform.caption.limit / 2);
}

/** The first candidate not yet said on this channel that fits before the fold; else the first unsaid one, shortened to fit. */
function chooseHook(
  candidates: HookCandidate[],
  said: Set<string>,
  platform: Platform,
): HookCandidate & { shortened?: string } {
  const room = hookRoom(platform);
  const fresh = candidates.filter((candidate) => !said.has(normalize(candidate.text)));
  const fits = fresh.find((candidate) => countLength(candidate.text, platform.caption.counting) <= room);
  if (fits) return fits;
  const first = fresh[0] ?? candidates[0]!;
  let text = first.text;
  while (countLength(text, platform.caption.counting) > room) {
    const shorter = shortenByWord(text);
    if (!shorter) break;
    text = shorter;
  }
  return text === first.text ? first : { ...first, text, shortened: first.text };
}

function dripShort(platform: Platform, post: Post, position: Position): CaptionProblem {
  return {
    severity: 'warning',
    ruleId: 'drip-short',
    reason: `Unexpected end of fresh openings for ${platform.label}'s drip, expected one for each post: it stops before week ${post.drip}'s ${post.kind} post`,
    hint: 'pin more quotes, or add a subtitle or question headings; or lower `drip.per_week` in brand.yaml',
    position,
  };
}

function pastFold(
  platform: Platform,
  hook: HookCandidate & { shortened?: string },
  position: Position,
): CaptionProblem {
  const length = countLength(hook.shortened!, platform.caption.counting);
  const fold = hookRoom(platform);
  return {
    severity: 'warning',
    ruleId: 'hook-past-fold',
    reason: `Unexpected opening lines all over ${fold} characters, expected one to show before ${platform.label}'s “…more”: “${hook.text}” was shortened from ${length}`,
    hint: 'give the article a shorter subtitle, first sentence or question heading: captions open with them',
    position: hook.shortened === hook.text ? position : hook.position,
  };
}

/** The body without what the hook or another post of the channel already says. */
function unsaid(parts: CaptionParts, said: Set<string>): CaptionParts {
  const hook = normalize(parts.hook);
  const fresh = (text: string) => !said.has(normalize(text)) && normalize(text) !== hook;
  const sentences = (texts: string[]) =>
    texts.flatMap((text) => sentencesOf(text).map((sentence) => sentence.text)).filter(fresh);
  return {
    ...parts,
    promise: sentences(parts.promise),
    summary: sentences(parts.summary),
    heading: fresh(parts.heading) ? parts.heading : '',
    context: fresh(parts.context) ? parts.context : '',
    sentence: fresh(parts.sentence) ? parts.sentence : '',
    source: fresh(parts.source) ? parts.source : '',
  };
}

/** The article's sentences a caption ended up saying, so no later post of the channel says them again. */
function spoken(parts: CaptionParts, text: string): string[] {
  const candidates = [
    parts.hook,
    parts.title,
    ...parts.promise,
    ...parts.summary,
    parts.context,
    parts.sentence,
    parts.source,
    ...parts.sections.flatMap((section) => [section.heading, section.point]),
  ];
  return candidates.filter((candidate) => candidate && text.includes(candidate));
}

function storyCaption(request: ChannelRequest, base: CaptionParts, platform: Platform): Caption {
  const template = request.templates.get(`${request.channel}/story`);
  const sticker = composeSticker(template, base, request.brand.cta);
  return {
    text: '',
    sticker,
    hashtags: [],
    length: 0,
    limit: platform.caption.limit,
    origins: [{ text: sticker, from: [`${request.brand.file}: cta`, ...(template ? [template.file] : [])] }],
    warnings: [],
  };
}

/** Where every value bound into a caption came from. */
function provenanceOf(
  request: ChannelRequest,
  parts: CaptionParts,
  hook: HookCandidate,
  content: PostContent,
): Provenance[] {
  const { article, brand, locate, notices, source } = request;
  const at = (name: string, text: string, position: Position): Provenance => ({
    name,
    text,
    from: locate(text, position),
  });
  const brandKey = (name: string, text: string, key: string): Provenance => ({
    name,
    text,
    from: `${brand.file}: ${key}`,
  });
  const frontMatter = (key: string) => `${article.source}:${frontMatterLineOf(source, key, article.titleAt.line)}`;
  const values: Provenance[] = [
    at('hook', hook.text, hook.position),
    ...parts.promise.map((text) => at('promise', text, article.titleAt)),
    ...parts.summary.map((text) => at('summary', text, article.titleAt)),
    ...parts.sections.flatMap((section) => [
      at('heading', section.heading, section.position),
      at('point', section.point, section.pointAt),
    ]),
    ...(content.quote ? [at('quote', content.quote.text, content.quote.position)] : []),
    ...(content.section && parts.heading ? [at('heading', parts.heading, content.section.position)] : []),
    ...(content.context && parts.context ? [at('context', parts.context, content.context.position)] : []),
    ...(content.stat
      ? [
          at('sentence', content.stat.sentence, content.stat.position),
          at('figure', content.stat.figure, content.stat.position),
        ]
      : []),
    ...(content.source && parts.source ? [at('source', parts.source, content.source.position)] : []),
    { name: 'title', text: article.title, from: frontMatter('title') },
    { name: 'link', text: parts.link, from: article.url ? frontMatter('url') : `${brand.file}: website` },
    ...[...parts.hashtags.required, ...parts.hashtags.optional].map((tag): Provenance => ({
      name: 'hashtags',
      text: `#${tag}`,
      from: hashtagOrigin(request, tag),
    })),
    brandKey('disclaimer', brand.disclaimer, 'disclaimer'),
    ...(notices.offLabel ? [{ name: 'disclaimer', text: notices.offLabel, from: notices.from.offLabel }] : []),
    ...(parts.support
      ? [
          brandKey('support', parts.support, 'support_line'),
          { name: 'support', text: parts.support, from: notices.from.crisis },
        ]
      : []),
    brandKey('cta', parts.cta, 'cta'),
    brandKey('link_in_bio', parts.linkInBio, 'link_in_bio'),
    ...(parts.handle ? [brandKey('handle', parts.handle, `handles.${request.channel}`)] : []),
  ];
  return values.filter((value) => value.text);
}

function hashtagOrigin({ article, brand, source }: ChannelRequest, tag: string): string {
  const lower = tag.toLowerCase();
  const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (article.hashtags.some((value) => squash(value) === lower))
    return `${article.source}:${frontMatterLineOf(source, 'hashtags', article.titleAt.line)}`;
  if (article.tags.some((value) => squash(value) === lower))
    return `${article.source}:${frontMatterLineOf(source, 'tags', article.titleAt.line)}`;
  return `${brand.file}: hashtags`;
}

function frontMatterLineOf(source: string, key: string, fallback: number): number {
  const index = source.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index >= 0 ? index + 1 : fallback;
}

/** Two posts of a channel that open alike or say the same: named, so the team can pin other quotes. */
function repeats(
  posts: Post[],
  captions: Map<Post, Caption>,
  position: Position,
  platform: Platform,
): CaptionProblem[] {
  const seen = new Map<string, Post>();
  const problems: CaptionProblem[] = [];
  for (const post of posts.filter((candidate) => candidate.kind !== 'story' && captions.has(candidate))) {
    const caption = captions.get(post)!;
    const same = seen.get(`all ${normalize(caption.text)}`);
    const opening = seen.get(`open ${normalize(caption.text.split('\n')[0] ?? '')}`);
    const earlier = same ?? opening;
    if (earlier) {
      problems.push({
        severity: 'warning',
        ruleId: 'caption-repeated',
        reason: `Unexpected ${platform.label} ${post.kind} post ${same ? 'with the same caption as' : 'opening with the same line as'} its ${earlier.kind} post, expected every post its own words`,
        hint: 'pin more quotes in the front matter, or give the article a subtitle or a question heading to open with',
        position,
      });
    }
    seen.set(`all ${normalize(caption.text)}`, post);
    seen.set(`open ${normalize(caption.text.split('\n')[0] ?? '')}`, post);
  }
  return problems;
}
