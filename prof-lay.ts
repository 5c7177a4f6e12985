import { loadSetup, renderContextOf } from './src/config/setup.ts';
import { analyzeArticle } from './src/analyze.ts';
import { listArticles, readArticle } from './src/read/articles.ts';
import { cardKey } from './src/render/batch.ts';
import { layOutCard } from './src/render/card.ts';
const dir = '/tmp/prof/articles';
const setup = await loadSetup('templates'); const context = renderContextOf(setup);
const cards = new Map();
for (const slug of await listArticles(dir)) { const a = analyzeArticle(await readArticle(dir, slug), setup, { drafts: false }); if (a.status !== 'ok') continue; for (const i of a.posts.flatMap(p => p.images)) cards.set(cardKey(i.card, context), i.card); }
const a = performance.now();
for (const spec of cards.values()) await layOutCard(spec, context);
console.log('layOutCard', ((performance.now() - a) / cards.size).toFixed(1), 'ms/card', cards.size);
const g = globalThis as any; console.log("renders", g.RENDERS, "layouts", g.LAYOUTS, "probes", g.PROBES);
console.log("render ms", g.RT.toFixed(0), "probe ms", g.PT.toFixed(0));
