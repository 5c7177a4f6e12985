/**
 * Platform facts, late 2025, kept as data so a platform change is a one-line edit.
 * Sources: each platform's help centre (Instagram/Meta Business Help "image sizes" and
 * "caption length"; LinkedIn Help "image specifications" and "document posts"; X Developer
 * "counting characters" (twitter-text); Threads Help; Bluesky's lexicon `app.bsky.feed.post`
 * (300 graphemes) and `app.bsky.embed.images` (1,000,000 bytes); Pinterest "pin specs";
 * TikTok "photo mode"), as summarised in DESIGN.md.
 */

interface Format {
  width: number;
  height: number;
}

/** How the platform counts a caption's length. */
export type Counting = 'characters' | 'graphemes' | 'twitter';

export interface Platform {
  label: string;
  /** Formats in order of preference; the first is the channel's main format. */
  formats: Record<string, Format>;
  /** `fold`: characters shown before "…more"; `titleLimit`: a separate title (Pinterest). */
  caption: { limit: number; fold?: number; titleLimit?: number; counting: Counting };
  maxHashtags: number;
  /** Fewer than this reads as careless on the platform (LinkedIn: 3–5). */
  minHashtags?: number;
  altTextLimit?: number;
  maxImageBytes: number;
  imagesPerPost: number;
  /** Whether links in captions are clickable; where not, the brand's "link in bio" line is used. */
  linksClick: boolean;
  threads: boolean;
  /** Byte caps this tight are met with JPEG. */
  encoding: 'png' | 'jpeg';
}

const MB = 1024 * 1024;

export const PLATFORMS = {
  instagram: {
    label: 'Instagram',
    formats: {
      portrait: { width: 1080, height: 1350 },
      square: { width: 1080, height: 1080 },
      story: { width: 1080, height: 1920 },
    },
    caption: { limit: 2200, fold: 125, counting: 'characters' },
    maxHashtags: 5,
    maxImageBytes: 8 * MB,
    imagesPerPost: 10,
    linksClick: false,
    threads: false,
    encoding: 'png',
  },
  facebook: {
    label: 'Facebook',
    formats: { landscape: { width: 1200, height: 630 }, portrait: { width: 1080, height: 1350 } },
    caption: { limit: 63206, counting: 'characters' },
    maxHashtags: 3,
    maxImageBytes: 10 * MB,
    imagesPerPost: 10,
    linksClick: true,
    threads: false,
    encoding: 'png',
  },
  linkedin: {
    label: 'LinkedIn',
    formats: { landscape: { width: 1200, height: 627 }, portrait: { width: 1080, height: 1350 } },
    caption: { limit: 3000, fold: 210, counting: 'characters' },
    maxHashtags: 5,
    minHashtags: 3,
    maxImageBytes: 5 * MB,
    imagesPerPost: 20,
    linksClick: true,
    threads: false,
    encoding: 'png',
  },
  x: {
    label: 'X',
    formats: { landscape: { width: 1600, height: 900 } },
    caption: { limit: 280, counting: 'twitter' },
    maxHashtags: 2,
    altTextLimit: 1000,
    maxImageBytes: 5 * MB,
    imagesPerPost: 4,
    linksClick: true,
    threads: true,
    encoding: 'png',
  },
  threads: {
    label: 'Threads',
    formats: { portrait: { width: 1080, height: 1350 } },
    caption: { limit: 500, counting: 'characters' },
    maxHashtags: 1,
    maxImageBytes: 8 * MB,
    imagesPerPost: 10,
    linksClick: true,
    threads: false,
    encoding: 'png',
  },
  bluesky: {
    label: 'Bluesky',
    formats: { landscape: { width: 1200, height: 675 }, square: { width: 1080, height: 1080 } },
    caption: { limit: 300, counting: 'graphemes' },
    maxHashtags: 2,
    altTextLimit: 2000,
    maxImageBytes: 1_000_000,
    imagesPerPost: 4,
    linksClick: true,
    threads: true,
    encoding: 'jpeg',
  },
  pinterest: {
    label: 'Pinterest',
    formats: { pin: { width: 1000, height: 1500 } },
    caption: { limit: 500, titleLimit: 100, counting: 'characters' },
    maxHashtags: 0,
    altTextLimit: 500,
    maxImageBytes: 20 * MB,
    imagesPerPost: 1,
    linksClick: true,
    threads: false,
    encoding: 'png',
  },
  tiktok: {
    label: 'TikTok',
    formats: { photo: { width: 1080, height: 1920 } },
    caption: { limit: 4000, counting: 'characters' },
    maxHashtags: 5,
    maxImageBytes: 20 * MB,
    imagesPerPost: 35,
    linksClick: false,
    threads: false,
    encoding: 'png',
  },
} as const satisfies Record<string, Platform>;

export type Channel = keyof typeof PLATFORMS;

export const CHANNELS = Object.keys(PLATFORMS) as Channel[];

export function platformOf(channel: string): Platform | undefined {
  return (PLATFORMS as Record<string, Platform>)[channel];
}

/**
 * Areas a platform's UI draws over, in pixels from each edge; text must stay out of them.
 * Stories: the profile bar on top and the reply box below. TikTok: the action rail on the right
 * and the caption block at the bottom.
 */
export const SAFE_ZONES: Record<string, { top: number; right: number; bottom: number; left: number }> = {
  story: { top: 250, right: 80, bottom: 340, left: 80 },
  photo: { top: 160, right: 120, bottom: 450, left: 80 },
  // Short video (src/channels/video.ts): the widest of Reels', TikTok's and Shorts' overlays.
  reel: { top: 250, right: 140, bottom: 480, left: 100 },
};
