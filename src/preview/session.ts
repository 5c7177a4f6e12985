import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { build } from '../build.ts';
import { SetupError } from '../config/errors.ts';
import type { BuildOptions } from '../config/options.ts';
import type { Manifest, Message } from '../model.ts';
import { isSlug } from '../read/slug.ts';
import { EMPTY_MANIFEST, readManifest } from '../write/output.ts';

/** What the gallery shows: the last build, and whether the setup is broken. */
export interface PreviewState {
  /** Goes up by one after every build; the page reloads its data when it changes. */
  version: number;
  building: boolean;
  manifest: Manifest;
  /** Broken setup (brand.yaml, a template): shown as an overlay until fixed. */
  setupError?: { message: string; hint: string };
  warnings: Message[];
  /** Milliseconds the last build took. */
  lastBuildMs: number;
  /** Who posts: for the frames' avatar, name and handles. */
  profile?: { name: string; role?: string; handles: Partial<Record<string, string>> };
}

export interface Session {
  state(): PreviewState;
  /** Resolves when no build is running or queued: for tests and shutdown. */
  idle(): Promise<void>;
  /** Builds one article again: after the preview wrote its sidecar or approvals.yaml (the latter is not watched). */
  rebuild(slug: string): void;
  close(): void;
}

/** Saves come in bursts (editors write, rename, touch): wait this long for the burst to end. */
const SETTLE_MS = 60;

type Pending = { all: boolean; slugs: Set<string> };

/**
 * Builds once, then watches articles/ and templates/ and rebuilds what a save changed: the
 * saved article alone, or everything when a template or brand.yaml changed (unchanged cards
 * come from the cache). Builds never overlap and never throw out of here.
 */
/** The last build's manifest to show while the first build runs; an unreadable one is shown as the error it is until that build mends it. */
async function previousManifest(outDir: string): Promise<Pick<PreviewState, 'manifest' | 'setupError'>> {
  try {
    return { manifest: await readManifest(outDir) };
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return { manifest: EMPTY_MANIFEST, setupError: { message: error.message, hint: error.hint } };
  }
}

export async function startSession(options: BuildOptions, onUpdate: (state: PreviewState) => void): Promise<Session> {
  let state: PreviewState = {
    version: 0,
    building: false,
    ...(await previousManifest(options.outDir)),
    warnings: [],
    lastBuildMs: 0,
  };
  let pending: Pending | undefined = { all: true, slugs: new Set() };
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const waiters: (() => void)[] = [];

  const publish = (next: Partial<PreviewState>) => {
    state = { ...state, ...next };
    onUpdate(state);
  };

  const runBuilds = async () => {
    while (pending) {
      const change = pending;
      pending = undefined;
      publish({ building: true });
      const started = performance.now();
      try {
        const slugs = change.all
          ? []
          : [...change.slugs].filter((slug) => existsSync(path.join(options.articlesDir, `${slug}.md`)));
        const deleted = !change.all && slugs.length < change.slugs.size;
        const result = await build({ ...options, slugs: deleted ? [] : slugs });
        const { author, handles } = result.brand;
        publish({
          manifest: result.manifest,
          warnings: result.warnings,
          setupError: undefined,
          profile: { ...author, handles },
        });
      } catch (error) {
        const setup =
          error instanceof SetupError
            ? { message: error.message, hint: error.hint }
            : {
                message: String((error as Error).stack ?? error),
                hint: 'this is a bug in facet; the preview keeps running',
              };
        publish({ setupError: setup });
      }
      publish({ building: false, version: state.version + 1, lastBuildMs: Math.round(performance.now() - started) });
    }
    running = undefined;
    for (const wake of waiters.splice(0)) wake();
  };

  const schedule = (change: { all?: boolean; slug?: string }) => {
    pending ??= { all: false, slugs: new Set() };
    if (change.all) pending.all = true;
    if (change.slug) pending.slugs.add(change.slug);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running ??= runBuilds();
    }, SETTLE_MS);
  };

  const watchers: FSWatcher[] = [
    watchFolder(options.articlesDir, (file) => {
      // The article, or its editors' overrides (`<slug>.posts.yaml`).
      const slug = path.basename(file).replace(/(\.posts\.yaml|\.md)$/, '');
      if (/\.(md|posts\.yaml)$/.test(file) && isSlug(slug)) schedule({ slug });
    }),
    watchFolder(options.templatesDir, () => schedule({ all: true })),
  ];

  running = runBuilds();
  return {
    state: () => state,
    rebuild: (slug) => schedule({ slug }),
    idle: () => (running || timer ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** Calls back with the changed file's path relative to `dir`; a watcher error never ends the preview. */
function watchFolder(dir: string, changed: (file: string) => void): FSWatcher {
  const watcher = watch(dir, { recursive: true }, (_event, file) => {
    if (file) changed(file.toString());
  });
  watcher.on('error', () => undefined);
  return watcher;
}
