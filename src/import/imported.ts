import type { RootContent } from 'mdast';
import type { Author } from '../model.ts';

/** What an import found: front matter values and the body as Markdown nodes. */
export interface Imported {
  title: string;
  subtitle?: string;
  date?: string;
  author?: Author;
  body: RootContent[];
}
