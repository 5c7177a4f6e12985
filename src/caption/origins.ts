import type { LineOrigin, Position } from '../model.ts';

/** A value bound into a caption template, and where it came from. */
export interface Provenance {
  /** The template placeholder it fills: `hook`, `context`, `disclaimer`. */
  name: string;
  text: string;
  from: string;
}

/**
 * Finds words in an article's source and gives `file:line`: the first words of `text` looked up
 * with whitespace and Markdown emphasis folded, else the fallback position (the paragraph's).
 */
export function articleLocator(source: string, file: string): (text: string, fallback: Position) => string {
  const folded: number[] = [];
  let flat = '';
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (/[*_`>\s]/.test(char)) {
      if (/\s/.test(char) && !flat.endsWith(' ')) {
        flat += ' ';
        folded.push(index);
      }
      continue;
    }
    flat += char.toLowerCase();
    folded.push(index);
  }
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  // The body first: a pinned quote stands in the front matter too.
  const closing = source.startsWith('---') ? source.indexOf('\n---', 3) : -1;
  const body =
    closing < 0
      ? 0
      : Math.max(
          0,
          folded.findIndex((offset) => offset > closing + 4),
        );
  return (text, fallback) => {
    const words = text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
    for (const length of [48, 24]) {
      const needle = words.slice(0, length);
      const found = words
        ? [flat.indexOf(needle, body), flat.indexOf(needle)].find((offset) => offset >= 0)
        : undefined;
      if (found !== undefined) return `${file}:${lineAt(folded[found]!)}`;
    }
    return `${file}:${fallback.line}`;
  };
}

/**
 * Each non-empty line of the rendered posts with the values in it and the template line that
 * placed them; a thread's "n/N" counters are facet's own and left out.
 */
export function lineOrigins(
  posts: string[],
  values: Provenance[],
  template: { source: string; file: string },
): LineOrigin[] {
  const templateLines = template.source.split('\n').map(templateLine);
  const origins: LineOrigin[] = [];
  for (const line of posts.flatMap((post) => post.split('\n'))) {
    if (!line.trim() || /^\d+\/\d+$/.test(line.trim())) continue;
    const used = values.filter((value) => value.text && contains(line, value.text));
    const placed = templateLines.findIndex((source) => placesLine(source, line, used));
    const from = [
      ...new Set([
        ...used.map((value) => value.from),
        ...(placed >= 0 ? [`${template.file}:${placed + 1}`] : [template.file]),
      ]),
    ];
    origins.push({ text: line, from });
  }
  return origins;
}

/** A value is in a line whole, or shortened to fit ("Migraines affect 17% of…"). */
function contains(line: string, value: string): boolean {
  if (line.includes(value)) return true;
  // Checked first: most lines hold no ellipsis, and splitting a long value costs more than the rest.
  if (value.length <= 24 || !line.includes('…')) return false;
  return line.includes(value.split(/\s+/).slice(0, 4).join(' '));
}

/** A template line's placeholders and its own text, read once per caption. */
function templateLine(source: string): { names: string[]; literal: string[] } {
  const names = [...source.matchAll(/\{\{[#^/]?\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!);
  const literal = source
    .split(/\{\{[^}]*\}\}/)
    .map((piece) => piece.trim())
    .filter(Boolean);
  return { names, literal };
}

/** Whether a template line made a rendered line: its placeholders filled with these values, its own text there. */
function placesLine(
  { names, literal }: { names: string[]; literal: string[] },
  line: string,
  used: Provenance[],
): boolean {
  if (!literal.every((piece) => line.includes(piece))) return false;
  return names.length === 0
    ? literal.length > 0
    : used.some((value) => names.includes(value.name)) || (names.includes('.') && literal.length > 0);
}
