import path from 'node:path';
import { CHANNELS, type Channel } from '../channels/platforms.ts';
import { isSlug } from '../read/slug.ts';
import { expectedMessage, SetupError } from './errors.ts';

/** What a build or check works on. Every option, with its default. */
export interface BuildOptions {
  /** Folder of `*.md` articles. Default `articles`. */
  articlesDir: string;
  /** Folder with brand.yaml, cards/ and captions/. Default `templates`. */
  templatesDir: string;
  /** Where images, captions and manifest.json go. Default `output`. */
  outDir: string;
  /** Only these articles (slugs); the others keep their previous output. Default: all. */
  slugs: string[];
  /** Only these channels, within the brand's. Default: all the brand enables. */
  channels: Channel[] | undefined;
  /** Build articles marked `draft: true`. Default false. */
  drafts: boolean;
  /** Redraw every card even if the cache has it. Default false. */
  force: boolean;
  /** Where drawn cards are kept between builds; safe to delete. Default `.facet-cache`. */
  cacheDir: string;
  /** Drawing one article's cards may take this long before the article fails (checked between cards). Default 120 s. */
  articleBudgetMs: number;
  /** Where `facet approve` records approved posts. Default `approvals.yaml`. */
  approvalsFile: string;
  /** Write `<slug>/contact-sheet.png`. Default true; the preview draws sheets on demand instead. */
  contactSheets: boolean;
  /** Make the videos brand.yaml's `video:` asks for. Default true, false when the environment has FACET_VIDEO=off. */
  video: boolean;
  /**
   * Make the PDFs, videos and contact sheets. Default true. The preview's first pass after a
   * save turns it off, so the page shows the new cards sooner; a second pass makes them, and
   * only that one records the article as up to date.
   */
  documents: boolean;
}

export const DEFAULT_OPTIONS: BuildOptions = {
  articlesDir: 'articles',
  templatesDir: 'templates',
  outDir: 'output',
  slugs: [],
  channels: undefined,
  drafts: false,
  force: false,
  cacheDir: '.facet-cache',
  contactSheets: true,
  approvalsFile: 'approvals.yaml',
  articleBudgetMs: 120_000,
  video: true,
  documents: true,
};

const FLAGS = { articlesDir: '--articles', templatesDir: '--templates', outDir: '--out', cacheDir: '--cache' } as const;

/** Fills defaults and checks each value; a bad one is a usage error (exit 2). */
export function resolveOptions(input: Partial<BuildOptions>): BuildOptions {
  const options = { ...DEFAULT_OPTIONS, video: process.env.FACET_VIDEO !== 'off', ...input };
  for (const key of ['articlesDir', 'templatesDir', 'outDir', 'cacheDir'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw new SetupError(
        expectedMessage('a folder path', FLAGS[key], options[key]),
        `pass a folder, e.g. ${FLAGS[key]} ./${DEFAULT_OPTIONS[key]}`,
      );
    }
  }
  for (const slug of options.slugs) {
    if (!isSlug(slug))
      throw new SetupError(
        expectedMessage('an article slug (lower-case words joined by -)', 'slug', slug),
        'use the file name without .md, e.g. ketamine-therapy-for-migraines',
      );
  }
  for (const channel of options.channels ?? []) {
    if (!(CHANNELS as string[]).includes(channel))
      throw new SetupError(
        expectedMessage(`a channel from ${CHANNELS.join(', ')}`, '--channels', channel),
        'separate channels with commas, e.g. --channels instagram,x',
      );
  }
  if (
    path.resolve(options.outDir) === path.resolve(options.articlesDir) ||
    path.resolve(options.outDir) === path.resolve(options.templatesDir)
  ) {
    throw new SetupError(
      expectedMessage('an output folder apart from articles and templates', '--out', options.outDir),
      'output/ is deleted and rewritten; choose a folder of its own',
    );
  }
  return options;
}
