import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { build, type BuildResult } from '../../src/build.ts';
import { exportCampaign } from '../../src/export/run.ts';
import { zipEntries } from '../helpers/zip.ts';
import { VIDEO_PLATFORMS } from '../../src/channels/video.ts';
import type { PostEntry, VideoEntry } from '../../src/model.ts';
import { difference } from '../helpers/pixels.ts';
import { ROOT, TEMPLATES } from '../helpers/setup.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const FFPROBE = (require('@ffprobe-installer/ffprobe') as { path: string }).path;
const FFMPEG = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const SEED = 'ketamine-therapy-for-migraines';
// Two video channels keep the cards to draw (and the CPU the test takes) small.
const CHANNELS = ['instagram', 'tiktok'] as const;

interface Probe {
  streams: {
    codec_type: string;
    codec_name: string;
    profile?: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
    r_frame_rate: string;
    duration: string;
    nb_frames: string;
  }[];
}

async function probe(file: string): Promise<Probe> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_streams', '-of', 'json', file]);
  return JSON.parse(stdout) as Probe;
}

/** The frame shown at `seconds`, as a PNG, decoded the BT.709 way it was encoded. */
async function frameAt(file: string, seconds: number): Promise<Buffer> {
  const { stdout } = await run(
    FFMPEG,
    [
      '-v',
      'error',
      '-ss',
      seconds.toFixed(3),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      'scale=in_color_matrix=bt709:in_range=tv',
      '-f',
      'image2pipe',
      '-vcodec',
      'png',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

function videoPosts(result: BuildResult): PostEntry[] {
  return result.built.flatMap((entry) => entry.posts).filter((post) => post.kind === 'video');
}

function cachedVideos(cache: string): string[] {
  return readdirSync(path.join(cache, 'cards'))
    .filter((name) => name.startsWith('video-') && name.endsWith('.img'))
    .sort();
}

const dir = mkdtempSync(path.join(tmpdir(), 'facet-video-'));
const articles = path.join(dir, 'articles');
const cache = path.join(dir, 'cache');
const out = path.join(dir, 'output');
let result: BuildResult;
let video: VideoEntry;

beforeAll(async () => {
  mkdirSync(articles);
  cpSync(path.join(ROOT, 'articles', `${SEED}.md`), path.join(articles, `${SEED}.md`));
  result = await build({
    articlesDir: articles,
    templatesDir: TEMPLATES,
    outDir: out,
    cacheDir: cache,
    channels: [...CHANNELS],
    contactSheets: false,
    video: true,
  });
  video = videoPosts(result)[0]!.video!;
}, 300_000);

describe('the seed article’s video', () => {
  it('is one MP4 posted on every video channel, with SRT and WebVTT beside it and the title slide as each post’s cover', () => {
    const posts = videoPosts(result);
    expect(posts.map((post) => post.channel).sort()).toEqual([...CHANNELS].sort());
    for (const post of posts) {
      expect(post.video).toEqual(video);
      expect(post.images).toHaveLength(1);
      expect(post.images[0]!.path).toMatch(new RegExp(`^${SEED}/${post.channel}/\\d\\d-cover\\.png$`));
      expect(readFileSync(path.join(out, post.images[0]!.path)).length).toBe(post.images[0]!.bytes);
      expect(post.images[0]!.alt).toMatch(/^Short video, \d+ seconds, \d+ slides by Dr\. Anthony Kaveh/);
      expect(post.caption?.length).toBeGreaterThan(100);
    }
    const data = readFileSync(path.join(out, video.path));
    expect(data.length).toBe(video.bytes);
    expect(statSync(path.join(out, video.subtitles.srt)).size).toBeGreaterThan(0);
    // The cover is the title slide.
    expect(video.slides[0]!.template).toBe('reel-title');
    expect(video.slides.map((slide) => slide.template)).toEqual(
      expect.arrayContaining(['reel-section', 'reel-quote', 'reel-stat', 'reel-cta']),
    );
    const json = JSON.parse(readFileSync(path.join(out, SEED, 'tiktok', 'post.json'), 'utf8')) as {
      posts: PostEntry[];
    };
    expect(json.posts.some((post) => post.video?.path === video.path)).toBe(true);
  });

  it('is H.264 High, 1080×1920, yuv420p, 30 fps, as long as its slides’ reading times, index first', async () => {
    const { streams } = await probe(path.join(out, video.path));
    const picture = streams.find((stream) => stream.codec_type === 'video')!;
    expect(picture).toMatchObject({
      codec_name: 'h264',
      profile: 'High',
      width: 1080,
      height: 1920,
      pix_fmt: 'yuv420p',
      r_frame_rate: '30/1',
    });
    const sum = video.slides.reduce((total, slide) => total + (slide.end - slide.start), 0);
    expect(Number(picture.duration)).toBeCloseTo(sum, 2);
    expect(video.duration).toBeCloseTo(sum, 2);
    expect(Number(picture.nb_frames)).toBe(Math.round(sum * 30));
    expect(streams.find((stream) => stream.codec_type === 'audio')?.codec_name).toBe('aac');
    // Each slide is on screen for its words at 2.5 a second, between 2.5 and 6 seconds.
    for (const slide of video.slides) {
      const words = slide.text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
      expect(slide.end - slide.start).toBeCloseTo(Math.min(6, Math.max(2.5, words / 2.5)), 1);
    }
    for (const platform of Object.values(VIDEO_PLATFORMS))
      expect(video.duration).toBeLessThanOrEqual(platform.maxSeconds);
    const data = readFileSync(path.join(out, video.path));
    expect(data.indexOf('moov')).toBeLessThan(data.indexOf('mdat'));
  });

  it('shows each slide’s image in the middle of its time', async () => {
    const file = path.join(out, video.path);
    const slides = await slideImages();
    for (const [index, slide] of video.slides.entries()) {
      const frame = await frameAt(file, (slide.start + slide.end) / 2);
      const same = await difference(frame, slides[index]!);
      expect(same.changed, `${slide.template} #${index + 1}`).toBeLessThan(0.01);
      expect(same.mean, `${slide.template} #${index + 1}`).toBeLessThan(2.5);
      // …and not its neighbour's, so the comparison can tell slides apart.
      const other = await difference(frame, slides[(index + 1) % slides.length]!);
      expect(other.changed).toBeGreaterThan(0.02);
    }
  });

  it('writes SRT and WebVTT with each slide’s words and times', () => {
    const srt = readFileSync(path.join(out, video.subtitles.srt), 'utf8');
    const vtt = readFileSync(path.join(out, video.subtitles.vtt), 'utf8');
    const cues = (text: string, separator: string) =>
      [
        ...text.matchAll(
          new RegExp(
            `(\\d\\d):(\\d\\d):(\\d\\d)${separator}(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)${separator}(\\d{3})\\n([^]*?)(?:\\n\\n|\\n?$)`,
            'g',
          ),
        ),
      ].map((match) => {
        const time = (h: string, m: string, s: string, ms: string) =>
          Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
        return {
          start: time(match[1]!, match[2]!, match[3]!, match[4]!),
          end: time(match[5]!, match[6]!, match[7]!, match[8]!),
          text: match[9]!.trim(),
        };
      });
    const expected = video.slides.map((slide) => ({ start: slide.start, end: slide.end, text: slide.text }));
    expect(cues(srt, ',')).toEqual(expected);
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    expect(cues(vtt, '\\.')).toEqual(expected);
    expect(srt).toContain('Ketamine Therapy for Migraines');
  });

  it('is listed by the exports: the generic CSV’s video column, the JSON’s video, the bundle’s files', async () => {
    const exportTo = async (format: string) =>
      (await exportCampaign({ outDir: out, templatesDir: TEMPLATES, format, start: '2026-12-21' })).files[0]!;
    const rows = parse(readFileSync(await exportTo('generic'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(
      rows
        .filter((row) => row.kind === 'video')
        .map((row) => [row.channel, row.video])
        .sort(),
    ).toEqual([...CHANNELS].sort().map((channel) => [channel, video.path]));
    const json = JSON.parse(readFileSync(await exportTo('json'), 'utf8')) as {
      kind: string;
      video?: { url: string; duration: number; codec: string; srt: string };
    }[];
    const videos = json.filter((row) => row.kind === 'video');
    expect(videos).toHaveLength(CHANNELS.length);
    for (const row of videos)
      expect(row.video).toMatchObject({
        url: video.path,
        duration: video.duration,
        codec: 'h264',
        srt: video.subtitles.srt,
      });
    const names = zipEntries(readFileSync(await exportTo('bundle')));
    expect(names).toEqual(expect.arrayContaining([video.path, video.subtitles.srt, video.subtitles.vtt]));
  });

  it('is the same bytes when made again from the same slides, and is made again only when a slide changes', async () => {
    const [key] = cachedVideos(cache);
    const made = statSync(path.join(cache, 'cards', key!)).mtimeMs;
    // A caption's words are not on the slides: the cached video stands.
    const templates = path.join(dir, 'templates');
    cpSync(TEMPLATES, templates, { recursive: true });
    writeFileSync(
      path.join(templates, 'captions', 'instagram.md'),
      `${readFileSync(path.join(templates, 'captions', 'instagram.md'), 'utf8')}\nSaved for later?\n`,
    );
    await build({
      articlesDir: articles,
      templatesDir: templates,
      outDir: out,
      cacheDir: cache,
      channels: [...CHANNELS],
      contactSheets: false,
      video: true,
    });
    expect(cachedVideos(cache)).toEqual([key]);
    expect(statSync(path.join(cache, 'cards', key!)).mtimeMs).toBe(made);
    // Made again without the cache: byte for byte the same.
    rmSync(path.join(cache, 'cards', key!));
    const again = path.join(dir, 'again');
    const rebuilt = await build({
      articlesDir: articles,
      templatesDir: TEMPLATES,
      outDir: again,
      cacheDir: cache,
      channels: [...CHANNELS],
      contactSheets: false,
      video: true,
    });
    expect(cachedVideos(cache)).toEqual([key]);
    expect(readFileSync(path.join(again, video.path)).equals(readFileSync(path.join(out, video.path)))).toBe(true);
    expect(videoPosts(rebuilt)[0]!.video).toEqual(video);
    // A slide's words change: a new video.
    const source = path.join(articles, `${SEED}.md`);
    writeFileSync(
      source,
      readFileSync(source, 'utf8').replace(
        '## First Line Treatments for Migraines',
        '## First-Line Treatments for Migraines',
      ),
    );
    const edited = await build({
      articlesDir: articles,
      templatesDir: TEMPLATES,
      outDir: again,
      cacheDir: cache,
      channels: [...CHANNELS],
      contactSheets: false,
      video: true,
    });
    expect(cachedVideos(cache)).toHaveLength(2);
    expect(videoPosts(edited)[0]!.video!.hash).not.toBe(video.hash);
  }, 300_000);
});

/** The slides as drawn for the build, from its card cache: the cover is the first. */
async function slideImages(): Promise<Buffer[]> {
  const { analyzeArticle } = await import('../../src/pipeline.ts');
  const { renderContextOf } = await import('../../src/setup/setup.ts');
  const { cardKey } = await import('../../src/render/batch.ts');
  const { openCardCache } = await import('../../src/render/cache.ts');
  const { repoSetup, articleFromRepo } = await import('../helpers/setup.ts');
  const setup = await repoSetup({ video: true });
  const analysis = analyzeArticle(articleFromRepo(SEED), setup, { channels: [...CHANNELS], drafts: false });
  if (analysis.status !== 'ok') throw new Error('the seed did not analyse');
  const post = analysis.posts.find((candidate) => candidate.kind === 'video')!;
  const cards = openCardCache(cache);
  const context = renderContextOf(setup);
  return Promise.all(post.images.map(async (image) => (await cards.get(cardKey(image.card, context)))!.data));
}
