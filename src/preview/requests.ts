import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Actions change the project's files: only this server's own page, which holds the token, may ask. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export function hasToken(request: IncomingMessage, token: string): boolean {
  const sent = Buffer.from(String(request.headers['x-facet-token'] ?? ''));
  const own = Buffer.from(token);
  return sent.length === own.length && timingSafeEqual(sent, own);
}

/** Larger than any caption with its replaced text and thread by far. */
const MAX_BODY_BYTES = 64 * 1024;

/** The request's JSON body, or why not: too large (stops reading at the limit), not JSON, not an object. */
export async function readJson(
  request: IncomingMessage,
): Promise<{ value: Record<string, unknown> } | { status: number; reason: string }> {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json'))
    return { status: 415, reason: 'Expected Content-Type: application/json' };
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
    return { status: 413, reason: `Expected a body of at most ${MAX_BODY_BYTES} bytes` };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      request.destroy();
      return { status: 413, reason: `Expected a body of at most ${MAX_BODY_BYTES} bytes` };
    }
    chunks.push(chunk);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { status: 400, reason: 'Expected a JSON object' };
    return { value: value as Record<string, unknown> };
  } catch {
    return { status: 400, reason: 'Expected JSON' };
  }
}
