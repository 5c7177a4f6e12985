import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** An article's editor decisions, `articles/<slug>.posts.yaml`, as read: parsed by override/parse.ts. */
export interface Sidecar {
  /** Relative to the working directory, as messages print it. */
  path: string;
  text: string;
}

/** The sidecar's name next to its article. */
export function sidecarPath(dir: string, slug: string): string {
  return path.join(dir, `${slug}.posts.yaml`);
}

/** The sidecar of an article, or undefined when it has none. */
export async function readSidecar(dir: string, slug: string, cwd = process.cwd()): Promise<Sidecar | undefined> {
  const absolute = sidecarPath(dir, slug);
  try {
    return { path: path.relative(cwd, absolute) || absolute, text: await readFile(absolute, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
