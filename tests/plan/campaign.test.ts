import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { PLATFORMS } from '../../src/channels/platforms.ts';
import type { Post } from '../../src/model.ts';
import { CARD_DATA_KEYS } from '../../src/plan/cards.ts';
import { articleFromRepo, repoSetup } from '../helpers/setup.ts';

async function seedPosts(): Promise<Post[]> {
  const analysis = analyzeArticle(articleFromRepo('ketamine-therapy-for-migraines'), await repoSetup({ video: true }), {
    drafts: false,
  });
  if (analysis.status !== 'ok') throw new Error('seed did not analyse');
  return analysis.posts;
}

describe('the default campaign of the seed article', () => {
  it('numbers every image of a channel once: launch, video cover and drip never share a number', async () => {
    const posts = await seedPosts();
    expect(posts.some((post) => post.kind === 'video') && posts.some((post) => post.drip)).toBe(true);
    // A channel's own images (a video's slides live in the article's video/ folder, shared).
    const numbers = posts.flatMap((post) =>
      post.images
        .filter((image) => image.path.includes(`/${post.channel}/`))
        .map((image) => image.path.replace(/-[^/]*$/, '')),
    );
    expect(numbers.filter((number, index) => numbers.indexOf(number) !== index)).toEqual([]);
  });

  it('opens Instagram with a carousel: title, a slide per section, closing slide', async () => {
    const carousel = (await seedPosts()).find((post) => post.channel === 'instagram' && post.kind === 'carousel')!;
    expect(carousel.images.map((image) => image.card.template)).toEqual([
      'title',
      'section',
      'section',
      'section',
      'section',
      'section',
      'cta',
    ]);
    expect(carousel.images.map((image) => image.card.data.slide)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('uses every card kind and every format of every channel', async () => {
    // Video posts (brand.yaml `video:`) are the reel-* slides of one MP4: tests/video/.
    const posts = (await seedPosts()).filter((post) => post.kind !== 'video');
    const templates = new Set(posts.flatMap((post) => post.images.map((image) => image.card.template)));
    expect([...templates].sort()).toEqual(['cta', 'link', 'quote', 'section', 'stat', 'story', 'title']);
    for (const [channel, platform] of Object.entries(PLATFORMS)) {
      const used = new Set(
        posts
          .filter((post) => post.channel === channel)
          .flatMap((post) => post.images.map((image) => image.card.format)),
      );
      expect([...used].sort(), channel).toEqual(Object.keys(platform.formats).sort());
    }
  });

  it('keeps carousels within 10 slides and posts within each platform’s image count', async () => {
    for (const post of await seedPosts()) {
      if (post.kind === 'thread') continue;
      expect(post.images.length).toBeLessThanOrEqual(Math.min(10, PLATFORMS[post.channel].imagesPerPost));
    }
  });

  it('makes X and Bluesky one thread, each card on the post it speaks to, at most 4 a post', async () => {
    const thread = (await seedPosts()).find((post) => post.channel === 'x')!;
    expect(thread.kind).toBe('thread');
    const byPost = new Map<number, string[]>();
    for (const image of thread.images)
      byPost.set(image.threadPost!, [...(byPost.get(image.threadPost!) ?? []), image.card.template]);
    expect(byPost.get(1)).toEqual(['link', 'stat']);
    // The pull quotes stand in the first and fourth sections: posts 2 and 5.
    expect(byPost.get(2)).toEqual(['quote']);
    expect(byPost.get(5)).toEqual(['quote']);
    for (const templates of byPost.values()) expect(templates.length).toBeLessThanOrEqual(4);
  });

  it('writes LinkedIn’s carousel as a PDF document too, and Bluesky’s images as JPEG', async () => {
    const posts = await seedPosts();
    expect(posts.find((post) => post.channel === 'linkedin' && post.kind === 'carousel')!.pdf).toBe(
      'ketamine-therapy-for-migraines/linkedin/carousel.pdf',
    );
    const bluesky = posts.filter((post) => post.channel === 'bluesky').flatMap((post) => post.images);
    expect(bluesky.every((image) => image.card.encoding === 'jpeg' && image.path.endsWith('.jpg'))).toBe(true);
  });

  it('gives each video channel a video post of reel-* slides: title, sections, quote, stat, closing', async () => {
    const videos = (await seedPosts()).filter((post) => post.kind === 'video');
    expect(videos.map((post) => post.channel).sort()).toEqual(['facebook', 'instagram', 'linkedin', 'tiktok']);
    for (const post of videos) {
      expect(post.images.map((image) => image.card.template)).toEqual([
        'reel-title',
        'reel-section',
        'reel-section',
        'reel-section',
        'reel-section',
        'reel-section',
        'reel-quote',
        'reel-stat',
        'reel-cta',
      ]);
      expect(
        post.images.every(
          (image) => image.card.width === 1080 && image.card.height === 1920 && image.card.format === 'reel',
        ),
      ).toBe(true);
      expect(post.images[0]!.path).toMatch(
        new RegExp(`^ketamine-therapy-for-migraines/${post.channel}/\\d\\d-cover\\.png$`),
      );
    }
  });

  it('only binds values the templates are allowed to name', async () => {
    const keys = new Set(
      (await seedPosts()).flatMap((post) => post.images.flatMap((image) => Object.keys(image.card.data))),
    );
    for (const key of keys) expect(CARD_DATA_KEYS).toContain(key);
  });
});
