import type { RootContent } from 'mdast';
import type { Author } from '../model.ts';

/** Where in the written article a guess is shown: a front matter key or a body block. */
export type Anchor = { key: 'title' | 'subtitle' | 'date' | 'notice' | 'author' } | { block: number };

/**
 * A decision the import made that a person should check, said in the page's own terms
 * ("took line 3 as the title (line 1 reads like a category label)").
 */
export interface Guess {
  ruleId: string;
  reason: string;
  at: Anchor;
  hint?: string;
}

/** "Kept the notice at line 1 as `notice:`": where the page's notice went, and what it does. */
export function noticeGuess(where: string): Guess {
  return {
    ruleId: 'import-notice',
    reason: `Kept the notice ${where} as \`notice:\`; it replaces brand.yaml's disclaimer on this article's posts`,
    at: { key: 'notice' },
    hint: "delete the `notice:` line to use the brand's disclaimer instead",
  };
}

/** What an import found: front matter values, the body as Markdown nodes, and its guesses. */
export interface Imported {
  title: string;
  subtitle?: string;
  date?: string;
  /** The page's own notice or disclaimer; it replaces brand.yaml's disclaimer for this article. */
  notice?: string;
  author?: Author;
  body: RootContent[];
  guesses: Guess[];
}
