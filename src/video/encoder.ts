import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type { Message } from '../model.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The ffmpeg a build encodes with, or why there is none. */
export type Encoder = { ok: true; path: string; version: string } | { ok: false; problem: string };

const PACKAGE = '@ffmpeg-installer/ffmpeg';
let probed: { path: string | undefined; encoder: Promise<Encoder> } | undefined;

/**
 * ffmpeg from the npm package that carries the binary for this platform (no system ffmpeg, no
 * download); `FACET_FFMPEG` names another binary. Checked once per process: it runs, and it
 * has libx264.
 */
export function findEncoder(): Promise<Encoder> {
  const override = process.env.FACET_FFMPEG;
  if (!probed || probed.path !== override) probed = { path: override, encoder: probe(override) };
  return probed.encoder;
}

async function probe(override: string | undefined): Promise<Encoder> {
  let binary: string;
  try {
    binary = override ?? (require(PACKAGE) as { path: string }).path;
  } catch (error) {
    return { ok: false, problem: `${PACKAGE} could not be loaded (${firstLine(error)})` };
  }
  try {
    const [{ stdout: version }, { stdout: encoders }] = await Promise.all([
      run(binary, ['-hide_banner', '-version'], { timeout: 20_000 }),
      run(binary, ['-hide_banner', '-encoders'], { timeout: 20_000 }),
    ]);
    if (!/\blibx264\b/.test(encoders)) return { ok: false, problem: `${binary} has no libx264 encoder` };
    return { ok: true, path: binary, version: version.split('\n')[0]!.trim() };
  } catch (error) {
    return { ok: false, problem: `${binary} does not run (${firstLine(error)})` };
  }
}

/** The one setup message of a build whose videos cannot be encoded; images and captions go on. */
export function encoderMessage(encoder: Encoder & { ok: false }): Message {
  return {
    file: 'package.json',
    line: 1,
    column: 1,
    ruleId: 'video-encoder',
    severity: 'warning',
    reason: `Expected ffmpeg with libx264 from ${PACKAGE} but ${encoder.problem}; videos are left out, every image and caption is built`,
    hint: `run \`npm install\` (it installs ${PACKAGE} with the binary for this platform; installs with --omit=optional skip it), or turn videos off with \`video: off\` in templates/brand.yaml`,
  };
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0]!;
}
