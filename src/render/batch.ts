import { createHash } from 'node:crypto';
import type { CardSpec } from '../model.ts';
import { SetupError } from '../config/errors.ts';
import { type CardCache, storeFile } from './cache.ts';
import { thumbnailKey } from './thumbnail.ts';
import { boundCard, drawCard, type LaidOutCard, layOutCard, type RenderContext, type RenderedCard } from './card.ts';

/**
 * A few cards in flight: the layout thread always has the next card queued while resvg draws and
 * sharp encodes the last ones on libuv's threads (on two cores, more drawing threads were no faster).
 */
const IN_FLIGHT = Number(process.env.FACET_IN_FLIGHT ?? 4);

/** Told how many cards an article has to draw, then once per card finished. */
export interface CardProgress {
  queued(count: number): void;
  drawn(): void;
}

/** How a drawing run may be stopped: past a deadline (the article fails) or by a signal (the build stops). */
export interface DrawLimits {
  /** Make each PNG card's contact-sheet thumbnail from its pixels. Default true; a sheet makes missing ones from the files. */
  thumbnails?: boolean;
  /** Epoch ms after which no new card is started. Default: none. */
  deadline?: number;
  /** Aborted: no new card is started, cards in flight finish, then drawCards throws the reason. */
  signal?: AbortSignal;
  /** Layouts started ahead of the drawing (layOutAhead), taken by the cards they belong to. Default: none. */
  ahead?: LayoutsAhead;
}

/** Layouts under way on the layout thread, by card key. */
export type LayoutsAhead = ReadonlyMap<string, Promise<LaidOutCard>>;

/**
 * Starts laying out every card the cache lacks, on the layout thread, while the main thread
 * goes on with the stages before drawing (captions and review): most of a save's wait in the
 * preview otherwise. drawCards takes each layout up; a card not drawn in the end (its channel
 * held back) cost the layout thread one layout, and its error, if any, concerns no card made.
 */
export function layOutAhead(cards: CardSpec[], context: RenderContext, cache: CardCache): LayoutsAhead {
  const ahead = new Map<string, Promise<LaidOutCard>>();
  for (const card of cards) {
    const key = cardKey(card, context);
    if (ahead.has(key) || cache.has(key)) continue;
    const laidOut = layOutCard(card, context);
    // Awaited by drawCard when the card is drawn, which reports a failure; unhandled only if it is not.
    laidOut.catch(() => undefined);
    ahead.set(key, laidOut);
  }
  return ahead;
}

/**
 * What decides a card's pixels: the template bound to the card's words and format (the tree
 * satori lays out), size and encoding, and the context's fingerprint (fonts, tool and
 * renderer versions). Cards of different channels or formats that bind to the same tree at
 * the same size are one drawing.
 */
export function cardKey(card: CardSpec, context: RenderContext): string {
  let keys = keysByContext.get(context);
  if (!keys) keysByContext.set(context, (keys = new WeakMap()));
  let key = keys.get(card);
  if (key === undefined) {
    const byWords = keysByWords(context);
    const words = JSON.stringify([card.template, card.format, card.width, card.height, card.encoding, card.data]);
    key = byWords.get(words);
    if (key === undefined) {
      key = createHash('sha256')
        .update(JSON.stringify([context.fingerprint, boundCard(card, context), card.width, card.height, card.encoding]))
        .digest('hex');
      if (byWords.size >= MAX_KEYS_BY_WORDS) byWords.clear();
      byWords.set(words, key);
    }
    keys.set(card, key);
  }
  return key;
}

/** Binding costs more than hashing: a card's key is worked out once per card and setup. */
const keysByContext = new WeakMap<RenderContext, WeakMap<CardSpec, string>>();

/**
 * The same words bind to the same tree while the setup stays: each build makes its own context
 * and its own cards, so a rebuild (the preview's, on every save) finds the keys of its
 * unchanged cards here by their words instead of binding every card again. Held per setup (its
 * templates, brand view and fingerprint, which with the words are all the binding reads).
 */
const keysBySetup = new WeakMap<object, { brandView: object; fingerprint: string; keys: Map<string, string> }>();
const MAX_KEYS_BY_WORDS = 20_000;

function keysByWords(context: RenderContext): Map<string, string> {
  const held = keysBySetup.get(context.templates);
  if (held?.brandView === context.brandView && held.fingerprint === context.fingerprint) return held.keys;
  const fresh = { brandView: context.brandView, fingerprint: context.fingerprint, keys: new Map<string, string>() };
  keysBySetup.set(context.templates, fresh);
  return fresh.keys;
}

export interface DrawnCards {
  cards: Map<string, RenderedCard>;
  /** How many were drawn now and finished; the rest came from the cache (or were stopped). */
  drawn: number;
  /** The deadline passed before every card was drawn. */
  timedOut: boolean;
}

/** Draws each distinct card once, however many posts and channels share it, unless the cache has it. */
export async function drawCards(
  cards: CardSpec[],
  context: RenderContext,
  cache: CardCache,
  progress?: CardProgress,
  { deadline = Number.POSITIVE_INFINITY, signal, thumbnails = true, ahead }: DrawLimits = {},
): Promise<DrawnCards> {
  const unique = new Map<string, CardSpec>();
  for (const card of cards) unique.set(cardKey(card, context), card);
  const results = new Map<string, RenderedCard>();
  const queue: [string, CardSpec][] = [];
  for (const [key, card] of unique) {
    const cached = await cache.get(key);
    if (!cached) {
      queue.push([key, card]);
      continue;
    }
    results.set(key, cached);
    cache.keep(thumbnailKey(cached.hash));
  }
  progress?.queued(queue.length);
  let drawnCount = 0;
  let timedOut = false;
  const worker = async () => {
    for (let next = queue.shift(); next && !signal?.aborted; next = queue.shift()) {
      if (Date.now() > deadline) {
        timedOut = true;
        return;
      }
      const [key, card] = next;
      const drawn = await drawOrExplain(card, context, thumbnails, ahead?.get(key));
      results.set(key, drawn);
      await cache.set(key, drawn);
      if (drawn.thumbnail) await storeFile(cache, thumbnailKey(drawn.hash), drawn.thumbnail);
      drawnCount += 1;
      progress?.drawn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, worker));
  signal?.throwIfAborted();
  return { cards: results, drawn: drawnCount, timedOut };
}

async function drawOrExplain(
  card: CardSpec,
  context: RenderContext,
  thumbnail: boolean,
  laidOut: Promise<LaidOutCard> | undefined,
): Promise<RenderedCard> {
  try {
    return await drawCard(card, context, thumbnail, laidOut);
  } catch (error) {
    const file = context.templates.get(card.template)?.file ?? card.template;
    throw new SetupError(
      `Expected ${file} to draw a ${card.width}×${card.height} card but satori refused it: ${(error as Error).message}`,
      'check the template’s CSS against satori’s supported subset (README, "Card templates")',
      { cause: error },
    );
  }
}
