import type { Channel } from '../../src/channels/platforms.ts';
import { type Preview, startPreview } from '../../src/preview/server.ts';
import type { TempProject } from './project.ts';

/** The preview of a temp project on a free port, after its first build. */
export async function previewOf(project: TempProject, channels: Channel[]): Promise<Preview> {
  const preview = await startPreview({
    port: 0,
    articlesDir: project.articles,
    templatesDir: project.templates,
    outDir: project.out,
    cacheDir: project.cache,
    channels,
  });
  await preview.session.idle();
  return preview;
}
