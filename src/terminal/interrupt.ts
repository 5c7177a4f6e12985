import { constants } from 'node:os';
import { Interrupted } from '../interrupted.ts';
import { abandonOutputSync } from '../write/lock.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The shell's convention: a process ended by a signal exits 128 + its number (Ctrl-C: 130). */
export function exitCodeFor(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

export interface Interruption {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * Ctrl-C (or SIGTERM) asks the running command to stop cleanly: the signal aborts with an
 * Interrupted reason and `onFirst` says so. A second one exits at once, after releasing the
 * output folder's lock.
 */
export function interruptOnSignals(outDir: string, onFirst: (signal: NodeJS.Signals) => void): Interruption {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      abandonOutputSync(outDir);
      process.exit(exitCodeFor(signal));
    }
    controller.abort(new Interrupted(signal));
    onFirst(signal);
  };
  for (const name of SIGNALS) process.on(name, handler);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of SIGNALS) process.off(name, handler);
    },
  };
}
