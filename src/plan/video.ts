import { VIDEO_FORMAT, type VideoChannel } from '../channels/video.ts';
import type { Brand } from '../config/brand.ts';
import type { Article, CardSpec, PlannedImage, Post } from '../model.ts';
import { altText } from './alt.ts';
import { type CardDraft, cardsFor } from './cards.ts';

/** A short video stays short: title, at most this many sections, a quote, a stat, the closing slide. */
const MAX_VIDEO_SECTIONS = 5;

/**
 * The video post of a channel that gets one (brand.yaml `video:`): the carousel re-laid for 9:16
 * as `reel-*` card templates, in the order they play. Every channel's video has the same slides,
 * so one MP4 serves them all; review and disclosures apply to them like to any card. `number`
 * is the cover's place among the channel's images.
 */
export function videoPost(article: Article, brand: Brand, channel: VideoChannel, number: number): Post {
  const slides = videoSlides(article, brand);
  // The title slide is the video's cover, written with the channel's images in posting order; the others stay in the video.
  const pathOf = (index: number, card: CardSpec) =>
    index === 0
      ? `${article.slug}/${channel}/${String(number).padStart(2, '0')}-cover.png`
      : `${article.slug}/video/${String(index + 1).padStart(2, '0')}-${card.template}.png`;
  const images = slides.map((card, index): PlannedImage => ({ path: pathOf(index, card), card }));
  return { channel, kind: 'video', format: VIDEO_FORMAT.name, images };
}

/** A slide is read in seconds: its first point, and the next ones while the slide stays short. */
const KEY_POINT_WORDS = 20;

function keyPoints(points: string[]): string[] {
  const kept: string[] = [];
  let words = 0;
  for (const point of points) {
    words += point.split(/\s+/).length;
    if (kept.length > 0 && words > KEY_POINT_WORDS) break;
    kept.push(point);
  }
  return kept;
}

function videoSlides(article: Article, brand: Brand): CardSpec[] {
  const cards = cardsFor(article);
  const words = ({ slide: _slide, total: _total, ...data }: Record<string, string | string[]>) => data;
  const sections = cards
    .sections()
    .slice(0, MAX_VIDEO_SECTIONS)
    .map((draft) => ({ ...draft, data: { ...words(draft.data), points: keyPoints(draft.data.points as string[]) } }));
  const drafts: CardDraft[] = [
    { ...cards.title(), data: words(cards.title().data) },
    ...sections,
    ...cards.quotes(1),
    ...cards.stats(1),
    { ...cards.cta(), data: { ...words(cards.cta().data), where: brand.linkInBio } },
  ];
  return drafts.map((draft) => ({
    template: `reel-${draft.template}`,
    format: VIDEO_FORMAT.name,
    width: VIDEO_FORMAT.width,
    height: VIDEO_FORMAT.height,
    data: draft.data,
    origin: draft.origin,
    alt: altText(draft.template, draft.data, brand),
    encoding: 'png',
  }));
}
