import type { Document } from 'yaml';
import { VIDEO_CHANNELS, type VideoChannel } from '../channels/video.ts';

/** brand.yaml's `video:`: which channels get a short video, and how long each slide stays. */
export interface VideoSettings {
  channels: VideoChannel[];
  /** Reading speed for a slide's time on screen. */
  wordsPerSecond: number;
  minSeconds: number;
  maxSeconds: number;
  /** Cross-fade between slides, in seconds; 0 cuts. */
  transitionSeconds: number;
}

const VIDEO_DEFAULTS = { wordsPerSecond: 2.5, minSeconds: 2.5, maxSeconds: 6, transitionSeconds: 0.4 } as const;

type Problem = (keys: (string | number)[], what: string) => void;

/** No `video:` (or `video: off`) turns videos off; `video: { channels: [...] }` turns them on there. */
export function parseVideo(doc: Document, problem: Problem): VideoSettings | undefined {
  const value = doc.get('video') as unknown;
  if (value === undefined || value === null || value === false || value === 'off') return undefined;
  const settings = (value as { toJSON?: () => unknown })?.toJSON?.() as Record<string, unknown> | undefined;
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) {
    problem(
      ['video'],
      '`off`, or a mapping with `channels:` and optional `words_per_second:`, `min_seconds:`, `max_seconds:`, `transition_seconds:`',
    );
    return undefined;
  }
  const channels = settings.channels;
  const valid = Array.isArray(channels) && channels.every((channel) => (VIDEO_CHANNELS as unknown[]).includes(channel));
  if (!valid) problem(['video', 'channels'], `a list of channels from ${VIDEO_CHANNELS.join(', ')}`);
  const number = (key: string, fallback: number, min: number, max: number): number => {
    const found = settings[key];
    if (found === undefined) return fallback;
    if (typeof found === 'number' && found >= min && found <= max) return found;
    problem(['video', key], `a number from ${min} to ${max}`);
    return fallback;
  };
  const minSeconds = number('min_seconds', VIDEO_DEFAULTS.minSeconds, 0.5, 60);
  const maxSeconds = number('max_seconds', VIDEO_DEFAULTS.maxSeconds, 0.5, 60);
  if (maxSeconds < minSeconds) problem(['video', 'max_seconds'], `a number at least min_seconds (${minSeconds})`);
  return {
    channels: valid ? (channels as VideoChannel[]) : [],
    wordsPerSecond: number('words_per_second', VIDEO_DEFAULTS.wordsPerSecond, 0.5, 10),
    minSeconds,
    maxSeconds,
    transitionSeconds: number('transition_seconds', VIDEO_DEFAULTS.transitionSeconds, 0, 2),
  };
}
