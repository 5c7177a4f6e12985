import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './setup.ts';

export interface TempProject {
  dir: string;
  articles: string;
  templates: string;
  out: string;
  cache: string;
}

/** A copy of the repo's articles and templates in a temp folder, to edit freely. */
export function tempProject(): TempProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'facet-project-'));
  const project = {
    dir,
    articles: path.join(dir, 'articles'),
    templates: path.join(dir, 'templates'),
    out: path.join(dir, 'output'),
    cache: path.join(dir, '.facet-cache'),
  };
  cpSync(path.join(ROOT, 'articles'), project.articles, { recursive: true });
  cpSync(path.join(ROOT, 'templates'), project.templates, { recursive: true });
  return project;
}
