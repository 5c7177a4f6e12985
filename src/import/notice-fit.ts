import { countLength } from '../caption/count.ts';
import { CHANNELS, PLATFORMS } from '../channels/platforms.ts';
import type { Guess } from './imported.ts';

/**
 * A notice replaces the disclaimer, which threads post on its own and never shorten: one too
 * long for a channel's post holds that channel's posts back. Said at import, before a build.
 */
export function noticeFitGuess(notice: string | undefined): Guess | undefined {
  if (!notice) return undefined;
  const tight = CHANNELS.filter((channel) => {
    const { caption, threads } = PLATFORMS[channel];
    return threads && countLength(notice, caption.counting) > caption.limit;
  });
  if (tight.length === 0) return undefined;
  const limits = tight.map((channel) => `${PLATFORMS[channel].label} ${PLATFORMS[channel].caption.limit}`).join(', ');
  return {
    ruleId: 'import-notice-long',
    reason: `Unexpected notice of ${[...notice].length} characters, expected one a thread's post can hold (${limits})`,
    at: { key: 'notice' },
    hint: "shorten it, or delete the `notice:` line to use brand.yaml's disclaimer; until then those posts wait",
  };
}
