import type { Channel } from '../channels/platforms.ts';
import type { Brand } from '../config/brand.ts';
import type { Article } from '../model.ts';

/** The article's canonical URL (else the brand's website), tagged so analytics see each channel. */
export function trackedLink(article: Article, brand: Brand, channel: Channel): string | undefined {
  const base = article.url ?? brand.website;
  if (!base) return undefined;
  const url = new URL(base);
  const fill = (value: string) => value.replaceAll('{channel}', channel).replaceAll('{slug}', article.slug);
  url.searchParams.set('utm_source', fill(brand.utm.source));
  url.searchParams.set('utm_medium', fill(brand.utm.medium));
  url.searchParams.set('utm_campaign', fill(brand.utm.campaign));
  return url.href;
}
