import type { Article, Section } from '../model.ts';

export interface TopSection {
  section: Section;
  /** The `###` (and deeper) sections under it. */
  subsections: Section[];
}

/** The article's `##` sections, each with the subsections under it. */
export function topSections(article: Article): TopSection[] {
  const top: TopSection[] = [];
  for (const section of article.sections) {
    const last = top.at(-1);
    if (section.depth > 2 && last) last.subsections.push(section);
    else top.push({ section, subsections: [] });
  }
  return top;
}
