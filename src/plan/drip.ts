import type { Article, Post } from '../model.ts';
import { wordCount } from '../extract/text.ts';
import { type CardDraft, cardsFor } from './cards.ts';

/** The longest sentence a drip stat card carries: a key quote's length. */
const MAX_STAT_WORDS = 30;

/**
 * The drip campaign's cards for one channel: the article's quotes and stats its launch posts
 * did not show, alternating (quotes first), best first, at most `count`. Never one twice: a
 * short article gives a shorter drip rather than a repeat.
 */
export function dripDrafts(
  article: Article,
  launch: Post[],
  count: number,
): { kind: 'quote' | 'stat'; draft: CardDraft }[] {
  if (count <= 0) return [];
  const shown = new Set(
    launch
      .flatMap((post) => post.images)
      .flatMap((image) => [image.card.data.quote, image.card.data.sentence])
      .filter((text): text is string => typeof text === 'string'),
  );
  const cards = cardsFor(article);
  const fresh = (draft: CardDraft) => !shown.has(String(draft.data.quote ?? draft.data.sentence));
  const quotes = cards
    .quotes(article.quotes.length)
    .filter(fresh)
    .map((draft) => ({ kind: 'quote' as const, draft }));
  const stats = cards
    .stats(article.stats.length)
    .filter(fresh)
    .map((draft) => ({ kind: 'stat' as const, draft }));
  // A stat whose sentence is also a quote is one thing said once.
  const quoted = new Set(quotes.map(({ draft }) => String(draft.data.quote)));
  const sentences = new Set<string>();
  const distinctStats = stats.filter(({ draft }) => {
    const sentence = String(draft.data.sentence);
    // A stat lost in a long sentence makes a poor card, and the drip can do without it.
    if (wordCount(sentence) > MAX_STAT_WORDS) return false;
    if (quoted.has(sentence) || shown.has(sentence) || sentences.has(sentence)) return false;
    sentences.add(sentence);
    return true;
  });
  const drafts: { kind: 'quote' | 'stat'; draft: CardDraft }[] = [];
  for (let index = 0; drafts.length < count && (index < quotes.length || index < distinctStats.length); index++) {
    if (quotes[index]) drafts.push(quotes[index]!);
    if (distinctStats[index] && drafts.length < count) drafts.push(distinctStats[index]!);
  }
  return drafts.slice(0, count);
}
