import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names inside `root`, or undefined for anything that could leave it:
 * undecodable or NUL-bearing paths, backslashes, `..` segments, absolute paths and symlinks
 * that resolve outside. Only regular files are served.
 */
export async function fileInside(root: string, urlPath: string): Promise<string | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (relative.includes('\0') || relative.includes('\\') || relative.split('/').some((segment) => segment === '..'))
    return undefined;
  const base = await realpath(root).catch(() => undefined);
  if (!base) return undefined;
  const candidate = path.resolve(base, `.${path.posix.normalize(`/${relative}`)}`);
  try {
    const real = await realpath(candidate);
    if (real !== base && !real.startsWith(`${base}${path.sep}`)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
