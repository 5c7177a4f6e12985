import { createHash } from 'node:crypto';
import type { CardSpec } from '../model.ts';
import { SetupError } from '../config/errors.ts';
import { drawCard, type RenderContext, type RenderedCard } from './card.ts';

/**
 * On two cores, one thread with a few cards in flight beat a worker pool: while sharp encodes
 * one card on libuv's threads, satori and resvg draw the next.
 */
const IN_FLIGHT = 4;

/** Called after each card is drawn, for a progress bar. */
export type Progress = (done: number, total: number) => void;

/** What decides a card's pixels: template source, bound words, size and encoding. */
export function cardKey(card: CardSpec, context: RenderContext): string {
  const template = context.templates.get(card.template);
  return createHash('sha256')
    .update(JSON.stringify([template?.source, template?.partials, card.template, card.format, card.width, card.height, card.encoding, card.data, context.brandView]))
    .digest('hex');
}

/** Draws each distinct card once, however many posts and channels share it. */
export async function drawCards(cards: CardSpec[], context: RenderContext, onProgress?: Progress): Promise<Map<string, RenderedCard>> {
  const unique = new Map<string, CardSpec>();
  for (const card of cards) unique.set(cardKey(card, context), card);
  const results = new Map<string, RenderedCard>();
  const queue = [...unique.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, card] = next;
      results.set(key, await drawOrExplain(card, context));
      onProgress?.(results.size, unique.size);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, worker));
  return results;
}

async function drawOrExplain(card: CardSpec, context: RenderContext): Promise<RenderedCard> {
  try {
    return await drawCard(card, context);
  } catch (error) {
    const file = context.templates.get(card.template)?.file ?? card.template;
    throw new SetupError(`Expected ${file} to draw a ${card.width}×${card.height} card but satori refused it: ${(error as Error).message}`,
      'check the template’s CSS against satori’s supported subset (README, "Card templates")', { cause: error });
  }
}
