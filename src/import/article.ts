import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../config/errors.ts';
import { slugify } from '../read/slug.ts';
import { importHtml } from './html.ts';
import type { Imported } from './imported.ts';
import { toArticleMarkdown } from './markdown.ts';
import { importText } from './text.ts';

export interface ImportResult {
  slug: string;
  markdown: string;
}

/** A saved page (`.html`) or its plain text (`.txt`) → the Markdown of `articles/<slug>.md`. */
export async function importArticle(file: string, today: string): Promise<ImportResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new SetupError(`Expected a readable .txt or .html file at ${file} but could not read it`, 'check the path; save the page from the browser as "Web page, HTML only" or copy its text into a .txt file', { cause: error });
  }
  const imported: Imported = isHtml(file, source) ? await importHtml(source) : importText(source);
  const slug = slugify(imported.title) || slugify(path.basename(file, path.extname(file)));
  if (!slug) throw new SetupError(`Expected a title to name the article in ${file} but found none`, 'put the title on the first lines of the file');
  return { slug, markdown: toArticleMarkdown(imported, today) };
}

function isHtml(file: string, source: string): boolean {
  return /\.html?$/i.test(file) || /^\s*(?:<!doctype html|<html)/i.test(source);
}

/** Today's calendar date where the team is, `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
