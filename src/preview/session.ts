import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from '../build.ts';
import type { Brand } from '../config/brand.ts';
import { SetupError } from '../config/errors.ts';
import type { BuildOptions } from '../config/options.ts';
import type { Manifest, Message } from '../model.ts';
import { cardMemory } from '../render/cache.ts';
import { isSlug } from '../read/slug.ts';
import { EMPTY_MANIFEST, readManifest } from '../write/output.ts';
import { warmUp } from '../warm-up.ts';
import { watchFolders } from './watch.ts';

/** What the gallery shows: the last build, and whether the setup is broken. */
export interface PreviewState {
  /** Goes up by one after every build; the page reloads its data when it changes. */
  version: number;
  building: boolean;
  /** What the running build makes: a save's changed cards first, then its PDFs and videos. */
  making?: 'cards' | 'documents' | undefined;
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
  /** Resolves once the first build is done and, if it drew nothing, the renderers are warmed up for the first save. */
  ready(): Promise<void>;
  /** Builds one article again: after the preview wrote its sidecar or approvals.yaml (the latter is not watched). */
  rebuild(slug: string): void;
  /**
   * Resolves once the article's files are all made from its latest save: at once if nothing of
   * it is queued or still being made, else after the pass that makes its PDFs and videos.
   * What serves an article's documents, videos, sheet or zip waits for this, never for less.
   */
  settled(slug: string): Promise<void>;
  close(): void;
}

/**
 * Saves come in bursts (editors write, rename, touch): wait this long for the burst to end.
 * Short, as it is part of every save's wait; a burst longer than this costs one more build.
 */
const SETTLE_MS = 20;

/** Cards kept in memory between builds: a few articles' images, so a save reads none of its unchanged cards from disk. */
const CARD_MEMORY_BYTES = 64 * 1024 * 1024;

/** Articles to build: every one, or the named ones. */
type Pending = { all: boolean; slugs: Set<string> };

/** The last build's manifest to show while the first build runs; an unreadable one is shown as the error it is until that build mends it. */
async function previousManifest(outDir: string): Promise<Pick<PreviewState, 'manifest' | 'setupError'>> {
  try {
    return { manifest: await readManifest(outDir) };
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    return { manifest: EMPTY_MANIFEST, setupError: { message: error.message, hint: error.hint } };
  }
}

function merged(into: Pending | undefined, change: Pending): Pending {
  return { all: (into?.all ?? false) || change.all, slugs: new Set([...(into?.slugs ?? []), ...change.slugs]) };
}

function touches(change: Pending | undefined, slug: string): boolean {
  return change !== undefined && (change.all || change.slugs.has(slug));
}

/**
 * Builds once, then watches articles/ and templates/ and rebuilds what a save changed: the
 * saved article alone, or everything when a template or brand.yaml changed (unchanged cards
 * come from the cache). Each change is built in two passes: the first draws the changed cards
 * and commits them with the captions and the manifest, and the page is told; the second makes
 * the PDFs, videos and sheets, unless another save comes first (then it is stopped and follows
 * that save's first pass). Builds never overlap and never throw out of here.
 */
export async function startSession(options: BuildOptions, onUpdate: (state: PreviewState) => void): Promise<Session> {
  let state: PreviewState = {
    version: 0,
    building: false,
    ...(await previousManifest(options.outDir)),
    warnings: [],
    lastBuildMs: 0,
  };
  /** Saved, not built yet. */
  let pending: Pending | undefined = { all: true, slugs: new Set() };
  /** Built without their documents (the first pass): the second pass makes them. */
  let unfinished: Pending | undefined;
  let secondPass: AbortController | undefined;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  /** Cards drawn since the preview started: none, and the first save would load and run the renderers cold. */
  let cardsDrawn = 0;
  let warming: AbortController | undefined;
  const waiters: (() => void)[] = [];
  const memory = cardMemory(CARD_MEMORY_BYTES);
  const articleWaiters: { slug: string; wake: () => void }[] = [];

  const publish = (next: Partial<PreviewState>) => {
    state = { ...state, ...next };
    onUpdate(state);
  };
  const isSettled = (slug: string) => closed || (!touches(pending, slug) && !touches(unfinished, slug));
  const wakeSettled = () => {
    for (const waiter of articleWaiters.splice(0))
      if (isSettled(waiter.slug)) waiter.wake();
      else articleWaiters.push(waiter);
  };

  /** One pass over a change; false when it was stopped for a newer save. */
  const runPass = async (change: Pending, documents: boolean, signal?: AbortSignal): Promise<boolean> => {
    const started = performance.now();
    let shown = false;
    const show = (next: Partial<PreviewState>) => {
      if (shown) return;
      shown = true;
      const more = pending !== undefined || (!documents && unfinished !== undefined);
      publish({ ...next, building: more, version: state.version + 1, lastBuildMs: elapsed(started) });
    };
    try {
      const slugs = change.all
        ? []
        : [...change.slugs].filter((slug) => existsSync(path.join(options.articlesDir, `${slug}.md`)));
      const deleted = !change.all && slugs.length < change.slugs.size;
      const hooks = {
        ...(signal ? { signal } : {}),
        // The page is told as soon as the cards are in output/; the record and the rest follow.
        onCommitted: ({ manifest, brand }: { manifest: Manifest; brand: Brand }) =>
          show({
            manifest,
            warnings: [...brand.warnings, ...watchProblems],
            setupError: undefined,
            profile: { ...brand.author, handles: brand.handles },
          }),
      };
      const result = await build({ ...options, documents, slugs: deleted ? [] : slugs }, { ...hooks, memory });
      cardsDrawn += result.cardsDrawn;
      return true;
    } catch (error) {
      if (signal?.aborted) return false;
      const setup =
        error instanceof SetupError
          ? { message: error.message, hint: error.hint }
          : {
              message: String((error as Error).stack ?? error),
              hint: 'this is a bug in facet; the preview keeps running',
            };
      // Nothing more can be made of it until the next save: what waits for it is served what there is.
      unfinished = undefined;
      show({ setupError: setup });
      return true;
    }
  };

  const runBuilds = async () => {
    while (!closed && (pending || unfinished)) {
      if (pending) {
        const change = pending;
        pending = undefined;
        unfinished = merged(unfinished, change);
        publish({ building: true, making: 'cards' });
        await runPass(change, false);
      } else {
        const change = unfinished!;
        secondPass = new AbortController();
        publish({ making: 'documents' });
        const finished = await runPass(change, true, secondPass.signal);
        secondPass = undefined;
        if (finished) unfinished = undefined;
      }
      wakeSettled();
    }
    if (state.building || state.making) publish({ building: false, making: undefined });
    running = undefined;
    wakeSettled();
    for (const wake of waiters.splice(0)) wake();
  };

  const schedule = (change: { all?: boolean; slug?: string }) => {
    pending ??= { all: false, slugs: new Set() };
    if (change.all) pending.all = true;
    if (change.slug) pending.slugs.add(change.slug);
    // Documents of the last save are no use now: its first pass comes sooner.
    secondPass?.abort(new Error('superseded by a newer save'));
    warming?.abort(new Error('a save came in'));
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running ??= runBuilds();
    }, SETTLE_MS);
  };

  // A folder the preview can no longer watch is said on the page; saves elsewhere still rebuild.
  const watchProblems: Message[] = [];
  const watchFailed = (dir: string) => (error: Error) => {
    const reason = `Unexpected error watching ${dir} (${error.message}), expected saves there to rebuild`;
    watchProblems.push({ file: dir, line: 1, column: 1, ruleId: 'preview-watch', severity: 'warning', reason });
    publish({ warnings: [...state.warnings, watchProblems.at(-1)!] });
  };
  const watchers = [
    watchFolders(
      options.articlesDir,
      (file) => {
        // The article, or its editors' overrides (`<slug>.posts.yaml`).
        const slug = path.basename(file).replace(/(\.posts\.yaml|\.md)$/, '');
        if (/\.(md|posts\.yaml)$/.test(file) && isSlug(slug)) schedule({ slug });
      },
      watchFailed(options.articlesDir),
    ),
    watchFolders(options.templatesDir, () => schedule({ all: true }), watchFailed(options.templatesDir)),
  ];

  /** Started on an up-to-date output: load and run the renderers now, while the editor reads (src/warm-up.ts). */
  const warmUpIfCold = async () => {
    if (closed || cardsDrawn > 0 || state.setupError || pending) return;
    warming = new AbortController();
    try {
      await warmUp(options, warming.signal);
    } catch (error) {
      // A broken setup is on the page already, and the next build reports it again.
      if (error instanceof SetupError) return;
      const reason = `Unexpected error preparing the renderers (${(error as Error).message}), expected the first save to draw`;
      publish({
        warnings: [
          ...state.warnings,
          { file: options.templatesDir, line: 1, column: 1, ruleId: 'preview-warm-up', severity: 'warning', reason },
        ],
      });
    } finally {
      warming = undefined;
    }
  };

  running = runBuilds();
  const ready = running.then(warmUpIfCold);
  return {
    state: () => state,
    rebuild: (slug) => schedule({ slug }),
    idle: () => (running || timer ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    ready: () => ready,
    settled: (slug) =>
      isSettled(slug) ? Promise.resolve() : new Promise<void>((wake) => articleWaiters.push({ slug, wake })),
    close: () => {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      // Shutting down: no PDF or video is waited for, and what waits for one is served what there is.
      secondPass?.abort(new Error('the preview is closing'));
      warming?.abort(new Error('the preview is closing'));
      for (const watcher of watchers) watcher.close();
      wakeSettled();
    },
  };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
