import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../write/atomic.ts';
import type { RenderedCard } from './card.ts';
import { contentHash } from './content-hash.ts';

/**
 * Drawn cards on disk, keyed by a hash of everything that shapes them (cardKey). An entry is
 * the image plus a small JSON of what was found while drawing it. Deleting the folder is
 * always safe: cards are drawn again.
 */
export interface CardCache {
  get(key: string): Promise<RenderedCard | undefined>;
  /** Whether an entry is there, without reading it or counting it as used: for work started ahead. */
  has(key: string): boolean;
  set(key: string, card: RenderedCard): Promise<void>;
  /** Counts an entry as used without reading it, so prune keeps it. */
  keep(key: string): void;
  /** Removes entries not read or written since the cache was opened (after a full build). */
  prune(): Promise<number>;
}

type Notes = Omit<RenderedCard, 'data' | 'thumbnail'>;

/**
 * Entries kept in memory across builds, the last ones read or written up to a byte budget: the
 * preview's rebuilds take an article's unchanged cards from here instead of reading each from
 * disk. An entry is the same bytes as on disk (its key names everything that shaped them).
 */
export interface CardMemory {
  get(key: string): RenderedCard | undefined;
  set(key: string, card: RenderedCard): void;
}

export function cardMemory(budgetBytes: number): CardMemory {
  const entries = new Map<string, RenderedCard>();
  let bytes = 0;
  return {
    get(key) {
      const card = entries.get(key);
      if (card) {
        // The most recently used goes last: the first ones are the first to go.
        entries.delete(key);
        entries.set(key, card);
      }
      return card;
    },
    set(key, card) {
      const held = entries.get(key);
      if (held) bytes -= held.data.length;
      entries.delete(key);
      entries.set(key, card);
      bytes += card.data.length;
      for (const [oldest, entry] of entries) {
        if (bytes <= budgetBytes) break;
        entries.delete(oldest);
        bytes -= entry.data.length;
      }
    },
  };
}

export function openCardCache(dir: string, memory?: CardMemory): CardCache {
  const cards = path.join(dir, 'cards');
  const used = new Set<string>();
  const file = (key: string, extension: string) => path.join(cards, `${key}.${extension}`);
  return {
    async get(key) {
      const kept = memory?.get(key);
      if (kept) {
        used.add(key);
        return kept;
      }
      try {
        const [data, notes] = await Promise.all([readFile(file(key, 'img')), readFile(file(key, 'json'), 'utf8')]);
        used.add(key);
        const card = { data, ...(JSON.parse(notes) as Notes) };
        memory?.set(key, card);
        return card;
      } catch {
        return undefined;
      }
    },
    has(key) {
      return memory?.get(key) !== undefined || existsSync(file(key, 'json'));
    },
    async set(key, card) {
      used.add(key);
      const { data, thumbnail: _thumbnail, ...notes } = card;
      await mkdir(cards, { recursive: true });
      // The image first: an entry counts only once its JSON exists.
      await writeAtomic(file(key, 'img'), data);
      await writeAtomic(file(key, 'json'), JSON.stringify(notes));
      memory?.set(key, { data, ...notes });
    },
    keep(key) {
      used.add(key);
    },
    async prune() {
      let removed = 0;
      for (const name of await readdir(cards).catch(() => [] as string[])) {
        if (!used.has(name.replace(/\.(img|json)$/, ''))) {
          await rm(path.join(cards, name), { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}

/** `--force`: draw everything again, and keep what was drawn for next time. */
export function writeOnly(cache: CardCache): CardCache {
  return { ...cache, get: async () => undefined, has: () => false };
}

/** The same cache, noting every key an article reads or writes. */
export function recordingCache(cache: CardCache, keys: Set<string>): CardCache {
  return {
    get: (key) => (keys.add(key), cache.get(key)),
    has: (key) => cache.has(key),
    set: (key, card) => (keys.add(key), cache.set(key, card)),
    keep: (key) => (keys.add(key), cache.keep(key)),
    prune: () => cache.prune(),
  };
}

/** A derived file (contact sheet, PDF) from the cache, or made and kept there. */
export async function cachedFile(cache: CardCache, key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const cached = await cache.get(key);
  if (cached) return cached.data;
  const data = await make();
  await storeFile(cache, key, data);
  return data;
}

/** A file that is not a card (thumbnail, sheet, PDF), kept under its own key. */
export function storeFile(cache: CardCache, key: string, data: Buffer): Promise<void> {
  return cache.set(key, { data, hash: contentHash(data), missing: [], overflow: [], fontSizes: {} });
}
