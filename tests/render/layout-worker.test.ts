import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SetupError } from '../../src/config/errors.ts';
import type { CardSpec } from '../../src/model.ts';
import { drawCards } from '../../src/render/batch.ts';
import { openCardCache } from '../../src/render/cache.ts';
import { boundCard, type RenderContext } from '../../src/render/card.ts';
import { layOutElement } from '../../src/render/layout.ts';
import { layOutInWorker } from '../../src/render/layout-worker.ts';
import { compileTemplate } from '../../src/render/template.ts';
import { renderContextOf } from '../../src/setup/setup.ts';
import { repoSetup, ROOT, seedCards, TITLE_CARD } from '../helpers/setup.ts';

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

let context: RenderContext;
let cards: CardSpec[];

beforeAll(async () => {
  const setup = await repoSetup();
  context = renderContextOf(setup);
  // One card per template and format, and a quote with emoji (drawn from the emoji set in the thread).
  const byShape = seedCards(setup, (card) => `${card.template} ${card.format} ${card.width}x${card.height}`);
  const quote = byShape.find((card) => card.template === 'quote')!;
  cards = [...byShape, { ...quote, data: { ...quote.data, quote: 'Sleep 😴 heals 🧠 — naïve café 🇫🇷' } }];
});

describe('the layout thread', () => {
  it('lays out each card as satori does in-process: the same SVG, element, sizes and overflow', async () => {
    expect(cards.length).toBeGreaterThan(10);
    for (const card of cards) {
      const element = boundCard(card, context);
      const inProcess = await layOutElement(element, card.width, card.height, context.fonts);
      const inWorker = await layOutInWorker(element, card.width, card.height, context.fonts);
      expect(inWorker.svg).toBe(inProcess.svg);
      expect(inWorker).toEqual(inProcess);
    }
  });

  it('turns a template satori refuses into the SetupError naming the template file', async () => {
    const file = path.join(ROOT, 'templates', 'cards', 'wobbly.html');
    const source = '<div style="display: flex; transform: wobble(3deg)">{{title}}</div>';
    const refused = compileTemplate('wobbly', file, source);
    const broken = { ...context, templates: new Map([...context.templates, ['wobbly', refused]]) };
    const card: CardSpec = { ...TITLE_CARD, template: 'wobbly' };
    const satoriSays = await layOutElement(boundCard(card, broken), card.width, card.height, context.fonts).then(
      () => 'nothing',
      (error: Error) => error.message,
    );
    expect(satoriSays).toMatch(/Invalid transform function/);
    const cache = openCardCache(mkdtempSync(path.join(tmpdir(), 'facet-layout-')));
    const drawn = drawCards([TITLE_CARD, card], broken, cache);
    await expect(drawn).rejects.toBeInstanceOf(SetupError);
    await expect(drawn).rejects.toThrow(
      `Expected ${file} to draw a 1080×1350 card but satori refused it: ${satoriSays}`,
    );
  });

  it('keeps no process alive, and closing it ends its threads', () => {
    // A fresh process: its threads counted before the first card, with the thread running, and after closing it.
    const program = `
      import { readdirSync } from 'node:fs';
      const { repoSetup, TITLE_CARD } = await import('./tests/helpers/setup.ts');
      const { renderContextOf } = await import('./src/setup/setup.ts');
      const { boundCard } = await import('./src/render/card.ts');
      const { layOutInWorker, closeLayoutWorker } = await import('./src/render/layout-worker.ts');
      const threads = () => readdirSync('/proc/self/task').length;
      const context = renderContextOf(await repoSetup());
      const lay = () => layOutInWorker(boundCard(TITLE_CARD, context), 1080, 1350, context.fonts);
      const before = threads();
      await lay();
      const running = threads();
      await closeLayoutWorker();
      for (let wait = 0; wait < 50 && threads() > before; wait++) await new Promise((done) => setTimeout(done, 20));
      const closed = threads();
      await lay();
      console.log(JSON.stringify({ before, running, closed }));
      // No close here: the process must end by itself with the thread still started.
    `;
    const child = spawnSync(process.execPath, ['--import', TSX, '--input-type=module', '-e', program], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(child.stderr).toBe('');
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
    const { before, running, closed } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      before: number;
      running: number;
      closed: number;
    };
    expect(running).toBeGreaterThan(before);
    expect(closed).toBe(before);
  });
});
