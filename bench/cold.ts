// One cold build in a fresh process: `tsx bench/cold.ts <articles> <templates> <out> <cache>`.
// Prints {"ms", "cards", "peakMiB"} as JSON, so the parent sees time and memory of this build alone.
import '../src/render/native-memory.ts';
import { build } from '../src/build.ts';

const [articlesDir, templatesDir, outDir, cacheDir] = process.argv.slice(2) as [string, string, string, string];
const started = performance.now();
const result = await build({ articlesDir, templatesDir, outDir, cacheDir });
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ ms, cards: result.cardsDrawn, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
