import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { countLength } from '../caption/count.ts';
import { platformOf } from '../channels/platforms.ts';
import { loadBrand } from '../config/brand.ts';
import { SetupError } from '../config/errors.ts';
import type { Manifest, VideoEntry } from '../model.ts';
import { videoPlatformOf } from '../channels/video.ts';
import { writeAtomic } from '../write/atomic.ts';
import { MANIFEST } from '../write/output.ts';
import { zip } from '../write/zip.ts';
import { toCsv } from './csv.ts';
import { toIcs } from './ics.ts';
import { type Layout, loadLayouts, type Value } from './layouts.ts';
import { schedule, type Slot } from './schedule.ts';
import { todayIn, addDays } from '../config/timezone.ts';

export interface ExportOptions {
  /** The build's output folder; exports go to `<outDir>/exports/`. Default `output`. */
  outDir: string;
  templatesDir: string;
  /** A CSV layout of templates/exports.yaml, or `json`, `ics`, `bundle`. */
  format: string;
  /** First posting day, YYYY-MM-DD. Default: tomorrow in the schedule's time zone. */
  start?: string;
  /** Only posts approved as they are now (approvals.yaml). Default false. */
  approvedOnly?: boolean;
}

export interface ExportResult {
  files: string[];
  rows: number;
  /** Posts left out because they break a platform limit, and why. */
  rejected: string[];
}

const BUILT_IN = ['json', 'ics', 'bundle'];

/** Reads output/manifest.json, schedules every post and writes the chosen export. */
export async function exportCampaign(options: ExportOptions): Promise<ExportResult> {
  const built = await readManifestOrFail(options.outDir);
  const manifest = options.approvedOnly ? onlyApproved(built) : built;
  const brand = await loadBrand(options.templatesDir);
  const layouts = await loadLayouts(options.templatesDir);
  if (!layouts.has(options.format) && !BUILT_IN.includes(options.format)) {
    throw new SetupError(
      `Expected an export format (${[...layouts.keys(), ...BUILT_IN].join(', ')}) but received "${options.format}"`,
      'pass --format with one of them, or add a layout to templates/exports.yaml',
    );
  }
  const start = options.start ?? addDays(todayIn(brand.schedule.timezone), 1);
  const all = schedule(manifest, brand.schedule, start);
  const said = new Set<string>();
  const checked = all.map((slot) => ({ slot, problem: limitProblem(slot) ?? repeatProblem(slot, said) }));
  const rejected = checked.flatMap(({ problem }) => (problem ? [problem] : []));
  const slots = checked.flatMap(({ slot, problem }) => (problem ? [] : [slot]));
  const image = (imagePath: string) =>
    brand.imageBaseUrl ? new URL(imagePath, brand.imageBaseUrl.replace(/\/?$/, '/')).href : imagePath;
  const dir = path.join(options.outDir, 'exports');
  const files: string[] = [];
  const write = async (name: string, data: string | Buffer) => {
    await writeAtomic(path.join(dir, name), data);
    files.push(path.join(dir, name));
  };
  if (options.format === 'json')
    await write(
      'json.json',
      `${JSON.stringify(
        slots.map((slot) => jsonRow(slot, image)),
        null,
        2,
      )}\n`,
    );
  else if (options.format === 'ics')
    await write(
      'ics.ics',
      toIcs(slots, (slot) => `${platformOf(slot.post.channel)!.label} ${slot.post.kind}: ${slot.article.title}`),
    );
  else if (options.format === 'bundle') {
    for (const article of manifest.articles.filter((entry) => entry.status === 'ok')) {
      await write(
        `bundles/${article.slug}.zip`,
        await bundle(
          options.outDir,
          article.slug,
          slots.filter((slot) => slot.article.slug === article.slug),
          layouts.get('generic'),
          image,
        ),
      );
    }
  } else await write(`${options.format}.csv`, csvOf(layouts.get(options.format)!, slots, image));
  return { files, rows: slots.length, rejected };
}

function onlyApproved(manifest: Manifest): Manifest {
  return {
    ...manifest,
    articles: manifest.articles.map((article) => ({
      ...article,
      posts: article.posts.filter((post) => post.approval === 'approved'),
    })),
  };
}

async function readManifestOrFail(outDir: string): Promise<Manifest> {
  const file = path.join(outDir, MANIFEST);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new SetupError(
      `Expected a build's manifest at ${file} but could not read it`,
      'run `npm start` first; export reads what the build wrote',
      { cause: error },
    );
  }
}

/** A post a scheduler would refuse: over the caption limit, too many images, alt text too long. */
function limitProblem(slot: Slot): string | undefined {
  const platform = platformOf(slot.post.channel)!;
  const where = `${slot.article.slug} ${slot.post.channel} ${slot.post.kind} #${slot.index + 1}`;
  const over = (slot.post.thread ?? [slot.post.caption ?? '']).find(
    (text) => countLength(text, platform.caption.counting) > platform.caption.limit,
  );
  if (over)
    return `${where}: caption of ${countLength(over, platform.caption.counting)} is over ${platform.label}'s ${platform.caption.limit}`;
  if (!slot.post.thread && slot.post.images.length > platform.imagesPerPost)
    return `${where}: ${slot.post.images.length} images, over ${platform.label}'s ${platform.imagesPerPost}`;
  const altLimit = platform.altTextLimit ?? 1000;
  const longAlt = slot.post.images.find((image) => [...image.alt].length > altLimit);
  if (longAlt) return `${where}: alt text of ${longAlt.path} is over ${altLimit}`;
  const video = slot.post.video;
  const limits = video ? videoPlatformOf(slot.post.channel) : undefined;
  if (video && !limits) return `${where}: ${platform.label} takes no video posts`;
  if (video && limits && (video.duration > limits.maxSeconds || video.duration < limits.minSeconds))
    return `${where}: video of ${video.duration} s is outside ${limits.label}'s ${limits.minSeconds}–${limits.maxSeconds} s`;
  if (video && limits && video.bytes > limits.maxBytes)
    return `${where}: video of ${video.bytes} bytes is over ${limits.label}'s ${limits.maxBytes}`;
  return undefined;
}

/** A channel never gets the same words twice: a post whose caption went out there before is left out. */
function repeatProblem(slot: Slot, said: Set<string>): string | undefined {
  const text = slot.post.thread ? slot.post.thread.join('\n\n') : slot.post.caption;
  if (text === undefined) return undefined;
  const key = `${slot.post.channel}\0${text}`;
  if (said.has(key))
    return `${slot.article.slug} ${slot.post.channel} ${slot.post.kind} #${slot.index + 1}: the same caption as a post scheduled before it on ${platformOf(slot.post.channel)!.label}`;
  said.add(key);
  return undefined;
}

function valueOf(slot: Slot, value: Value, image: (path: string) => string, format?: string): string {
  const { post, article } = slot;
  switch (value) {
    case 'slug':
      return article.slug;
    case 'title':
      return article.title;
    case 'channel':
      return post.channel;
    case 'kind':
      return post.kind;
    case 'format':
      return post.format;
    case 'caption':
      return post.thread ? post.thread.join('\n\n') : (post.caption ?? '');
    case 'first_post':
      return post.thread?.[0] ?? post.caption ?? '';
    case 'link':
      return post.link ?? '';
    case 'hashtags':
      return post.hashtags.map((tag) => `#${tag}`).join(' ');
    case 'image_urls':
      return post.images.map((entry) => image(entry.path)).join(' | ');
    case 'image_paths':
      return post.images.map((entry) => entry.path).join(' | ');
    case 'alt_texts':
      return post.images.map((entry) => entry.alt).join(' | ');
    case 'time':
      return (format ?? 'YYYY-MM-DD HH:mm')
        .replace('YYYY', slot.date.slice(0, 4))
        .replace('MM', slot.date.slice(5, 7))
        .replace('DD', slot.date.slice(8, 10))
        .replace('HH', slot.time.slice(0, 2))
        .replace('mm', slot.time.slice(3, 5));
    case 'utc':
      return slot.at.toISOString().replace('.000Z', 'Z');
    case 'timezone':
      return slot.timezone;
    case 'video':
      return post.video ? image(post.video.path) : '';
  }
}

function csvOf(layout: Layout, slots: Slot[], image: (path: string) => string): string {
  const rows = slots.map((slot) => layout.columns.map((column) => valueOf(slot, column.value, image, column.format)));
  return toCsv(layout.header ? [layout.columns.map((column) => column.name), ...rows] : rows);
}

function jsonRow(slot: Slot, image: (path: string) => string) {
  return {
    slug: slot.article.slug,
    title: slot.article.title,
    channel: slot.post.channel,
    kind: slot.post.kind,
    ...(slot.post.drip ? { drip_week: slot.post.drip } : {}),
    scheduled: slot.at.toISOString().replace('.000Z', 'Z'),
    local: `${slot.date} ${slot.time}`,
    timezone: slot.timezone,
    // Stories have no caption: the link sticker's text instead.
    ...(slot.post.caption === undefined ? { sticker: slot.post.sticker ?? '' } : { caption: slot.post.caption }),
    ...(slot.post.thread ? { thread: slot.post.thread } : {}),
    link: slot.post.link ?? null,
    hashtags: slot.post.hashtags,
    images: slot.post.images.map((entry) => ({
      url: image(entry.path),
      alt: entry.alt,
      width: entry.width,
      height: entry.height,
      ...(entry.threadPost ? { threadPost: entry.threadPost } : {}),
    })),
    ...(slot.post.video ? { video: videoRow(slot.post.video, image) } : {}),
  };
}

/** A video post's MP4 (the post's image is its cover), its subtitles and what platforms check. */
function videoRow(video: VideoEntry, url: (path: string) => string) {
  const { path: file, subtitles, slides, safeZone: _zone, hash: _hash, ...facts } = video;
  return {
    url: url(file),
    srt: url(subtitles.srt),
    vtt: url(subtitles.vtt),
    ...facts,
    slides: slides.map(({ start, end }) => ({ start, end })),
  };
}

/** Everything the team needs to post one article by hand: images, captions, alt texts, schedule. */
async function bundle(
  outDir: string,
  slug: string,
  slots: Slot[],
  generic: Layout | undefined,
  image: (path: string) => string,
): Promise<Buffer> {
  const entries: { name: string; data: Buffer }[] = [];
  const seen = new Set<string>();
  for (const slot of slots) {
    const video = slot.post.video;
    for (const file of [
      ...slot.post.images.map((entry) => entry.path),
      ...(video ? [video.path, video.subtitles.srt, video.subtitles.vtt] : []),
    ]) {
      if (seen.has(file)) continue;
      seen.add(file);
      entries.push({ name: file, data: await readFile(path.join(outDir, file)) });
    }
  }
  for (const channel of [...new Set(slots.map((slot) => slot.post.channel))]) {
    const posts = slots.filter((slot) => slot.post.channel === channel);
    const captions = posts
      .map(
        (slot) =>
          `# ${slot.post.kind} · ${slot.date} ${slot.time} ${slot.timezone}\n\n${valueOf(slot, 'caption', image)}`,
      )
      .join('\n\n---\n\n');
    const alts = posts
      .flatMap((slot) => slot.post.images.map((entry) => `${path.basename(entry.path)}: ${entry.alt}`))
      .join('\n');
    entries.push(
      { name: `${slug}/${channel}/captions.txt`, data: Buffer.from(`${captions}\n`) },
      { name: `${slug}/${channel}/alt-text.txt`, data: Buffer.from(`${alts}\n`) },
    );
  }
  if (generic) entries.push({ name: `${slug}/schedule.csv`, data: Buffer.from(csvOf(generic, slots, image)) });
  return zip(entries.sort((a, b) => a.name.localeCompare(b.name)));
}
