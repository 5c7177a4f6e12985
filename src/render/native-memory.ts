import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * resvg's allocator (mimalloc) hands freed memory back to the kernel within 10 ms by default,
 * so pixmaps were faulted in afresh for every card; page faults are dear on this VM. Keeping
 * freed pages for reuse cut a cold build's kernel time by half (README "Speed"). mimalloc
 * reads the option when it is first used, so this module is imported before anything that
 * loads @resvg/resvg-js; an explicit MIMALLOC_PURGE_DELAY wins.
 */
process.env.MIMALLOC_PURGE_DELAY ??= '-1';

/**
 * resvg hands each drawing back as a small JS object owning a 6–8 MB pixmap that V8 cannot
 * see; only the copied pixels' memory prompted V8 to collect, so dead pixmaps piled up (60
 * cards: 163–169 MiB more resident, against 65–88 with this; tests/render/native-memory).
 * A young-generation collection right after the pixels are copied out frees the pixmap while
 * its owner is still young (~1 ms; napi runs the finaliser on the next turn of the loop).
 * V8's gc function is exposed to contexts made after the flag is set.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

/** Frees native memory owned by JS objects that just became garbage. */
export function releaseNativeWrappers(): void {
  collect({ type: 'minor' });
}
