import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHANNELS, type Channel } from '../channels/platforms.ts';
import { SetupError } from './errors.ts';

/** A caption template: its text and the file it came from, for messages and line origins. */
export interface CaptionTemplate {
  source: string;
  file: string;
}

/** Post kinds a caption template can be written for: templates/captions/<channel>/<kind>.md. */
const CAPTION_KINDS = ['carousel', 'quote', 'stat', 'link', 'story', 'thread', 'video'] as const;

/**
 * Caption templates by `<channel>` (templates/captions/<channel>.md, every post's fallback) and
 * `<channel>/<kind>` (templates/captions/<channel>/<kind>.md), so one kind changes alone.
 */
export async function loadCaptionTemplates(
  templatesDir: string,
  channels: readonly Channel[],
): Promise<Map<string, CaptionTemplate>> {
  const dir = path.join(templatesDir, 'captions');
  const names = await listOrFail(dir, '.md');
  const templates = new Map<string, CaptionTemplate>();
  const add = async (key: string, file: string) =>
    templates.set(key, { source: await readFile(file, 'utf8'), file: path.relative(process.cwd(), file) || file });
  for (const channel of CHANNELS) {
    if (names.includes(channel)) await add(channel, path.join(dir, `${channel}.md`));
    const kinds = await readdir(path.join(dir, channel)).catch(() => [] as string[]);
    for (const kind of CAPTION_KINDS)
      if (kinds.includes(`${kind}.md`)) await add(`${channel}/${kind}`, path.join(dir, channel, `${kind}.md`));
  }
  const missing = channels.filter((channel) => !templates.has(channel));
  if (missing.length > 0) {
    throw new SetupError(
      `Expected caption templates ${missing.map((name) => `${name}.md`).join(', ')} in ${dir} but they are missing`,
      'add one per enabled channel, or remove the channel from `channels:` in brand.yaml',
    );
  }
  return templates;
}

/** The template for one post: its kind's own, else its channel's. */
export function captionTemplateFor(
  templates: ReadonlyMap<string, CaptionTemplate>,
  channel: Channel,
  kind: string,
): CaptionTemplate | undefined {
  return templates.get(`${channel}/${kind}`) ?? templates.get(channel);
}

/** The names of a folder's files with this extension; a folder that cannot be read is a setup error. */
export async function listOrFail(dir: string, extension: string): Promise<string[]> {
  try {
    const entries = await readdir(dir);
    return entries
      .filter((name) => name.endsWith(extension))
      .map((name) => name.slice(0, -extension.length))
      .sort();
  } catch (error) {
    throw new SetupError(
      `Expected the folder ${dir} but could not read it`,
      'pass --templates DIR pointing at a folder with brand.yaml, cards/ and captions/',
      { cause: error },
    );
  }
}
