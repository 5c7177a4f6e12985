// Editors act on each post where they look: edit a caption or a thread post, choose another
// quote, hide or show a post or a slide, reorder slides, approve. Every action is a POST with
// this server's token (from the page's meta tag); the server checks it against the same
// fitting, counting and review as a build, writes articles/<slug>.posts.yaml or approvals.yaml,
// and the rebuild arrives over server-sent events like any save.

const TOKEN = document.querySelector('meta[name="facet-token"]')?.content ?? '';
/** This tab, so the others can be told when it saves a post they are editing. */
export const TAB = Math.random().toString(36).slice(2);

export async function send(body) {
  const response = await fetch('/api/action', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-facet-token': TOKEN, 'x-facet-tab': TAB },
    body: JSON.stringify(body),
  });
  const result = await response.json().catch(() => ({ ok: false, reason: `HTTP ${response.status}` }));
  return { status: response.status, ...result };
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The length as the platform counts it, near enough to type against; the server counts exactly. */
export function countFor(channel, text) {
  const normalized = text.normalize('NFC');
  if (channel === 'bluesky') return [...graphemes.segment(normalized)].length;
  if (channel !== 'x') return [...normalized].length;
  const urls = normalized.replace(/https?:\/\/\S+/g, 'x'.repeat(23));
  return [...urls].reduce((sum, char) => sum + (char.codePointAt(0) > 0x10ff ? 2 : 1), 0);
}

/** `<slug>/<channel>/<n>`: what the page, the tests and the server call a post. */
export function postName(slug, post, index) {
  const n = post.id ? post.id.split('/')[1].split('-')[0] : String(index + 1);
  return `${slug}/${post.channel}/${n}`;
}

/** The words of the quote card a quote post shows, read back from its alt text. */
export function quoteOf(post) {
  return /“(.*)”/s.exec(post.images[0]?.alt ?? '')?.[1] ?? '';
}

/** The article's next ranked quote after this post's, skipping those the channel's other quote posts show. */
export function nextQuote(article, post) {
  const quotes = article.quotes.map((quote) => quote.text);
  const shown = new Set(
    article.posts
      .filter((other) => other !== post && other.kind === 'quote' && other.channel === post.channel)
      .map(quoteOf),
  );
  const at = quotes.indexOf(quoteOf(post));
  for (let step = 1; step <= quotes.length; step += 1) {
    const candidate = quotes[(at + step + quotes.length) % quotes.length];
    if (!shown.has(candidate) && candidate !== quoteOf(post)) return candidate;
  }
  return undefined;
}
