import { SetupError } from '../config/errors.ts';
import type { Setup } from './setup.ts';
import { encoderMessage, findEncoder } from '../video/encoder.ts';

/** The card templates a video's slides are drawn with. */
const VIDEO_TEMPLATES = ['reel-title', 'reel-section', 'reel-quote', 'reel-stat', 'reel-cta'] as const;

/**
 * A setup whose brand wants videos: the slide templates must be there (else the build stops
 * once, like any missing template), and the encoder is checked once; a missing or broken
 * ffmpeg is one warning among the setup's own, not an error, and everything else is built.
 * `enabled` false (the build's `video` option) drops the brand's `video:` for that build.
 */
export async function withVideoSetup(setup: Setup, enabled = true): Promise<Setup> {
  if (!setup.brand.video || setup.brand.video.channels.length === 0) return setup;
  // Turned off for this build (FACET_VIDEO=off): the brand as if it asked for none.
  if (!enabled) return { ...setup, brand: { ...setup.brand, video: undefined } };
  const missing = VIDEO_TEMPLATES.filter((name) => !setup.cardTemplates.has(name));
  if (missing.length > 0) {
    throw new SetupError(
      `Expected the video slide templates ${missing.map((name) => `cards/${name}.html`).join(', ')} since brand.yaml turns videos on, but they are missing`,
      'restore them from git (`git checkout -- templates/cards`), or set `video: off` in brand.yaml',
    );
  }
  const encoder = await findEncoder();
  if (encoder.ok) return setup;
  return { ...setup, brand: { ...setup.brand, warnings: [...setup.brand.warnings, encoderMessage(encoder)] } };
}
