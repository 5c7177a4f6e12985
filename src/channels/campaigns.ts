import type { Channel } from './platforms.ts';

/** The kinds of post a campaign can hold; each maps to card templates in plan/campaign.ts. */
export const POST_KINDS = ['carousel', 'quote', 'stat', 'link', 'story'] as const;
export type CampaignPostKind = (typeof POST_KINDS)[number];

/** One line of a channel's campaign: a kind of post, its format, how many. */
export interface CampaignEntry {
  kind: CampaignPostKind;
  format: string;
  /** Quote and stat posts: one post per top quote/stat, at most this many. Default 1. */
  count: number;
  /** Carousels: also write the slides as one PDF document (LinkedIn's carousel). Default false. */
  pdf: boolean;
}

const entry = (kind: CampaignPostKind, format: string, extra: Partial<CampaignEntry> = {}): CampaignEntry => ({
  kind,
  format,
  count: 1,
  pdf: false,
  ...extra,
});

/**
 * What each channel gets unless brand.yaml's `campaign:` says otherwise: the carousel where a
 * channel's audience swipes, a link card where it clicks, quotes and stats as single images,
 * a story on Instagram. Every format of every channel is used by at least one post.
 */
export const DEFAULT_CAMPAIGNS: Record<Channel, CampaignEntry[]> = {
  instagram: [
    entry('carousel', 'portrait'),
    entry('quote', 'square', { count: 2 }),
    entry('stat', 'portrait'),
    entry('story', 'story'),
  ],
  facebook: [entry('link', 'landscape'), entry('quote', 'portrait'), entry('stat', 'landscape')],
  linkedin: [entry('carousel', 'portrait', { pdf: true }), entry('link', 'landscape'), entry('quote', 'portrait')],
  x: [entry('link', 'landscape'), entry('quote', 'landscape', { count: 2 }), entry('stat', 'landscape')],
  threads: [entry('carousel', 'portrait'), entry('quote', 'portrait')],
  bluesky: [entry('link', 'landscape'), entry('quote', 'square'), entry('stat', 'landscape')],
  pinterest: [entry('link', 'pin')],
  tiktok: [entry('carousel', 'photo')],
};

/** Instagram and most schedulers take at most 10 images in a carousel. */
export const MAX_CAROUSEL_SLIDES = 10;

/** Threads get a post per `##` section, at most this many, between the opening and closing posts. */
export const MAX_THREAD_SECTIONS = 8;
