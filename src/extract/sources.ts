import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { sentencesOf, textOf } from './text.ts';

/** A pointer to where a sentence's figure comes from, found in the sentence's own paragraph. */
interface Mark {
  /** Where in the paragraph's folded text the mark stands. */
  at: number;
  source: string;
}

/** A citation in parentheses: a year, "et al.", or a "source:" / "according to" lead. */
const CITATION = /\(((?:source:|according to|see |data:)[^()]*|[^()]*\b(?:et al\.?|(?:19|20)\d{2})\b[^()]*)\)/i;

/** Footnote texts by identifier (`[^1]: CDC, 2023`), for the references in the body. */
export function footnotesOf(tree: Root): Map<string, string> {
  const notes = new Map<string, string>();
  visit(tree, 'footnoteDefinition', (node) => void notes.set(node.identifier, textOf(node)));
  return notes;
}

/**
 * The source of each sentence of a paragraph or list item, when it gives one: a footnote
 * reference or a link in the sentence (the link's site), else a citation in parentheses.
 */
export function sentenceSources(
  node: Nodes,
  notes: ReadonlyMap<string, string>,
): (sentence: string) => string | undefined {
  const text = textOf(node);
  const marks = marksOf(node, notes);
  const sentences = sentencesOf(text).map((sentence) => ({ ...sentence, end: sentence.offset + sentence.text.length }));
  return (sentence) => {
    const found = sentences.find((candidate) => candidate.text === sentence);
    const mark = found && marks.find(({ at }) => at >= found.offset && at <= found.end + 1);
    return (
      mark?.source ??
      CITATION.exec(sentence)?.[1]
        ?.replace(/^(?:source:|according to|data:)\s*/i, '')
        .trim()
    );
  };
}

/** Footnote references and links, each at the offset of the paragraph's folded text it follows. */
function marksOf(node: Nodes, notes: ReadonlyMap<string, string>): Mark[] {
  const marks: Mark[] = [];
  let before = '';
  const walk = (current: Nodes) => {
    if (current.type === 'footnoteReference') {
      const note = notes.get(current.identifier);
      if (note) marks.push({ at: folded(before).length, source: note });
      return;
    }
    if (current.type === 'link') {
      const site = siteOf(current.url);
      if (site) marks.push({ at: folded(before).length, source: linkName(textOf(current)) ?? site });
    }
    if ('children' in current) for (const child of current.children) walk(child as Nodes);
    else before += toString(current, { includeImageAlt: false });
  };
  walk(node);
  return marks;
}

/** A link's words when they name the source ("JAMA Psychiatry", "CDC"), not the figure or "here". */
function linkName(text: string): string | undefined {
  const words = text.split(/\s+/).filter(Boolean);
  const generic = /^(?:here|this|link|sources?|study|studies|this study|research|article|read more|more|data|report)$/i;
  const names = words.length >= 1 && words.length <= 6 && /^\p{Lu}/u.test(text);
  return names && !/\d|:\/\/|www\./.test(text) && !generic.test(text) ? text : undefined;
}

function folded(text: string): string {
  return text.replace(/\s+/g, ' ').trimStart();
}

/** "cdc.gov" from a link; nothing for links that lead nowhere a reader could check. */
function siteOf(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}
