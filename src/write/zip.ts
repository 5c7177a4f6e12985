import { zipSync } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Every entry's time: fixed, so the same files always make the same bytes. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * A zip archive (fflate) of stored, uncompressed entries: PNG and JPEG are compressed already,
 * and storing keeps a download instant.
 */
export function zip(entries: ZipEntry[]): Buffer {
  const files = Object.fromEntries(entries.map((entry) => [entry.name, new Uint8Array(entry.data)] as const));
  return Buffer.from(zipSync(files, { level: 0, mtime: FIXED_TIME }));
}
