/**
 * Short vertical video facts, late 2025, kept as data like the image facts in platforms.ts.
 * Sources: Instagram Graph API "Reels specifications" (MP4/MOV, H.264 or HEVC, 4:2:0, AAC
 * ≤ 48 kHz, 23–60 fps, 3 s–15 min, ≤ 300 MB; the moov atom first); Facebook Graph API "Reels
 * publishing" (9:16, ≥ 540×960, 24–60 fps, 3–90 s, stereo AAC-LC 48 kHz; no size cap is
 * published there: 1 GB is ours); TikTok for Developers "Content Posting API: media transfer"
 * (MP4/WebM/MOV, H.264 recommended, 23–60 fps, 3 min for every creator, up to 10 min for some,
 * ≤ 4 GB); LinkedIn Help "Video specifications" and the Marketing API "Videos API" (MP4,
 * 3 s–10 min, 75 KB–5 GB; the API takes 500 MB in one part); YouTube Help "Upload YouTube
 * Shorts" (vertical or square, ≤ 3 min since October 2024). YouTube is not a facet channel yet:
 * its Shorts facts are here so the same MP4 can be checked against them by hand.
 */
import type { Channel } from './platforms.ts';

export interface VideoPlatform {
  label: string;
  minSeconds: number;
  maxSeconds: number;
  maxBytes: number;
  /** Whether a silent AAC track is needed ('aac') or a video without sound is taken ('optional'). */
  audio: 'aac' | 'optional';
}

const MB = 1024 * 1024;

export const VIDEO_PLATFORMS = {
  instagram: { label: 'Instagram Reels', minSeconds: 3, maxSeconds: 15 * 60, maxBytes: 300 * MB, audio: 'aac' },
  facebook: { label: 'Facebook Reels', minSeconds: 3, maxSeconds: 90, maxBytes: 1024 * MB, audio: 'aac' },
  tiktok: { label: 'TikTok', minSeconds: 3, maxSeconds: 3 * 60, maxBytes: 4096 * MB, audio: 'optional' },
  linkedin: { label: 'LinkedIn video', minSeconds: 3, maxSeconds: 10 * 60, maxBytes: 500 * MB, audio: 'optional' },
} as const satisfies Partial<Record<Channel, VideoPlatform>>;

/**
 * YouTube Shorts, for checking by hand until YouTube is a channel.
 * @public
 */
export const YOUTUBE_SHORTS: VideoPlatform = {
  label: 'YouTube Shorts',
  minSeconds: 1,
  maxSeconds: 3 * 60,
  maxBytes: 256 * 1024 * MB,
  audio: 'optional',
};

export type VideoChannel = keyof typeof VIDEO_PLATFORMS;

export const VIDEO_CHANNELS = Object.keys(VIDEO_PLATFORMS) as VideoChannel[];

export function videoPlatformOf(channel: string): VideoPlatform | undefined {
  return (VIDEO_PLATFORMS as Record<string, VideoPlatform>)[channel];
}

/**
 * The one video every platform above takes: 9:16 at 1080×1920, H.264 High, yuv420p, 30 fps,
 * the index first (`+faststart`) and a silent AAC track (accepted everywhere, needed by some).
 */
export const VIDEO_FORMAT = {
  name: 'reel',
  width: 1080,
  height: 1920,
  fps: 30,
  codec: 'h264',
  profile: 'High',
  pixelFormat: 'yuv420p',
} as const;
