// The honest floor (issue 20): what any satori pipeline must do for these cards, and no more —
// satori's final render of each fitted card, resvg's drawing and the encoding — with its CPU
// time spread over every core, as if nothing else ran and nothing waited.
import os from 'node:os';
import type { LoadedFont } from '../src/config/fonts.ts';
import { floor, satoriOnly, type PreparedCard } from './pipelines.ts';

interface Timed {
  ms: number;
  cpuMs: number;
}

export interface FloorRun {
  /** satori's final render of every card, on the main thread. */
  satori: Timed;
  /** resvg's drawing and the encoding of every finished SVG, as many in flight as facet. */
  drawEncode: Timed;
  /** (satori's CPU + drawing and encoding's CPU) / cores: the least wall time any satori pipeline needs. */
  ms: number;
  cpuMs: number;
}

/** Wall time and CPU time of every thread of this process (µs → ms). */
async function timedWithCpu(run: () => Promise<unknown>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

export async function measureFloor(
  cards: PreparedCard[],
  fonts: LoadedFont[],
  cores = os.cpus().length,
): Promise<FloorRun> {
  const satori = await timedWithCpu(() => satoriOnly(cards, fonts));
  const drawEncode = await timedWithCpu(() => floor(cards));
  const cpuMs = satori.cpuMs + drawEncode.cpuMs;
  return { satori, drawEncode, ms: cpuMs / cores, cpuMs };
}
