import type { ColourName } from '../model.ts';
import { contrast } from './colour.ts';
import { type Palette, paletteOf } from './palette.ts';

/** WCAG 2 AA for body text. */
const AA_BODY = 4.5;

/** The pairs the card templates set text in: [text colour, background, what it is]. */
const PAIRS: [keyof Palette, ColourName, string][] = [
  ['text', 'background', 'headlines and names on dark cards'],
  ['muted', 'background', 'subtitles and sentences on dark cards'],
  ['accent', 'background', 'kickers and handles on dark cards'],
  ['ink', 'paper', 'text on paper cards'],
  ['inkMuted', 'paper', 'roles and slide numbers on paper cards'],
  ['accentInk', 'paper', 'kickers and handles on paper cards'],
  ['ink', 'accent', 'the call-to-action pill'],
];

export interface ContrastProblem {
  colour: ColourName;
  reason: string;
}

/** Every text/background pair the templates use that falls below WCAG AA (4.5:1). */
export function contrastProblems(colours: Record<ColourName, string>): ContrastProblem[] {
  const palette = paletteOf(colours);
  return PAIRS.flatMap(([text, background, use]) => {
    const ratio = contrast(palette[text], palette[background]);
    if (ratio >= AA_BODY) return [];
    return [
      {
        // Derived shades come from ink and accent: that is the colour to change.
        colour: text === 'inkMuted' ? 'ink' : text === 'accentInk' ? 'accent' : (text as ColourName),
        reason: `Unexpected contrast of ${ratio.toFixed(2)}:1 between \`${text}\` and \`${background}\` (${use}), expected at least ${AA_BODY}:1 (WCAG AA)`,
      },
    ];
  });
}
