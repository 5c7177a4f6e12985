import {
  type CampaignEntry,
  DEFAULT_CAMPAIGNS,
  MAX_CAROUSEL_SLIDES,
  MAX_THREAD_SECTIONS,
} from '../channels/campaigns.ts';
import { platformOf, type Channel, type Platform } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import type { Article, CardSpec, PlannedImage, Post, PostKind } from '../model.ts';
import { altText } from './alt.ts';
import { type CardDraft, cardsFor } from './cards.ts';
import { dripCount } from '../config/drip.ts';
import { dripDrafts } from './drip.ts';
import { topSections } from './outline.ts';
import { videoPost } from './video.ts';
import type { VideoChannel } from '../channels/video.ts';

/**
 * Which posts each channel gets and which cards each holds, in posting order. Pure: the same
 * article and brand always give the same plan.
 */
export function planCampaign(article: Article, brand: Brand): Post[] {
  const channels = article.channels
    ? brand.channels.filter((channel) => article.channels!.includes(channel))
    : brand.channels;
  return channels.flatMap((channel) => planChannel(article, brand, channel));
}

function planChannel(article: Article, brand: Brand, channel: Channel): Post[] {
  const platform = platformOf(channel)!;
  const entries = brand.campaign[channel] ?? DEFAULT_CAMPAIGNS[channel];
  const primary = Object.keys(platform.formats)[0]!;
  let number = 0;
  const postOf = (kind: PostKind, format: string, drafts: CardDraft[]): Post => {
    const images = drafts.map((draft): PlannedImage => {
      number += 1;
      const card = cardSpec(draft, format, platform, channel, brand);
      const suffix = format === primary || format === draft.template ? '' : `-${format}`;
      const extension = card.encoding === 'jpeg' ? 'jpg' : 'png';
      return {
        path: `${article.slug}/${channel}/${String(number).padStart(2, '0')}-${draft.template}${suffix}.${extension}`,
        card,
      };
    });
    return { channel, kind, format, images };
  };
  const posts: Post[] = [];
  for (const entry of entries) {
    for (const drafts of postsOf(article, entry)) {
      const post = postOf(entry.kind as PostKind, entry.format, drafts);
      if (entry.pdf) post.pdf = `${article.slug}/${channel}/carousel.pdf`;
      posts.push(post);
    }
  }
  if (brand.video?.channels.includes(channel as VideoChannel)) {
    // The cover takes the next number, so the drip's images after it never share one.
    number += 1;
    posts.push(videoPost(article, brand, channel as VideoChannel, number));
  }
  const launch = platform.threads ? [asThread(article, posts, platform)] : posts;
  const drip = dripDrafts(article, posts, dripCount(brand.drip, channel)).map(({ kind, draft }, index): Post => ({
    ...postOf(kind, entries.find((entry) => entry.kind === kind)?.format ?? primary, [draft]),
    drip: Math.floor(index / Math.max(1, brand.drip.perWeek[channel] ?? brand.drip.perWeek.default ?? 1)) + 1,
  }));
  return [...launch, ...drip];
}

/**
 * On thread channels the campaign is one thread: each card goes with the post it speaks to,
 * the section its text came from (else the opening post), at most the platform's images each.
 */
function asThread(article: Article, posts: Post[], platform: Platform): Post {
  const sections = topSections(article)
    .slice(0, MAX_THREAD_SECTIONS)
    .map(({ section }) => section.position.line);
  const taken = new Map<number, number>();
  const images = posts
    .flatMap((post) => post.images)
    .map((image): PlannedImage => {
      const line = image.card.origin.line;
      const index = image.card.template === 'link' ? -1 : sections.findLastIndex((start) => start <= line);
      let threadPost = index + 2;
      while ((taken.get(threadPost) ?? 0) >= platform.imagesPerPost) threadPost += 1;
      taken.set(threadPost, (taken.get(threadPost) ?? 0) + 1);
      return { ...image, threadPost };
    });
  return { channel: posts[0]!.channel, kind: 'thread', format: posts[0]!.format, images };
}

/** The cards of each post an entry makes: one carousel, or one post per quote or stat. */
function postsOf(article: Article, entry: CampaignEntry): CardDraft[][] {
  const cards = cardsFor(article);
  switch (entry.kind) {
    case 'carousel':
      return [[cards.title(), ...cards.sections().slice(0, MAX_CAROUSEL_SLIDES - 2), cards.cta()]];
    case 'quote':
      return cards.quotes(entry.count).map((card) => [card]);
    case 'stat':
      return cards.stats(entry.count).map((card) => [card]);
    case 'link':
      return [[cards.link()]];
    case 'story':
      return [[cards.story()]];
  }
}

function cardSpec(draft: CardDraft, format: string, platform: Platform, channel: Channel, brand: Brand): CardSpec {
  const { width, height } = (platform.formats as Record<string, { width: number; height: number }>)[format]!;
  const data = {
    ...draft.data,
    handle: brand.handles[channel] ?? '',
    where: platform.linksClick ? draft.domain : brand.linkInBio,
  };
  const alt = withinLength(draft.alt(brand), platform.altTextLimit ?? DEFAULT_ALT_TEXT_LIMIT);
  return {
    template: draft.template,
    format,
    width,
    height,
    data,
    alt,
    encoding: platform.encoding,
    origin: draft.origin,
  };
}

/** A card's alt text on its channel, within the platform's limit: for cards an editor changed. */
export function cardAlt(card: CardSpec, channel: Channel, brand: Brand): string {
  return withinLength(
    altText(card.template, card.data, brand),
    platformOf(channel)!.altTextLimit ?? DEFAULT_ALT_TEXT_LIMIT,
  );
}

/** Platforms that take alt text without a published limit get this one. */
const DEFAULT_ALT_TEXT_LIMIT = 1000;

/** Shortened at a word boundary, never inside a word, with "…". */
function withinLength(text: string, limit: number): string {
  if ([...text].length <= limit) return text;
  const words = text.split(' ');
  while (words.length > 1 && [...`${words.join(' ')}…`].length > limit) words.pop();
  return `${words.join(' ').replace(/[\s,;:.]+$/, '')}…`;
}
