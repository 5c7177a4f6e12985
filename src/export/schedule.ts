import type { ArticleEntry, Manifest, PostEntry, PostKind } from '../model.ts';
import { DEFAULT_SCHEDULE, type ScheduleRules } from '../config/schedule.ts';
import { addDays, zonedInstant } from '../config/timezone.ts';

export interface Slot {
  article: ArticleEntry;
  post: PostEntry;
  /** The post's place among its channel's posts in the manifest (0-based). */
  index: number;
  date: string;
  time: string;
  timezone: string;
  at: Date;
}

/** Carousels and threads open a campaign; single images follow. */
const ORDER: Record<PostKind, number> = { carousel: 0, thread: 0, link: 1, story: 2, video: 2, quote: 3, stat: 4 };

/**
 * Every post of every article a day and a time: each article from `start` on, channel by
 * channel, its lead post first, `daysBetween` apart, never two of one article on one channel
 * on the same day, never on a blackout date, never two posts of a channel at the same time.
 */
export function schedule(manifest: Manifest, rules: ScheduleRules, start: string): Slot[] {
  const taken = new Set<string>();
  const slots: Slot[] = [];
  const blackout = new Set(rules.blackout);
  for (const article of manifest.articles.filter((entry) => entry.status === 'ok')) {
    const channels = [...new Set(article.posts.map((post) => post.channel))];
    for (const channel of channels) {
      const posts = article.posts
        .map((post, index) => ({ post, index }))
        .filter(({ post }) => post.channel === channel)
        .map(({ post }, index) => ({ post, index }))
        // Hidden by an editor: in no export and on no calendar.
        .filter(({ post }) => !post.hidden);
      const launch = posts
        .filter(({ post }) => !post.drip)
        .sort((a, b) => ORDER[a.post.kind] - ORDER[b.post.kind] || a.index - b.index);
      const gap = Math.max(1, rules.daysBetween[channel] ?? rules.daysBetween.default ?? 2);
      const windows = rules.windows[channel] ?? rules.windows.default ?? DEFAULT_SCHEDULE.windows.default!;
      const place = (date: string) => {
        let day = date;
        for (;;) {
          const time = blackout.has(day)
            ? undefined
            : windows.find((candidate) => !taken.has(`${channel} ${day} ${candidate}`));
          if (time) return { date: day, time };
          day = addDays(day, 1);
        }
      };
      let date = start;
      for (const { post, index } of [...launch, ...dripOrder(posts)]) {
        // A drip post waits for its week; within a week the posts spread over its days.
        const slot = place(post.drip ? later(date, dripDay(start, post, posts)) : date);
        taken.add(`${channel} ${slot.date} ${slot.time}`);
        slots.push({
          article,
          post,
          index,
          ...slot,
          timezone: rules.timezone,
          at: zonedInstant(slot.date, slot.time, rules.timezone),
        });
        date = addDays(slot.date, gap);
      }
    }
  }
  return slots.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.article.slug.localeCompare(b.article.slug) ||
      a.post.channel.localeCompare(b.post.channel),
  );
}

type Indexed = { post: PostEntry; index: number };

function dripOrder(posts: Indexed[]): Indexed[] {
  return posts.filter(({ post }) => post.drip).sort((a, b) => a.post.drip! - b.post.drip! || a.index - b.index);
}

/** Week n of the drip starts n weeks after the launch; its posts spread evenly over the week. */
function dripDay(start: string, post: PostEntry, posts: Indexed[]): string {
  const week = posts.filter((candidate) => candidate.post.drip === post.drip);
  const place = week.findIndex((candidate) => candidate.post === post);
  return addDays(start, 7 * post.drip! + Math.floor((place * 7) / week.length));
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}
