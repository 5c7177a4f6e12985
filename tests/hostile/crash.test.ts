import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/model.ts';
import { listFiles } from '../../src/write/atomic.ts';
import { recoverOutput } from '../../src/write/commit.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';
import { ROOT } from '../helpers/setup.ts';

const KILLS = 30;
const CLI = path.join(ROOT, 'src', 'cli.ts');

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Starts `facet build` and SIGKILLs it after `delay` ms (if it is still running). */
function buildAndKill(project: TempProject, delay: number): Promise<'killed' | 'finished'> {
  // node itself, not the tsx wrapper: a SIGKILL must reach the process that writes.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      'build',
      '--articles',
      project.articles,
      '--templates',
      project.templates,
      '--out',
      project.out,
      '--cache',
      project.cache,
      '--channels',
      'instagram,x',
    ],
    { stdio: 'ignore', cwd: ROOT },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), delay);
  return new Promise((resolve) =>
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    }),
  );
}

/** Every file under its own name is whole: images decode, JSON parses. Temp files are not output. */
async function everyFileWhole(out: string): Promise<void> {
  for (const file of await listFiles(out)) {
    if (path.basename(file).startsWith('.facet-')) continue;
    const absolute = path.join(out, file);
    if (/\.(png|jpg)$/.test(file)) await expect(sharp(absolute).stats(), file).resolves.toBeDefined();
    if (file.endsWith('.json')) expect(() => JSON.parse(readFileSync(absolute, 'utf8')), file).not.toThrow();
    if (file.endsWith('.pdf')) expect(readFileSync(absolute).subarray(-6).toString('latin1'), file).toContain('%EOF');
  }
}

/** The manifest names exactly the images on disk, with their bytes and content hashes. */
async function manifestMatches(out: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  const images = manifest.articles.flatMap((article) => article.posts.flatMap((post) => post.images));
  for (const image of images) {
    const data = readFileSync(path.join(out, image.path));
    expect(data.length, image.path).toBe(image.bytes);
    expect(createHash('sha256').update(data).digest('hex').slice(0, 16), image.path).toBe(image.hash);
  }
  const onDisk = (await listFiles(out)).filter(
    (file) => /\.(png|jpg)$/.test(file) && !file.endsWith('contact-sheet.png'),
  );
  expect(onDisk.sort()).toEqual([...new Set(images.map((image) => image.path))].sort());
}

describe('a build killed at any moment', () => {
  it(`leaves whole files, and a manifest that matches them once the next build starts (${KILLS} kills)`, async () => {
    const project = tempProject();
    const seed = Number(process.env.FACET_KILL_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    expect(await buildAndKill(project, 120_000)).toBe('finished');
    // How long a rebuild after an edit takes here: kills land anywhere inside one.
    const started = Date.now();
    expect(await buildAndKill(project, 120_000)).toBe('finished');
    const duration = Date.now() - started;
    const article = path.join(project.articles, 'ketamine-therapy-for-migraines.md');
    const original = readFileSync(article, 'utf8');
    let killed = 0;
    let committing = 0;
    for (let round = 0; round < KILLS; round++) {
      writeFileSync(
        article,
        original.replace('Migraines affect 17% of women.', `Migraines affect 17% of women (round ${round}).`),
      );
      const outcome = await buildAndKill(project, Math.floor(duration * (0.1 + next() * 0.85)));
      if (outcome === 'killed') killed += 1;
      await everyFileWhole(project.out);
      // Killed before its commit began, a build leaves the previous output exactly as it was.
      if (!existsSync(path.join(project.out, '.facet-commit.json'))) await manifestMatches(project.out);
      else committing += 1;
      await recoverOutput(project.out);
      await manifestMatches(project.out);
      expect(
        (await listFiles(project.out)).filter((file) => file.includes('.facet-tmp-')),
        `seed ${seed}, round ${round}`,
      ).toEqual([]);
    }
    console.log(
      `crash test: ${killed} of ${KILLS} builds killed mid-way, ${committing} during a commit (a build took ${duration} ms; seed ${seed})`,
    );
    expect(killed).toBeGreaterThanOrEqual(KILLS / 2);
  }, 600_000);
});
