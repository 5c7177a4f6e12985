// One cold build in a fresh process: `tsx bench/cold.ts <articles> <templates> <out> <cache>`.
// Prints {"ms", "cpuMs", "cards", "peakMiB"} as JSON, so the parent sees time, CPU (every thread)
// and memory of this build alone. It runs the compiled copy of src/ that `npm start` runs.
import '../src/render/native-memory.ts';
import { compiledEntry } from '../src/compiled.mjs';
import type * as Facet from '../src/index.ts';

const { build } = (await import(await compiledEntry('index'))) as typeof Facet;

const [articlesDir, templatesDir, outDir, cacheDir] = process.argv.slice(2) as [string, string, string, string];
const cpu = process.cpuUsage();
const started = performance.now();
const result = await build({ articlesDir, templatesDir, outDir, cacheDir });
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs, cards: result.cardsDrawn, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
