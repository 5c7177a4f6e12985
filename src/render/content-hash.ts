import { createHash } from 'node:crypto';

/** Short content hash of a file: lets the preview reload only images that changed, approvals spot edits, and thumbnails be found again. */
export function contentHash(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}
