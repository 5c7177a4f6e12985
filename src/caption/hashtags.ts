import type { Brand } from '../config/brand.ts';
import type { Article } from '../model.ts';

/** "ketamine therapy" → "KetamineTherapy"; "#IV-Ketamine" → "IVKetamine". Empty if nothing is left. */
export function normalizeHashtag(value: string): string {
  return value
    .replace(/^#+/, '')
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The article's explicit hashtags, then its tags, then the brand's, de-duplicated ignoring
 * case, at most `max`.
 */
export function hashtagsFor(article: Article, brand: Brand, max: number): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const candidate of [...article.hashtags, ...article.tags, ...brand.hashtags]) {
    const tag = normalizeHashtag(candidate);
    if (!tag || /^\d+$/.test(tag) || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags.slice(0, max);
}
