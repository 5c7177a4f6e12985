import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import type { Channel } from '../../src/channels/platforms.ts';
import { warmUp } from '../../src/warm-up.ts';
import { previewEvents } from '../helpers/events.ts';
import { previewOf } from '../helpers/preview.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const SLUG = 'ketamine-therapy-for-migraines';
const CHANNELS: Channel[] = ['instagram', 'x'];
let project: TempProject;

const optionsOf = (project: TempProject) => ({
  articlesDir: project.articles,
  templatesDir: project.templates,
  outDir: project.out,
  cacheDir: project.cache,
  channels: CHANNELS,
});

beforeAll(async () => {
  project = tempProject();
  await build(optionsOf(project));
}, 180_000);

/** Every file under a folder with its size and modification time. */
function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { size, mtimeMs } = statSync(file);
    files[path.relative(dir, file)] = `${size} ${mtimeMs}`;
  }
  return files;
}

describe('the warm-up', () => {
  it('draws a card of each template and format and lays out more, in memory, writing nothing', async () => {
    const before = { output: filesUnder(project.out), cache: filesUnder(project.cache) };
    const { cards } = await warmUp(optionsOf(project));
    // Instagram's carousel alone has a title, sections and a closing card: three looks, drawn and laid out again.
    expect(cards).toBeGreaterThanOrEqual(6);
    expect({ output: filesUnder(project.out), cache: filesUnder(project.cache) }).toEqual(before);
  }, 120_000);

  it('draws nothing once a save has come in', async () => {
    const saved = new AbortController();
    saved.abort(new Error('a save came in'));
    expect(await warmUp(optionsOf(project), saved.signal)).toEqual({ cards: 0 });
  }, 60_000);
});

describe('a preview started on an up-to-date output', () => {
  it('draws a save made while it warms up, and is ready after', async () => {
    const preview = await previewOf(project, CHANNELS);
    try {
      const { version } = preview.session.state();
      const shown = new Promise<void>((resolve) => {
        const close = previewEvents(preview.url, (event) => {
          if (event.version <= version) return;
          close();
          resolve();
        });
      });
      const file = path.join(project.articles, `${SLUG}.md`);
      const hashes = () =>
        preview.session
          .state()
          .manifest.articles.find((article) => article.slug === SLUG)!
          .posts.flatMap((post) => post.images.map((image) => image.hash));
      const before = hashes();
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          '## First Line Treatments for Migraines',
          '## First-Line Care for Migraines',
        ),
      );
      await shown;
      expect(hashes()).not.toEqual(before);
      await preview.session.ready();
    } finally {
      await preview.close();
    }
  }, 180_000);
});
