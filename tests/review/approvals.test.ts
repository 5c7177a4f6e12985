import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import type { BuildOptions } from '../../src/config/options.ts';
import { exportCampaign } from '../../src/export/run.ts';
import { approve } from '../../src/review/approvals.ts';
import { tempProject } from '../helpers/project.ts';

describe('approvals', () => {
  it('survive a rebuild, are lost when a post’s words or images change, and limit exports', async () => {
    const project = tempProject();
    const approvals = path.join(project.dir, 'approvals.yaml');
    const options: Partial<BuildOptions> = {
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: project.out,
      cacheDir: project.cache,
      approvalsFile: approvals,
      channels: ['instagram', 'x'],
      slugs: ['ketamine-therapy-for-migraines'],
    };
    const statuses = (manifest: Awaited<ReturnType<typeof build>>['manifest']) =>
      Object.fromEntries(
        manifest.articles
          .find((article) => article.slug === 'ketamine-therapy-for-migraines')!
          .posts.filter((post) => !post.drip)
          .map((post, index) => [`${post.channel} ${index} ${post.kind}`, post.approval]),
      );

    const first = await build(options);
    expect(Object.values(statuses(first.manifest)).every((status) => status === 'unapproved')).toBe(true);
    await approve(approvals, first.manifest, 'ketamine-therapy-for-migraines');
    expect(readFileSync(approvals, 'utf8')).toMatch(
      /ketamine-therapy-for-migraines:\n {2}instagram\/1-carousel: [0-9a-f]{16}\n/,
    );

    const again = await build(options);
    expect(Object.values(statuses(again.manifest)).every((status) => status === 'approved')).toBe(true);

    const file = path.join(project.articles, 'ketamine-therapy-for-migraines.md');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('You deserve to find relief', 'You deserve to find real relief'),
    );
    const edited = statuses((await build(options)).manifest);
    expect(edited['instagram 0 carousel']).toBe('changed');
    expect(edited['x 5 thread']).toBe('changed');
    expect(edited['instagram 1 quote']).toBe('approved');

    const exported = await exportCampaign({
      outDir: project.out,
      templatesDir: project.templates,
      format: 'json',
      start: '2026-12-21',
      approvedOnly: true,
    });
    const rows = JSON.parse(readFileSync(exported.files[0]!, 'utf8')) as { kind: string; channel: string }[];
    // The drip's posts too, but for the quote cards that show the edited sentence.
    expect(rows.map((row) => `${row.channel} ${row.kind}`).sort()).toEqual(
      [
        'instagram quote',
        'instagram quote',
        'instagram quote',
        'instagram stat',
        'instagram story',
        'x quote',
        'x quote',
        'x quote',
      ].sort(),
    );
  }, 180_000);
});
