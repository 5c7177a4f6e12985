import type { RenderContext } from '../render/card.ts';
import { loadSetup, renderContextOf, type Setup } from './setup.ts';
import { withVideoSetup } from './video.ts';

/**
 * The last setup loaded, by its folder and the hash of everything it is made from (the
 * record's inputsKey). The preview builds again on every save in one process: the same font
 * Buffers let satori keep its parsed fonts and fit.ts its measurements, where a fresh load
 * cost the first card of each build ~300 ms.
 */
let loaded: { id: string; setup: Promise<Setup> } | undefined;

/** The setup for drawing (loaded once while its inputs stay the same) and its render context. */
export async function loadedSetup(
  templatesDir: string,
  inputs: string,
  video: boolean,
): Promise<{ setup: Setup; render: RenderContext }> {
  const id = `${templatesDir}\0${inputs}\0${video}`;
  if (loaded?.id !== id) {
    const setup = loadSetup(templatesDir).then((whole) => withVideoSetup(whole, video));
    loaded = { id, setup };
    // A setup that failed to load is not kept: the next build reports it again.
    setup.catch(() => {
      if (loaded?.setup === setup) loaded = undefined;
    });
  }
  const setup = await loaded.setup;
  return { setup, render: renderContextOf(setup) };
}
