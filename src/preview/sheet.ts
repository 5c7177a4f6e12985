import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildOptions } from '../config/options.ts';
import { loadSetup, renderContextOf } from '../setup/setup.ts';
import type { ArticleEntry } from '../model.ts';
import { openCardCache } from '../render/cache.ts';
import { contactSheetOf } from '../assemble.ts';

/**
 * The contact sheet of an article as it stands in output/, drawn when an editor asks for it:
 * rebuilds on every save stay fast, and a sheet nobody opens is never drawn.
 */
export async function contactSheetFromOutput(options: BuildOptions, article: ArticleEntry): Promise<Buffer> {
  const setup = await loadSetup(options.templatesDir);
  const images = new Map<string, Buffer>();
  for (const image of article.posts.filter((post) => !post.hidden).flatMap((post) => post.images))
    images.set(image.path, await readFile(path.join(options.outDir, image.path)));
  return contactSheetOf(
    article.title,
    article.posts.filter((post) => !post.hidden),
    images,
    renderContextOf(setup),
    openCardCache(options.cacheDir),
  );
}
