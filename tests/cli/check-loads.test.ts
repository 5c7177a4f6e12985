import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/setup.ts';

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/**
 * The renderer's parts a fresh process has loaded after running `script`: the native addons of
 * sharp (libvips) and resvg from the process's shared objects, fontkit and pdf-lib from
 * require's cache (CommonJS).
 */
function renderersLoadedBy(script: string): string[] {
  const program = `
    import { createRequire } from 'node:module';
    ${script}
    const cached = Object.keys(createRequire(import.meta.url).cache);
    const shared = process.report.getReport().sharedObjects;
    const found = [
      shared.some((file) => /sharp|vips/.test(file)) && 'sharp',
      shared.some((file) => /resvg/.test(file)) && '@resvg/resvg-js',
      ...['fontkit', 'pdf-lib'].filter((name) => cached.some((file) => file.includes('/node_modules/' + name + '/'))),
    ];
    console.log(JSON.stringify(found.filter(Boolean)));
  `;
  const out = execFileSync(process.execPath, ['--import', TSX, '--input-type=module', '-e', program], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
}

describe('check', () => {
  it('analyses every article without loading the renderer (no sharp, resvg, fontkit or pdf-lib)', () => {
    const loaded = renderersLoadedBy(`
      const { check } = await import('./src/check.ts');
      const result = await check({ channels: ['x'] });
      if (result.entries.length !== 3) throw new Error('expected the three articles');
    `);
    expect(loaded).toEqual([]);
  });

  it('is a fair test: the full setup does load them', () => {
    const loaded = renderersLoadedBy(`
      const { loadSetup } = await import('./src/setup/setup.ts');
      await loadSetup('templates');
      await import('./src/render/card.ts');
    `);
    expect(loaded).toEqual(expect.arrayContaining(['sharp', '@resvg/resvg-js']));
  });
});
