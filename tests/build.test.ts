import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { build, type BuildResult } from '../src/build.ts';
import { exportCampaign } from '../src/export/run.ts';
import { PLATFORMS } from '../src/channels/platforms.ts';
import type { Manifest } from '../src/model.ts';
import { listFiles } from '../src/write/atomic.ts';
import { ROOT, TEMPLATES } from './helpers/setup.ts';

const BAD = '---\ntitle: Folate vs. Folic Acid: The Difference\ndate: 2024-05-02\n---\n\n## A section\n\nText.\n';

function project(): { dir: string; articles: string; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'facet-build-'));
  const articles = path.join(dir, 'articles');
  cpSync(path.join(ROOT, 'articles'), articles, { recursive: true });
  writeFileSync(path.join(articles, 'bad-colon.md'), BAD);
  return { dir, articles, out: path.join(dir, 'output') };
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(files.sort().map((file) => [file, readFileSync(path.join(dir, file))]));
}

let first: { dir: string; articles: string; out: string };
let result: BuildResult;

beforeAll(async () => {
  first = project();
  result = await build({
    articlesDir: first.articles,
    outDir: first.out,
    templatesDir: TEMPLATES,
    cacheDir: path.join(first.dir, 'cache'),
  });
  // A cold build of every article on every channel: minutes when the two cores are shared.
}, 300_000);

describe('a build of every article', () => {
  it('exports a drip of the whole project that never schedules one caption twice on one channel', async () => {
    const exported = await exportCampaign({
      outDir: first.out,
      templatesDir: TEMPLATES,
      format: 'json',
      start: '2026-12-21',
    });
    expect(exported.rejected).toEqual([]);
    // No caption of the good articles fails to fit, drip included: nothing is held back.
    const errors = result.manifest.articles
      .filter((article) => article.slug !== 'bad-colon')
      .flatMap((article) => article.messages.filter((message) => message.severity === 'error'));
    expect(errors).toEqual([]);
    const rows = JSON.parse(readFileSync(exported.files[0]!, 'utf8')) as {
      channel: string;
      kind: string;
      caption?: string;
      thread?: string[];
      drip_week?: number;
    }[];
    expect(rows.some((row) => row.drip_week)).toBe(true);
    const captions = rows
      .filter((row) => row.kind !== 'story')
      .map((row) => `${row.channel}\n${row.thread ? row.thread.join('\n\n') : row.caption}`);
    expect(new Set(captions).size).toBe(captions.length);
    expect(rows.filter((row) => row.kind === 'story').every((row) => row.caption === undefined)).toBe(true);
    rmSync(path.join(first.out, 'exports'), { recursive: true });
  });

  it('builds the good articles and reports the bad one without stopping', () => {
    const statuses = Object.fromEntries(result.built.map((entry) => [entry.slug, entry.status]));
    expect(statuses).toEqual({
      'bad-colon': 'failed',
      'folate-vs-folic-acid': 'ok',
      'ketamine-therapy-for-migraines': 'ok',
      'stellate-ganglion-block-for-ptsd': 'ok',
    });
    const bad = result.built.find((entry) => entry.slug === 'bad-colon')!;
    expect(bad.messages[0]).toMatchObject({ line: 2, severity: 'error', ruleId: 'front-matter-yaml' });
    expect(existsSync(path.join(first.out, 'bad-colon'))).toBe(false);
  });

  it('builds the seed article without an error, warned only of its unsourced figure and its hard-to-read slide', () => {
    const seed = result.built.find((entry) => entry.slug === 'ketamine-therapy-for-migraines')!;
    expect(seed.messages.map((message) => `${message.severity} ${message.ruleId}`)).toEqual([
      'warning stat-unsourced',
      'warning reading-grade',
    ]);
    // Its stat cards say plainly that the article gives no source for "17% of women".
    const stats = seed.posts.flatMap((post) => post.images).filter((image) => image.template === 'stat');
    expect(stats.length).toBeGreaterThan(0);
    for (const image of stats) expect(image).toMatchObject({ unsourced: true });
    expect(seed.posts.flatMap((post) => post.images).filter((image) => image.unsourced || image.source).length).toBe(
      stats.length,
    );
  });

  it('writes a manifest that matches the files on disk', async () => {
    const manifest = JSON.parse(readFileSync(path.join(first.out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.version).toBe(1);
    const images = manifest.articles.flatMap((article) => article.posts.flatMap((post) => post.images));
    expect(images.length).toBeGreaterThan(60);
    for (const image of images) {
      const file = path.join(first.out, image.path);
      expect(statSync(file).size, image.path).toBe(image.bytes);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([image.width, image.height]);
      expect(image.alt.length).toBeGreaterThan(20);
    }
    const onDisk = (await listFiles(first.out))
      .filter((file) => /\.(png|jpg)$/.test(file) && !file.endsWith('contact-sheet.png'))
      .sort();
    expect(onDisk).toEqual(images.map((image) => image.path).sort());
  });

  it('lays files out per article and channel, in posting order, with a caption and post.json each', async () => {
    const files = await listFiles(path.join(first.out, 'ketamine-therapy-for-migraines', 'instagram'));
    expect(files.sort()).toEqual([
      '01-title.png',
      '02-section.png',
      '03-section.png',
      '04-section.png',
      '05-section.png',
      '06-section.png',
      '07-cta.png',
      '08-quote-square.png',
      '09-quote-square.png',
      '10-stat.png',
      '11-story.png',
      // brand.yaml's drip: two weeks, one post a week, each a quote or stat the launch did not show.
      '12-quote-square.png',
      '13-quote-square.png',
      'caption.txt',
      'post.json',
    ]);
    expect(existsSync(path.join(first.out, 'ketamine-therapy-for-migraines', 'x', 'thread.txt'))).toBe(true);
    expect(existsSync(path.join(first.out, 'ketamine-therapy-for-migraines', 'bluesky', '01-link.jpg'))).toBe(true);
  });

  it('keeps every image under its platform’s byte cap, Bluesky’s as JPEG under 1,000,000 bytes', () => {
    for (const post of result.manifest.articles.flatMap((article) => article.posts)) {
      for (const image of post.images) {
        expect(image.bytes, image.path).toBeLessThanOrEqual(PLATFORMS[post.channel].maxImageBytes);
        if (post.channel === 'bluesky') expect(image.path).toMatch(/\.jpg$/);
      }
    }
  });

  it('writes LinkedIn’s carousel as a PDF with a page per slide, and a contact sheet per article', async () => {
    const seed = result.manifest.articles.find((article) => article.slug === 'ketamine-therapy-for-migraines')!;
    const carousel = seed.posts.find((post) => post.channel === 'linkedin' && post.kind === 'carousel')!;
    const pdf = await PDFDocument.load(readFileSync(path.join(first.out, carousel.document!.path)));
    expect(pdf.getPageCount()).toBe(carousel.images.length);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 1080, height: 1350 });
    const sheet = await sharp(path.join(first.out, seed.contactSheet!)).metadata();
    expect(sheet.width).toBe(2400);
    expect(sheet.height).toBeGreaterThan(2000);
  });

  it('is byte-identical when built again from scratch, every card drawn again', { timeout: 300_000 }, async () => {
    // A cache of its own: a shared one would hand the second build the first one's pixels.
    const second = path.join(first.dir, 'output-again');
    const again = await build({
      articlesDir: first.articles,
      outDir: second,
      templatesDir: TEMPLATES,
      cacheDir: path.join(first.dir, 'cache-again'),
    });
    expect(again.cardsDrawn).toBe(result.cardsDrawn);
    expect(again.cardsDrawn).toBeGreaterThan(100);
    const [a, b] = [await filesOf(first.out), await filesOf(second)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, data] of a) expect(b.get(file)!.equals(data), file).toBe(true);
  });
});

describe('output safety', () => {
  it('removes a deleted article’s output and keeps the rest on a partial build', async () => {
    const { dir, articles, out } = project();
    rmSync(path.join(articles, 'folate-vs-folic-acid.md'));
    rmSync(path.join(articles, 'bad-colon.md'));
    mkdirSync(out, { recursive: true });
    cpSync(first.out, out, { recursive: true });
    writeFileSync(
      path.join(out, 'stellate-ganglion-block-for-ptsd', 'instagram', '.facet-tmp-123-abc'),
      'left by a crash',
    );
    await build({
      articlesDir: articles,
      outDir: out,
      templatesDir: TEMPLATES,
      cacheDir: path.join(dir, 'cache'),
      slugs: ['ketamine-therapy-for-migraines'],
    });
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.articles.map((article) => article.slug)).toEqual([
      'ketamine-therapy-for-migraines',
      'stellate-ganglion-block-for-ptsd',
    ]);
    expect(existsSync(path.join(out, 'folate-vs-folic-acid'))).toBe(false);
    expect(existsSync(path.join(out, 'stellate-ganglion-block-for-ptsd', 'instagram', '01-title.png'))).toBe(true);
    expect((await listFiles(out)).filter((file) => file.includes('.facet-tmp-'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
