import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report } from '../messages/report.ts';

/** Characters that reorder text on screen (RTL overrides, isolates): they can disguise what a post says. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/** More combining marks on one letter than any language needs: "Zalgo" text. */
const STACKED_MARKS = /(\p{M}{3})\p{M}+/gu;
// eslint-disable-next-line no-control-regex -- finding NUL is the point: it is removed from articles
const NUL = /\u0000/g;

/**
 * Makes an article's text safe to parse and draw, reporting each kind of change once at its
 * first place: BOM dropped, NUL and bidi controls removed, lone surrogates replaced, stacks of
 * combining marks cut to three.
 */
export function sanitize(file: VFile): void {
  let text = String(file.value);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const place = (index: number) => {
    const point = location(text).toPoint(index);
    return { line: point?.line ?? 1, column: point?.column ?? 1 };
  };
  const strip = (
    pattern: RegExp,
    ruleId: string,
    reason: string,
    hint: string,
    replacement: string | ((match: string, ...groups: string[]) => string) = '',
  ) => {
    const first = text.search(pattern);
    if (first === -1) return;
    report(file, 'warning', ruleId, reason, place(first), hint);
    text = text.replace(pattern, replacement as string);
  };
  strip(
    NUL,
    'text-nul',
    'Unexpected NUL character, expected text; it was removed',
    'the file may be a binary or a broken export; check it in an editor',
  );
  strip(
    BIDI_CONTROLS,
    'text-bidi-control',
    'Unexpected bidirectional control character, expected plain text; it was removed',
    'these can make a post read differently from what it says',
  );
  strip(
    STACKED_MARKS,
    'text-stacked-marks',
    'Unexpected stack of combining marks, expected at most three on a letter; the rest were removed',
    'remove the decoration; it cannot be drawn legibly',
    (_match, kept) => kept!,
  );
  // Bytes that are not UTF-8 (a lone surrogate written as CESU-8, a Latin-1 export) decode as U+FFFD.
  if (text.includes('\ufffd')) {
    report(
      file,
      'warning',
      'text-invalid-utf8',
      'Unexpected bytes that are not UTF-8, expected UTF-8 text; they show as �',
      place(text.indexOf('\ufffd')),
      're-save the file as UTF-8',
    );
  }
  if (!text.isWellFormed()) {
    const index = [...text].findIndex((char) => /[\ud800-\udfff]/.test(char));
    report(
      file,
      'warning',
      'text-lone-surrogate',
      'Unexpected broken character (lone surrogate), expected valid Unicode; it was replaced with �',
      place(Math.max(0, index)),
      're-save the file as UTF-8',
    );
    text = text.toWellFormed();
  }
  file.value = text;
}
