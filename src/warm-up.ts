import { type BuildOptions, resolveOptions } from './config/options.ts';
import type { CardSpec, Post } from './model.ts';
import { listArticles, readArticle } from './read/articles.ts';
import { inputsKey } from './write/record.ts';

/** Articles analysed: enough for the analysis' code to be compiled, few enough for a large folder. */
const ARTICLES = 3;
/** Rounds of layouts after the first drawing: enough for V8 to compile satori's code (README "Speed"). */
const ROUNDS = 3;

/**
 * The preview's first save after it starts on an up-to-date output would load the setup
 * (fonts, dictionaries, templates), the pipeline and the renderers, and run their code cold:
 * about four times a warm save's wait (README "Speed"). The preview does that here while the
 * editor reads instead: the first articles are analysed, a card of each template and format is
 * drawn, and laid out again in a few rounds with other words, all in memory. Nothing is
 * written, to output/ or the cache; the setup stays loaded for the builds that follow.
 * Stopped between cards when `signal` aborts (a save came in).
 */
export async function warmUp(input: Partial<BuildOptions>, signal?: AbortSignal): Promise<{ cards: number }> {
  const options = resolveOptions(input);
  const [inputs, slugs] = await Promise.all([inputsKey(options), listArticles(options.articlesDir)]);
  const [{ loadedSetup }, { analyzeArticle }, { drawCard, layOutCard }] = await Promise.all([
    import('./setup/loaded.ts'),
    import('./pipeline.ts'),
    import('./render/card.ts'),
    // What assembling loads (pdf-lib, the contact sheet) comes in too.
    import('./assemble.ts'),
  ]);
  const { setup, render } = await loadedSetup(options.templatesDir, inputs, options.video);
  const posts: Post[] = [];
  for (const slug of slugs.slice(0, ARTICLES)) {
    if (signal?.aborted) return { cards: 0 };
    const analysis = analyzeArticle(await readArticle(options.articlesDir, slug), setup, options);
    if (analysis.status === 'ok') posts.push(...analysis.posts);
  }
  // Drawn once (resvg's and sharp's threads and memory), then laid out again with other words:
  // V8 compiles satori's code for what it has run often, and a few cards are not often.
  const looks = oneCardPerLook(posts);
  const more = Array.from({ length: ROUNDS }, (_, round) => oneCardPerLook(rotated(posts, round + 1))).flat();
  let cards = 0;
  for (const card of looks) {
    if (signal?.aborted) return { cards };
    await drawCard(card, render, false);
    cards += 1;
  }
  for (const card of more) {
    if (signal?.aborted) return { cards };
    await layOutCard(card, render);
    cards += 1;
  }
  return { cards };
}

/** A card of each template in each format: every layout the builds will run, once. */
function oneCardPerLook(posts: Post[]): CardSpec[] {
  const byLook = new Map<string, CardSpec>();
  for (const post of posts)
    for (const { card } of post.images) {
      const look = `${card.template} ${card.format}`;
      if (!byLook.has(look)) byLook.set(look, card);
    }
  return [...byLook.values()];
}

/** The posts from a different starting point, so each round finds other words for the same looks. */
function rotated(posts: Post[], by: number): Post[] {
  const start = Math.floor((posts.length * by) / (ROUNDS + 1));
  return [...posts.slice(start), ...posts.slice(0, start)];
}
