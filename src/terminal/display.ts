import type { ProgressState } from '../progress.ts';
import { progressLine } from './progress-line.ts';
import type { Style } from './style.ts';

/** What a progress display writes to: a terminal's stream. */
export interface TerminalStream {
  write(text: string): unknown;
  columns?: number;
}

export interface ProgressDisplay {
  /** The build's progress listener. */
  update(state: Readonly<ProgressState>): void;
  /** A line above the bar (it is redrawn under it). */
  note(text: string): void;
  /** Removes the bar, so the summary starts on a clean line. */
  clear(): void;
}

/** Redraws at most this often: a terminal repaint per card would cost more than it shows. */
const REDRAW_MS = 80;

/**
 * A progress bar redrawn in place on one line, at most every REDRAW_MS except at milestones.
 */
export function terminalProgress(stream: TerminalStream, style: Style, now = () => performance.now()): ProgressDisplay {
  let shown = false;
  let last = Number.NEGATIVE_INFINITY;
  let latest: Readonly<ProgressState> | undefined;
  const draw = () => {
    if (!latest) return;
    stream.write(`\r\x1b[K${progressLine(latest, stream.columns ?? 80, now(), style)}`);
    shown = true;
    last = now();
  };
  let articlesDone = 0;
  return {
    update(state) {
      latest = state;
      // An article finished or every known card drawn is always shown, so the last state is too.
      const milestone = state.articles.done !== articlesDone || state.cards.done >= state.cards.queued;
      articlesDone = state.articles.done;
      if (milestone || now() - last >= REDRAW_MS) draw();
    },
    note(text) {
      if (shown) stream.write('\r\x1b[K');
      stream.write(`${text}\n`);
      if (shown) draw();
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** No bar (output piped, CI): notes are plain lines. */
export function plainProgress(stream: TerminalStream): ProgressDisplay {
  return {
    update() {},
    note(text) {
      stream.write(`${text}\n`);
    },
    clear() {},
  };
}
