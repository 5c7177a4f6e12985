import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadedFont } from '../config/fonts.ts';
import type { Layout } from './layout.ts';
import type { LayoutReply, LayoutRequest, SharedFont } from './layout-messages.ts';
import type { SatoriElement } from './template.ts';

/**
 * Satori's layouts run on one worker thread (src/render/layout-thread.ts), so they overlap the
 * main thread's analysis, binding and commits and resvg's drawing on libuv's threads. The thread
 * starts with the first card to lay out (an up-to-date build starts none), keeps its fonts and
 * the fitter's caches between builds, and holds the process open only while a card is in it.
 */
interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (layout: Layout) => void; reject: (error: Error) => void }>;
  /** Font sets already sent, by the setup's font list. */
  fontSets: WeakMap<LoadedFont[], number>;
  /** Closed while cards were in it: terminated when the last one comes back. */
  closing: boolean;
}

let thread: Thread | undefined;
let nextJob = 0;
let nextFontSet = 0;

/** satori's fit and render of a bound card, on the layout thread; rejects with satori's message. */
export function layOutInWorker(
  element: SatoriElement,
  width: number,
  height: number,
  fonts: LoadedFont[],
): Promise<Layout> {
  const current = (thread ??= startThread());
  current.closing = false;
  const set = fontSetOf(current, fonts);
  const job = nextJob++;
  return new Promise<Layout>((resolve, reject) => {
    const request: LayoutRequest = { kind: 'card', job, set, element, width, height };
    current.worker.postMessage(request);
    if (current.pending.size === 0) current.worker.ref();
    current.pending.set(job, { resolve, reject });
  });
}

/** Stops the layout thread now if it is idle, else once its cards come back; the next card starts another. */
export async function closeLayoutWorker(): Promise<void> {
  const current = thread;
  if (!current) return;
  if (current.pending.size > 0) {
    current.closing = true;
    return;
  }
  thread = undefined;
  await current.worker.terminate();
}

function startThread(): Thread {
  // None of the process's options: a preload or `--input-type` is the main thread's, not the layout thread's.
  const worker = new Worker(workerEntry(), { execArgv: [] });
  const started: Thread = { worker, pending: new Map(), fontSets: new WeakMap(), closing: false };
  worker.unref();
  worker.on('message', (reply: LayoutReply) => settle(started, reply));
  worker.on('messageerror', (error) => stopped(started, error));
  worker.on('error', (error) => stopped(started, error));
  worker.on('exit', (code) => stopped(started, new Error(`the layout thread stopped (exit code ${code})`)));
  return started;
}

function settle(current: Thread, reply: LayoutReply): void {
  const waiting = current.pending.get(reply.job);
  if (!waiting) return;
  current.pending.delete(reply.job);
  if ('error' in reply) waiting.reject(new Error(reply.error));
  else waiting.resolve(reply.layout);
  if (current.pending.size > 0) return;
  current.worker.unref();
  if (current.closing && thread === current) void closeLayoutWorker();
}

/** The thread died (a crash, or terminated): every card in it fails with the reason, and the next card starts a new thread. */
function stopped(current: Thread, error: Error): void {
  if (thread === current) thread = undefined;
  const waiting = [...current.pending.values()];
  current.pending.clear();
  for (const { reject } of waiting) reject(error);
}

/**
 * The setup's fonts go to the thread once, copied into memory both threads share; a setup
 * dropped (brand.yaml edited in the preview) is forgotten there too.
 */
function fontSetOf(current: Thread, fonts: LoadedFont[]): number {
  const known = current.fontSets.get(fonts);
  if (known !== undefined) return known;
  const set = nextFontSet++;
  const request: LayoutRequest = { kind: 'fonts', set, fonts: sharedFonts(fonts) };
  current.worker.postMessage(request);
  current.fontSets.set(fonts, set);
  const worker = current.worker;
  forgetFonts.register(fonts, () => {
    if (thread?.worker === worker) worker.postMessage({ kind: 'forget', set } satisfies LayoutRequest);
  });
  return set;
}

const forgetFonts = new FinalizationRegistry<() => void>((forget) => forget());

function sharedFonts(fonts: LoadedFont[]): SharedFont[] {
  const memory = new SharedArrayBuffer(fonts.reduce((total, font) => total + font.data.byteLength, 0));
  let offset = 0;
  return fonts.map(({ data, ...font }) => {
    const shared = new Uint8Array(memory, offset, data.byteLength);
    shared.set(data);
    offset += data.byteLength;
    return { ...font, data: shared };
  });
}

/**
 * The thread's module. Compiled (src/compiled.mjs builds it as an entry beside every chunk), it
 * is layout-thread.mjs next to this module's file; from the sources, a start that registers tsx.
 */
function workerEntry(): URL {
  const own = import.meta.filename;
  if (own?.endsWith('.mjs')) return new URL('layout-thread.mjs', pathToFileURL(own));
  return new URL('./layout-thread-source.mjs', import.meta.url);
}
