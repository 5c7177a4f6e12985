import satori from 'satori';
import { loadSetup, renderContextOf } from './src/config/setup.ts';
import { analyzeArticle } from './src/analyze.ts';
import { listArticles, readArticle } from './src/read/articles.ts';
import { cardKey } from './src/render/batch.ts';
import { bindTemplate } from './src/render/template.ts';
import { formatView } from './src/render/view.ts';
const dir = '/tmp/prof/articles';
const setup = await loadSetup('templates'); const context = renderContextOf(setup);
const cards = new Map();
for (const slug of await listArticles(dir)) { const a = analyzeArticle(await readArticle(dir, slug), setup, { drafts: false }); if (a.status !== 'ok') continue; for (const i of a.posts.flatMap(p => p.images)) cards.set(cardKey(i.card, context), i.card); }
const embedFont = process.env.EMBED === '1';
const els = [...cards.values()].map(spec => [spec, bindTemplate(context.templates.get(spec.template)!, { ...context.brandView, ...formatView(spec.format, spec.width, spec.height), ...spec.data })] as const);
const a = performance.now();
for (let r = 0; r < 3; r++) for (const [spec, el] of els) await satori(el as never, { width: spec.width, height: spec.height, fonts: context.fonts, embedFont });
console.log(((performance.now() - a) / els.length / 3).toFixed(1), 'ms/card');
