import type { Document } from 'yaml';
import { CHANNELS, type Channel } from '../channels/platforms.ts';

type Problem = (keys: (string | number)[], what: string) => void;

/**
 * brand.yaml's `drip:` — the evergreen part of a campaign: after the launch posts, each channel
 * gets `per_week` more quote and stat posts a week for `weeks` weeks, never repeating itself.
 */
export interface DripRules {
  weeks: number;
  /** Posts per channel per week; `default` for channels not named. */
  perWeek: Partial<Record<Channel | 'default', number>>;
}

/** No drip unless brand.yaml asks for one. */
const NO_DRIP: DripRules = { weeks: 0, perWeek: { default: 0 } };

export function parseDrip(doc: Document, problem: Problem): DripRules {
  if (doc.get('drip') === undefined) return NO_DRIP;
  const weeks = doc.getIn(['drip', 'weeks']) ?? 0;
  if (!Number.isInteger(weeks) || (weeks as number) < 0 || (weeks as number) > 52)
    problem(['drip', 'weeks'], 'a whole number of weeks from 0 to 52');
  const raw = doc.getIn(['drip', 'per_week'], true) as { toJSON?: () => unknown } | undefined;
  const value = raw?.toJSON?.() ?? doc.getIn(['drip', 'per_week']) ?? 1;
  const perWeek = (typeof value === 'number' ? { default: value } : value) as Record<string, unknown>;
  for (const [key, count] of Object.entries(perWeek ?? {})) {
    if (key !== 'default' && !(CHANNELS as string[]).includes(key))
      problem(['drip', 'per_week', key], `"default" or a channel (${CHANNELS.join(', ')})`);
    if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > 7)
      problem(['drip', 'per_week', key], 'a whole number of posts from 0 to 7');
  }
  return { weeks: Number(weeks), perWeek: { default: 1, ...(perWeek as DripRules['perWeek']) } };
}

/** How many drip posts one channel gets over the whole campaign. */
export function dripCount(rules: DripRules, channel: Channel): number {
  return rules.weeks * (rules.perWeek[channel] ?? rules.perWeek.default ?? 0);
}
