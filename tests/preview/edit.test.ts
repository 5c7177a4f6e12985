import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { check } from '../../src/check.ts';
import { exportCampaign } from '../../src/export/run.ts';
import type { Manifest, PostEntry } from '../../src/model.ts';
import type { Preview } from '../../src/preview/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { previewOf } from '../helpers/preview.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';
import { ROOT } from '../helpers/setup.ts';

const SLUG = 'ketamine-therapy-for-migraines';
let project: TempProject;
let preview: Preview;
let browser: BrowserContext;
let page: Page;
let sidecar: string;
let approvals: string;

beforeAll(async () => {
  project = tempProject();
  for (const other of ['folate-vs-folic-acid', 'stellate-ganglion-block-for-ptsd'])
    rmSync(path.join(project.articles, `${other}.md`));
  sidecar = path.join(project.articles, `${SLUG}.posts.yaml`);
  approvals = path.join(project.dir, 'approvals.yaml');
  preview = await previewOf(project, ['instagram', 'x'], { approvalsFile: approvals, video: false });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(preview.url);
  await page.locator(`.article[data-slug="${SLUG}"]`).click();
  // Set once: still there at the end means the page was never reloaded.
  await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

function manifest(): Manifest {
  return JSON.parse(readFileSync(path.join(project.out, 'manifest.json'), 'utf8')) as Manifest;
}

function postOf(id: string, from = manifest()): PostEntry {
  return from.articles.find((article) => article.slug === SLUG)!.posts.find((post) => post.id === id)!;
}

function frame(n: number, channel = 'instagram'): Locator {
  return page.locator(`[data-post="${SLUG}/${channel}/${n}"]`);
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** A POST as another page or site would send it. */
async function post(body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${preview.url}/api/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return response.status;
}

describe('actions are safe from other pages', () => {
  it('changes nothing for a request without the token, from a foreign Origin or with an oversized body', async () => {
    const html = await (await fetch(preview.url)).text();
    const token = /<meta name="facet-token" content="([0-9a-f]{64})"/.exec(html)![1]!;
    const hide = JSON.stringify({ post: `${SLUG}/instagram/4`, action: 'hide' });
    const approve = JSON.stringify({ post: `${SLUG}/instagram/4`, action: 'approve' });
    expect(await post(hide, {})).toBe(403);
    expect(await post(approve, { 'x-facet-token': 'f'.repeat(64) })).toBe(403);
    expect(await post(hide, { 'x-facet-token': token, origin: 'http://evil.example' })).toBe(403);
    const huge = JSON.stringify({ post: `${SLUG}/instagram/1`, action: 'caption', text: 'a'.repeat(70_000) });
    expect(await post(huge, { 'x-facet-token': token })).toBe(413);
    expect(await post('{"post":', { 'x-facet-token': token })).toBe(400);
    expect(existsSync(sidecar)).toBe(false);
    expect(existsSync(approvals)).toBe(false);
    // The same request with the page's token and Origin is done: the refusals above were the checks.
    expect(await post(approve, { 'x-facet-token': token, origin: preview.url })).toBe(200);
    expect(read(approvals)).toContain('instagram/4-stat');
    expect(
      await post(JSON.stringify({ post: `${SLUG}/instagram/4`, action: 'withdraw' }), { 'x-facet-token': token }),
    ).toBe(200);
    expect(read(approvals)).not.toContain('instagram/4-stat');
    await preview.session.idle();
  }, 60_000);
});

describe('editors act in the preview', () => {
  it('edits a caption in place: live count against the limit, saved, output and frame updated without a reload', async () => {
    const post = frame(1);
    await post.locator('[data-action="edit-caption"]').click();
    const area = post.locator('textarea');
    await area.fill('New on the blog: when migraine medicines stop working, where IV ketamine fits in.');
    expect(await post.locator('.edit-count').textContent()).toBe('81 / 2200');
    await area.fill('x'.repeat(2300));
    expect(await post.locator('.edit-count').getAttribute('class')).toContain('over');
    await post.locator('[data-action="save"]').click();
    await expect.poll(() => post.locator('.editor .edit-error').textContent()).toContain('override-too-long');
    expect(existsSync(sidecar)).toBe(false);

    await area.fill('A guaranteed cure for migraines.');
    await post.locator('[data-action="save"]').click();
    await expect.poll(() => post.locator('.editor .edit-error').textContent()).toContain('[claim-');
    expect(existsSync(sidecar)).toBe(false);

    const words = 'New on the blog: when migraine medicines stop working, where IV ketamine fits in.';
    await area.fill(words);
    await post.locator('[data-action="save"]').click();
    const captions = path.join(project.out, SLUG, 'instagram', 'caption.txt');
    await expect.poll(() => read(captions), { timeout: 60_000 }).toContain(words);
    await expect.poll(() => post.locator('.caption').textContent(), { timeout: 30_000 }).toContain(words);
    expect(read(sidecar)).toMatch(/instagram\/1-carousel:\n {2}caption:\n {4}text: .*IV ketamine.*\n {4}replaces: /);
    expect(postOf('instagram/1-carousel').edited).toEqual(['caption']);
  }, 120_000);

  it('reorders and hides carousel slides', async () => {
    const before = postOf('instagram/1-carousel').images;
    const post = frame(1);
    await post.locator('.arrow.next').click();
    await post.locator('[data-action="move-slide-right"]').click();
    await expect
      .poll(() => postOf('instagram/1-carousel').images[2]?.alt, { timeout: 60_000 })
      .toBe(before[1]!.alt.replace('Slide 2 of', 'Slide 3 of'));
    const after = postOf('instagram/1-carousel').images;
    expect(after[1]!.hash).not.toBe(before[1]!.hash);
    expect(after.map((image) => image.path)).toEqual(before.map((image) => image.path));
    expect(read(sidecar)).toContain('order: [ 1, 3, 2, 4, 5, 6, 7 ]');

    await post.locator('.arrow.next').click();
    await post.locator('.arrow.next').click();
    expect(await post.locator('.counter').textContent()).toBe('4/7');
    await post.locator('[data-action="hide-slide"]').click();
    await expect.poll(() => postOf('instagram/1-carousel').images.length, { timeout: 60_000 }).toBe(6);
    expect(postOf('instagram/1-carousel').hiddenSlides).toBe(1);
    expect(existsSync(path.join(project.out, before[6]!.path))).toBe(false);
    expect(read(sidecar)).toContain('order: [ 1, 3, 2, 5, 6, 7 ]');
    await expect.poll(() => post.locator('[data-action="show-slides"]').count(), { timeout: 30_000 }).toBe(1);
  }, 120_000);

  it('approves a post: approvals.yaml and the frame change', async () => {
    const post = frame(1);
    await expect.poll(() => post.getAttribute('data-approval')).toBe('unapproved');
    await post.locator('[data-action="approve"]').click();
    await expect.poll(() => read(approvals)).toMatch(/instagram\/1-carousel: [0-9a-f]{16}/);
    await expect.poll(() => post.getAttribute('data-approval'), { timeout: 30_000 }).toBe('approved');
  }, 60_000);

  it('hides a post: it leaves output/ and the export', async () => {
    const hidden = postOf('instagram/2-quote');
    const image = path.join(project.out, hidden.images[0]!.path);
    expect(existsSync(image)).toBe(true);
    await frame(2).locator('[data-action="hide"]').click();
    await expect.poll(() => postOf('instagram/2-quote').hidden, { timeout: 60_000 }).toBe(true);
    expect(existsSync(image)).toBe(false);
    await expect.poll(() => frame(2).getAttribute('class')).toContain('is-hidden');
    await exportCampaign({ outDir: project.out, templatesDir: project.templates, format: 'json', start: '2027-01-04' });
    const exported = readFileSync(path.join(project.out, 'exports', 'json.json'), 'utf8');
    expect(exported).not.toContain(hidden.images[0]!.path);
    // Nor its words: the export has no row for it at all.
    expect(exported).not.toContain(JSON.stringify(hidden.caption).slice(1, 80));
    expect(exported).toContain(postOf('instagram/3-quote').images[0]!.path);
  }, 120_000);

  it('swaps a quote for the article’s next ranked quote, and refuses one the article lacks', async () => {
    const before = postOf('instagram/3-quote').images[0]!.alt;
    const post = frame(3);
    await post.locator('[data-action="next-quote"]').click();
    await expect.poll(() => postOf('instagram/3-quote').images[0]!.alt, { timeout: 60_000 }).not.toBe(before);
    const chosen = /“(.*)”/.exec(postOf('instagram/3-quote').images[0]!.alt)![1]!;
    expect(manifest().articles[0]!.quotes.map((quote) => quote.text)).toContain(chosen);
    await expect.poll(() => post.locator('img').getAttribute('alt'), { timeout: 30_000 }).toContain(chosen);
    const saved = read(sidecar);
    await post.locator('[data-action="type-quote"]').click();
    await post.locator('textarea').fill('Ketamine cures every migraine for good, as every study shows.');
    await post.locator('[data-action="save"]').click();
    await expect.poll(() => post.locator('.edit-error').textContent()).toContain('not in the article');
    expect(read(sidecar)).toBe(saved);
    // A sentence of the article that is none of its ranked quotes is taken, at its place.
    const typed =
      'Unfortunately, medication overuse headaches can occur when these anti-migraine medications are overused.';
    expect(manifest().articles[0]!.quotes.map((quote) => quote.text)).not.toContain(typed);
    await post.locator('textarea').fill(typed);
    await post.locator('[data-action="save"]').click();
    await expect.poll(() => postOf('instagram/3-quote').images[0]!.alt, { timeout: 60_000 }).toContain(typed);
  }, 120_000);

  it('never loses an edit when two tabs save at once; the other tab is told', async () => {
    const other = await browser.newPage();
    await other.goto(preview.url);
    await other.locator(`.article[data-slug="${SLUG}"]`).click();
    const mine = frame(4);
    const theirs = other.locator(`[data-post="${SLUG}/instagram/4"]`);
    await mine.locator('[data-action="edit-caption"]').click();
    await theirs.locator('[data-action="edit-caption"]').click();
    await mine.locator('textarea').fill('Migraines affect 17% of women. Here is what helps when pills do not.');
    await theirs.locator('textarea').fill('Migraines affect 17% of women. What the newest treatments offer.');
    await theirs.locator('[data-action="save"]').click();
    await expect.poll(() => mine.locator('.edit-other').count(), { timeout: 30_000 }).toBe(1);
    await mine.locator('[data-action="save"]').click();
    await expect
      .poll(() => postOf('instagram/4-stat').caption, { timeout: 60_000 })
      .toBe('Migraines affect 17% of women. Here is what helps when pills do not.');
    // Two different posts saved in the same instant: both kept.
    await page.locator('.tab[data-channel="x"]').click();
    await frame(5, 'x').locator('[data-action="type-quote"]').click();
    const quotes = manifest().articles[0]!.quotes.map((quote) => quote.text);
    const shown = new Set(
      manifest()
        .articles[0]!.posts.filter((entry) => entry.channel === 'x' && entry.kind === 'quote')
        .map((entry) => /“(.*)”/.exec(entry.images[0]!.alt)![1]),
    );
    const fresh = quotes.find((quote) => !shown.has(quote))!;
    await frame(5, 'x').locator('textarea').fill(fresh);
    // A drip post numbered after where the (here turned off) video would be: the edit finds the right post.
    const drip = other.locator(`[data-post="${SLUG}/instagram/6"]`);
    await drip.locator('[data-action="edit-caption"]').click();
    await drip.locator('textarea').fill('You deserve relief. How IV ketamine fits in, in one read.');
    await Promise.all([
      drip.locator('[data-action="save"]').click(),
      page.locator(`[data-post="${SLUG}/x/5"] [data-action="save"]`).click(),
    ]);
    await expect
      .poll(() => postOf('instagram/6-quote').caption, { timeout: 60_000 })
      .toBe('You deserve relief. How IV ketamine fits in, in one read.');
    await expect.poll(() => postOf('x/5-quote').edited, { timeout: 60_000 }).toEqual(['quote']);
    expect(read(sidecar)).toMatch(/instagram\/4-stat:[\s\S]*instagram\/6-quote:[\s\S]*x\/5-quote:/);
    await other.close();
    // A thread's post is edited on its own: thread.txt changes there and nowhere else.
    const thread = frame(1, 'x');
    await thread.locator('.thread-post').nth(1).locator('[data-action="edit-caption"]').click();
    await thread.locator('textarea').fill('First-line migraine care: triptans, and what to do when they stop working.');
    await thread.locator('[data-action="save"]').click();
    const threadFile = path.join(project.out, SLUG, 'x', 'thread.txt');
    await expect
      .poll(() => read(threadFile).split('\n---\n')[1], { timeout: 60_000 })
      .toContain('First-line migraine care: triptans, and what to do when they stop working.');
    expect(postOf('x/1-thread').edited).toEqual(['thread 2']);
    expect(read(sidecar)).toMatch(/x\/1-thread:\n {2}thread:\n {4}"2":\n {6}text: /);
    await page.locator('.tab[data-channel="instagram"]').click();
  }, 180_000);

  it('lets a keyboard reach every action, each labelled; axe-core finds no serious violation in edit mode', async () => {
    await preview.session.idle();
    const edit = frame(3).locator('[data-action="edit-caption"]');
    await edit.focus();
    // A rebuild redraws the page under the keyboard user: the focus stays on the same button.
    await edit.evaluate((button) => Object.assign(button, { drawnBefore: true }));
    const article = path.join(project.articles, `${SLUG}.md`);
    writeFileSync(article, `${read(article)}\n`);
    await expect.poll(() => edit.evaluate((button) => !('drawnBefore' in button)), { timeout: 60_000 }).toBe(true);
    await preview.session.idle();
    await expect
      .poll(() => edit.evaluate((button) => button === document.activeElement), { timeout: 10_000 })
      .toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Escape');
    await expect.poll(() => frame(3).locator('textarea').count()).toBe(0);
    const unlabelled = await page
      .locator('[data-action]')
      .evaluateAll(
        (buttons) =>
          buttons.filter((button) => !(button.getAttribute('aria-label') || button.textContent?.trim())).length,
      );
    expect(unlabelled).toBe(0);
    await frame(1).locator('[data-action="edit-caption"]').click();
    // axe-core from node_modules, evaluated in the page (nothing fetched; the page's CSP allows no inline script).
    await page.evaluate(axe.source);
    const violations = await page.evaluate(async () => {
      type Violation = { id: string; impact: string; nodes: { html: string; failureSummary: string }[] };
      const runner = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
      const result = await runner.run();
      // The elements and axe's summary, so a failure says what to fix.
      return result.violations.map(({ id, impact, nodes }) => ({
        id,
        impact,
        nodes: nodes.slice(0, 3).map((node) => `${node.html} ${node.failureSummary}`),
      }));
    });
    expect(violations.filter((violation) => ['serious', 'critical'].includes(violation.impact))).toEqual([]);
    // README's picture of edit mode (copied to docs/ by hand when the page changes): the carousel's
    // actions and its caption being edited. Tests never write into the repository's own files.
    await expect.poll(() => page.locator('#toast.on').count(), { timeout: 5_000 }).toBe(0);
    // …and its fade (0.2 s) over, so the picture shows no half-gone toast.
    await expect.poll(() => page.locator('#toast').evaluate((toast) => getComputedStyle(toast).opacity)).toBe('0');
    await page.setViewportSize({ width: 1440, height: 1280 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ROOT, 'test-results/preview-edit-mode.png') });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await frame(1).locator('[data-action="cancel"]').click();
  }, 60_000);

  it('keeps every decision over a reload, and a clean build from the files reproduces them', async () => {
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    await page.reload();
    await page.locator(`.article[data-slug="${SLUG}"]`).click();
    expect(await frame(1).locator('.caption').textContent()).toContain('where IV ketamine fits in');
    expect(await frame(1).getAttribute('data-approval')).toBe('approved');
    expect(await frame(2).getAttribute('class')).toContain('is-hidden');
    // The calendar shows each scheduled post with its approval; the hidden one is not scheduled.
    await page.locator('.calendar-link').click();
    const slot = page.locator(`.cal-slot[data-post="${SLUG}/instagram/1"]`);
    await expect.poll(() => slot.getAttribute('data-approval')).toBe('approved');
    expect(await slot.locator('.approval').textContent()).toBe('✓ approved');
    expect(await page.locator(`.cal-slot[data-post="${SLUG}/instagram/2"]`).count()).toBe(0);
    expect(await page.locator(`.cal-slot[data-post="${SLUG}/instagram/3"]`).getAttribute('data-approval')).toBe(
      'unapproved',
    );
    await page.locator(`.article[data-slug="${SLUG}"]`).click();
    const shown = manifest();
    const clean = await build({
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: path.join(project.dir, 'clean'),
      cacheDir: path.join(project.dir, 'clean-cache'),
      approvalsFile: approvals,
      channels: ['instagram', 'x'],
      video: false,
    });
    const strip = (from: Manifest) => JSON.stringify(from.articles.map((article) => article.posts));
    expect(strip(clean.manifest)).toBe(strip(shown));
  }, 180_000);

  it('marks an edit stale when the article no longer gives what it replaced; check says where', async () => {
    const article = path.join(project.articles, `${SLUG}.md`);
    writeFileSync(article, read(article).replace('## First Line Treatments for Migraines', '## First Treatments'));
    await expect.poll(() => postOf('instagram/1-carousel').stale, { timeout: 60_000 }).toEqual(['slides', 'caption']);
    await expect.poll(() => frame(1).locator('.stale-mark').textContent(), { timeout: 30_000 }).toContain('caption');
    // Approved before the article changed: the frame says so, and shows what changed since.
    await expect.poll(() => frame(1).getAttribute('data-approval')).toBe('changed');
    await frame(1).locator('[data-action="diff"]').click();
    await expect.poll(() => frame(1).locator('.diff del').count()).toBeGreaterThan(0);
    expect(await frame(1).locator('.diff del').allTextContents()).toContain(
      '− New on the blog: when migraine medicines stop working, where IV ketamine fits in.\n',
    );
    expect(await frame(1).locator('.diff ins').first().textContent()).toContain('+ ');
    const { entries } = await check({ articlesDir: project.articles, templatesDir: project.templates, slugs: [SLUG] });
    const stale = entries[0]!.messages.filter((message) => message.ruleId === 'override-stale');
    // The carousel's slides and caption, and the thread's second post (it named the changed heading).
    expect(postOf('x/1-thread').stale).toEqual(['thread 2']);
    expect(stale.map((message) => `${message.file}:${message.line}:${message.column}`)).toEqual([
      expect.stringMatching(/\.posts\.yaml:\d+:\d+$/),
      expect.stringMatching(/\.posts\.yaml:\d+:\d+$/),
      expect.stringMatching(/\.posts\.yaml:\d+:\d+$/),
    ]);
    expect(stale.map((message) => message.reason).join('\n')).toMatch(
      /slides on instagram\/1-carousel[\s\S]*caption on instagram\/1-carousel[\s\S]*thread 2 on x\/1-thread/,
    );
  }, 120_000);

  it('fails the article with a positioned message when the sidecar is hand-edited into invalid YAML', async () => {
    writeFileSync(sidecar, `${read(sidecar)}instagram/3-quote:\n  hidden: [true\n`);
    const { entries } = await check({ articlesDir: project.articles, templatesDir: project.templates, slugs: [SLUG] });
    const [message] = entries[0]!.messages.filter((entry) => entry.ruleId === 'overrides-yaml');
    expect(entries[0]!.status).toBe('failed');
    expect(message).toMatchObject({ file: expect.stringMatching(/\.posts\.yaml$/), severity: 'error' });
    expect(message!.line).toBeGreaterThan(1);
  }, 60_000);
});
