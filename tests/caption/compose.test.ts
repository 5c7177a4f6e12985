import { readdirSync } from 'node:fs';
import path from 'node:path';
import twitter from 'twitter-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { countLength } from '../../src/caption/count.ts';
import { platformOf } from '../../src/channels/platforms.ts';
import type { Setup } from '../../src/setup/setup.ts';
import { normalize } from '../../src/extract/text.ts';
import { isCallToAction } from '../../src/extract/quotes.ts';
import type { Caption, Post } from '../../src/model.ts';
import { topSections } from '../../src/plan/outline.ts';
import { messagesOf } from '../../src/messages/report.ts';
import type { ArticleFile } from '../../src/read/articles.ts';
import { expected, fixtureCases, readFixture } from '../helpers/fixtures.ts';
import { articleFile, articleFromRepo, ROOT, repoSetup } from '../helpers/setup.ts';

let setup: Setup;
beforeAll(async () => {
  setup = await repoSetup();
});

function analyzeSource(source: ArticleFile, using: Setup = setup) {
  const analysis = analyzeArticle(source, using, { drafts: false });
  if (analysis.status !== 'ok') throw new Error(`${source.slug} did not analyse`);
  return { ...analysis, source, messages: messagesOf(source.file, source.file.path) };
}

function analyze(name: string, using: Setup = setup) {
  return analyzeSource(articleFile(name, readFixture('captions', name, 'input.md')), using);
}

function postsOf(caption: Caption): string[] {
  return caption.thread ?? [caption.text];
}

/** Each post with its caption, and its place among its channel's posts (1-based). */
function captioned(analysis: ReturnType<typeof analyze>): { post: Post; caption: Caption; number: number }[] {
  const counts = new Map<string, number>();
  return analysis.posts.map((post) => {
    const number = (counts.get(post.channel) ?? 0) + 1;
    counts.set(post.channel, number);
    return { post, caption: analysis.captions.get(post)!, number };
  });
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const repoArticles = readdirSync(path.join(ROOT, 'articles'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.slice(0, -3));

/** Every article of the project and every caption and notice fixture: the guarantees hold on all of them. */
const everyArticle = () => [
  ...repoArticles.map((slug) => ({ name: slug, analysis: analyzeSource(articleFromRepo(slug)) })),
  ...fixtureCases('captions').map((name) => ({ name, analysis: analyze(name) })),
  ...fixtureCases('notices').map((name) => ({
    name,
    analysis: analyzeSource(articleFile(name, readFixture('notices', name, 'input.md'))),
  })),
];

/** tests/fixtures/captions/<case>/input.md → expected/<channel>/<NN>-<kind>.txt, exactly as pasted. */
describe('a caption per post', () => {
  for (const name of fixtureCases('captions')) {
    describe(name, () => {
      it('matches the stored caption of every post', () => {
        for (const { post, caption, number } of captioned(analyze(name))) {
          const text =
            post.kind === 'story'
              ? `[story link sticker] ${caption.sticker}`
              : caption.thread
                ? caption.thread.join('\n\n---\n\n')
                : caption.text;
          const file = `expected/${post.channel}/${String(number).padStart(2, '0')}-${post.kind}.txt`;
          expect(text, file).toBe(expected('captions', name, file, `${text}\n`).trimEnd());
        }
      });

      it('fits every platform by its own counting, with the disclaimer in every caption', () => {
        for (const { post, caption } of captioned(analyze(name))) {
          if (post.kind === 'story') continue;
          const platform = platformOf(post.channel)!;
          for (const text of postsOf(caption)) {
            expect(
              countLength(text, platform.caption.counting),
              `${post.channel}: ${text.slice(0, 40)}`,
            ).toBeLessThanOrEqual(platform.caption.limit);
          }
          expect(
            postsOf(caption).some((text) => text.includes(setup.brand.disclaimer)),
            `${post.channel} ${post.kind}`,
          ).toBe(true);
          if (caption.title) expect([...caption.title].length).toBeLessThanOrEqual(platform.caption.titleLimit!);
        }
      });

      it('passes twitter-text’s own check on X, and counts graphemes on Bluesky', () => {
        for (const { post, caption } of captioned(analyze(name))) {
          if (post.channel === 'x') {
            for (const text of postsOf(caption)) {
              const parsed = twitter.parseTweet(text.normalize('NFC'));
              expect(parsed.valid, text).toBe(true);
              expect(parsed.weightedLength).toBeLessThanOrEqual(280);
            }
          }
          if (post.channel === 'bluesky')
            for (const text of postsOf(caption)) expect([...graphemes.segment(text)].length).toBeLessThanOrEqual(300);
        }
      });

      it('numbers threads 1/n to n/n: opening first, a post per section, link and disclaimer last', () => {
        const analysis = analyze(name);
        for (const channel of ['x', 'bluesky'] as const) {
          const thread = captioned(analysis).find(({ post }) => post.channel === channel && post.kind === 'thread')!
            .caption.thread!;
          thread.forEach((text, index) =>
            expect(text.endsWith(`\n\n${index + 1}/${thread.length}`), `${channel} post ${index + 1}`).toBe(true),
          );
          const sections = analysis.article.sections.filter((section) => section.depth === 2).length;
          expect(thread.length).toBeGreaterThanOrEqual(sections + 2);
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

/**
 * Lines every post of a channel may share: the link, the notices, the hashtags, the call to
 * action, and a carousel's outline of headings (a quote post may open with its section's).
 */
function sharedLine(line: string, caption: Caption): boolean {
  const { brand, notices } = setup;
  return (
    [brand.disclaimer, notices.offLabel.text, brand.supportLine, brand.cta, caption.link ?? '\0'].some((shared) =>
      line.includes(shared),
    ) ||
    /^(#\S+\s*)+$/.test(line) ||
    /^\d+\/\d+$/.test(line) ||
    /^[•→] /.test(line)
  );
}

describe('every post its own words, on every article', () => {
  it('never gives two posts of an article on one channel the same caption, opening line or sentence', () => {
    for (const { name, analysis } of everyArticle()) {
      const byChannel = new Map<string, Caption[]>();
      for (const { post, caption } of captioned(analysis))
        if (post.kind !== 'story') byChannel.set(post.channel, [...(byChannel.get(post.channel) ?? []), caption]);
      for (const [channel, captions] of byChannel) {
        const openings = captions.map((caption) => normalize(caption.text.split('\n')[0]!));
        expect(new Set(openings).size, `${name} ${channel}: ${openings.join(' | ')}`).toBe(captions.length);
        expect(new Set(captions.map((caption) => caption.text)).size, `${name} ${channel}`).toBe(captions.length);
        const seen = new Map<string, number>();
        captions.forEach((caption, index) => {
          for (const line of caption.text.split('\n').filter((text) => text.trim() && !sharedLine(text, caption))) {
            const key = normalize(line);
            expect(seen.get(key) ?? index, `${name} ${channel}: “${line}” in two posts`).toBe(index);
            seen.set(key, index);
          }
        });
      }
    }
  });

  it('never opens a caption with the article’s call to action (that is the link line’s job)', () => {
    for (const { name, analysis } of everyArticle()) {
      for (const { post, caption } of captioned(analysis)) {
        const opening = caption.text.split('\n')[0]!;
        expect(isCallToAction(opening), `${name} ${post.channel} ${post.kind}: ${opening}`).toBe(false);
      }
    }
  });

  it('gives stories no caption, a link-sticker text and alt text instead', () => {
    for (const { name, analysis } of everyArticle()) {
      for (const { post, caption } of captioned(analysis).filter(({ post: candidate }) => candidate.kind === 'story')) {
        expect(caption.text, name).toBe('');
        expect(caption.sticker, name).toBe(setup.brand.cta);
        expect(post.images[0]!.card.alt.length).toBeGreaterThan(10);
      }
    }
  });

  it('opens every caption with a hook that fits before its platform’s fold', () => {
    for (const { name, analysis } of everyArticle()) {
      for (const { post, caption } of captioned(analysis)) {
        const platform = platformOf(post.channel)!;
        if (post.kind === 'story' || !platform.caption.fold) continue;
        const opening = caption.text.split('\n')[0]!;
        expect(opening, `${name} ${post.channel} ${post.kind}`).toBe(caption.hook);
        expect(
          countLength(opening, platform.caption.counting),
          `${name} ${post.channel}: ${opening}`,
        ).toBeLessThanOrEqual(platform.caption.fold);
      }
    }
  });

  it('gives each thread section post its section’s best sentence, the quote scorer’s choice', () => {
    for (const { name, analysis } of everyArticle()) {
      const tops = topSections(analysis.article);
      for (const { caption } of captioned(analysis).filter(({ post }) => post.kind === 'thread')) {
        tops.slice(0, 8).forEach((top, index) => {
          const end = tops[index + 1]?.section.position.line ?? Number.POSITIVE_INFINITY;
          const best = analysis.article.quotes.find(
            (quote) => quote.position.line >= top.section.position.line && quote.position.line < end,
          );
          const text = caption.thread![index + 1]!;
          expect(text, `${name}: ${top.section.heading}`).toContain(top.section.heading);
          if (best && !caption.warnings.some((warning) => warning.includes(top.section.heading)))
            expect(text, `${name}: ${top.section.heading}`).toContain(best.text);
        });
      }
    }
  });

  it('says where every caption line came from, down to the article’s line', () => {
    for (const { name, analysis } of everyArticle()) {
      const lines = String(analysis.source.file.value).split('\n');
      for (const { caption } of captioned(analysis)) {
        const said = caption.text.split('\n').filter((line) => line.trim() && !/^\d+\/\d+$/.test(line.trim()));
        expect(
          caption.origins!.map((origin) => origin.text),
          name,
        ).toEqual(said.length ? said : [caption.sticker]);
        for (const origin of caption.origins!) {
          expect(origin.from.length, `${name}: ${origin.text}`).toBeGreaterThan(0);
          for (const from of origin.from.filter((where) => where.startsWith(`${analysis.source.file.path}:`))) {
            const line = lines[Number(from.split(':').at(-1)) - 1]!;
            const words = line.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
            expect(
              words.some((word) => origin.text.toLowerCase().includes(word.toLowerCase())),
              `${name}: “${origin.text}” said to come from “${line}”`,
            ).toBe(true);
          }
        }
      }
    }
  });
});

describe('links and hashtags', () => {
  it('tags links per channel and points Instagram and TikTok to the link in bio', () => {
    for (const { post, caption } of captioned(analyze('seed'))) {
      if (post.kind === 'story') continue;
      if (post.channel === 'linkedin')
        expect(caption.text).toContain('utm_source=linkedin&utm_medium=social&utm_campaign=seed');
      if (post.channel === 'instagram' || post.channel === 'tiktok') {
        expect(caption.text).not.toContain('https://');
        expect(caption.text).toContain(setup.brand.linkInBio);
      }
    }
  });

  it('caps hashtags per platform: Instagram 5, Threads one topic tag, LinkedIn 3–5', () => {
    const posts = captioned(analyze('long-intro'));
    const of = (channel: string) => posts.find(({ post }) => post.channel === channel)!.caption;
    expect(of('instagram').hashtags).toHaveLength(5);
    expect(of('threads').hashtags).toEqual(['ChronicPain']);
    expect(of('linkedin').hashtags.length).toBeGreaterThanOrEqual(3);
    expect(of('instagram').hashtags).toEqual([
      'ChronicPain',
      'CentralSensitization',
      'IntegrativeMedicine',
      'Neuroplasticity',
      'Sleep',
    ]);
  });
});

describe('fitting', () => {
  const thread = (channel: string, analysis: ReturnType<typeof analyze>) =>
    captioned(analysis).find(({ post }) => post.channel === channel)!.caption;

  it('drops optional parts before shortening, and never the link, the disclaimer or the article’s own hashtags', () => {
    const analysis = analyze('long-intro');
    const pin = thread('pinterest', analysis);
    expect(pin.warnings).toEqual([
      "To fit Pinterest's 500 limit: dropped a point",
      "To fit Pinterest's 500 limit: dropped a summary sentence",
    ]);
    expect(pin.text).toContain(setup.brand.disclaimer);
    const x = thread('x', analysis);
    expect(x.thread!.find((text) => text.includes('utm_source=x'))).toContain('#ChronicPain');
    expect(x.thread!.join('\n')).toContain('https://example.org/blog/chronic-pain-and-the-brain');
  });

  it('shortens only at word boundaries', () => {
    const analysis = analyze('long-intro');
    const article = analysis.article;
    const words = new Set(
      [
        article.intro.join(' '),
        article.title,
        article.subtitle ?? '',
        ...article.sections.flatMap((section) => [section.heading, ...section.paragraphs]),
      ]
        .join(' ')
        .split(/\s+/),
    );
    for (const { caption } of captioned(analysis)) {
      for (const text of postsOf(caption)) {
        for (const cut of text.matchAll(/(\S+)…/g)) expect(words, `“${cut[0]}”`).toContain(cut[1]);
      }
    }
  });

  it('warns when no opening line the article offers fits before the platform’s “…more”', () => {
    const source = articleFile(
      'wordy',
      '---\ntitle: Pain\ndate: 2024-08-01\n---\n\n' +
        'Chronic pain changes how the brain and the spinal cord process every signal from the body, and that change lasts for months or years after the injury has healed completely.\n',
    );
    const { messages } = analyzeSource(source);
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: 'hook-past-fold', severity: 'warning' }));
  });

  it('holds back only the channel whose caption cannot fit, with a positioned error', () => {
    const wordy = { ...setup, brand: { ...setup.brand, disclaimer: 'Disclaimer' + ' word'.repeat(60) } };
    const { posts, messages } = analyze('seed', wordy);
    expect(messages).toContainEqual(
      expect.objectContaining({ ruleId: 'caption-too-long', severity: 'error', file: 'articles/seed.md' }),
    );
    expect(posts.some((post) => post.channel === 'x')).toBe(false);
    expect(posts.some((post) => post.channel === 'instagram')).toBe(true);
  });
});
