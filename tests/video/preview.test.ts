import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, startPreview } from '../../src/preview/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, TEMPLATES } from '../helpers/setup.ts';

const SEED = 'ketamine-therapy-for-migraines';
let preview: Preview;
let browser: BrowserContext;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'facet-video-preview-'));
  mkdirSync(path.join(dir, 'articles'));
  cpSync(path.join(ROOT, 'articles', `${SEED}.md`), path.join(dir, 'articles', `${SEED}.md`));
  // TikTok alone: its photo carousel and its video, the fewest cards that make a video.
  preview = await startPreview({
    port: 0,
    articlesDir: path.join(dir, 'articles'),
    templatesDir: TEMPLATES,
    outDir: path.join(dir, 'output'),
    cacheDir: path.join(dir, 'cache'),
    channels: ['tiktok'],
    video: true,
  });
  await preview.session.idle();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('the preview of a video post', () => {
  it('plays the MP4 in a phone frame and shades the safe zones on demand', async () => {
    const page = await browser.newPage();
    await page.goto(preview.url);
    const post = page.locator('.frame--tiktok.kind--video');
    await post.waitFor();
    const video = post.locator('.phone video.reel');
    const expected = preview.session.state().manifest.articles[0]!.posts.find((entry) => entry.video)!.video!;
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    expect(
      await video.evaluate((element: HTMLVideoElement) => [
        element.duration,
        element.videoWidth,
        element.videoHeight,
        element.muted,
      ]),
    ).toEqual([expected.duration, 1080, 1920, true]);
    expect(await video.locator('track').getAttribute('src')).toContain('video.vtt');
    expect(await post.locator('.zones .zone').count()).toBe(0);
    await post.locator('.zones-toggle').click();
    expect(await post.locator('.zones .zone').count()).toBe(4);
    // The bottom zone covers the platform's caption block: 480 of 1920 px, a quarter of the screen.
    const [screen, bottom] = await Promise.all([
      post.locator('.phone-screen').boundingBox(),
      post.locator('.zones .bottom').boundingBox(),
    ]);
    expect(bottom!.height / screen!.height).toBeCloseTo(480 / 1920, 1);
    await post.locator('.zones-toggle').click();
    expect(await post.locator('.zones .zone').count()).toBe(0);
  });
});
