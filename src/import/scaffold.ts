import { stringify } from 'yaml';

/** The Markdown of a new article: valid front matter and a skeleton to write into. */
export function scaffoldArticle(title: string, date: string): string {
  const front = stringify(
    { title, subtitle: 'One line that says what the reader will learn', date, tags: [] },
    { lineWidth: 0 },
  ).trimEnd();
  return `---
${front}
---

The opening paragraph: why this matters to the reader, in two or three sentences.

## The first section

Each \`##\` heading becomes a carousel slide; its list points become the slide's bullets.

- A first point
- A second point

A standalone line without a full stop becomes a pull quote on a card

## The second section

More paragraphs, lists, > blockquotes and figures such as "17% of women".
`;
}
