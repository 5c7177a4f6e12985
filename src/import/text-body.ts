import type { FootnoteDefinition, List, ListItem, Paragraph, RootContent } from 'mdast';
import { isCallToActionButton, isCredit, isSiteChrome } from './cues.ts';
import type { Guess } from './imported.ts';
import {
  BULLET,
  isPullQuoteLine,
  isQuestionHeading,
  isStepHeading,
  isTitleCase,
  quotedLine,
  wordsOf,
} from './shape.ts';
import type { Line } from './text-top.ts';

export interface Body {
  body: RootContent[];
  guesses: Guess[];
}

/** Lines that can be the points of a list whose bullets were lost: short, no sentence end. */
const MAX_LOST_BULLET_WORDS = 12;

/**
 * The article's lines → Markdown blocks: Title Case lines, questions and `Step 1:` lines are
 * headings; bullets and the bare points under a list introduction are lists; figure credits
 * are footnotes (never quotes or stats); a line in quotation marks is a quote; buttons and the
 * site's share and comment lines are left out, each with a guess to check.
 */
export function toBody(lines: Line[]): Body {
  const body: RootContent[] = [];
  const guesses: Guess[] = [];
  let credits = 0;
  let pendingLeftOut: Guess[] = [];
  const push = (node: RootContent) => {
    body.push(node);
    // What was left out is shown where it was: at the block that now stands there.
    for (const guess of pendingLeftOut) guesses.push({ ...guess, at: { block: body.length - 1 } });
    pendingLeftOut = [];
  };
  const leaveOut = (line: Line, what: string, hint?: string) =>
    pendingLeftOut.push({
      ruleId: 'import-left-out',
      reason: `Left out line ${line.line} (${JSON.stringify(line.text.trim())}), ${what}`,
      at: { block: 0 },
      ...(hint ? { hint } : {}),
    });
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const text = line.text.trim();
    const bullet = BULLET.exec(line.text);
    if (bullet) {
      appendListItem(body, bullet[2]!.trim(), bullet[1] !== undefined, push);
      continue;
    }
    if (isSiteChrome(text)) {
      leaveOut(line, 'part of the site around the article (share, related posts, comments)');
      continue;
    }
    if (isCallToActionButton(text)) {
      leaveOut(
        line,
        'a call-to-action button',
        "captions carry brand.yaml's `cta`; put the line back as a sentence if the article needs it",
      );
      continue;
    }
    if (isCredit(text)) {
      credits += 1;
      push(credit(text, credits));
      guesses.push({
        ruleId: 'import-credit',
        reason: `Kept line ${line.line} as a figure credit (a footnote, never a quote or a stat)`,
        at: { block: body.length - 1 },
      });
      continue;
    }
    const lost = lostBullets(lines, index);
    if (lost > 0) {
      push(paragraph(text));
      push(list(lines.slice(index + 1, index + 1 + lost).map((item) => item.text.trim())));
      guesses.push({
        ruleId: 'import-list',
        reason:
          `Took lines ${lines[index + 1]!.line}–${lines[index + lost]!.line} as a list ` +
          `(line ${line.line} introduces them; their bullets seem lost in the copy)`,
        at: { block: body.length - 1 },
      });
      index += lost;
      continue;
    }
    const quote = quotedLine(text);
    if (quote) {
      push({ type: 'blockquote', children: [paragraph(quote)] });
      guesses.push({
        ruleId: 'import-quote',
        reason: `Took line ${line.line}, a line of its own in quotation marks, as a quote`,
        at: { block: body.length - 1 },
      });
      continue;
    }
    if (isHeading(text, lines[index + 1])) {
      push({ type: 'heading', depth: 2, children: [{ type: 'text', value: text }] });
      if (!isTitleCase(text))
        guesses.push({
          ruleId: 'import-heading',
          reason: `Took line ${line.line} as a heading (${headingKind(text)} on a line of its own)`,
          at: { block: body.length - 1 },
        });
      continue;
    }
    push(paragraph(text));
    if (isPullQuoteLine(text))
      guesses.push({
        ruleId: 'import-pull-quote',
        reason: `Kept line ${line.line} as a pull quote (one sentence on its own, no full stop)`,
        at: { block: body.length - 1 },
        hint: 'add a full stop if it is an ordinary sentence',
      });
  }
  // Anything left out after the last block is shown at that block.
  for (const guess of pendingLeftOut) guesses.push({ ...guess, at: { block: Math.max(0, body.length - 1) } });
  return { body, guesses };
}

function headingKind(text: string): string {
  return isStepHeading(text) ? 'a step' : 'a question';
}

function isHeading(text: string, next: Line | undefined): boolean {
  if (isTitleCase(text) || isStepHeading(text)) return true;
  // A question is a heading when an answer follows it, not another question.
  return isQuestionHeading(text) && next !== undefined && !/\?$/.test(next.text.trim());
}

/**
 * How many lines after `index` are the points of a list that lost its bullets: the line at
 * `index` introduces them ("…such as:"), and at least two short lines without a full stop follow.
 */
function lostBullets(lines: Line[], index: number): number {
  const intro = lines[index]!.text.trim();
  if (!/(?::|\b(?:include|including|such as|of|are|like))$/i.test(intro) || wordsOf(intro) < 3) return 0;
  let count = 0;
  for (let at = index + 1; at < lines.length; at++) {
    const text = lines[at]!.text.trim();
    if (BULLET.test(lines[at]!.text) || wordsOf(text) > MAX_LOST_BULLET_WORDS || /[:?]$/.test(text) || isCredit(text))
      break;
    if (/[.!]$/.test(text) && wordsOf(text) > 6) break;
    // A Title Case line with a paragraph under it is the next heading, not a point.
    const after = lines[at + 1]?.text.trim() ?? '';
    if (count >= 2 && isTitleCase(text) && wordsOf(after) > MAX_LOST_BULLET_WORDS) break;
    count += 1;
  }
  return count >= 2 ? count : 0;
}

function credit(text: string, number: number): FootnoteDefinition {
  return {
    type: 'footnoteDefinition',
    identifier: `credit-${number}`,
    label: `credit-${number}`,
    children: [paragraph(text)],
  };
}

function appendListItem(body: RootContent[], text: string, ordered: boolean, push: (node: RootContent) => void): void {
  const last = body.at(-1);
  const item: ListItem = { type: 'listItem', spread: false, children: [paragraph(text)] };
  if (last?.type === 'list' && last.ordered === ordered) {
    last.children.push(item);
    return;
  }
  push({ type: 'list', ordered, spread: false, children: [item] });
}

function list(items: string[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map((text) => ({ type: 'listItem', spread: false, children: [paragraph(text)] })),
  };
}

function paragraph(value: string): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value }] };
}
