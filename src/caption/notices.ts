import type { NoticeRules } from '../config/notices.ts';
import { sentencesOf } from '../extract/text.ts';
import type { Article } from '../model.ts';

/** The topic notices one article's captions carry, and why, for the manifest's origins. */
export interface ArticleNotices {
  /** The off-label notice, or '' when the article names no off-label treatment. */
  offLabel: string;
  /** Whether the brand's crisis line goes on this article's captions. */
  crisis: boolean;
  /** Where each notice's rule is: `templates/rules/notices.yaml:12`. */
  from: { offLabel: string; crisis: string };
}

/** Which notices an article calls for: the off-label notice by treatment, the crisis line by subject. */
export function noticesFor(article: Article, rules: NoticeRules): ArticleNotices {
  return {
    offLabel: namesAny(everyText(article).join('\n'), rules.offLabel.treatments) ? rules.offLabel.text : '',
    crisis: isSubject(article, rules.crisis.topics, rules.crisis.sustainedSentences),
    from: { offLabel: rules.offLabel.from, crisis: rules.crisis.from },
  };
}

/**
 * A topic is the article's subject when its title, a tag or a heading names it, or when the
 * body keeps coming back to it; one sentence in passing (a migraine article that mentions
 * depression) is not enough.
 */
function isSubject(article: Article, topics: RegExp[], sustained: number): boolean {
  const named = [
    article.title,
    article.subtitle ?? '',
    ...article.tags.map((tag) => tag.replace(/[-_]+/g, ' ')),
    ...article.sections.map((section) => section.heading),
  ];
  if (named.some((text) => namesAny(text, topics))) return true;
  const body = [...article.intro, ...article.sections.flatMap((section) => [...section.paragraphs, ...section.points])];
  const mentions = body
    .flatMap((paragraph) => sentencesOf(paragraph))
    .filter(({ text }) => namesAny(text, topics)).length;
  return mentions >= sustained;
}

function everyText(article: Article): string[] {
  return [
    article.title,
    article.subtitle ?? '',
    ...article.tags,
    ...article.intro,
    ...article.sections.flatMap((section) => [section.heading, ...section.paragraphs, ...section.points]),
  ];
}

function namesAny(text: string, patterns: RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(text));
}
