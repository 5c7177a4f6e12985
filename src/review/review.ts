import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { sentencesOf } from '../extract/text.ts';
import { report } from '../messages/report.ts';
import type { Article, Caption, Post, Position } from '../model.ts';
import type { Rule, RulePacks } from './rules.ts';

export interface Finding {
  rule: Rule;
  /** What matched, and the sentence it stands in. */
  match: string;
  sentence: string;
}

/** Every rule that fires on `text`, sentence by sentence. */
export function findings(text: string, rules: Rule[]): Finding[] {
  const found: Finding[] = [];
  for (const { text: sentence } of sentencesOf(text.replace(/\s*\n+\s*/g, ' \n '))) {
    for (const rule of rules) {
      if (rule.near.length > 0 && !rule.near.some((near) => near.test(sentence))) continue;
      if (rule.unless.some((unless) => unless.test(sentence))) continue;
      for (const pattern of rule.patterns) {
        const match = pattern.exec(sentence);
        if (match) {
          found.push({ rule, match: match[0], sentence });
          break;
        }
      }
    }
  }
  return found;
}

/** The words of a post that come from the article: its cards' words and its caption, minus the brand's own lines. */
function postTexts(post: Post, caption: Caption | undefined, brandLines: string[]): string[] {
  const cards = post.images.flatMap((image) => Object.entries(image.card.data).filter(([key]) => !['handle', 'where', 'kicker', 'slide', 'total', 'domain', 'disclosure'].includes(key)).flatMap(([, value]) => value));
  let text = caption ? [caption.title ?? '', caption.sticker ?? '', ...(caption.thread ?? [caption.text])].join('\n') : '';
  for (const line of brandLines) if (line) text = text.split(line).join('\n');
  return [...cards, text];
}

/**
 * Runs the claim and privacy rules on every post. Each finding is reported at the place in
 * the article its words came from; a post with an error finding is held back, the rest go on.
 */
export function reviewPosts(file: VFile, article: Article, posts: Post[], captionOf: (post: Post) => Caption | undefined, packs: RulePacks, brandLines: string[]): Post[] {
  const reported = new Set<string>();
  const place = locator(file, article);
  return posts.filter((post) => {
    let hold = false;
    for (const text of postTexts(post, captionOf(post), brandLines)) {
      for (const finding of findings(text, packs.rules)) {
        const at = place(finding);
        const key = `${finding.rule.id} ${at.line}:${at.column}`;
        if (finding.rule.severity === 'error') hold = true;
        if (reported.has(key)) continue;
        reported.add(key);
        report(file, finding.rule.severity, finding.rule.id, `Unexpected “${finding.match}”: ${finding.rule.why}`, at,
          `${finding.rule.rewrite}${finding.rule.severity === 'error' ? ' Posts with it are held back.' : ''}`);
      }
    }
    return !hold;
  });
}

/** Where a finding's words stand in the article: its sentence, else the matched words, after the front matter. */
function locator(file: VFile, article: Article): (finding: Finding) => Position {
  const source = String(file.value);
  const body = source.startsWith('---') ? source.indexOf('\n---', 3) + 4 : 0;
  const lower = source.toLowerCase();
  const points = location(file);
  return (finding) => {
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
export function statesTreatmentClaim(text: string, packs: RulePacks): boolean {
  return sentencesOf(text).some(({ text: sentence }) => packs.treatments.some((treatment) => treatment.test(sentence)) && packs.claims.some((claim) => claim.test(sentence)));
}

/** Adds the brand's disclosure line to every card whose words state a treatment claim. */
export function withDisclosures(posts: Post[], packs: RulePacks, line: string): Post[] {
  if (!line) return posts;
  return posts.map((post) => ({
    ...post,
    images: post.images.map((image) => {
      const words = Object.entries(image.card.data).filter(([key]) => !['handle', 'where', 'kicker'].includes(key)).flatMap(([, value]) => value).join('. ');
      if (!statesTreatmentClaim(words, packs)) return image;
      return { ...image, card: { ...image.card, alt: `${image.card.alt} ${line}`, data: { ...image.card.data, disclosure: line } } };
    }),
  }));
}
