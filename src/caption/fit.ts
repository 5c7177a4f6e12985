import type { CaptionParts } from './parts.ts';

/**
 * Making a caption fit its platform. Optional parts go first, in this declared order; then
 * text is shortened at word boundaries (never inside a word or a grapheme, marked with "…").
 * The link, the disclaimer and the article's own hashtags are never dropped.
 */
const DROP_ORDER = [
  'points',
  'summary',
  'promise',
  'context',
  'source',
  'sentence',
  'hashtags',
  'quote',
  'hook',
] as const;

export type Role = { kind: 'whole' } | { kind: 'opening' } | { kind: 'section'; index: number } | { kind: 'closing' };

/** A rendered post, with what it is made of so the right part can be shortened. */
export interface RenderedPost {
  text: string;
  role: Role;
}

export interface Reduction {
  parts: CaptionParts;
  /** What was given up, for the post's notes: "dropped 2 points". */
  note: string;
}

const MIN_WORDS = 4;

/** The next smaller version of `parts` for a post in `role` that is too long; undefined if none. */
export function reduce(parts: CaptionParts, role: Role, points: number): Reduction | undefined {
  if (role.kind === 'section') return shortenSection(parts, role.index);
  if (role.kind === 'opening') {
    return (
      dropStep(parts, 'context', points) ??
      dropStep(parts, 'source', points) ??
      dropStep(parts, 'sentence', points) ??
      shortenHook(parts)
    );
  }
  if (role.kind === 'closing') return dropOptionalHashtag(parts);
  for (const step of DROP_ORDER) {
    const reduced = dropStep(parts, step, points);
    if (reduced) return reduced;
  }
  return undefined;
}

function dropStep(parts: CaptionParts, step: (typeof DROP_ORDER)[number], points: number): Reduction | undefined {
  switch (step) {
    case 'points':
      return points > 0 && parts.sections.length > 0
        ? { parts: { ...parts, sections: parts.sections.slice(0, -1) }, note: 'dropped a point' }
        : undefined;
    case 'summary':
      return parts.summary.length > 0
        ? { parts: { ...parts, summary: parts.summary.slice(0, -1) }, note: 'dropped a summary sentence' }
        : undefined;
    case 'promise':
      return parts.promise.length > 0
        ? { parts: { ...parts, promise: parts.promise.slice(0, -1) }, note: 'dropped a sentence of the promise' }
        : undefined;
    case 'context':
      return parts.context ? { parts: { ...parts, context: '' }, note: 'dropped the context sentence' } : undefined;
    case 'source':
      return parts.source ? { parts: { ...parts, source: '' }, note: 'dropped the source' } : undefined;
    case 'sentence':
      return parts.sentence ? { parts: { ...parts, sentence: '' }, note: 'dropped the stat’s sentence' } : undefined;
    case 'hashtags':
      return dropOptionalHashtag(parts);
    case 'quote':
      return parts.quote ? { parts: { ...parts, quote: '' }, note: 'dropped the quote' } : undefined;
    case 'hook':
      return shortenHook(parts);
  }
}

function dropOptionalHashtag(parts: CaptionParts): Reduction | undefined {
  const { optional, required } = parts.hashtags;
  if (optional.length === 0) return undefined;
  return {
    parts: { ...parts, hashtags: { required, optional: optional.slice(0, -1) } },
    note: `dropped #${optional.at(-1)}`,
  };
}

function shortenHook(parts: CaptionParts): Reduction | undefined {
  const hook = shortenByWord(parts.hook);
  return hook ? { parts: { ...parts, hook }, note: 'shortened the hook' } : undefined;
}

function shortenSection(parts: CaptionParts, index: number): Reduction | undefined {
  const section = parts.sections[index];
  const point = section && shortenByWord(section.point);
  if (!section || !point) return undefined;
  const sections = parts.sections.map((candidate, at) => (at === index ? { ...candidate, point } : candidate));
  return { parts: { ...parts, sections }, note: `shortened the point of “${section.heading}”` };
}

/**
 * One word less, ending in "…": "Migraines affect 17% of women." → "Migraines affect 17% of…".
 * Undefined once only a few words are left: a stub says less than a clear error.
 */
export function shortenByWord(text: string): string | undefined {
  const words = text.replace(/…$/, '').trim().split(/\s+/);
  if (words.length <= MIN_WORDS) return undefined;
  return `${words
    .slice(0, -1)
    .join(' ')
    .replace(/[\s,;:.!?–—-]+$/, '')}…`;
}
