import type { VFile } from 'vfile';
import type { Brand } from '../config/brand.ts';
import { normalize } from '../extract/text.ts';
import { reportIn } from '../messages/report.ts';
import type { Article, PlannedImage, Post, Position, Quote } from '../model.ts';
import { cardAlt } from '../plan/campaign.ts';
import type { Overrides, PostOverride, SlidesOverride } from './parse.ts';

/** Each post's id, `<channel>/<n>-<kind>`: n counts the channel's posts from 1 in posting order. */
export function numberPosts(posts: Post[]): Post[] {
  const counts = new Map<string, number>();
  return posts.map((post) => {
    const n = (counts.get(post.channel) ?? 0) + 1;
    counts.set(post.channel, n);
    return { ...post, id: `${post.channel}/${n}-${post.kind}` };
  });
}

/** A slide's label in the sidecar: its template and its headline. */
export function slideLabel(image: PlannedImage): string {
  const words = image.card.data.heading ?? image.card.data.title ?? '';
  return `${image.card.template}: ${String(words)}`;
}

/** Where the overrides stand: the sidecar's path, for messages. */
export interface OverridesIn {
  file: VFile;
  path: string;
  overrides: Overrides;
}

/**
 * The plan with the editors' decisions: hidden posts, swapped quotes, reordered or hidden
 * slides. An override whose replaced text is no longer what facet plans is not applied: the
 * post is marked stale and a warning points at the override. Returns the article with any
 * typed quote among its quotes, so captions speak about it.
 */
export function applyPlanOverrides(
  article: Article,
  posts: Post[],
  given: OverridesIn,
  brand: Brand,
): { article: Article; posts: Post[] } {
  const ids = new Set(posts.map((post) => post.id));
  for (const [id, override] of given.overrides) {
    if (!ids.has(id))
      warn(
        given,
        'override-unknown-post',
        `Unexpected override of ${id}, expected a post the article has`,
        override.at,
        'the campaign no longer has this post; delete the entry (it is applied to nothing)',
      );
  }
  let current = article;
  const planned = posts.map((post) => {
    const override = given.overrides.get(post.id!);
    if (!override) return post;
    const quoted = swapQuote(current, post, override, given, brand);
    current = quoted.article;
    const slid = reorderSlides(quoted.post, override.slides, given);
    return override.hidden ? { ...slid, hidden: true as const } : slid;
  });
  return { article: current, posts: planned };
}

function warn(given: OverridesIn, ruleId: string, reason: string, at: Position, hint: string): void {
  reportIn(given.file, given.path, 'warning', ruleId, reason, at, hint);
}

function stale(post: Post, what: string): Post {
  return { ...post, stale: [...(post.stale ?? []), what] };
}

function swapQuote(article: Article, post: Post, override: PostOverride, given: OverridesIn, brand: Brand) {
  const wanted = override.quote;
  const image = post.images[0];
  if (!wanted || post.kind !== 'quote' || !image) return { article, post };
  const planned = String(image.card.data.quote ?? '');
  const found = quoteInArticle(article, wanted.text);
  if (planned !== wanted.replaces || !found) {
    warn(
      given,
      'override-stale',
      found
        ? `Unexpected quote on ${post.id}: the override replaced “${wanted.replaces}”, but the article now gives “${planned}”`
        : `Unexpected quote on ${post.id}: “${wanted.text}” is not in the article (any more)`,
      wanted.at,
      'choose the quote again in the preview (or edit `quote:` here); until then the post shows facet’s own choice',
    );
    return { article, post: stale(post, 'quote') };
  }
  const card = { ...image.card, data: { ...image.card.data, quote: found.text }, origin: found.position };
  const swapped = { ...image, card: { ...card, alt: cardAlt(card, post.channel, brand) } };
  const quotes = article.quotes.some((quote) => quote.text === found.text)
    ? article.quotes
    : [...article.quotes, found];
  return {
    article: { ...article, quotes },
    post: { ...edited(post, 'quote'), images: [swapped, ...post.images.slice(1)] },
  };
}

/** A quote the article holds: one of its ranked quotes, else a sentence of its body, at its place. */
function quoteInArticle(article: Article, text: string): Quote | undefined {
  const wanted = normalize(text);
  if (wanted.split(' ').length < 3) return undefined;
  const ranked = article.quotes.find((quote) => normalize(quote.text) === wanted);
  if (ranked) return ranked;
  const places = [
    ...article.sections.flatMap((section) =>
      [...section.paragraphs, ...section.points].map((words) => ({ words, at: section.position })),
    ),
    ...article.intro.map((words) => ({ words, at: article.titleAt })),
  ];
  const place = places.find(({ words }) => ` ${normalize(words)} `.includes(` ${wanted} `));
  return place ? { text: text.trim(), origin: 'sentence', score: 0, position: place.at } : undefined;
}

function reorderSlides(post: Post, slides: SlidesOverride | undefined, given: OverridesIn): Post {
  if (!slides || post.kind !== 'carousel') return post;
  const labels = post.images.map(slideLabel);
  const valid = slides.order.length > 0 && slides.order.every((n) => n >= 1 && n <= labels.length);
  if (!valid || labels.join('\n') !== slides.replaces.join('\n')) {
    warn(
      given,
      'override-stale',
      `Unexpected slides on ${post.id}: the override ordered ${slides.replaces.length} slides, but the article now gives ${labels.length} (${labels.join('; ')})`,
      slides.at,
      'order the slides again in the preview; until then the carousel shows every slide in facet’s order',
    );
    return stale(post, 'slides');
  }
  const numbers = post.images.map((image) => image.path.split('/').at(-1)!.slice(0, 2)).sort();
  const chosen = [...new Set(slides.order)];
  const total = String(chosen.length);
  const images = chosen.map((n, index) => {
    const image = post.images[n - 1]!;
    const name = image.path.split('/').at(-1)!;
    const path = `${image.path.slice(0, -name.length)}${numbers[index]}${name.slice(2)}`;
    const data = image.card.data.slide ? { ...image.card.data, slide: String(index + 1), total } : image.card.data;
    const alt = image.card.alt.replace(/ Slide \d+ of \d+\./, ` Slide ${index + 1} of ${total}.`);
    return { ...image, path, card: { ...image.card, data, alt } };
  });
  const hiddenSlides = post.images.length - images.length;
  return { ...edited(post, 'slides'), images, ...(hiddenSlides ? { hiddenSlides } : {}) };
}

function edited(post: Post, what: string): Post {
  return { ...post, edited: [...(post.edited ?? []), what] };
}
