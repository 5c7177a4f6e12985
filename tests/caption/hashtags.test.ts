import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { normalizeHashtag, spellingsOf } from '../../src/caption/hashtags.ts';
import type { Setup } from '../../src/setup/setup.ts';
import { articleFile, articleFromRepo, repoSetup } from '../helpers/setup.ts';

let setup: Setup;
beforeAll(async () => {
  setup = await repoSetup();
});

function hashtagsOf(slug: string, source = articleFromRepo(slug)): string[] {
  const analysis = analyzeArticle(source, setup, { drafts: false });
  if (analysis.status !== 'ok') throw new Error(`${slug} did not analyse`);
  return [...new Set(analysis.posts.flatMap((post) => analysis.captions.get(post)!.hashtags))];
}

describe('hashtags keep acronyms and the team’s spelling', () => {
  it('writes the repo’s tags as the team does: #PTSD, #SGB, #MTHFR', () => {
    expect(hashtagsOf('stellate-ganglion-block-for-ptsd')).toEqual(
      expect.arrayContaining(['PTSD', 'SGB', 'MentalHealth']),
    );
    expect(hashtagsOf('folate-vs-folic-acid')).toEqual(
      expect.arrayContaining(['MTHFR', 'Folate', 'Nutrition', 'Vitamins']),
    );
    for (const slug of ['stellate-ganglion-block-for-ptsd', 'folate-vs-folic-acid', 'ketamine-therapy-for-migraines']) {
      expect(
        hashtagsOf(slug).filter((tag) => /^(?:Ptsd|Sgb|Mthfr|Nad)$/.test(tag)),
        slug,
      ).toEqual([]);
    }
  });

  it('takes spellings from templates/rules/hashtags.yaml, then the article’s own text, and CamelCase only joins words', () => {
    const source = articleFile(
      'long-covid',
      '---\ntitle: Fatigue After Infection\ndate: 2024-11-07\ntags: [long-covid, nad, iv-therapy, sleep hygiene]\nhashtags: [eHealth]\n---\n\nSome people feel tired for months. NAD+ levels are being studied.\n\n## Pacing\n\nPacing your days helps many people recover energy over several weeks.\n',
    );
    expect(hashtagsOf('long-covid', source).slice(0, 4)).toEqual(['eHealth', 'LongCOVID', 'NAD', 'IVTherapy']);
    expect(normalizeHashtag('sleep hygiene')).toBe('SleepHygiene');
    expect(normalizeHashtag('KetamineTherapy')).toBe('KetamineTherapy');
    expect(normalizeHashtag('mthfr', spellingsOf(['The MTHFR enzyme']))).toBe('MTHFR');
    expect(normalizeHashtag('mthfr')).toBe('Mthfr');
  });
});
