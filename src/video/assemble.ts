import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAFE_ZONES } from '../channels/platforms.ts';
import { VIDEO_FORMAT, videoPlatformOf } from '../channels/video.ts';
import type { Brand } from '../config/brand.ts';
import type { VideoSettings } from '../config/video.ts';
import { report } from '../messages/report.ts';
import type { Caption, CardSpec, ImageEntry, Post, PostEntry, VideoEntry } from '../model.ts';
import type { ArticleFile } from '../read/articles.ts';
import { cardKey } from '../render/batch.ts';
import { type CardCache, cachedFile } from '../render/cache.ts';
import type { RenderContext, RenderedCard } from '../render/card.ts';
import { contentHash } from '../render/content-hash.ts';
import type { OutputFile } from '../write/output.ts';
import { findEncoder } from './encoder.ts';
import { encodeVideo, VIDEO_ENCODING, type Stills } from './encode.ts';
import { crossFade, type Frame, mix, type ProgressBar, rgbOf, slidePixels, withProgress } from './frames.ts';
import { toSrt, toVtt } from './subtitles.ts';
import { type TimedSlide, timeline } from './timing.ts';

/** The video code itself is part of a video's key: a change to frames or encoding makes it again. */
const VIDEO_CODE = (() => {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .sort())
    hash.update(readFileSync(path.join(dir, name)));
  return hash.digest('hex');
})();

export interface MadeVideos {
  posts: PostEntry[];
  files: OutputFile[];
  /** No working ffmpeg: the article's build lacks its videos. */
  encoderMissing?: boolean;
}

export interface VideoParts {
  context: RenderContext;
  cache: CardCache;
  brand: Brand;
  captions: ReadonlyMap<Post, Caption>;
  /** Makes a post's manifest entry from its images (assemble.ts's postEntry). */
  entryOf: (post: Post, images: ImageEntry[], caption: Caption) => PostEntry;
  /** Aborted: the encoder is stopped and the build with it. */
  signal?: AbortSignal | undefined;
}

/**
 * The article's video posts (brand.yaml `video:`): its slides, already drawn as cards, made
 * into one MP4 with SRT and WebVTT beside it, under `<slug>/video/`, and one post per channel
 * with that channel's caption and alt text and the cover (the title slide) among its images.
 * Without a working ffmpeg (said once at setup) there are no video posts; the rest is built.
 */
export async function assembleVideos(
  source: ArticleFile,
  posts: Post[],
  drawn: ReadonlyMap<string, RenderedCard>,
  parts: VideoParts,
): Promise<MadeVideos> {
  const settings = parts.brand.video;
  if (posts.length === 0 || !settings) return { posts: [], files: [] };
  const encoder = await findEncoder();
  // Not up to date: once ffmpeg works, the next build makes the video.
  if (!encoder.ok) return { posts: [], files: [], encoderMissing: true };
  const cards = posts[0]!.images.map((image) => image.card);
  const rendered = cards.map((card) => drawn.get(cardKey(card, parts.context))!);
  if (!slidesDrawn(source, cards, rendered)) return { posts: [], files: [] };
  const slides = timeline(cards, settings, parts.brand.cta, VIDEO_FORMAT.fps);
  const bar = progressBar(parts.brand);
  const key = `video-${digest([VIDEO_CODE, encoder.version, VIDEO_ENCODING, VIDEO_FORMAT, settings.transitionSeconds, bar, slides.map((slide) => slide.frames), rendered.map((card) => card.hash)])}`;
  let data: Buffer;
  try {
    data = await cachedFile(parts.cache, key, () =>
      encodeVideo(encoder.path, stillsOf(slides, rendered, settings, bar), parts.signal),
    );
  } catch (error) {
    // Stopped on purpose: no failure of the video, the build stops with the reason.
    if (parts.signal?.aborted) throw parts.signal.reason;
    report(
      source.file,
      'warning',
      'video-failed',
      `Unexpected failure encoding the video: ${(error as Error).message}`,
      cards[0]!.origin,
      'this is a bug in facet or a broken ffmpeg; please report it with the article. The video was left out, everything else was built',
    );
    return { posts: [], files: [] };
  }
  const dir = `${source.slug}/video`;
  const entry = videoEntry(dir, data, slides);
  const cue = slides.map((slide) => ({
    start: slide.firstFrame / VIDEO_FORMAT.fps,
    end: (slide.firstFrame + slide.frames) / VIDEO_FORMAT.fps,
    text: slide.text,
  }));
  const cover = (post: Post): ImageEntry => ({
    path: post.images[0]!.path,
    width: VIDEO_FORMAT.width,
    height: VIDEO_FORMAT.height,
    bytes: rendered[0]!.data.length,
    hash: rendered[0]!.hash,
    alt: videoAlt(slides, parts.brand, entry.duration),
    template: cards[0]!.template,
  });
  const kept = posts.filter((post) => withinLimits(source, post, entry, cards[0]!));
  if (kept.length === 0) return { posts: [], files: [] };
  return {
    posts: kept.map((post) => ({ ...parts.entryOf(post, [cover(post)], parts.captions.get(post)!), video: entry })),
    files: [
      { path: entry.path, data },
      ...kept.map((post) => ({ path: post.images[0]!.path, data: rendered[0]!.data })),
      { path: entry.subtitles.srt, data: toSrt(cue) },
      { path: entry.subtitles.vtt, data: toVtt(cue) },
    ],
  };
}

/** Like any card: a slide whose text does not fit or cannot be drawn is not shown, and then the video is not made. */
function slidesDrawn(source: ArticleFile, cards: CardSpec[], rendered: RenderedCard[]): boolean {
  for (const [index, card] of rendered.entries()) {
    const spec = cards[index]!;
    if (card.overflow.length === 0 && card.missing.length === 0) continue;
    const why =
      card.overflow.length > 0
        ? `text too long to fit: “${card.overflow[0]!.slice(0, 79)}”`
        : `characters no bundled font can draw: ${card.missing.join(', ')}`;
    report(
      source.file,
      'warning',
      'video-slide',
      `Unexpected ${why} on the video’s ${spec.template} slide, expected every slide drawn whole`,
      spec.origin,
      'shorten the text (or pin a shorter quote); the video was left out, the other posts were built',
    );
    return false;
  }
  return true;
}

function withinLimits(source: ArticleFile, post: Post, video: VideoEntry, first: CardSpec): boolean {
  const platform = videoPlatformOf(post.channel)!;
  const problem =
    video.duration > platform.maxSeconds
      ? `${video.duration} s, over ${platform.label}'s ${platform.maxSeconds} s`
      : video.duration < platform.minSeconds
        ? `${video.duration} s, under ${platform.label}'s ${platform.minSeconds} s`
        : video.bytes > platform.maxBytes
          ? `${video.bytes} bytes, over ${platform.label}'s ${platform.maxBytes}`
          : undefined;
  if (problem) {
    report(
      source.file,
      'warning',
      'video-limit',
      `Unexpected video of ${problem}`,
      first.origin,
      'change `video:` in templates/brand.yaml (words_per_second, min_seconds, max_seconds); that channel’s video was left out',
    );
  }
  return !problem;
}

/** Segments across the top, in the overlay zone where no words are: accent for played, muted for to come. */
function progressBar(brand: Brand): ProgressBar {
  const zone = SAFE_ZONES[VIDEO_FORMAT.name]!;
  const background = rgbOf(brand.colours.background);
  return {
    top: zone.top - 60,
    height: 8,
    left: zone.left,
    right: zone.right,
    gap: 10,
    done: rgbOf(brand.colours.accent),
    todo: mix(rgbOf(brand.colours.muted), background, 0.55),
  };
}

/**
 * Each slide fades in over its first `transitionSeconds` (at most its whole time less a
 * frame), then holds: one still per fade frame, one held still per slide.
 */
function stillsOf(slides: TimedSlide[], rendered: RenderedCard[], settings: VideoSettings, bar: ProgressBar): Stills {
  const fade = (index: number) =>
    index === 0 ? 0 : Math.min(Math.round(settings.transitionSeconds * VIDEO_FORMAT.fps), slides[index]!.frames - 1);
  const holds = slides.flatMap((slide, index) => [
    ...Array.from({ length: fade(index) }, () => 1),
    slide.frames - fade(index),
  ]);
  return {
    holds,
    async *stills() {
      let previous: Frame | undefined;
      for (const index of slides.keys()) {
        const frame = withProgress(
          await slidePixels(rendered[index]!.data),
          VIDEO_FORMAT.width,
          bar,
          index,
          slides.length,
        );
        const steps = fade(index);
        for (let step = 1; step <= steps; step += 1)
          yield crossFade(previous!, frame, Math.round((256 * step) / (steps + 1)));
        yield frame;
        previous = frame;
      }
    },
  };
}

function videoEntry(dir: string, data: Buffer, slides: TimedSlide[]): VideoEntry {
  const { fps } = VIDEO_FORMAT;
  const seconds = (frames: number) => Math.round((frames / fps) * 1000) / 1000;
  const total = slides.reduce((sum, slide) => sum + slide.frames, 0);
  return {
    path: `${dir}/video.mp4`,
    bytes: data.length,
    hash: contentHash(data),
    width: VIDEO_FORMAT.width,
    height: VIDEO_FORMAT.height,
    duration: seconds(total),
    fps,
    codec: VIDEO_FORMAT.codec,
    profile: VIDEO_FORMAT.profile,
    pixelFormat: VIDEO_FORMAT.pixelFormat,
    audio: 'aac (silent)',
    subtitles: { srt: `${dir}/video.srt`, vtt: `${dir}/video.vtt` },
    safeZone: { ...SAFE_ZONES[VIDEO_FORMAT.name]! },
    slides: slides.map((slide) => ({
      template: slide.card.template,
      start: seconds(slide.firstFrame),
      end: seconds(slide.firstFrame + slide.frames),
      text: slide.text,
    })),
  };
}

/** What a viewer who cannot see it needs: what it is, how long, and every slide's words. */
function videoAlt(slides: TimedSlide[], brand: Brand, duration: number): string {
  const speaker = [brand.author.name, brand.author.role].filter(Boolean).join(', ');
  const text = `Short video, ${Math.round(duration)} seconds, ${slides.length} slides by ${speaker}: ${slides
    .map((slide) =>
      slide.text
        .split('\n')
        .map((line) => line.replace(/(?<![.!?…”])$/, '.'))
        .join(' '),
    )
    .join(' / ')}`;
  if ([...text].length <= ALT_LIMIT) return text;
  const words = text.split(' ');
  while (words.length > 1 && [...`${words.join(' ')}…`].length > ALT_LIMIT) words.pop();
  return `${words.join(' ')}…`;
}

/** Under every video channel's alt-text limit (1,000 where none is published). */
const ALT_LIMIT = 1000;

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
