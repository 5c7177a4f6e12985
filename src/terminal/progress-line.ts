import type { ProgressState } from '../progress.ts';
import type { Style } from './style.ts';

/**
 * One line of progress for a terminal `columns` wide: a bar of cards, the counts, the
 * articles, the article being drawn and the time left. Parts drop off, least useful first,
 * until the line fits; the bar shrinks last. Never wider than `columns - 1`, so the terminal
 * never wraps it (a wrapped line cannot be redrawn in place).
 */
export function progressLine(state: Readonly<ProgressState>, columns: number, now: number, style: Style): string {
  const { cards, articles } = state;
  const counts = `${cards.done}/${cards.queued} cards`;
  const articleCount = `${articles.done}/${articles.total} articles`;
  const left = timeLeft(state, now);
  const optional = [articleCount, left, state.current].filter((part): part is string => Boolean(part));
  const room = Math.max(columns - 1, 0);
  for (let keep = optional.length; keep >= 0; keep--) {
    const tail = [counts, ...optional.slice(0, keep)].join(' · ');
    const barWidth = Math.min(30, room - tail.length - 5);
    if (barWidth >= 8) return `  ${bar(cards.done, cards.queued, barWidth, style)} ${tail}`;
    if (keep === 0 && tail.length + 2 <= room) return `  ${tail}`;
  }
  return counts.slice(0, room);
}

function bar(done: number, total: number, width: number, style: Style): string {
  // A count the display cannot place is drawn as empty or full, never as a negative repeat.
  const share = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 0;
  const filled = Math.round(share * width);
  return `▕${style.cyan('█'.repeat(filled))}${style.dim('░'.repeat(width - filled))}▏`;
}

/**
 * Cards left, the known ones and an estimate for the articles not started yet (at the average
 * of those started), at the rate drawn so far. Shown only once the rate means something.
 */
function timeLeft(state: Readonly<ProgressState>, now: number): string | undefined {
  const { cards, articles, drawingSince } = state;
  if (drawingSince === undefined || cards.done < 3) return undefined;
  const elapsed = (now - drawingSince) / 1000;
  if (elapsed < 1) return undefined;
  const perArticle = cards.queued / Math.max(articles.started, 1);
  const remaining = cards.queued - cards.done + (articles.total - articles.started) * perArticle;
  const seconds = Math.ceil((remaining * elapsed) / cards.done);
  if (seconds <= 0) return undefined;
  return seconds >= 60 ? `~${Math.floor(seconds / 60)} min ${seconds % 60} s left` : `~${seconds} s left`;
}
