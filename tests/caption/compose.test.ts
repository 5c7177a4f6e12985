import twitter from 'twitter-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analyze.ts';
import { countLength } from '../../src/caption/count.ts';
import { platformOf } from '../../src/channels/platforms.ts';
import type { Setup } from '../../src/setup/setup.ts';
import type { Caption } from '../../src/model.ts';
import { messagesOf } from '../../src/messages/report.ts';
import { expected, fixtureCases, readFixture } from '../helpers/fixtures.ts';
import { articleFile, repoSetup } from '../helpers/setup.ts';

let setup: Setup;
beforeAll(async () => {
  setup = await repoSetup();
});

function analyze(name: string, using: Setup = setup) {
  const source = articleFile(name, readFixture('captions', name, 'input.md'));
  const analysis = analyzeArticle(source, using, { drafts: false });
  if (analysis.status !== 'ok') throw new Error(`${name} did not analyse`);
  return { ...analysis, messages: messagesOf(source.file, source.file.path) };
}

function postsOf(caption: Caption): string[] {
  return caption.thread ?? [caption.text];
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** tests/fixtures/captions/<case>/input.md → expected/<channel>.txt, exactly as pasted. */
describe('captions per channel', () => {
  for (const name of fixtureCases('captions')) {
    describe(name, () => {
      it('matches the stored caption of every channel', () => {
        for (const [channel, caption] of analyze(name).captions) {
          const text = caption.thread ? caption.thread.join('\n\n---\n\n') : caption.text;
          expect(text, channel).toBe(expected('captions', name, `expected/${channel}.txt`, `${text}\n`).trimEnd());
        }
      });

      it('fits every platform by its own counting, with the disclaimer last', () => {
        for (const [channel, caption] of analyze(name).captions) {
          const platform = platformOf(channel)!;
          for (const post of postsOf(caption)) {
            expect(countLength(post, platform.caption.counting), `${channel}: ${post.slice(0, 40)}`).toBeLessThanOrEqual(platform.caption.limit);
          }
          expect(postsOf(caption).at(-1), channel).toContain(setup.brand.disclaimer);
          if (caption.title) expect([...caption.title].length).toBeLessThanOrEqual(platform.caption.titleLimit!);
        }
      });

      it('passes twitter-text’s own check on X, and counts graphemes on Bluesky', () => {
        const { captions } = analyze(name);
        for (const post of captions.get('x')!.thread!) {
          const parsed = twitter.parseTweet(post.normalize('NFC'));
          expect(parsed.valid, post).toBe(true);
          expect(parsed.weightedLength).toBeLessThanOrEqual(280);
        }
        for (const post of captions.get('bluesky')!.thread!) {
          expect([...graphemes.segment(post)].length).toBeLessThanOrEqual(300);
        }
      });

      it('numbers threads 1/n to n/n: opening first, a post per section, link and disclaimer last', () => {
        const { captions, article } = analyze(name);
        for (const channel of ['x', 'bluesky'] as const) {
          const thread = captions.get(channel)!.thread!;
          thread.forEach((post, index) => expect(post.endsWith(`\n\n${index + 1}/${thread.length}`), `${channel} post ${index + 1}`).toBe(true));
          const sections = article.sections.filter((section) => section.depth === 2).length;
          expect(thread.length).toBeGreaterThanOrEqual(sections + 2);
          // The link, then the support line on sensitive topics, then the disclaimer.
          expect(thread.slice(-3).join('\n')).toContain('utm_source=' + channel);
          expect(thread.at(-1)).toContain(setup.brand.disclaimer);
        }
      });

      it('gives every image alt text within its platform’s limit', () => {
        for (const post of analyze(name).posts) {
          const limit = platformOf(post.channel)!.altTextLimit ?? 1000;
          for (const image of post.images) {
            expect(image.card.alt.length).toBeGreaterThan(10);
            expect([...image.card.alt].length).toBeLessThanOrEqual(limit);
          }
        }
      });
    });
  }
});

describe('links and hashtags', () => {
  it('tags links per channel and points Instagram and TikTok to the link in bio', () => {
    const { captions } = analyze('seed');
    expect(captions.get('linkedin')!.text).toContain('utm_source=linkedin&utm_medium=social&utm_campaign=seed');
    for (const channel of ['instagram', 'tiktok'] as const) {
      expect(captions.get(channel)!.text).not.toContain('https://');
      expect(captions.get(channel)!.text).toContain(setup.brand.linkInBio);
    }
  });

  it('caps hashtags per platform: Instagram 5, Threads one topic tag, LinkedIn 3–5', () => {
    const { captions } = analyze('long-intro');
    expect(captions.get('instagram')!.hashtags).toHaveLength(5);
    expect(captions.get('threads')!.hashtags).toEqual(['ChronicPain']);
    expect(captions.get('linkedin')!.hashtags.length).toBeGreaterThanOrEqual(3);
    expect(captions.get('instagram')!.hashtags).toEqual(['ChronicPain', 'CentralSensitization', 'IntegrativeMedicine', 'Neuroplasticity', 'Sleep']);
  });
});

describe('fitting', () => {
  it('drops optional parts before shortening, and never the link, the disclaimer or the article’s own hashtags', () => {
    const { captions } = analyze('long-intro');
    const x = captions.get('x')!;
    expect(x.warnings.length).toBeGreaterThan(0);
    expect(x.thread!.find((post) => post.includes('utm_source=x'))).toContain('#ChronicPain');
    expect(x.thread!.join('\n')).toContain('https://example.org/blog/chronic-pain-and-the-brain');
  });

  it('shortens only at word boundaries', () => {
    const { captions, article } = analyze('long-intro');
    const words = new Set(`${article.intro.join(' ')} ${article.title}`.split(/\s+/));
    for (const caption of captions.values()) {
      for (const post of postsOf(caption)) {
        for (const cut of post.matchAll(/(\S+)…/g)) expect(words, `“${cut[0]}”`).toContain(cut[1]);
      }
    }
  });

  it('warns when the hook would be cut by the platform’s “…more”', () => {
    const { messages } = analyze('long-intro');
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: 'hook-past-fold', severity: 'warning', line: 2 }));
  });

  it('holds back only the channel whose caption cannot fit, with a positioned error', () => {
    const wordy = { ...setup, brand: { ...setup.brand, disclaimer: 'Disclaimer' + ' word'.repeat(60) } };
    const { posts, messages } = analyze('seed', wordy);
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: 'caption-too-long', severity: 'error', file: 'articles/seed.md' }));
    expect(posts.some((post) => post.channel === 'x')).toBe(false);
    expect(posts.some((post) => post.channel === 'instagram')).toBe(true);
  });
});
