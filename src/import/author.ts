import type { Author } from '../model.ts';
import { isTitleCase } from './shape.ts';

const CREDENTIALS = /\b(?:MD|M\.D\.|DO|PhD|Ph\.D\.|RN|NP|PA-C|DNP|PharmD|MPH)$/;
const ABOUT = /^about (?:the )?author$/i;

/**
 * The closing "Name MD" line followed only by paragraphs that name them ("Dr. Kaveh is …"),
 * with an "About the author" line before it: how many of the last `blocks` it takes.
 */
export function authorAtEnd(blocks: string[]): { author: Required<Author>; lines: number } | undefined {
  for (let index = blocks.length - 2; index >= Math.max(0, blocks.length - 4); index--) {
    const name = blocks[index]!.trim();
    if (!isTitleCase(name) || name.split(/\s+/).length > 6) continue;
    const surname = name.replace(CREDENTIALS, '').trim().split(/\s+/).at(-1) ?? '';
    const rest = blocks.slice(index + 1);
    if (surname && (CREDENTIALS.test(name) || rest[0]!.includes(surname)) && rest.every((line) => !isTitleCase(line))) {
      const about = index > 0 && ABOUT.test(blocks[index - 1]!.trim()) ? 1 : 0;
      return {
        author: { name, bio: rest.map((line) => line.trim()).join('\n\n') },
        lines: blocks.length - index + about,
      };
    }
  }
  return undefined;
}
