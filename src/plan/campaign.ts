import { platformOf, type Channel, type Platform } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import type { Article, CardSpec, PlannedImage, Post, PostKind } from '../model.ts';
import { altText } from './alt.ts';

/** Formats a platform overlays with its own UI; they get story posts. */
const STORY_FORMATS = new Set(['story']);

/**
 * Which posts each channel gets, and which cards each post holds, in posting order.
 * Pure: the same article and brand always give the same plan.
 */
export function planCampaign(article: Article, brand: Brand): Post[] {
  const channels = article.channels ? brand.channels.filter((channel) => article.channels!.includes(channel)) : brand.channels;
  return channels.flatMap((channel) => planChannel(article, brand, channel));
}

function planChannel(article: Article, brand: Brand, channel: Channel): Post[] {
  const platform = platformOf(channel)!;
  const formats = Object.keys(platform.formats);
  const primary = formats[0]!;
  const drafts: { kind: PostKind; format: string; templates: string[] }[] = [];
  for (const format of formats) {
    if (STORY_FORMATS.has(format)) {
      drafts.push({ kind: 'story', format, templates: ['title', 'quote'] });
      continue;
    }
    drafts.push({ kind: leadKind(platform), format, templates: ['title'] });
    if (article.quotes.length > 0) drafts.push({ kind: 'quote', format, templates: ['quote'] });
  }
  let number = 0;
  return drafts.map((draft) => ({
    channel,
    kind: draft.kind,
    format: draft.format,
    images: draft.templates.map((template): PlannedImage => {
      number += 1;
      const card = cardFor(article, brand, channel, platform, template, draft.format);
      const suffix = draft.format === primary ? '' : `-${draft.format}`;
      const extension = card.encoding === 'jpeg' ? 'jpg' : 'png';
      return { path: `${article.slug}/${channel}/${String(number).padStart(2, '0')}-${template}${suffix}.${extension}`, card };
    }),
  }));
}

/** The post that opens a channel's campaign: a carousel where a post holds several images. */
function leadKind(platform: Platform): PostKind {
  return platform.imagesPerPost > 1 && !platform.threads ? 'carousel' : 'link';
}

function cardFor(article: Article, brand: Brand, channel: Channel, platform: Platform, template: string, format: string): CardSpec {
  const { width, height } = (platform.formats as Record<string, { width: number; height: number }>)[format]!;
  const data: Record<string, string> = {
    handle: brand.handles[channel] ?? '',
    kicker: kickerOf(article, brand),
    title: article.title,
    ...(article.subtitle ? { subtitle: article.subtitle } : {}),
    ...(template === 'quote' && article.quotes[0] ? { quote: article.quotes[0].text } : {}),
  };
  return { template, format, width, height, data, alt: altText(template, data, brand), encoding: platform.encoding };
}

/** The small line above the title: the article's first topic, else the organisation. */
function kickerOf(article: Article, brand: Brand): string {
  const tag = article.tags[0];
  if (!tag) return brand.organisation ?? '';
  return tag.replace(/[-_]+/g, ' ').replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
}
