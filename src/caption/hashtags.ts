import type { Brand } from '../config/brand.ts';
import type { Article } from '../model.ts';

/** How the team writes words with more than one capital: "ptsd" → "PTSD", "covid" → "COVID". */
export type Spellings = ReadonlyMap<string, string>;

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * The spellings a team's words teach: every word written with two or more capitals (PTSD,
 * MTHFR, NAD, LongCOVID), keyed by its lower case. Earlier lists win: pass the team's own list
 * first, then the article's text.
 */
export function spellingsOf(...sources: string[][]): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const text of sources.flat()) {
    for (const [word] of text.matchAll(WORDS)) {
      if (/\p{Lu}.*\p{Lu}/u.test(word) && !spellings.has(word.toLowerCase())) spellings.set(word.toLowerCase(), word);
    }
  }
  return spellings;
}

/**
 * "ketamine therapy" → "KetamineTherapy"; "ptsd" → "PTSD" where the team or the article writes
 * it so; "LongCOVID" and "eHealth" stay as written. CamelCase only joins words: a word with a
 * capital of its own keeps it, a lower-case one gets a capital first letter.
 */
export function normalizeHashtag(value: string, spellings: Spellings = new Map()): string {
  return (value.replace(/^#+/, '').normalize('NFKC').match(WORDS) ?? [])
    .map(
      (word) =>
        spellings.get(word.toLowerCase()) ?? (/\p{Lu}/u.test(word) ? word : word[0]!.toUpperCase() + word.slice(1)),
    )
    .join('');
}

/**
 * The article's explicit hashtags, then its tags, then the brand's, de-duplicated ignoring
 * case, at most `max`.
 */
export function hashtagsFor(article: Article, brand: Brand, max: number, spellings: Spellings = new Map()): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const candidate of [...article.hashtags, ...article.tags, ...brand.hashtags]) {
    const tag = normalizeHashtag(candidate, spellings);
    if (!tag || /^\d+$/.test(tag) || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags.slice(0, max);
}

/** An article's spellings: the team's list, then its own front matter and text. */
export function articleSpellings(article: Article, team: readonly string[]): Map<string, string> {
  const text = [
    article.title,
    article.subtitle ?? '',
    ...article.hashtags,
    ...article.intro,
    ...article.sections.flatMap((section) => [section.heading, ...section.paragraphs, ...section.points]),
  ];
  return spellingsOf([...team], text);
}
