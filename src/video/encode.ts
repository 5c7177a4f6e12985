import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { VIDEO_FORMAT } from '../channels/video.ts';
import type { Frame } from './frames.ts';

/**
 * x264's superfast preset keeps the High profile (ultrafast drops to Baseline) and, on slides
 * that hold still, encodes a 40 s video in about 8 s on one core here; CRF 20 keeps small
 * text crisp. Two threads, always: x264's output depends on its thread count. The silent
 * track is AAC-LC stereo 48 kHz at 128 kbit/s, as Facebook Reels asks (silence costs ~nothing).
 */
export const VIDEO_ENCODING = { preset: 'superfast', crf: 20, threads: 2, audioBitrate: '128k' } as const;

/**
 * The video as stills: `holds[i]` is how many frames the i-th still stays; `stills()` makes
 * them one at a time, so memory holds a few frames, not the whole video.
 */
export interface Stills {
  holds: number[];
  stills(): AsyncIterable<Frame>;
}

/**
 * Stills → MP4 (H.264 High, yuv420p BT.709, 30 fps, silent AAC, `+faststart`). Only distinct
 * frames go down the pipe as raw RGBA; ffmpeg's `loop` filter holds each still for its frames,
 * so a 40 s video sends ~100 frames, not 1,200. The MP4 is written to a temp folder because
 * `+faststart` moves the index to the front, which needs a seekable file.
 */
export async function encodeVideo(ffmpeg: string, { holds, stills }: Stills, signal?: AbortSignal): Promise<Buffer> {
  const { width, height, fps } = VIDEO_FORMAT;
  const frames = holds.reduce((sum, hold) => sum + hold, 0);
  const dir = await mkdtemp(path.join(tmpdir(), 'facet-video-'));
  const out = path.join(dir, 'video.mp4');
  try {
    const child = spawn(
      ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgba',
        '-s',
        `${width}x${height}`,
        '-r',
        String(fps),
        '-i',
        'pipe:0',
        '-f',
        'lavfi',
        '-t',
        (frames / fps).toFixed(6),
        '-i',
        'anullsrc=channel_layout=stereo:sample_rate=48000',
        '-filter_complex',
        `[0:v]${holdFilters(holds, fps)}[v]`,
        '-map',
        '[v]',
        '-map',
        '1:a',
        // A key frame where each still starts holding: after a fade, x264 would otherwise keep the fade's faint ghost.
        '-force_key_frames',
        keyFrames(holds, fps),
        '-frames:v',
        String(frames),
        '-t',
        (frames / fps).toFixed(6),
        '-c:v',
        'libx264',
        '-preset',
        VIDEO_ENCODING.preset,
        '-crf',
        String(VIDEO_ENCODING.crf),
        '-profile:v',
        'high',
        '-pix_fmt',
        'yuv420p',
        '-colorspace',
        'bt709',
        '-color_primaries',
        'bt709',
        '-color_trc',
        'bt709',
        '-color_range',
        'tv',
        '-r',
        String(fps),
        '-threads',
        String(VIDEO_ENCODING.threads),
        '-c:a',
        'aac',
        '-b:a',
        VIDEO_ENCODING.audioBitrate,
        '-movflags',
        '+faststart',
        '-map_metadata',
        '-1',
        '-fflags',
        '+bitexact',
        '-flags:v',
        '+bitexact',
        '-flags:a',
        '+bitexact',
        '-f',
        'mp4',
        '-y',
        out,
      ],
      // Aborted (the preview's next save): ffmpeg is stopped and this rejects with the reason.
      { stdio: ['pipe', 'ignore', 'pipe'], ...(signal ? { signal } : {}) },
    );
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    // Awaited below, after the frames; a failure while they are written is not unhandled meanwhile.
    exited.catch(() => undefined);
    // A closed pipe shows up as the exit code and stderr below.
    child.stdin.on('error', () => undefined);
    let last: Frame | undefined;
    for await (const frame of stills()) {
      last = frame;
      if (!(await write(child.stdin, frame))) break;
    }
    if (last) await write(child.stdin, last);
    child.stdin.end();
    const code = await exited;
    signal?.throwIfAborted();
    if (code !== 0)
      throw new Error(
        `ffmpeg exited with ${code}: ${Buffer.concat(stderr).toString().trim().split('\n').slice(-3).join(' | ')}`,
      );
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * BT.709 conversion of each still, then its time: still n starts at frame n plus the extra
 * frames of the stills held before it, and `fps` repeats it until the next one starts. The
 * last still is sent once more, starting where the video ends, so `fps` holds it to the end.
 */
function holdFilters(holds: number[], fps: number): string {
  const extra = holds.flatMap((hold, index) => (hold > 1 ? [`${hold - 1}*gt(N,${index})`] : []));
  return [
    'scale=out_color_matrix=bt709:out_range=tv',
    'format=yuv420p',
    `setpts='(N+${extra.join('+') || '0'})/(${fps}*TB)'`,
    `fps=${fps}`,
  ].join(',');
}

function keyFrames(holds: number[], fps: number): string {
  const times: string[] = [];
  let at = 0;
  for (const hold of holds) {
    if (hold > 1 || at === 0) times.push((at / fps).toFixed(6));
    at += hold;
  }
  return times.join(',');
}

async function write(stream: Writable, data: Buffer): Promise<boolean> {
  if (stream.destroyed) return false;
  if (stream.write(data)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      stream.off('drain', drained);
      stream.off('close', closed);
      resolve(ok);
    };
    const drained = () => done(true);
    const closed = () => done(false);
    stream.on('drain', drained);
    stream.on('close', closed);
  });
}
