import { isCallToAction } from '../extract/quotes.ts';
import { sentencesOf } from '../extract/text.ts';
import type { Article, Position, Stat } from '../model.ts';
import { strongestStats } from '../plan/cards.ts';

/** Where an opening line comes from; each post kind prefers some over others. */
export type HookKind = 'stat' | 'question' | 'quote' | 'subtitle' | 'intro' | 'heading' | 'title' | 'sentence';

/** A line the article offers to open a caption with, and where it stands. */
export interface HookCandidate {
  text: string;
  kind: HookKind;
  position: Position;
}

/**
 * Every opening line the article offers, strongest first within each kind: its stats' sentences,
 * the questions it answers (headings that are questions, or "What X Is" / "How X Works" headings
 * turned round), its pull quotes, its subtitle, its intro's sentences, its title and its other
 * self-contained sentences; never its call to action. Nothing is written here that the article
 * does not say.
 */
export function hookCandidates(article: Article): HookCandidate[] {
  return allHooks(article).filter((hook) => !isCallToAction(hook.text));
}

function allHooks(article: Article): HookCandidate[] {
  const intro = article.intro.flatMap((paragraph) => sentencesOf(paragraph).map(({ text }) => text));
  return [
    ...strongestStats(article.stats, article.stats.length).map((stat: Stat): HookCandidate => ({
      text: stat.sentence,
      kind: 'stat',
      position: stat.position,
    })),
    ...article.sections.flatMap((section): HookCandidate[] => {
      const question = questionOf(section.heading);
      return question ? [{ text: question, kind: 'question', position: section.position }] : [];
    }),
    ...article.quotes
      .filter((quote) => quote.origin !== 'sentence')
      .map((quote): HookCandidate => ({ text: quote.text, kind: 'quote', position: quote.position })),
    ...(article.subtitle ? [{ text: article.subtitle, kind: 'subtitle' as const, position: article.titleAt }] : []),
    ...intro.map((text): HookCandidate => ({ text, kind: 'intro', position: article.titleAt })),
    ...article.sections
      .filter((section) => section.depth === 2)
      .map((section): HookCandidate => ({ text: section.heading, kind: 'heading', position: section.position })),
    { text: article.title, kind: 'title', position: article.titleAt },
    // Last: the article's other self-contained sentences, best first (the quote scorer's order).
    ...article.quotes
      .filter((quote) => quote.origin === 'sentence')
      .map((quote): HookCandidate => ({ text: quote.text, kind: 'sentence', position: quote.position })),
  ];
}

/** "What Folate Is" → the one verb moved: "What is folate?" */
const TURNS: [RegExp, (subject: string, verb: string) => string][] = [
  [/^(what|who) (.+) (is|are)$/i, (subject, verb) => `${verb.toLowerCase()} ${subject}`],
  [
    /^(how|why) (.+) (works?|matters?|helps?|fails?)$/i,
    (subject, verb) => `${/s$/i.test(verb) ? 'does' : 'do'} ${subject} ${verb.toLowerCase().replace(/s$/, '')}`,
  ],
];

/** A heading as the question the section answers; undefined when it is not one. */
export function questionOf(heading: string): string | undefined {
  const text = heading.trim();
  if (text.endsWith('?')) return text;
  for (const [pattern, turn] of TURNS) {
    const match = pattern.exec(text);
    if (match) return `${match[1]} ${turn(sentenceCase(match[2]!), match[3]!)}?`;
  }
  return undefined;
}

/** Title Case words made plain, acronyms (PTSD, MTHFR, LongCOVID) and "I" kept as written. */
function sentenceCase(text: string): string {
  return text
    .split(' ')
    .map((word) => (/\p{Lu}.*\p{Lu}/u.test(word) || word === 'I' ? word : word.toLowerCase()))
    .join(' ');
}
