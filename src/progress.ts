import type { CardProgress } from './render/batch.ts';

/** Where a build is, for a progress display. Counts only grow. */
export interface ProgressState {
  articles: {
    /** Articles this build looks at. */
    total: number;
    /** Started: looked at, drawing or finished. */
    started: number;
    /** Finished: made, found up to date, skipped as drafts or failed. */
    done: number;
    /** Of those, found up to date (nothing drawn). */
    upToDate: number;
  };
  cards: {
    /** Cards drawn so far; each finished card counts once. */
    done: number;
    /** Cards to draw that the build knows of: those of the articles started so far. */
    queued: number;
  };
  /** The article being drawn, if any. */
  current: string | undefined;
  /** When the first card was queued (ms, performance.now()), for a rate. */
  drawingSince: number | undefined;
}

/** One article's card events, and its end. */
export interface ArticleProgress extends CardProgress {
  finished(how?: 'made' | 'skipped'): void;
}

export type ProgressListener = (state: Readonly<ProgressState>) => void;

/**
 * Counts a build's progress from the events of the stages, so the counts are right by
 * construction: a card is counted when it is finished, an article when it is finished. The
 * listener is a display: if it throws, it is not called again and the error is kept for the
 * caller to report, and the build goes on.
 */
export class BuildProgress {
  readonly #listener: ProgressListener | undefined;
  #state: ProgressState;
  #failure: unknown;

  constructor(articleTotal: number, listener?: ProgressListener) {
    this.#listener = listener;
    this.#state = {
      articles: { total: articleTotal, started: 0, done: 0, upToDate: 0 },
      cards: { done: 0, queued: 0 },
      current: undefined,
      drawingSince: undefined,
    };
  }

  /** The listener's error, if it threw: reported by the caller, never thrown into the build. */
  get displayFailure(): unknown {
    return this.#failure;
  }

  get state(): Readonly<ProgressState> {
    return this.#state;
  }

  /**
   * An article starts drawing: its card events count towards the whole build. When it is
   * finished, cards it queued but did not draw (a timeout) leave the total, so the bar ends full.
   */
  drawing(slug: string): ArticleProgress {
    const { articles } = this.#state;
    this.#update({ current: slug, articles: { ...articles, started: articles.started + 1 } });
    let queued = 0;
    let drawn = 0;
    return {
      queued: (count) => {
        if (queued > 0 || count === 0) return;
        queued = count;
        const { cards, drawingSince } = this.#state;
        this.#update({
          cards: { ...cards, queued: cards.queued + count },
          drawingSince: drawingSince ?? performance.now(),
        });
      },
      drawn: () => {
        drawn += 1;
        const { cards } = this.#state;
        this.#update({ cards: { ...cards, done: cards.done + 1 } });
      },
      finished: (how = 'made') => {
        const { cards, current } = this.#state;
        this.#update({
          cards: { ...cards, queued: cards.queued - Math.max(queued - drawn, 0) },
          current: current === slug ? undefined : current,
        });
        this.#finish(how);
      },
    };
  }

  /** An article is finished without drawing: up to date, or a draft left out. */
  finished(how: 'up-to-date' | 'skipped'): void {
    const { articles } = this.#state;
    this.#update({ articles: { ...articles, started: articles.started + 1 } });
    this.#finish(how);
  }

  #finish(how: 'made' | 'up-to-date' | 'skipped'): void {
    const { articles } = this.#state;
    const upToDate = articles.upToDate + (how === 'up-to-date' ? 1 : 0);
    this.#update({ articles: { ...articles, done: articles.done + 1, upToDate } });
  }

  #update(change: Partial<ProgressState>): void {
    this.#state = { ...this.#state, ...change };
    if (!this.#listener || this.#failure !== undefined) return;
    try {
      this.#listener(this.#state);
    } catch (error) {
      this.#failure = error ?? new Error('the progress display failed');
    }
  }
}
