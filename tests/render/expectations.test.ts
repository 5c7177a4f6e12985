import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderContextOf } from '../../src/setup/setup.ts';
import type { CardSpec } from '../../src/model.ts';
import { drawCard, type RenderContext } from '../../src/render/card.ts';
import { fixtureCases, FIXTURES, UPDATING } from '../helpers/fixtures.ts';
import { difference } from '../helpers/pixels.ts';
import { repoSetup } from '../helpers/setup.ts';

/** Anti-aliasing may shift with a library update; a changed letter (~0.07% of a card's pixels) may not. */
const TOLERANCE = { changed: 0.0003, mean: 0.5 };

let context: RenderContext;
beforeAll(async () => {
  context = renderContextOf(await repoSetup());
});

/** tests/fixtures/cards/<case>/card.json → expected.png, compared with a tolerance. */
describe('cards against stored expectations', () => {
  for (const name of fixtureCases('cards')) {
    it(name, async () => {
      const dir = path.join(FIXTURES, 'cards', name);
      const spec = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8')) as Omit<
        CardSpec,
        'alt' | 'encoding' | 'origin'
      >;
      const card = await drawCard({ ...spec, alt: '', encoding: 'png', origin: { line: 1, column: 1 } }, context);
      expect(card.missing).toEqual([]);
      expect(card.overflow).toEqual([]);
      const expectedFile = path.join(dir, 'expected.png');
      if (UPDATING) writeFileSync(expectedFile, card.data);
      if (!existsSync(expectedFile))
        throw new Error(`No ${expectedFile}; run UPDATE_FIXTURES=1 npm test and look at it`);
      const { changed, mean } = await difference(card.data, readFileSync(expectedFile));
      expect(changed, `${name}: share of pixels changed`).toBeLessThanOrEqual(TOLERANCE.changed);
      expect(mean, `${name}: mean difference`).toBeLessThanOrEqual(TOLERANCE.mean);
    });
  }
});
