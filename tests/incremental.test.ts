import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import type { BuildOptions } from '../src/config/options.ts';
import { scaffoldArticle } from '../src/import/scaffold.ts';
import { listFiles } from '../src/write/atomic.ts';
import { tempProject, type TempProject } from './helpers/project.ts';

type Edit = { name: string; apply: (project: TempProject) => void };

function change(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit did not apply to ${file}: ${String(from)}`);
  writeFileSync(file, next);
}

const EDITS: Edit[] = [
  {
    name: 'article text',
    apply: (p) =>
      change(
        path.join(p.articles, 'ketamine-therapy-for-migraines.md'),
        'Stress and anxiety are higher',
        'Stress and worry are higher',
      ),
  },
  {
    name: 'card template',
    apply: (p) => change(path.join(p.templates, 'cards', 'quote.html'), 'line-height: 1.25;', 'line-height: 1.3;'),
  },
  {
    name: 'brand colour',
    apply: (p) => change(path.join(p.templates, 'brand.yaml'), 'accent: "#E2A64F"', 'accent: "#E0A24A"'),
  },
  { name: 'deleted article', apply: (p) => rmSync(path.join(p.articles, 'folate-vs-folic-acid.md')) },
  {
    name: 'new article',
    apply: (p) =>
      writeFileSync(path.join(p.articles, 'sleep-and-pain.md'), scaffoldArticle('Sleep and Pain', '2024-12-01')),
  },
  { name: 'caption template', apply: (p) => change(path.join(p.templates, 'captions', 'x.md'), '🧵', '👇') },
];

/** Same seed, same order: a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let index = result.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = (await listFiles(dir)).sort();
  return new Map(files.map((file) => [file, readFileSync(path.join(dir, file))]));
}

describe('incremental builds', () => {
  it('end byte-identical to a clean build after a random sequence of edits', async () => {
    const project = tempProject();
    rmSync(path.join(project.articles, 'stellate-ganglion-block-for-ptsd.md'));
    const options = (out: string, cache: string): Partial<BuildOptions> => ({
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: out,
      cacheDir: cache,
      channels: ['instagram', 'x'],
    });
    const seed = Number(process.env.FACET_EDIT_SEED ?? Date.now() % 100_000);
    await build(options(project.out, project.cache));
    for (const edit of shuffled(EDITS, seed)) {
      edit.apply(project);
      const result = await build(options(project.out, project.cache));
      if (edit.name === 'article text') {
        // Only the edited article's cards are drawn again, and not all of them.
        expect(result.cardsDrawn, `seed ${seed}: ${edit.name}`).toBeGreaterThan(0);
        expect(result.cardsDrawn, `seed ${seed}: ${edit.name}`).toBeLessThan(8);
      }
      if (edit.name === 'card template') {
        const quotes = result.manifest.articles
          .flatMap((article) => article.posts.flatMap((post) => post.images))
          .filter((image) => image.template === 'quote');
        expect(result.cardsDrawn, `seed ${seed}: ${edit.name}`).toBe(new Set(quotes.map((image) => image.hash)).size);
      }
    }
    // Same size, new bytes: the next build must notice a file is not what it wrote, and mend it.
    change(path.join(project.out, 'ketamine-therapy-for-migraines', 'instagram', 'caption.txt'), /[a-z]/, 'Z');
    const upToDate = await build(options(project.out, project.cache));
    expect(upToDate.cardsDrawn, `seed ${seed}`).toBe(0);
    const clean = path.join(project.dir, 'clean');
    await build(options(clean, path.join(project.dir, 'clean-cache')));
    const [incremental, fresh] = [await snapshot(project.out), await snapshot(clean)];
    expect([...incremental.keys()], `seed ${seed}`).toEqual([...fresh.keys()]);
    for (const [file, data] of fresh) expect(incremental.get(file)!.equals(data), `seed ${seed}: ${file}`).toBe(true);
  }, 300_000);
});
