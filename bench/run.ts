// npm run bench [-- --articles 20 --repeats 3 --scale 100 --chromium-cards 40]
// Measures, in one run and on the same cards: facet's cold build, the naive satori → sharp
// pipeline, headless Chromium screenshots, the floor (satori's final render, drawing and
// encoding, spread over the cores: bench/floor.ts), a no-op rebuild, `npm start` up to date, a
// rebuild after editing one article, save → card on screen in the preview (bench/edit.ts),
// peak memory, and optionally a cold build at --scale articles.
// Those builds make no videos (FACET_VIDEO=off, as before videos existed); the video's cost per
// article is measured on its own (bench/video.ts, `--video-articles N`, 0 to skip).
process.env.FACET_VIDEO = 'off';
import '../src/render/native-memory.ts';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeArticle } from '../src/pipeline.ts';
import { build } from '../src/build.ts';
import { loadSetup, renderContextOf, type Setup } from '../src/setup/setup.ts';
import { withVideoSetup } from '../src/setup/video.ts';
import type { CardSpec } from '../src/model.ts';
import { listArticles, readArticle } from '../src/read/articles.ts';
import { cardKey } from '../src/render/batch.ts';
import { CHROMIUM } from '../tests/helpers/browser.ts';
import { writeCorpus } from './corpus.ts';
import { videoCost } from './video.ts';
import { measureFloor, type FloorRun } from './floor.ts';
import { naive, prepare, toHtml, type PreparedCard } from './pipelines.ts';
import { firstSaves, saveToScreen } from './edit.ts';
import { projectStart } from './project.ts';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const TEMPLATES = path.join(ROOT, 'templates');
/** How package.json's scripts start node: libuv's pool sized before anything runs (src/threads.cjs). */
const NODE_ARGS = ['--require', path.join(ROOT, 'src', 'threads.cjs'), '--import', 'tsx'];
/** What package.json's `start` runs: the CLI compiled from src/ (src/launch.mjs), no tsx. */
const START_ARGS = ['--require', path.join(ROOT, 'src', 'threads.cjs'), path.join(ROOT, 'src', 'launch.mjs')];
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '20' },
    repeats: { type: 'string', default: '3' },
    scale: { type: 'string' },
    'chromium-cards': { type: 'string', default: '40' },
    'video-articles': { type: 'string', default: '3' },
  },
});
const ARTICLES = Number(values.articles);
const REPEATS = Number(values.repeats);

interface Stats {
  median: number;
  min: number;
  max: number;
}
const stats = (samples: number[]): Stats => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
};
const log = (line: string) => process.stderr.write(`${line}\n`);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

interface ColdRun {
  ms: number;
  /** CPU time of every thread of the build's process. */
  cpuMs: number;
  cards: number;
  peakMiB: number;
}

/** A cold build in a fresh process, with a fresh cache and output. */
function coldBuild(articles: string, work: string): ColdRun {
  const out = path.join(work, `out-${Math.random().toString(36).slice(2)}`);
  const cache = path.join(work, `cache-${Math.random().toString(36).slice(2)}`);
  const line = execFileSync(
    process.execPath,
    [...NODE_ARGS, path.join(ROOT, 'bench', 'cold.ts'), articles, TEMPLATES, out, cache],
    { encoding: 'utf8', cwd: ROOT },
  );
  rmSync(out, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  return JSON.parse(line.trim().split('\n').at(-1)!);
}

/** The setup as the bench's builds load it: no video (FACET_VIDEO=off), so the other pipelines draw the same cards. */
async function benchSetup(): Promise<Setup> {
  return withVideoSetup(await loadSetup(TEMPLATES), false);
}

async function uniqueCards(articles: string): Promise<CardSpec[]> {
  const setup = await benchSetup();
  const context = renderContextOf(setup);
  const cards = new Map<string, CardSpec>();
  for (const slug of await listArticles(articles)) {
    const analysis = analyzeArticle(await readArticle(articles, slug), setup, { drafts: false });
    if (analysis.status !== 'ok') continue;
    for (const image of analysis.posts.flatMap((post) => post.images))
      cards.set(cardKey(image.card, context), image.card);
  }
  return [...cards.values()];
}

async function chromiumScreenshots(
  cards: PreparedCard[],
  fontsCss: string,
  fontFiles: Buffer[],
): Promise<number | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  // The same Chromium, flags and offline profile as the browser tests.
  const { launchBrowser } = await import('../tests/helpers/browser.ts');
  const browser = await launchBrowser();
  const page = await browser.newPage();
  let current = '';
  await page.route('http://bench.local/**', (route) => {
    const url = new URL(route.request().url());
    const font = /^\/fonts\/(\d+)\.woff$/.exec(url.pathname);
    if (font) return route.fulfill({ body: fontFiles[Number(font[1])]!, contentType: 'font/woff' });
    return route.fulfill({ body: current, contentType: 'text/html' });
  });
  const draw = async (card: PreparedCard) => {
    current = `<!doctype html><html><head><style>${fontsCss} html,body{margin:0} *{box-sizing:content-box}</style></head><body><div style="display:flex;width:${card.spec.width}px;height:${card.spec.height}px">${toHtml(card.element)}</div></body></html>`;
    await page.setViewportSize({ width: card.spec.width, height: card.spec.height });
    await page.goto('http://bench.local/card');
    await page.screenshot({ type: 'png' });
  };
  await draw(cards[0]!); // warm the page and its fonts
  const ms = await timed(async () => {
    for (const card of cards) await draw(card);
  });
  await browser.close();
  return ms;
}

function editOneArticle(articles: string): string {
  const [slug] = readdirSorted(articles);
  const file = path.join(articles, `${slug}.md`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^## (.*)$/m, '## $1, Revisited'));
  return slug!;
}

function readdirSorted(dir: string): string[] {
  return execFileSync('ls', [dir], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort();
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'facet-bench-'));
  const articles = path.join(work, 'articles');
  writeCorpus(articles, ARTICLES);
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine stretches wall times (not CPU times): the 1-minute load when the bench started.
    loadAtStart: Number(os.loadavg()[0]!.toFixed(2)),
  };
  log(
    `facet bench · ${ARTICLES} articles · ${REPEATS} repeats · ${machine.cores} × ${machine.cpu} · Node ${machine.node}`,
  );

  const cold = Array.from({ length: REPEATS }, (_, index) => {
    const run = coldBuild(articles, work);
    log(
      `  cold build ${index + 1}/${REPEATS}: ${(run.ms / 1000).toFixed(1)} s (CPU ${(run.cpuMs / 1000).toFixed(1)} s), ${run.cards} cards, peak ${run.peakMiB.toFixed(0)} MiB`,
    );
    return run;
  });
  const cards = cold[0]!.cards;

  const setup = await benchSetup();
  const context = renderContextOf(setup);
  const prepared = await prepare(await uniqueCards(articles), context);
  const floors: FloorRun[] = [];
  const naiveMs = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const run = await measureFloor(prepared, context.fonts, machine.cores);
    floors.push(run);
    naiveMs.push(await timed(() => naive(prepared, context.fonts)));
    log(
      `  floor ${(run.ms / 1000).toFixed(1)} s = (satori ${(run.satori.cpuMs / 1000).toFixed(1)} s + draw and encode ${(run.drawEncode.cpuMs / 1000).toFixed(1)} s of CPU) / ${machine.cores} cores · naive ${(naiveMs.at(-1)! / 1000).toFixed(1)} s`,
    );
  }
  const floorStats = stats(floors.map((run) => run.ms));
  const floorCpu = stats(floors.map((run) => run.cpuMs));
  const sample = prepared.slice(0, Number(values['chromium-cards']));
  const fontsCss = context.fonts
    .map(
      (font, index) =>
        `@font-face{font-family:'${font.name}';font-weight:${font.weight};src:url(/fonts/${index}.woff) format('woff')}`,
    )
    .join('');
  const chromiumMs: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const ms = await chromiumScreenshots(
      sample,
      fontsCss,
      context.fonts.map((font) => font.data),
    );
    if (ms === undefined) break;
    chromiumMs.push(ms);
    log(`  chromium ${sample.length} cards: ${(ms / 1000).toFixed(1)} s`);
  }

  const out = path.join(work, 'output');
  const cache = path.join(work, 'cache');
  await build({ articlesDir: articles, templatesDir: TEMPLATES, outDir: out, cacheDir: cache });
  const noop: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++)
    noop.push(
      await timed(() => build({ articlesDir: articles, templatesDir: TEMPLATES, outDir: out, cacheDir: cache })),
    );
  const edited = editOneArticle(articles);
  let redrawn = 0;
  const editMs = await timed(async () => {
    redrawn = (await build({ articlesDir: articles, templatesDir: TEMPLATES, outDir: out, cacheDir: cache }))
      .cardsDrawn;
  });
  const articleCards = (await uniqueCards(articles)).length / ARTICLES;
  const startup = timedCli(articles, out, cache);
  const project = projectStart(ROOT, START_ARGS, work);
  log(
    `  npm start on articles/: ${(project.coldMs / 1000).toFixed(1)} s cold, ${(project.upToDateMs / 1000).toFixed(2)} s up to date`,
  );
  const edits = await saveToScreen(work);
  log(`  save → card on screen: ${edits.toScreenMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const first = firstSaves(work);
  log(`  first save after an up-to-date start: ${first.map((run) => run.toScreenMs.toFixed(0)).join(', ')} ms`);

  const video =
    Number(values['video-articles']) > 0
      ? await videoCost(articles, TEMPLATES, work, Number(values['video-articles']))
      : undefined;
  if (video) log(`  video: ${(video.perArticle.ms / 1000).toFixed(1)} s an article (${video.articles} articles)`);

  let scale: ({ articles: number } & ColdRun) | undefined;
  if (values.scale) {
    const big = path.join(work, 'articles-big');
    writeCorpus(big, Number(values.scale));
    const run = coldBuild(big, work);
    scale = { articles: Number(values.scale), cards: run.cards, ms: run.ms, cpuMs: run.cpuMs, peakMiB: run.peakMiB };
    log(
      `  cold build of ${values.scale} articles: ${(run.ms / 1000).toFixed(1)} s, ${run.cards} cards, peak ${run.peakMiB.toFixed(0)} MiB`,
    );
  }

  const coldStats = stats(cold.map((run) => run.ms));
  const coldCpu = stats(cold.map((run) => run.cpuMs));
  const throughput = (ms: number, count: number) => count / (ms / 1000);
  const ours = throughput(coldStats.median, cards);
  const results = {
    machine,
    articles: ARTICLES,
    repeats: REPEATS,
    cards,
    coldBuildMs: coldStats,
    coldBuildCpuMs: coldCpu,
    coldCardsPerSecond: ours,
    naiveMs: stats(naiveMs),
    naiveCardsPerSecond: throughput(stats(naiveMs).median, prepared.length),
    // The floor: (satori's final render + resvg drawing + encoding, in CPU time) / cores.
    floorMs: floorStats,
    floorCpuMs: floorCpu,
    floorParts: {
      satoriCpuMs: stats(floors.map((run) => run.satori.cpuMs)),
      drawEncodeMs: stats(floors.map((run) => run.drawEncode.ms)),
      drawEncodeCpuMs: stats(floors.map((run) => run.drawEncode.cpuMs)),
    },
    chromium: chromiumMs.length
      ? {
          cards: sample.length,
          ms: stats(chromiumMs),
          cardsPerSecond: throughput(stats(chromiumMs).median, sample.length),
        }
      : 'skipped: no chromium at ' + CHROMIUM,
    noopRebuildMs: stats(noop),
    cliUpToDateMs: startup,
    project,
    editOneArticle: { slug: edited, ms: editMs, cardsRedrawn: redrawn, cardsPerArticle: articleCards },
    saveToScreen: {
      edits: edits.edits,
      toScreenMs: stats(edits.toScreenMs),
      toScreenCpuMs: stats(edits.toScreenCpuMs),
      toDocumentsMs: stats(edits.toDocumentsMs),
      imagesChanged: edits.imagesChanged,
    },
    firstSave: {
      starts: first.length,
      toScreenMs: stats(first.map((run) => run.toScreenMs)),
      toScreenCpuMs: stats(first.map((run) => run.toScreenCpuMs)),
      readyMs: stats(first.map((run) => run.readyMs)),
    },
    peakMiB: Math.max(...cold.map((run) => run.peakMiB)),
    video,
    scale,
    ratios: {
      vsChromiumThroughput: chromiumMs.length ? ours / throughput(stats(chromiumMs).median, sample.length) : undefined,
      vsNaiveThroughput: ours / throughput(stats(naiveMs).median, prepared.length),
      coldOverFloor: coldStats.median / floorStats.median,
      // The same in CPU time: other work on the machine stretches it far less than wall time.
      coldCpuOverFloorCpu: coldCpu.median / floorCpu.median,
      noopOverCold: stats(noop).median / coldStats.median,
      cliUpToDateOverCold: startup / coldStats.median,
      projectUpToDateOverCold: project.upToDateMs / project.coldMs,
      scaleOver20: scale ? scale.ms / coldStats.median : undefined,
    },
  };
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  print(results);
  rmSync(work, { recursive: true, force: true });
}

/** What `npm start` runs, on an up-to-date project, as a user times it: process start to exit. */
function timedCli(articles: string, out: string, cache: string): number {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [...START_ARGS, 'build', '--articles', articles, '--templates', TEMPLATES, '--out', out, '--cache', cache],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', cwd: ROOT },
  );
  const ms = performance.now() - started;
  // Exit 1 is a finished build with errors in some article (the synthetic corpus has captions
  // that cannot fit): still the command a user times. Anything else is the bench's failure.
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`npm start's command ended with ${run.status ?? run.signal}: ${run.stderr.slice(-2000)}`);
  return ms;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape is bench/results.json's, built just above
function print(results: Record<string, any>): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const row = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)}${value}\n`);
  process.stdout.write(
    `\nfacet bench — ${results.machine.cores} × ${results.machine.cpu}, Node ${results.machine.node}, load ${results.machine.loadAtStart} at start\n`,
  );
  row(
    `cold build (${results.articles} articles, ${results.cards} cards)`,
    `median ${s(results.coldBuildMs.median)} (min ${s(results.coldBuildMs.min)}, max ${s(results.coldBuildMs.max)}) · CPU ${s(results.coldBuildCpuMs.median)} · ${results.coldCardsPerSecond.toFixed(1)} cards/s`,
  );
  row(
    'naive satori → sharp .png()',
    `median ${s(results.naiveMs.median)} · ${results.naiveCardsPerSecond.toFixed(1)} cards/s`,
  );
  row(
    'Chromium screenshots',
    typeof results.chromium === 'string'
      ? results.chromium
      : `median ${s(results.chromium.ms.median)} for ${results.chromium.cards} cards · ${results.chromium.cardsPerSecond.toFixed(1)} cards/s`,
  );
  const parts = results.floorParts;
  row(
    `floor (satori + resvg + encode) / ${results.machine.cores} cores`,
    `median ${s(results.floorMs.median)} (min ${s(results.floorMs.min)}, max ${s(results.floorMs.max)}) · CPU ${s(results.floorCpuMs.median)}`,
  );
  row('  satori, final render of each card', `CPU ${s(parts.satoriCpuMs.median)}`);
  row('  resvg + encode, 4 in flight', `CPU ${s(parts.drawEncodeCpuMs.median)} (wall ${s(parts.drawEncodeMs.median)})`);
  row('no-op rebuild (in process)', `median ${s(results.noopRebuildMs.median)}`);
  row('npm start, up to date (process)', s(results.cliUpToDateMs));
  row(
    'npm start on articles/ (process), cold',
    `${s(results.project.coldMs)} · up to date ${s(results.project.upToDateMs)}`,
  );
  row(
    'rebuild after editing one article',
    `${s(results.editOneArticle.ms)} · ${results.editOneArticle.cardsRedrawn} cards redrawn (≈${results.editOneArticle.cardsPerArticle.toFixed(0)} per article)`,
  );
  row(`peak memory (cold build, ${results.articles} articles)`, `${results.peakMiB.toFixed(0)} MiB`);
  const edit = results.saveToScreen;
  row(
    `save → card on screen (preview, ${edit.edits} edits)`,
    `median ${edit.toScreenMs.median.toFixed(0)} ms (min ${edit.toScreenMs.min.toFixed(0)}, max ${edit.toScreenMs.max.toFixed(0)}), CPU ${edit.toScreenCpuMs.median.toFixed(0)} ms · ${edit.imagesChanged[0]} images changed · PDFs after ${edit.toDocumentsMs.median.toFixed(0)} ms`,
  );
  const first = results.firstSave;
  row(
    `  first save, fresh start up to date (×${first.starts})`,
    `median ${first.toScreenMs.median.toFixed(0)} ms (min ${first.toScreenMs.min.toFixed(0)}, max ${first.toScreenMs.max.toFixed(0)}), CPU ${first.toScreenCpuMs.median.toFixed(0)} ms · after the warm-up, ${s(first.readyMs.median)} from the start`,
  );
  if (results.video) {
    const v = results.video.perArticle;
    row(
      `video per article (${results.video.articles} articles)`,
      `${s(v.ms)} · CPU ${s(v.cpuMs)} + ffmpeg ${s(v.ffmpegCpuMs)} · ${v.videoSeconds.toFixed(1)} s of video, ${(v.bytes / 1e6).toFixed(1)} MB`,
    );
    row('  video again, slides unchanged (cached)', `${s(results.video.cachedMs)} an article`);
  }
  if (results.scale)
    row(
      `cold build of ${results.scale.articles} articles`,
      `${s(results.scale.ms)} · CPU ${s(results.scale.cpuMs)} · ${results.scale.cards} cards · peak ${results.scale.peakMiB.toFixed(0)} MiB (target ≤ 500 MiB at 100)`,
    );
  process.stdout.write('\nratios (one run, same cards)\n');
  if (results.ratios.vsChromiumThroughput)
    row('throughput vs Chromium (target ≥ 8×)', `${results.ratios.vsChromiumThroughput.toFixed(1)}×`);
  row('throughput vs naive (target ≥ 2.5×)', `${results.ratios.vsNaiveThroughput.toFixed(2)}×`);
  row('cold build / floor (target ≤ 1.3×)', `${results.ratios.coldOverFloor.toFixed(2)}×`);
  row(
    '  the same in CPU time',
    `${results.ratios.coldCpuOverFloorCpu.toFixed(2)}× (less stretched by a shared machine)`,
  );
  row('up to date / cold, articles/ (target ≤ 2%)', `${(results.ratios.projectUpToDateOverCold * 100).toFixed(1)}%`);
  row(
    `  the same on the ${results.articles}-article corpus`,
    `${(results.ratios.cliUpToDateOverCold * 100).toFixed(1)}%`,
  );
  row('no-op rebuild in process / cold', `${(results.ratios.noopOverCold * 100).toFixed(1)}%`);
  row('save → card on screen (target ≤ 300 ms)', `${edit.toScreenMs.median.toFixed(0)} ms`);
  if (results.ratios.scaleOver20)
    row(
      `${results.scale.articles} articles / ${results.articles} (target ≤ 5.5×)`,
      `${results.ratios.scaleOver20.toFixed(2)}×`,
    );
}

await main();
