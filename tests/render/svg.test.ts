import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderContextOf } from '../../src/setup/setup.ts';
import type { RenderContext } from '../../src/render/card.ts';
import { satoriOptions } from '../../src/render/layout.ts';
import { RESVG_OPTIONS } from '../../src/render/encode.ts';
import { directGradients } from '../../src/render/svg.ts';
import { bindTemplate } from '../../src/render/template.ts';
import { formatView } from '../../src/render/view.ts';
import type { CardSpec } from '../../src/model.ts';
import { repoSetup, ROOT } from '../helpers/setup.ts';

let context: RenderContext;
beforeAll(async () => {
  context = renderContextOf(await repoSetup());
});

/** Each template's words and size as its stored expectation has them: the keys the template reads. */
function fixtureCard(template: string): CardSpec {
  return JSON.parse(
    readFileSync(path.join(ROOT, 'tests', 'fixtures', 'cards', template, 'card.json'), 'utf8'),
  ) as CardSpec;
}

async function satoriSvg(
  template: string,
  data: Record<string, unknown> = fixtureCard(template).data,
): Promise<string> {
  const { format, width, height } = fixtureCard(template);
  const element = bindTemplate(context.templates.get(template)!, {
    ...context.brandView,
    ...formatView(format, width, height),
    ...data,
  });
  return satori(element as never, { ...satoriOptions(width, context.fonts), height });
}

describe('the gradient fast path', () => {
  it.each(['title', 'cta', 'stat', 'link', 'story'])(
    'paints the %s card’s gradient directly, pixel for pixel the same',
    async (template) => {
      const original = await satoriSvg(template);
      // The words are drawn: without them the card is not the same (a test of a blank card proves little).
      expect(await satoriSvg(template, {})).not.toBe(original);
      const direct = directGradients(original);
      expect(original).toContain('<pattern ');
      expect(direct).not.toContain('<pattern ');
      const draw = (svg: string) => new Resvg(svg, RESVG_OPTIONS).render().pixels;
      expect(Buffer.compare(draw(direct), draw(original))).toBe(0);
    },
  );

  it('leaves a pattern alone when it fills a shape of another size', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><pattern id="p" x="0" y="0" width="1" height="1" patternUnits="objectBoundingBox"><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient><rect x="0" y="0" width="20" height="20" fill="url(#g)"/></pattern><rect x="0" y="0" width="10" height="20" fill="url(#p)"/></svg>';
    expect(directGradients(svg)).toBe(svg);
  });
});
