import type { Channel } from '../../src/channels/platforms.ts';
import type { BuildOptions } from '../../src/config/options.ts';
import { type Preview, startPreview } from '../../src/preview/server.ts';
import type { TempProject } from './project.ts';

/** The preview of a temp project on a free port, after its first build. */
export async function previewOf(
  project: TempProject,
  channels: Channel[],
  more: Partial<BuildOptions> = {},
): Promise<Preview> {
  const preview = await startPreview({
    port: 0,
    articlesDir: project.articles,
    templatesDir: project.templates,
    outDir: project.out,
    cacheDir: project.cache,
    channels,
    ...more,
  });
  await preview.session.idle();
  return preview;
}
