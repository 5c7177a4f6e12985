import { unzipSync } from 'fflate';

/** The entry names of a zip archive, read by an unzipper (so the archive must be valid). */
export function zipEntries(archive: Buffer): string[] {
  return Object.keys(unzipSync(new Uint8Array(archive)));
}
