import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { exportCampaign } from '../../src/export/run.ts';
import type { Manifest } from '../../src/model.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';
import { zipEntries } from '../helpers/zip.ts';

const START = '2026-12-21';
let project: TempProject;
let manifest: Manifest;

interface JsonRow {
  slug: string;
  channel: string;
  kind: string;
  scheduled: string;
  local: string;
  caption?: string;
  sticker?: string;
  thread?: string[];
  images: { url: string }[];
}

async function exported(format: string, extension: string): Promise<string> {
  await exportCampaign({ outDir: project.out, templatesDir: project.templates, format, start: START });
  return readFileSync(path.join(project.out, 'exports', `${format}.${extension}`), 'utf8');
}

beforeAll(async () => {
  project = tempProject();
  writeFileSync(
    path.join(project.templates, 'brand.yaml'),
    `${readFileSync(path.join(project.templates, 'brand.yaml'), 'utf8')}\nimage_base_url: https://cdn.example.org/campaigns/\n`,
  );
  manifest = (
    await build({
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: project.out,
      cacheDir: project.cache,
      channels: ['instagram', 'linkedin', 'x'],
    })
  ).manifest;
}, 180_000);

const posts = () => manifest.articles.flatMap((article) => article.posts.map((post) => ({ article, post })));

describe('scheduler exports', () => {
  it('writes Buffer, Hootsuite and generic CSVs that a standard parser reads back, a row per post', async () => {
    const buffer = parse(await exported('buffer', 'csv'), { columns: true }) as Record<string, string>[];
    expect(buffer).toHaveLength(posts().length);
    expect(Object.keys(buffer[0]!)).toEqual(['Text', 'Image URL', 'Tags', 'Posting Time']);
    const captions = new Set(
      posts().map(({ post }) => (post.thread ? post.thread.join('\n\n') : (post.caption ?? ''))),
    );
    for (const row of buffer) {
      expect(captions).toContain(row.Text);
      expect(row['Image URL']).toMatch(/^https:\/\/cdn\.example\.org\/campaigns\/[a-z0-9-]+\/[a-z]+\/\d\d-/);
      expect(row['Posting Time']).toMatch(/^2026-12-\d\d \d\d:\d\d$|^2027-01-\d\d \d\d:\d\d$/);
    }
    const hootsuite = parse(await exported('hootsuite', 'csv')) as string[][];
    expect(hootsuite).toHaveLength(posts().length);
    expect(hootsuite[0]![0]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    const generic = parse(await exported('generic', 'csv'), { columns: true }) as Record<string, string>[];
    expect(generic.map((row) => `${row.slug} ${row.channel} ${row.kind}`).sort()).toEqual(
      posts()
        .map(({ article, post }) => `${article.slug} ${post.channel} ${post.kind}`)
        .sort(),
    );
  });

  it('writes an iCalendar file a calendar parser reads: an event per post at its time', async () => {
    const text = await exported('ics', 'ics');
    // RFC 5545: content lines of at most 75 octets, CRLF-terminated.
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    const rows = JSON.parse(await exported('json', 'json')) as JsonRow[];
    expect(events).toHaveLength(rows.length);
    const byUid = new Map(events.map((event) => [event.uid, event]));
    expect(byUid.size).toBe(rows.length);
    for (const row of rows) {
      // Several channels post at one time: the event is the one at that time with this post's words.
      const text = row.thread ? row.thread.join('\n\n') : (row.caption ?? `Story link sticker: ${row.sticker}`);
      const event = events.find(
        (candidate) =>
          candidate.startDate.toJSDate().toISOString().replace('.000Z', 'Z') === row.scheduled &&
          candidate.summary.includes(row.kind) &&
          candidate.description === text,
      );
      expect(event, `${row.slug} ${row.channel} ${row.kind}`).toBeDefined();
    }
  });

  it('keeps every schedule rule', async () => {
    const rows = JSON.parse(await exported('json', 'json')) as JsonRow[];
    const brand = readFileSync(path.join(project.templates, 'brand.yaml'), 'utf8');
    expect(brand).toContain('blackout: [2026-12-25, 2027-01-01]');
    const windows = { linkedin: ['08:00', '12:00'], default: ['09:00', '12:30', '17:30'] };
    const gaps: Record<string, number> = { x: 1, threads: 1, default: 2 };
    const groups = new Map<string, JsonRow[]>();
    for (const row of rows)
      groups.set(`${row.slug} ${row.channel}`, [...(groups.get(`${row.slug} ${row.channel}`) ?? []), row]);
    for (const [key, group] of groups) {
      const ordered = [...group].sort((a, b) => a.scheduled.localeCompare(b.scheduled));
      expect(['carousel', 'thread', 'link'], key).toContain(ordered[0]!.kind);
      const days = ordered.map((row) => row.local.slice(0, 10));
      expect(new Set(days).size, `${key}: two posts on one day`).toBe(days.length);
      for (let index = 1; index < days.length; index++) {
        const gap = (Date.parse(days[index]!) - Date.parse(days[index - 1]!)) / 86_400_000;
        expect(gap, key).toBeGreaterThanOrEqual(gaps[ordered[0]!.channel] ?? gaps.default!);
      }
      for (const row of ordered) {
        expect(['2026-12-25', '2027-01-01']).not.toContain(row.local.slice(0, 10));
        expect(windows[row.channel as 'linkedin'] ?? windows.default).toContain(row.local.slice(11));
        expect(row.local.slice(0, 10) >= START).toBe(true);
      }
    }
    // 09:00 in Los Angeles in December is 17:00 UTC.
    const nine = rows.find((row) => row.local.endsWith('09:00'))!;
    expect(nine.scheduled.slice(11, 16)).toBe('17:00');
  });

  it('drips posts out week by week after each article’s launch, never one caption twice on a channel', async () => {
    const rows = JSON.parse(await exported('json', 'json')) as (JsonRow & { drip_week?: number })[];
    const captions = rows
      .filter((row) => row.kind !== 'story')
      .map((row) => `${row.channel}\n${row.thread ? row.thread.join('\n\n') : row.caption}`);
    expect(new Set(captions).size).toBe(captions.length);
    const drip = rows.filter((row) => row.drip_week);
    expect(drip.length).toBeGreaterThan(0);
    for (const row of drip) {
      const days = (Date.parse(row.local.slice(0, 10)) - Date.parse(START)) / 86_400_000;
      expect(days, `${row.slug} ${row.channel} week ${row.drip_week}`).toBeGreaterThanOrEqual(7 * row.drip_week!);
    }
  });

  it('leaves out, and names, a post whose caption already went out on its channel', async () => {
    const file = path.join(project.out, 'manifest.json');
    const original = readFileSync(file, 'utf8');
    const broken = JSON.parse(original) as Manifest;
    const quotes = broken.articles[0]!.posts.filter(
      (candidate) => candidate.channel === 'instagram' && candidate.kind === 'quote',
    );
    quotes[1]!.caption = quotes[0]!.caption;
    writeFileSync(file, JSON.stringify(broken));
    try {
      const result = await exportCampaign({
        outDir: project.out,
        templatesDir: project.templates,
        format: 'json',
        start: START,
      });
      expect(result.rejected).toEqual([
        expect.stringMatching(/instagram quote #\d+: the same caption as a post scheduled before it on Instagram/),
      ]);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('is deterministic', async () => {
    const first = await exported('generic', 'csv');
    expect(await exported('generic', 'csv')).toBe(first);
  });

  it('leaves out, and names, a post over its platform’s limit', async () => {
    const file = path.join(project.out, 'manifest.json');
    const original = readFileSync(file, 'utf8');
    const broken = JSON.parse(original) as Manifest;
    const post = broken.articles[0]!.posts.find((candidate) => candidate.channel === 'x')!;
    post.thread![0] = 'word '.repeat(80);
    writeFileSync(file, JSON.stringify(broken));
    try {
      const result = await exportCampaign({
        outDir: project.out,
        templatesDir: project.templates,
        format: 'json',
        start: START,
      });
      expect(result.rejected).toEqual([expect.stringMatching(/x thread #1: caption of 400 is over X's 280/)]);
      expect(result.rows).toBe(posts().length - 1);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('bundles each article: images, captions, alt texts and its schedule', async () => {
    await exportCampaign({ outDir: project.out, templatesDir: project.templates, format: 'bundle', start: START });
    const names = zipEntries(
      readFileSync(path.join(project.out, 'exports', 'bundles', 'ketamine-therapy-for-migraines.zip')),
    );
    expect(names).toContain('ketamine-therapy-for-migraines/schedule.csv');
    expect(names).toContain('ketamine-therapy-for-migraines/instagram/captions.txt');
    expect(names).toContain('ketamine-therapy-for-migraines/x/alt-text.txt');
    expect(names.filter((name) => name.endsWith('.png')).length).toBeGreaterThan(10);
  });
});
