import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/analyze.ts';
import { countLength } from '../../src/caption/count.ts';
import { platformOf } from '../../src/channels/platforms.ts';
import { expected, fixtureCases, readFixture } from '../helpers/fixtures.ts';
import { articleFile, repoSetup } from '../helpers/setup.ts';

async function captionsOf(name: string) {
  const analysis = analyzeArticle(articleFile(name, readFixture('captions', name, 'input.md')), await repoSetup(), { drafts: false });
  if (analysis.status !== 'ok') throw new Error(`${name} did not analyse`);
  return analysis.captions;
}

/** tests/fixtures/captions/<case>/input.md → expected/<channel>.txt, exactly as pasted. */
describe('captions per channel', () => {
  for (const name of fixtureCases('captions')) {
    it(`${name}: every channel's caption matches its stored text`, async () => {
      for (const [channel, caption] of await captionsOf(name)) {
        const text = caption.thread ? caption.thread.join('\n\n---\n\n') : caption.text;
        expect(text, channel).toBe(expected('captions', name, `expected/${channel}.txt`, `${text}\n`).trimEnd());
      }
    });

    it(`${name}: every caption is within its platform's limit, with the disclaimer`, async () => {
      const { brand } = await repoSetup();
      for (const [channel, caption] of await captionsOf(name)) {
        const platform = platformOf(channel)!;
        for (const post of caption.thread ?? [caption.text]) {
          expect(countLength(post, platform.caption.counting), channel).toBeLessThanOrEqual(platform.caption.limit);
        }
        expect((caption.thread ?? [caption.text]).at(-1), channel).toContain(brand.disclaimer);
      }
    });
  }

  it('tags links per channel and points Instagram to the link in bio', async () => {
    const captions = await captionsOf('seed');
    expect(captions.get('linkedin')!.text).toContain('utm_source=linkedin&utm_medium=social&utm_campaign=seed');
    expect(captions.get('instagram')!.text).not.toContain('https://');
    expect(captions.get('instagram')!.text).toContain('link in bio');
  });
});
