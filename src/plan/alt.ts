import type { Brand } from '../config/brand.ts';

/** Alt text from the card's own words: what kind of card, what it says, who says it. */
export function altText(template: string, data: Record<string, string>, brand: Brand): string {
  const speaker = [brand.author.name, brand.author.role].filter(Boolean).join(', ');
  if (template === 'quote' && data.quote) return `Quote card: “${data.quote}” — ${speaker}.`;
  const subtitle = data.subtitle ? ` ${data.subtitle}.` : '';
  return `Title card: “${data.title}”.${subtitle} By ${speaker}.`;
}
