import { loadBrand } from '../config/brand.ts';
import { schedule } from '../export/schedule.ts';
import { addDays, todayIn } from '../config/timezone.ts';
import type { Manifest } from '../model.ts';

/** One post on the calendar: when, where, what, and the first line a follower sees. */
interface CalendarEntry {
  slug: string;
  title: string;
  channel: string;
  kind: string;
  /** The drip week, for posts of the drip campaign. */
  drip?: number;
  date: string;
  time: string;
  opening: string;
  /** As the frames show it: approved, changed since approval, or not approved. */
  approval: 'approved' | 'changed' | 'unapproved';
  /** The frame's name, `<slug>/<channel>/<n>`. */
  post: string;
}

export interface Calendar {
  start: string;
  timezone: string;
  entries: CalendarEntry[];
}

/** The campaign as `export` would schedule it from `start` (default: tomorrow in the brand's zone). */
export async function calendarOf(templatesDir: string, manifest: Manifest, start?: string): Promise<Calendar> {
  const brand = await loadBrand(templatesDir);
  const from = start ?? addDays(todayIn(brand.schedule.timezone), 1);
  const entries = schedule(manifest, brand.schedule, from).map((slot): CalendarEntry => ({
    slug: slot.article.slug,
    title: slot.article.title,
    channel: slot.post.channel,
    kind: slot.post.kind,
    ...(slot.post.drip ? { drip: slot.post.drip } : {}),
    date: slot.date,
    time: slot.time,
    approval: slot.post.approval ?? 'unapproved',
    post: `${slot.article.slug}/${slot.post.channel}/${slot.post.id?.split('/')[1]?.split('-')[0] ?? slot.index + 1}`,
    opening:
      (slot.post.thread?.[0] ?? slot.post.caption ?? `Story link sticker: ${slot.post.sticker ?? ''}`).split('\n')[0] ??
      '',
  }));
  return { start: from, timezone: brand.schedule.timezone, entries };
}
