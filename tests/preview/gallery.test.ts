import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, startPreview } from '../../src/preview/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';
import { ROOT } from '../helpers/setup.ts';

const SLUG = 'ketamine-therapy-for-migraines';
let project: TempProject;
let preview: Preview;
let browser: BrowserContext;
let page: Page;

function articlePath(): string {
  return path.join(project.articles, `${SLUG}.md`);
}

function edit(change: (text: string) => string): void {
  writeFileSync(articlePath(), change(readFileSync(articlePath(), 'utf8')));
}

beforeAll(async () => {
  project = tempProject();
  preview = await startPreview({
    port: 0,
    articlesDir: project.articles,
    templatesDir: project.templates,
    outDir: project.out,
    cacheDir: project.cache,
    channels: ['instagram', 'linkedin', 'x'],
  });
  await preview.session.idle();
  browser = await launchBrowser();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: preview.url });
  page = await browser.newPage();
  await page.goto(preview.url);
  await page.locator(`.article[data-slug="${SLUG}"]`).click();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('the preview gallery', () => {
  it('lists every article and shows its posts in platform frames', async () => {
    await expect.poll(() => page.locator('.article').count()).toBe(3);
    await expect.poll(() => page.locator('.frame--instagram').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-post$="/instagram/1"] .who strong').textContent()).toBe('Dr. Anthony Kaveh');
  });

  it('marks a stat card whose figure has no source in the article', async () => {
    const stat = page.locator('.frame--instagram.kind--stat');
    await expect.poll(() => stat.count()).toBe(1);
    expect(await stat.locator('.source-mark.unsourced').textContent()).toBe('unsourced figure');
    expect(await page.locator('.frame--instagram.kind--quote .source-mark').count()).toBe(0);
  });

  it('steps through a carousel with its arrows', async () => {
    const carousel = page.locator('[data-post$="/instagram/1"]');
    expect(await carousel.locator('.counter').textContent()).toBe('1/7');
    const first = await carousel.locator('img.slide').getAttribute('src');
    await carousel.locator('.arrow.next').click();
    expect(await carousel.locator('.counter').textContent()).toBe('2/7');
    expect(await carousel.locator('img.slide').getAttribute('src')).not.toBe(first);
    expect(await carousel.locator('img.slide').getAttribute('src')).toContain('02-section.png');
  });

  it('cuts a caption at the platform fold, with “more” to read on', async () => {
    const caption = page.locator('[data-post$="/instagram/1"] .caption');
    expect(await caption.locator('.more').count()).toBe(1);
    await caption.locator('.more').click();
    expect(await caption.textContent()).toContain('Educational content, not medical advice.');
  });

  it('copies a caption with one click', async () => {
    await page.locator('[data-post$="/instagram/1"] .copy').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const state = (await (await fetch(`${preview.url}/api/state`)).json()) as {
      manifest: { articles: { slug: string; posts: { caption: string }[] }[] };
    };
    const post = state.manifest.articles.find((article) => article.slug === SLUG)!.posts[0]!;
    expect(copied).toBe(post.caption);
  });

  it('switches channel and shows X as a numbered thread with its cards', async () => {
    await page.locator('[data-channel="x"]').click();
    // Opening, five sections, link, disclaimer: no crisis line, depression is no subject of a migraine article.
    await expect.poll(() => page.locator('.thread-post').count()).toBe(8);
    expect(await page.locator('.thread-post').first().textContent()).toContain('1/8');
    expect(await page.locator('.thread-post').first().locator('.attached img').count()).toBe(2);
  });

  it('updates the open page when an article is saved, without reloading it', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.locator('[data-channel="instagram"]').click();
    const slide = page.locator('[data-post$="/instagram/1"] img.slide');
    const before = await slide.getAttribute('src');
    const saved = Date.now();
    edit((text) => text.replace('## First Line Treatments for Migraines', '## First-Line Care for Acute Migraines'));
    await expect.poll(() => slide.getAttribute('src'), { timeout: 20_000 }).not.toBe(before);
    await expect
      .poll(() => page.locator('[data-post$="/instagram/1"] .caption').textContent())
      .toContain('First-Line Care for Acute Migraines');
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    console.log(
      `preview updated ${Date.now() - saved} ms after the save; the rebuild took ${preview.session.state().lastBuildMs} ms`,
    );
  });

  it('shows a positioned error overlay for a broken save, and clears it once fixed', async () => {
    edit((text) => text.replace('title: Ketamine Therapy for Migraines', 'title: Ketamine Therapy: for Migraines'));
    const overlay = page.locator('#overlay');
    await expect.poll(() => overlay.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await overlay.textContent()).toContain(`${SLUG}.md:2:8`);
    expect(await overlay.textContent()).toContain('quote the value');
    edit((text) => text.replace('title: Ketamine Therapy: for Migraines', 'title: Ketamine Therapy for Migraines'));
    await expect.poll(() => overlay.isVisible(), { timeout: 20_000 }).toBe(false);
  });

  it('saves a screenshot of the gallery', async () => {
    await page.locator('[data-channel="instagram"]').click();
    const file = path.join(ROOT, 'test-results', 'gallery.png');
    mkdirSync(path.dirname(file), { recursive: true });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: file, fullPage: false });
    expect(readFileSync(file).length).toBeGreaterThan(10_000);
  });
});
