import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { Root } from 'mdast';
import { frontMatterTexts } from '../extract/front-texts.ts';
import { normalize, sentencesOf } from '../extract/text.ts';
import { report } from '../messages/report.ts';
import type { Article, Caption, Post, Position } from '../model.ts';
import type { Brand } from '../config/brand.ts';
import { type ArticleText, articleTexts } from './article-texts.ts';
import { checkReadingGrades } from './reading-grade.ts';
import { checkSpelling } from './spelling.ts';
import { checkStatSources } from './stat-sources.ts';
import type { Rule, RulePacks } from './rules.ts';

export interface Finding {
  rule: Rule;
  /** What matched, and the sentence it stands in. */
  match: string;
  sentence: string;
  /** Where the match starts in the text that was searched. */
  index: number;
}

/** Every rule that fires on a caption or a card's words, sentence by sentence; a line break ends a sentence. */
export function findings(text: string, rules: Rule[]): Finding[] {
  let known = reviewed.get(rules);
  if (!known || known.size > REVIEWED_TEXTS) reviewed.set(rules, (known = new Map()));
  let found = known.get(text);
  if (!found) known.set(text, (found = findingsIn(text.replace(/\s*\n+\s*/g, ' \n '), rules)));
  return found;
}

/**
 * Findings by text, per rule set: most captions and cards of an article are the same after an
 * edit (and the notices on every caption), so the preview reviews only the words that changed.
 */
const reviewed = new WeakMap<Rule[], Map<string, Finding[]>>();
const REVIEWED_TEXTS = 20_000;

/** Every rule that fires on `text`, sentence by sentence, each at its index in `text`. */
function findingsIn(text: string, rules: Rule[]): Finding[] {
  const found: Finding[] = [];
  for (const { text: sentence, offset } of sentencesOf(text)) {
    const start = text.indexOf(sentence, offset);
    for (const rule of rules) {
      if (rule.near.length > 0 && !rule.near.some((near) => near.test(sentence))) continue;
      if (rule.unless.some((unless) => unless.test(sentence))) continue;
      for (const pattern of rule.patterns) {
        const match = pattern.exec(sentence);
        if (match) {
          found.push({ rule, match: match[0], sentence, index: start + match.index });
          break;
        }
      }
    }
  }
  return found;
}

/** A finding in the article's own words, at its place. */
interface Located {
  finding: Finding;
  at: Position;
  key: string;
}

/** The rules over every word of the article: front matter, body and alt texts, each finding at its line and column. */
function articleFindings(file: VFile, texts: ArticleText[], rules: Rule[]): Located[] {
  const place = location(file);
  return texts.flatMap(({ text, offsets }) =>
    // Whitespace is folded character for character, so every index still names its source offset.
    findingsIn(text.replace(/\s/g, ' '), rules).map((finding) => {
      const point = place.toPoint(offsets[finding.index] ?? 0);
      const at = { line: point?.line ?? 1, column: point?.column ?? 1 };
      return { finding, at, key: `${finding.rule.id} ${at.line}:${at.column}` };
    }),
  );
}

/** The words of a post that come from the article: its cards' words and its caption, minus the brand's own lines. */
function postTexts(post: Post, caption: Caption | undefined, brandLines: string[]): string[] {
  const cards = post.images.flatMap((image) =>
    Object.entries(image.card.data)
      .filter(([key]) => !OWN_KEYS.includes(key))
      .flatMap(([, value]) => value),
  );
  let text = caption
    ? [caption.title ?? '', caption.sticker ?? '', ...(caption.thread ?? [caption.text])].join('\n')
    : '';
  for (const line of brandLines) if (line) text = text.split(line).join('\n');
  return [...cards, text];
}

/** Card values that are the brand's or the layout's, not the article's words. */
const OWN_KEYS = ['handle', 'where', 'kicker', 'slide', 'total', 'domain', 'disclosure'];

/**
 * Runs the claim and privacy rules over the whole article and over every post. A finding in
 * words a post carries is reported with its rule's severity, and an error holds that post
 * back; a finding anywhere else is a warning at its line, since every post links to the article.
 */
export function reviewArticle(
  file: VFile,
  tree: Root,
  article: Article,
  posts: Post[],
  captionOf: (post: Post) => Caption | undefined,
  packs: RulePacks,
  brand: Brand,
  brandLines: string[],
): Post[] {
  const front = frontMatterTexts(file, tree);
  checkSpelling(file, tree, front, [...packs.words, ...brandWords(brand)]);
  const inArticle = articleFindings(file, articleTexts(file, tree, front), packs.rules);
  const reported = new Set<string>();
  const kept = reviewPosts(file, article, posts, captionOf, packs, brandLines, inArticle, reported);
  checkReadingGrades(file, kept, packs.readingGrade);
  const sourced = checkStatSources(file, kept, brand);
  for (const { finding, at, key } of inArticle) {
    if (reported.has(key)) continue;
    reported.add(key);
    const { rule } = finding;
    report(
      file,
      'warning',
      rule.id,
      `Unexpected “${finding.match}”: ${rule.why}`,
      at,
      `${rule.rewrite} It is on no post, but every post links to the article.`,
    );
  }
  return sourced;
}

/** The brand's own names are known words: the author's, the organisation's. */
function brandWords(brand: Brand): string[] {
  return [brand.author.name, brand.organisation ?? ''].join(' ').match(/\p{L}[\p{L}'’-]*/gu) ?? [];
}

/** Holds back the posts whose words break an error rule; reports each finding once, at the article's words it came from. */
function reviewPosts(
  file: VFile,
  article: Article,
  posts: Post[],
  captionOf: (post: Post) => Caption | undefined,
  packs: RulePacks,
  brandLines: string[],
  inArticle: Located[],
  reported: Set<string>,
): Post[] {
  const place = locator(file, article, inArticle);
  return posts.filter((post) => {
    let hold = false;
    for (const text of postTexts(post, captionOf(post), brandLines)) {
      for (const finding of findings(text, packs.rules)) {
        const at = place(finding);
        const key = `${finding.rule.id} ${at.line}:${at.column}`;
        if (finding.rule.severity === 'error') hold = true;
        if (reported.has(key)) continue;
        reported.add(key);
        report(
          file,
          finding.rule.severity,
          finding.rule.id,
          `Unexpected “${finding.match}”: ${finding.rule.why}`,
          at,
          `${finding.rule.rewrite}${finding.rule.severity === 'error' ? ' Posts with it are held back.' : ''}`,
        );
      }
    }
    return !hold;
  });
}

/**
 * Where a post's finding stands in the article: the same rule on the same words in the same
 * sentence of the article, else its sentence or words searched in the source.
 */
function locator(file: VFile, article: Article, inArticle: Located[]): (finding: Finding) => Position {
  const source = String(file.value);
  const body = source.startsWith('---') ? source.indexOf('\n---', 3) + 4 : 0;
  const lower = source.toLowerCase();
  const points = location(file);
  return (finding) => {
    const same = inArticle.filter(
      (found) =>
        found.finding.rule.id === finding.rule.id && found.finding.match.toLowerCase() === finding.match.toLowerCase(),
    );
    const posted = normalize(finding.sentence);
    const inSentence = same.find(({ finding: found }) => {
      const written = normalize(found.sentence);
      return written.includes(posted.slice(0, 40)) || posted.includes(written.slice(0, 40));
    });
    if (inSentence ?? same[0]) return (inSentence ?? same[0])!.at;
    const sentence = finding.sentence.trim().slice(0, 60).toLowerCase();
    let offset = lower.indexOf(sentence, body);
    if (offset >= 0) offset += finding.sentence.toLowerCase().indexOf(finding.match.toLowerCase());
    if (offset < 0) offset = lower.indexOf(finding.match.toLowerCase(), body);
    if (offset < 0) offset = lower.indexOf(finding.match.toLowerCase());
    const point = offset >= 0 ? points.toPoint(offset) : undefined;
    return point ? { line: point.line, column: point.column } : article.titleAt;
  };
}

/** Treatment words together with claim words: the card must carry the disclosure line. */
function statesTreatmentClaim(text: string, packs: RulePacks): boolean {
  return sentencesOf(text).some(
    ({ text: sentence }) =>
      packs.treatments.some((treatment) => treatment.test(sentence)) &&
      packs.claims.some((claim) => claim.test(sentence)),
  );
}

/** Adds the brand's disclosure line to every card whose words state a treatment claim. */
export function withDisclosures(posts: Post[], packs: RulePacks, line: string): Post[] {
  if (!line) return posts;
  return posts.map((post) => ({
    ...post,
    images: post.images.map((image) => {
      const words = Object.entries(image.card.data)
        .filter(([key]) => !['handle', 'where', 'kicker'].includes(key))
        .flatMap(([, value]) => value)
        .join('. ');
      if (!statesTreatmentClaim(words, packs)) return image;
      return {
        ...image,
        card: { ...image.card, alt: `${image.card.alt} ${line}`, data: { ...image.card.data, disclosure: line } },
      };
    }),
  }));
}
