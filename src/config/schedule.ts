import type { Document } from 'yaml';
import { CHANNELS, type Channel } from '../channels/platforms.ts';
import { isTimeZone } from './timezone.ts';

/** brand.yaml's `schedule:` — how a campaign drips out. Every key has a default. */
export interface ScheduleRules {
  /** IANA zone the windows are in. Default America/Los_Angeles. */
  timezone: string;
  /** Days between two posts of one article on one channel (at least 1). Default 2. */
  daysBetween: Partial<Record<Channel | 'default', number>>;
  /** Posting times of day, "HH:MM". Default 09:00, 12:30, 17:30. */
  windows: Partial<Record<Channel | 'default', string[]>>;
  /** Dates nothing is posted on. Default none. */
  blackout: string[];
}

export const DEFAULT_SCHEDULE: ScheduleRules = {
  timezone: 'America/Los_Angeles',
  daysBetween: { default: 2 },
  windows: { default: ['09:00', '12:30', '17:30'] },
  blackout: [],
};

type Problem = (keys: (string | number)[], what: string) => void;

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** brand.yaml's optional `schedule:`; anything it leaves out keeps DEFAULT_SCHEDULE. */
export function parseSchedule(doc: Document, problem: Problem): ScheduleRules {
  const plain = (keys: string[]) =>
    (doc.getIn(keys, true) as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? doc.getIn(keys);
  const timezone = doc.getIn(['schedule', 'timezone']) ?? DEFAULT_SCHEDULE.timezone;
  if (typeof timezone !== 'string' || !isTimeZone(timezone))
    problem(['schedule', 'timezone'], 'an IANA time zone like "America/Los_Angeles"');
  const daysBetween = (plain(['schedule', 'days_between']) ?? DEFAULT_SCHEDULE.daysBetween) as Record<string, unknown>;
  for (const [key, value] of Object.entries(daysBetween)) {
    if (key !== 'default' && !(CHANNELS as string[]).includes(key))
      problem(['schedule', 'days_between', key], `"default" or a channel (${CHANNELS.join(', ')})`);
    if (!Number.isInteger(value) || (value as number) < 1)
      problem(['schedule', 'days_between', key], 'a whole number of days, at least 1');
  }
  const windows = (plain(['schedule', 'windows']) ?? DEFAULT_SCHEDULE.windows) as Record<string, unknown>;
  for (const [key, value] of Object.entries(windows)) {
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      !value.every((time) => typeof time === 'string' && TIME.test(time))
    ) {
      problem(['schedule', 'windows', key], 'a list of times like ["09:00", "17:30"]');
    }
  }
  const blackout = (plain(['schedule', 'blackout']) ?? []) as unknown[];
  if (!Array.isArray(blackout) || !blackout.every((date) => typeof date === 'string' && DATE.test(date)))
    problem(['schedule', 'blackout'], 'a list of dates like [2024-12-25]');
  return {
    timezone: String(timezone),
    daysBetween: { ...DEFAULT_SCHEDULE.daysBetween, ...(daysBetween as ScheduleRules['daysBetween']) },
    windows: { ...DEFAULT_SCHEDULE.windows, ...(windows as ScheduleRules['windows']) },
    blackout: Array.isArray(blackout) ? blackout.map(String) : [],
  };
}
