import type { Brand } from '../config/brand.ts';

/**
 * Alt text from the card's own words: what kind of card, what it says, who says it. Screen
 * readers announce "image" themselves, so the text starts with the kind, not "Image of".
 */
export function altText(template: string, data: Record<string, string | string[]>, brand: Brand): string {
  const speaker = [brand.author.name, brand.author.role].filter(Boolean).join(', ');
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const slide = data.slide && data.total ? ` Slide ${text('slide')} of ${text('total')}.` : '';
  switch (template) {
    case 'quote':
      return `Quote card: “${text('quote')}” — ${speaker}.`;
    case 'stat':
      return `Statistic card: ${[text('figure'), text('counted')].filter(Boolean).join(' ')}. ${text('sentence')}${text('source') ? ` Source: ${text('source').replace(/[.]?$/, '.')}` : ''}`;
    case 'section': {
      const points =
        Array.isArray(data.points) && data.points.length > 0
          ? ` ${data.points.map((point) => point.replace(/[.]?$/, '.')).join(' ')}`
          : '';
      return `Slide: ${text('heading')}.${points}${slide}`;
    }
    case 'cta':
      return `Closing slide: read the full article “${text('title')}”${text('where') ? ` at ${text('where')}` : ''}. ${brand.author.name}${text('handle') ? `, ${text('handle')}` : ''}.${slide}`;
    case 'story':
      return `Story: “${text('title')}”.${text('hook') ? ` “${text('hook')}”` : ''} ${speaker}.`;
    default: {
      const subtitle = text('subtitle') ? ` ${text('subtitle')}.` : '';
      return `${template === 'link' ? 'Article card' : 'Title card'}: “${text('title')}”.${subtitle} By ${speaker}.${slide}`;
    }
  }
}
