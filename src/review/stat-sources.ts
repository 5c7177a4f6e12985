import type { VFile } from 'vfile';
import type { Brand } from '../config/brand.ts';
import { report } from '../messages/report.ts';
import { location } from 'vfile-location';
import type { Position, Post } from '../model.ts';

/**
 * A figure on a card needs its source (FTC health-claims guidance: claims need substantiation).
 * Each stat card without one is a warning at its figure; brand.yaml's `unsourced_stats:
 * leave-out` also leaves those cards out of the campaign, and a post left with no image goes too.
 */
export function checkStatSources(file: VFile, posts: Post[], brand: Brand): Post[] {
  const leaveOut = brand.unsourcedStats === 'leave-out';
  const warned = new Set<string>();
  const unsourced = (post: Post) =>
    post.images.filter((image) => image.card.template === 'stat' && !image.card.data.source);
  for (const image of posts.flatMap(unsourced)) {
    const { data, origin } = image.card;
    const key = `${origin.line}:${origin.column} ${String(data.figure)}`;
    if (warned.has(key)) continue;
    warned.add(key);
    const figure = [data.figure, data.counted].filter(Boolean).join(' ');
    const done = leaveOut
      ? 'its stat cards were left out (brand.yaml unsourced_stats: leave-out)'
      : 'the card is marked `unsourced`; brand.yaml `unsourced_stats: leave-out` leaves such cards out';
    report(
      file,
      'warning',
      'stat-unsourced',
      `Unexpected figure “${figure}” without a source, expected a footnote, a link or a citation in its sentence, ` +
        'or `sources:` in the front matter',
      figureAt(file, origin, String(data.figure)),
      `figures in health posts need substantiation (FTC); ${done}`,
    );
  }
  if (!leaveOut) return posts;
  return posts
    .map((post) => ({ ...post, images: post.images.filter((image) => !unsourced(post).includes(image)) }))
    .filter((post) => post.images.length > 0);
}

/** Where the figure itself stands: its first appearance from the start of its paragraph, else the paragraph. */
function figureAt(file: VFile, paragraph: Position, figure: string): Position {
  const place = location(file);
  const from = place.toOffset(paragraph);
  const at = from === undefined ? -1 : String(file.value).toLowerCase().indexOf(figure.toLowerCase(), from);
  const point = at >= 0 ? place.toPoint(at) : undefined;
  return point ? { line: point.line, column: point.column } : paragraph;
}
