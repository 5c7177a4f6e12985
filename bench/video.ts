// The cost of the short video (src/video/), per article: drawing its 9:16 slides and encoding
// them with ffmpeg, measured apart from the card builds (which the bench runs with videos off).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../src/build.ts';
import { listArticles } from '../src/read/articles.ts';

export interface VideoCost {
  articles: number;
  /** Per article: wall time, CPU of this process, CPU of ffmpeg, seconds of video, bytes. */
  perArticle: { ms: number; cpuMs: number; ffmpegCpuMs: number; videoSeconds: number; bytes: number };
  /** Per article, a rebuild whose slides did not change: the video comes from the cache. */
  cachedMs: number;
}

/** CPU time of this process's finished children (ffmpeg), from /proc (Linux), in ms. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  // After "pid (comm) ", cutime and cstime are the 14th and 15th fields (0-based 13, 14), in clock ticks.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

export async function videoCost(
  articlesDir: string,
  templatesDir: string,
  work: string,
  count: number,
): Promise<VideoCost> {
  const slugs = (await listArticles(articlesDir)).slice(0, count);
  const base = { articlesDir, templatesDir, cacheDir: path.join(work, 'video-cache'), slugs, contactSheets: false };
  // The cards first, so what follows is the video alone: its slides and its encoding.
  await build({ ...base, outDir: path.join(work, 'video-out-cards'), video: false });
  const ffmpegBefore = childrenCpuMs();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const made = await build({ ...base, outDir: path.join(work, 'video-out'), video: true });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const ffmpegCpuMs = childrenCpuMs() - ffmpegBefore;
  const videos = made.built
    .map((entry) => entry.posts.find((post) => post.video)?.video)
    .filter((video) => video !== undefined);
  if (videos.length < slugs.length)
    throw new Error(`Expected a video per article but got ${videos.length} of ${slugs.length}; is ffmpeg installed?`);
  const cachedStarted = performance.now();
  await build({ ...base, outDir: path.join(work, 'video-out-again'), video: true });
  const cachedMs = performance.now() - cachedStarted;
  const per = (value: number) => value / slugs.length;
  return {
    articles: slugs.length,
    perArticle: {
      ms: per(ms),
      cpuMs: per((cpu.user + cpu.system) / 1000),
      ffmpegCpuMs: per(ffmpegCpuMs),
      videoSeconds: per(videos.reduce((sum, video) => sum + video.duration, 0)),
      bytes: per(videos.reduce((sum, video) => sum + video.bytes, 0)),
    },
    cachedMs: per(cachedMs),
  };
}
