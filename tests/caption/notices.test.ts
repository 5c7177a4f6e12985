import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { noticesFor } from '../../src/caption/notices.ts';
import type { Setup } from '../../src/setup/setup.ts';
import type { ArticleFile } from '../../src/read/articles.ts';
import { fixtureCases, readFixture } from '../helpers/fixtures.ts';
import { articleFile, articleFromRepo, repoSetup } from '../helpers/setup.ts';

let setup: Setup;
beforeAll(async () => {
  setup = await repoSetup();
});

function analyzed(source: ArticleFile) {
  const analysis = analyzeArticle(source, setup, { drafts: false });
  if (analysis.status !== 'ok') throw new Error(`${source.slug} did not analyse`);
  return analysis;
}

/** Every caption an article's posts carry (a story's sticker aside). */
function captionsOf(source: ArticleFile): string[] {
  const analysis = analyzed(source);
  return analysis.posts.filter((post) => post.kind !== 'story').map((post) => analysis.captions.get(post)!.text);
}

describe('notices by topic (templates/rules/notices.yaml)', () => {
  it('puts the crisis line on the PTSD article’s every caption, and not on the migraine article that mentions depression in passing', () => {
    const ptsd = captionsOf(articleFromRepo('stellate-ganglion-block-for-ptsd'));
    expect(ptsd.length).toBeGreaterThan(3);
    for (const caption of ptsd) expect(caption).toContain(setup.brand.supportLine);
    for (const slug of ['ketamine-therapy-for-migraines', 'folate-vs-folic-acid']) {
      for (const caption of captionsOf(articleFromRepo(slug)))
        expect(caption, slug).not.toContain(setup.brand.supportLine);
    }
  });

  it('puts the off-label notice only on articles naming an off-label treatment; the rest get the educational notice alone', () => {
    expect(setup.notices.offLabel.text).toMatch(/off-label/);
    for (const slug of ['ketamine-therapy-for-migraines', 'stellate-ganglion-block-for-ptsd']) {
      for (const caption of captionsOf(articleFromRepo(slug)))
        expect(caption, slug).toContain(`${setup.brand.disclaimer} ${setup.notices.offLabel.text}`);
    }
    for (const caption of captionsOf(articleFromRepo('folate-vs-folic-acid'))) {
      expect(caption).toContain(setup.brand.disclaimer);
      expect(caption).not.toContain(setup.notices.offLabel.text);
      expect(caption).not.toMatch(/off-label/i);
    }
  });

  for (const name of fixtureCases('notices')) {
    it(`decides ${name} by its subject: title, tags, headings or sustained discussion`, () => {
      const source = articleFile(name, readFixture('notices', name, 'input.md'));
      const want = JSON.parse(readFixture('notices', name, 'expected.json')) as { offLabel: boolean; crisis: boolean };
      const analysis = analyzed(source);
      const notices = noticesFor(analysis.article, setup.notices);
      expect({ offLabel: notices.offLabel !== '', crisis: notices.crisis }).toEqual(want);
      for (const caption of captionsOf(source)) {
        expect(caption.includes(setup.brand.supportLine), name).toBe(want.crisis);
        expect(caption.includes(setup.notices.offLabel.text), name).toBe(want.offLabel);
      }
    });
  }

  it('says where each notice came from in the manifest’s line origins', () => {
    const analysis = analyzed(articleFromRepo('stellate-ganglion-block-for-ptsd'));
    const caption = analysis.captions.get(analysis.posts[0]!)!;
    const support = caption.origins!.find((origin) => origin.text === setup.brand.supportLine)!;
    expect(support.from).toEqual(
      expect.arrayContaining([
        'templates/brand.yaml: support_line',
        expect.stringMatching(/^templates\/rules\/notices\.yaml:\d+$/),
      ]),
    );
  });
});
