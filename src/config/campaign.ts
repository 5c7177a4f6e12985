import { isMap, isScalar, isSeq, type Document, type Pair } from 'yaml';
import { type CampaignEntry, POST_KINDS, type CampaignPostKind } from '../channels/campaigns.ts';
import { CHANNELS, platformOf, type Channel } from '../channels/platforms.ts';

type Problem = (keys: (string | number)[], what: string) => void;

/**
 * brand.yaml's optional `campaign:`: per channel, a list of `- <kind>: <format>` lines with
 * optional `count:` and `pdf:`. Channels it leaves out keep the defaults.
 */
export function parseCampaign(doc: Document, problem: Problem): Partial<Record<Channel, CampaignEntry[]>> {
  const node = doc.get('campaign', true);
  if (node === undefined) return {};
  if (!isMap(node)) {
    problem(['campaign'], 'a mapping of channel → list of posts');
    return {};
  }
  const campaign: Partial<Record<Channel, CampaignEntry[]>> = {};
  for (const pair of node.items as Pair[]) {
    const channel = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!(CHANNELS as string[]).includes(channel)) {
      problem(['campaign', channel], `a channel from ${CHANNELS.join(', ')}`);
      continue;
    }
    if (!isSeq(pair.value)) {
      problem(['campaign', channel], 'a list of posts like `- carousel: portrait`');
      continue;
    }
    campaign[channel as Channel] = pair.value.items.flatMap((_item, index) =>
      entryAt(doc, channel as Channel, index, problem),
    );
  }
  return campaign;
}

function entryAt(doc: Document, channel: Channel, index: number, problem: Problem): CampaignEntry[] {
  const keys = ['campaign', channel, index];
  const value = (doc.getIn(keys, true) as { toJSON?: () => unknown } | undefined)?.toJSON?.() as
    Record<string, unknown> | undefined;
  const kind = Object.keys(value ?? {}).find((key) => (POST_KINDS as readonly string[]).includes(key)) as
    CampaignPostKind | undefined;
  const formats = Object.keys(platformOf(channel)!.formats);
  if (!value || !kind) {
    problem(keys, `a post like \`- carousel: ${formats[0]}\` (kinds: ${POST_KINDS.join(', ')})`);
    return [];
  }
  const format = value[kind];
  if (typeof format !== 'string' || !formats.includes(format)) {
    problem([...keys, kind], `a ${channel} format (${formats.join(', ')})`);
    return [];
  }
  const count = value.count ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 10) {
    problem([...keys, 'count'], 'a whole number from 1 to 10');
    return [];
  }
  return [{ kind, format, count: count as number, pdf: value.pdf === true }];
}
