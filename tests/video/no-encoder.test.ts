import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { TEMPLATES } from '../helpers/setup.ts';

const article = (title: string) =>
  `---\ntitle: ${title}\ndate: 2024-05-02\ntags: [sleep]\n---\n\nSleep matters for 30% of adults.\n\n## Why sleep matters\n\nSleep restores the body and the mind every night.\n`;

afterEach(() => {
  delete process.env.FACET_FFMPEG;
});

describe('a build without a working ffmpeg', () => {
  it('says so once, with the fix, builds every image and caption, and makes the videos once ffmpeg works', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'facet-no-ffmpeg-'));
    const articles = path.join(dir, 'articles');
    mkdirSync(articles);
    writeFileSync(path.join(articles, 'sleep-one.md'), article('Sleep One'));
    writeFileSync(path.join(articles, 'sleep-two.md'), article('Sleep Two'));
    // A file that is not a program stands for a broken or half-installed package.
    const broken = path.join(dir, 'ffmpeg');
    writeFileSync(broken, 'not a program\n');
    process.env.FACET_FFMPEG = broken;
    const options = {
      articlesDir: articles,
      templatesDir: TEMPLATES,
      outDir: path.join(dir, 'output'),
      cacheDir: path.join(dir, 'cache'),
      channels: ['instagram' as const],
      contactSheets: false,
      video: true,
    };
    const result = await build(options);
    const said = result.warnings.filter((message) => message.ruleId === 'video-encoder');
    expect(said).toHaveLength(1);
    expect(said[0]!.reason).toMatch(
      /Expected ffmpeg with libx264 from @ffmpeg-installer\/ffmpeg but .*ffmpeg does not run/,
    );
    expect(said[0]!.hint).toMatch(/npm install/);
    for (const entry of result.built) {
      expect(entry.status).toBe('ok');
      expect(entry.posts.some((post) => post.kind === 'video')).toBe(false);
      expect(entry.posts.filter((post) => post.kind === 'carousel')).toHaveLength(1);
      for (const image of entry.posts.flatMap((post) => post.images))
        expect(existsSync(path.join(options.outDir, image.path))).toBe(true);
      expect(existsSync(path.join(options.outDir, entry.slug, 'instagram', 'caption.txt'))).toBe(true);
      expect(existsSync(path.join(options.outDir, entry.slug, 'video'))).toBe(false);
    }
    // Not recorded as up to date: the next build with ffmpeg makes the videos.
    delete process.env.FACET_FFMPEG;
    const fixed = await build({ ...options, slugs: ['sleep-one'] });
    const video = fixed.built[0]!.posts.find((post) => post.kind === 'video')?.video;
    expect(video?.path).toBe('sleep-one/video/video.mp4');
    expect(existsSync(path.join(options.outDir, video!.path))).toBe(true);
  }, 240_000);
});
