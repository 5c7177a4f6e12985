import { Resvg, renderAsync } from '@resvg/resvg-js';
import { readFileSync, readdirSync } from 'node:fs';
const opts = { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } } as const;
const empty = `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350"></svg>`;
const files = ['empty', 'quote1080x1350.svg', 'title1080x1350.svg', 'story1080x1920.svg', 'link1200x630.svg'];
let tot = 0;
for (const f of files) {
  const s = f === 'empty' ? empty : readFileSync('/tmp/prof/' + f, 'utf8');
  let a = performance.now(); for (let i = 0; i < 10; i++) new Resvg(s, opts).render(); const sync = (performance.now() - a) / 10;
  a = performance.now(); for (let i = 0; i < 10; i++) (await renderAsync(s, opts)).pixels; const asp = (performance.now() - a) / 10;
  tot += sync + asp;
  console.log(f.padEnd(24), 'sync', sync.toFixed(1), 'async+pixels', asp.toFixed(1));
}
console.log('total', tot.toFixed(1));
