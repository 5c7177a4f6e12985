import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { TEMPLATES } from '../helpers/setup.ts';

describe('a character no bundled font has', () => {
  it('is reported on the article by code point, at the text it came from, and its card is left out', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'facet-glyph-'));
    mkdirSync(path.join(dir, 'articles'));
    writeFileSync(
      path.join(dir, 'articles', 'acupuncture.md'),
      [
        '---',
        'title: Acupuncture and Migraine',
        'date: 2024-06-01',
        'quotes: ["Acupuncture (针灸) can ease some chronic pain"]',
        '---',
        '',
        'An opening sentence that is long enough for the intro of this article.',
        '',
        '## Evidence',
        '',
        'Trials are mixed.',
        '',
      ].join('\n'),
    );
    const result = await build({
      articlesDir: path.join(dir, 'articles'),
      outDir: path.join(dir, 'output'),
      cacheDir: path.join(dir, 'cache'),
      templatesDir: TEMPLATES,
      channels: ['x'],
    });
    const [article] = result.built;
    expect(article!.status).toBe('ok');
    expect(article!.messages).toContainEqual(
      expect.objectContaining({
        ruleId: 'missing-glyph',
        severity: 'warning',
        line: 4,
        reason: expect.stringContaining('U+9488 "针", U+7078 "灸"'),
      }),
    );
    const alts = article!.posts.flatMap((post) => post.images.map((image) => image.alt));
    expect(alts.some((alt) => alt.startsWith('Article card'))).toBe(true);
    expect(alts.some((alt) => alt.includes('针灸'))).toBe(false);
  });
});
