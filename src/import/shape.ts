/** The shape of a line of text: what a reader sees before reading it. */

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'nor',
  'of',
  'on',
  'or',
  'the',
  'to',
  'vs',
  'vs.',
  'with',
]);

export const BULLET = /^\s*(?:[•·▪◦‣∙*-]|(\d+)[.)])\s+(.*)$/;

export function wordsOf(line: string): number {
  return line.trim().split(/\s+/).filter(Boolean).length;
}

/** Title Case: short, no closing punctuation, and every word that is not small capitalised. */
export function isTitleCase(line: string): boolean {
  const text = line.trim();
  const words = text.split(/\s+/);
  if (words.length > 14 || /[.!?,;]$/.test(text) || !/^[\p{Lu}\d]/u.test(text)) return false;
  const significant = words.filter((word, index) => index === 0 || !SMALL_WORDS.has(word.toLowerCase()));
  const capitalised = significant.filter((word) => /^[\p{Lu}\d(“"']/u.test(word));
  return capitalised.length === significant.length;
}

/** "What Is Ketamine?", "Is it safe?": a short question standing alone. */
export function isQuestionHeading(line: string): boolean {
  const text = line.trim();
  return /\?$/.test(text) && wordsOf(text) <= 14 && /^[\p{Lu}\d]/u.test(text) && !/[.!]\s/.test(text);
}

/** "Step 1: Book a consultation", "Part 2 – Aftercare". */
export function isStepHeading(line: string): boolean {
  const text = line.trim();
  return (
    /^(?:step|part|phase|stage|tip|day|week|session)\s+\d+\s*[:.–—-]\s*\S/i.test(text) &&
    wordsOf(text) <= 16 &&
    !/[.;,]$/.test(text)
  );
}

/** "CATEGORY" labels set in capitals. */
export function isAllCaps(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

/** One sentence alone, no closing punctuation: how the author sets a pull quote apart. */
export function isPullQuoteLine(line: string): boolean {
  const text = line.trim();
  const words = wordsOf(text);
  return (
    words >= 5 && words <= 30 && !/[.!?:;,…]$/.test(text) && /^\p{Lu}/u.test(text) && !/[.!?]\s+\p{Lu}/u.test(text)
  );
}

/** A line wholly in quotation marks: “…” or "…". */
export function quotedLine(line: string): string | undefined {
  const match = /^[“"]([^“”"]{10,})[”"]$/.exec(line.trim());
  return match?.[1]?.trim();
}

export function sameText(a: string, b: string): boolean {
  const key = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return key(a) === key(b);
}
