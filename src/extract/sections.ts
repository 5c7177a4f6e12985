import type { Heading, List, Nodes, Root, RootContent } from 'mdast';
import type { Position, Section } from '../model.ts';
import { positionOf, textOf } from './text.ts';

export interface Outline {
  /** Paragraphs before the first section heading. */
  intro: string[];
  sections: Section[];
}

/**
 * Splits the body at its `##` and deeper headings. A leading `#` heading repeats the title,
 * so it opens no section.
 */
export function outlineOf(tree: Root): Outline {
  const intro: string[] = [];
  const sections: Section[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth >= 2) {
      sections.push(sectionAt(node));
      continue;
    }
    const current = sections.at(-1);
    addContent(node, current ? current.paragraphs : intro, current?.points);
  }
  return { intro, sections };
}

function sectionAt(heading: Heading): Section {
  const position: Position = positionOf(heading);
  return { heading: textOf(heading), depth: heading.depth, paragraphs: [], points: [], position };
}

function addContent(node: RootContent, paragraphs: string[], points: string[] | undefined): void {
  if (node.type === 'paragraph') {
    const text = textOf(node);
    if (text) paragraphs.push(text);
  } else if (node.type === 'list') {
    (points ?? paragraphs).push(...pointsOf(node));
  }
}

function pointsOf(list: List): string[] {
  return list.children.map((item) => textOf(item as Nodes)).filter(Boolean);
}
