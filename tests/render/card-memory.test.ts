import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardMemory, openCardCache } from '../../src/render/cache.ts';
import type { RenderedCard } from '../../src/render/card.ts';

const card = (bytes: number, fill: number): RenderedCard => ({
  data: Buffer.alloc(bytes, fill),
  hash: `h${fill}`,
  missing: [],
  overflow: [],
  fontSizes: {},
});

describe('cards kept in memory between the preview’s builds', () => {
  it('serves a card drawn in an earlier build without reading the cache folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'facet-memory-'));
    const memory = cardMemory(1024);
    await openCardCache(dir, memory).set('a', card(100, 1));
    rmSync(path.join(dir, 'cards'), { recursive: true });
    const next = openCardCache(dir, memory);
    expect((await next.get('a'))?.data).toEqual(card(100, 1).data);
    expect(await openCardCache(dir).get('a')).toBeUndefined();
    rmSync(dir, { recursive: true });
  });

  it('keeps the most recently used cards within its byte budget', () => {
    const memory = cardMemory(250);
    memory.set('a', card(100, 1));
    memory.set('b', card(100, 2));
    memory.get('a');
    memory.set('c', card(100, 3));
    expect(memory.get('b')).toBeUndefined();
    expect(memory.get('a')?.hash).toBe('h1');
    expect(memory.get('c')?.hash).toBe('h3');
  });
});
