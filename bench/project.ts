// `npm start` on the project's own articles (articles/), as a user times it, process start to
// exit: once from a cold cache and output, then again with nothing changed (up to date). With
// the videos brand.yaml asks for, as `npm start` makes them: the bench's own builds turn them off.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface ProjectStart {
  articles: string;
  coldMs: number;
  upToDateMs: number;
}

/** `startArgs`: node's arguments up to the command, as package.json's `start` passes them. */
export function projectStart(root: string, startArgs: string[], work: string): ProjectStart {
  const articles = path.join(root, 'articles');
  const { FACET_VIDEO: _off, ...env } = process.env;
  const run = () => {
    const started = performance.now();
    execFileSync(
      process.execPath,
      [
        ...startArgs,
        'build',
        '--articles',
        articles,
        '--templates',
        path.join(root, 'templates'),
        '--out',
        path.join(work, 'project-output'),
        '--cache',
        path.join(work, 'project-cache'),
      ],
      { stdio: 'ignore', cwd: root, env },
    );
    return performance.now() - started;
  };
  const coldMs = run();
  return { articles, coldMs, upToDateMs: run() };
}
