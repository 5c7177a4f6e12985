import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { loadSetup, type Setup } from '../../src/setup/setup.ts';
import { withVideoSetup } from '../../src/setup/video.ts';
import type { ArticleFile } from '../../src/read/articles.ts';
import type { CardSpec } from '../../src/model.ts';
import { analyzeArticle } from '../../src/pipeline.ts';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEMPLATES = path.join(ROOT, 'templates');

let shared: Promise<Setup> | undefined;

/**
 * The repo's own brand kit, fonts and templates, loaded once per test file. Without its video
 * unless asked: builds in tests make none (vitest.config.ts sets FACET_VIDEO=off), and an
 * analysis should plan the campaign those builds make.
 */
export function repoSetup(options: { video?: boolean } = {}): Promise<Setup> {
  shared ??= loadSetup(TEMPLATES);
  return options.video ? shared : shared.then((setup) => withVideoSetup(setup, false));
}

/** An article as the read stage would give it, named as messages print it. */
export function articleFile(slug: string, value: string): ArticleFile {
  return { slug, file: new VFile({ path: `articles/${slug}.md`, value }) };
}

export function articleFromRepo(slug: string): ArticleFile {
  return articleFile(slug, readFileSync(path.join(ROOT, 'articles', `${slug}.md`), 'utf8'));
}

/** One real card with fixed words (a portrait title card), for tests that draw a card and look at what became of it. */
export const TITLE_CARD: CardSpec = {
  template: 'title',
  format: 'portrait',
  width: 1080,
  height: 1350,
  encoding: 'png',
  alt: '',
  origin: { line: 1, column: 1 },
  data: {
    title: 'Ketamine for Migraines',
    subtitle: 'What the research says',
    kicker: 'Migraine',
    handle: '@anthonykavehmd',
    where: 'link in bio',
  },
};

/** The seed article's cards, one for each distinct `look` (the last card of each wins). */
export function seedCards(setup: Setup, look: (card: CardSpec) => string): CardSpec[] {
  const analysis = analyzeArticle(articleFromRepo('ketamine-therapy-for-migraines'), setup, { drafts: false });
  if (analysis.status !== 'ok') throw new Error('seed article did not analyse');
  const byLook = new Map<string, CardSpec>();
  for (const card of analysis.posts.flatMap((post) => post.images.map((image) => image.card)))
    byLook.set(look(card), card);
  return [...byLook.values()];
}
