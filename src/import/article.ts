import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../config/errors.ts';
import type { Message } from '../model.ts';
import { slugify } from '../read/slug.ts';
import { importHtml } from './html.ts';
import type { Imported } from './imported.ts';
import { toArticleMarkdown } from './markdown.ts';
import { noticeFitGuess } from './notice-fit.ts';
import { guessMessages } from './place.ts';
import { importText } from './text.ts';

export interface ImportResult {
  slug: string;
  markdown: string;
  /** Each guess the import made, positioned in `articles/<slug>.md`. */
  messages: Message[];
}

/** A saved page (`.html`) or its plain text (`.txt`) → the Markdown of `articles/<slug>.md`. */
export async function importArticle(file: string, today: string, articlesDir = 'articles'): Promise<ImportResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new SetupError(
      `Expected a readable .txt or .html file at ${file} but could not read it`,
      'check the path; save the page from the browser as "Web page, HTML only" or copy its text into a .txt file',
      { cause: error },
    );
  }
  return importSource(file, source, today, articlesDir);
}

/** The same from the file's text, already read. */
export async function importSource(
  file: string,
  source: string,
  today: string,
  articlesDir = 'articles',
): Promise<ImportResult> {
  const found = isHtml(file, source) ? await importHtml(source) : importText(source);
  const fallback = path.basename(file, path.extname(file));
  const imported: Imported = found ?? { title: fallback, body: [], guesses: [] };
  if (!found)
    imported.guesses.push({
      ruleId: 'import-title',
      reason: 'Took the file name as the title: no line of the page reads like one',
      at: { key: 'title' },
      hint: 'write the title',
    });
  const slug = slugify(imported.title) || slugify(fallback);
  if (!slug)
    throw new SetupError(
      `Expected a title to name the article in ${file} but found none`,
      'put the title on the first lines of the file',
    );
  if (!imported.date)
    imported.guesses.push({
      ruleId: 'import-date-missing',
      reason: "Date not found on the page; wrote today's date",
      at: { key: 'date' },
      hint: 'write the date the article was published',
    });
  const long = noticeFitGuess(imported.notice);
  if (long) imported.guesses.push(long);
  const markdown = toArticleMarkdown(imported, today);
  const target = path.join(articlesDir, `${slug}.md`);
  return { slug, markdown, messages: guessMessages(target, markdown, imported.guesses, imported.body.length) };
}

function isHtml(file: string, source: string): boolean {
  return /\.html?$/i.test(file) || /^\s*(?:<!doctype html|<html)/i.test(source);
}

/** Today's calendar date where the team is, `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
