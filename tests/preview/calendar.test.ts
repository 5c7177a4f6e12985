import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/preview/calendar.ts';
import type { Preview } from '../../src/preview/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { previewOf } from '../helpers/preview.ts';
import { tempProject } from '../helpers/project.ts';

let preview: Preview;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  preview = await previewOf(tempProject(), ['instagram', 'x']);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(preview.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('the preview’s campaign calendar', () => {
  it('shows every scheduled post on its day, launch and drip, each with its own first line', async () => {
    const calendar = (await (await fetch(`${preview.url}/api/calendar`)).json()) as Calendar;
    expect(calendar.entries.length).toBeGreaterThan(10);
    expect(calendar.entries.some((entry) => entry.drip)).toBe(true);
    await page.locator('.calendar-link').click();
    await expect.poll(() => page.locator('.cal-slot').count()).toBe(calendar.entries.length);
    const first = calendar.entries[0]!;
    const day = page.locator(`.cal-day[data-date="${first.date}"]`);
    expect(await day.locator('.cal-slot').first().textContent()).toContain(first.opening);
    expect(await page.locator('.cal-slot.drip').count()).toBe(calendar.entries.filter((entry) => entry.drip).length);
    // One article on one channel never opens two posts alike, launch or drip.
    const openings = await page
      .locator('.cal-slot')
      .evaluateAll((slots) =>
        slots.map(
          (slot) =>
            `${slot.getAttribute('data-slug')} ${slot.getAttribute('data-channel')} ${slot.querySelector('.cal-opening')?.textContent}`,
        ),
      );
    const captioned = openings.filter((opening) => !opening.includes('Story link sticker'));
    expect(new Set(captioned).size).toBe(captioned.length);
    await page.screenshot({ path: 'test-results/calendar.png', fullPage: true });
  });

  it('goes back to an article’s posts from the list', async () => {
    await page.locator('.article').first().click();
    await expect.poll(() => page.locator('.frame').count()).toBeGreaterThan(0);
    expect(await page.locator('.calendar').count()).toBe(0);
  });
});
