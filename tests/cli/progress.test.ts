import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { BuildProgress, type ProgressState } from '../../src/progress.ts';
import { progressLine } from '../../src/terminal/progress-line.ts';
import { styleFor } from '../../src/terminal/style.ts';
import { tempProject } from '../helpers/project.ts';

const plain = styleFor({ isTTY: false });

function state(cards: { done: number; queued: number }, current?: string): ProgressState {
  return {
    articles: { total: 12, started: 3, done: 2, upToDate: 1 },
    cards,
    current,
    drawingSince: 0,
  };
}

describe('the progress line', () => {
  it('fits every terminal width without wrapping, whatever the counts', () => {
    const states = [
      state({ done: 0, queued: 0 }),
      state({ done: 17, queued: 41 }, 'stellate-ganglion-block-for-ptsd'),
      state({ done: 45, queued: 41 }, 'a-slug'),
      state({ done: -3, queued: 41 }),
    ];
    for (const columns of [1, 5, 12, 20, 40, 80, 120, 300]) {
      for (const each of states) {
        const line = progressLine(each, columns, 5_000, plain);
        expect([...line].length, `${columns}: ${line}`).toBeLessThan(Math.max(columns, 2));
      }
    }
  });

  it('drops the article name and the estimate before the counts on a narrow terminal', () => {
    const busy = state({ done: 17, queued: 41 }, 'stellate-ganglion-block-for-ptsd');
    expect(progressLine(busy, 120, 5_000, plain)).toMatch(/17\/41 cards · 2\/12 articles · ~\d+ s left · stellate/);
    expect(progressLine(busy, 40, 5_000, plain)).toMatch(/▕█+░+▏ 17\/41 cards/);
    expect(progressLine(busy, 40, 5_000, plain)).not.toContain('stellate');
  });
});

describe('progress counting', () => {
  it('counts each finished card once and ends full when an article stops early', () => {
    const seen: ProgressState[] = [];
    const progress = new BuildProgress(2, (each) => seen.push(each));
    const first = progress.drawing('first');
    first.queued(3);
    first.drawn();
    first.drawn();
    first.finished(); // one card was never drawn (a timeout)
    progress.finished('up-to-date');
    expect(progress.state.cards).toEqual({ done: 2, queued: 2 });
    expect(progress.state.articles).toMatchObject({ total: 2, started: 2, done: 2, upToDate: 1 });
    expect(seen.every((each) => each.cards.done <= each.cards.queued)).toBe(true);
  });

  it('turns off a display that throws and keeps its error for the report', () => {
    let calls = 0;
    const progress = new BuildProgress(1, () => {
      calls += 1;
      throw new RangeError('Invalid count value: -30');
    });
    const article = progress.drawing('one');
    article.queued(2);
    article.drawn();
    expect(calls).toBe(1);
    expect(progress.displayFailure).toBeInstanceOf(RangeError);
    expect(progress.state.cards.done).toBe(1);
  });

  it('never fails a build: a throwing display is reported and the build completes', async () => {
    const project = tempProject();
    const result = await build(
      {
        articlesDir: project.articles,
        templatesDir: project.templates,
        outDir: project.out,
        cacheDir: project.cache,
        slugs: ['folate-vs-folic-acid'],
        channels: ['x'],
      },
      {
        onProgress: () => {
          throw new Error('the terminal went away');
        },
      },
    );
    expect(result.built.map((entry) => entry.status)).toEqual(['ok']);
    expect(String(result.displayFailure)).toContain('the terminal went away');
    expect(path.basename(project.out)).toBe('output');
  });
});
