import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { CampaignEntry } from '../channels/campaigns.ts';
import { CHANNELS, type Channel } from '../channels/platforms.ts';
import { COLOUR_NAMES, type ColourName, type Message } from '../model.ts';
import { parseCampaign } from './campaign.ts';
import { contrastProblems } from './contrast.ts';
import { parseSchedule } from './schedule.ts';
import { parseVideo, type VideoSettings } from './video.ts';
import { type DripRules, parseDrip } from './drip.ts';
import type { ScheduleRules } from './schedule.ts';
import { expectedMessage, SetupError } from './errors.ts';

export interface FontFamily {
  family: string;
  /** An npm package laid out like @fontsource's: `files/<id>-<subset>-<weight>-normal.woff`. */
  package: string;
  weights: number[];
}

export interface Brand {
  /** The file it was read from, for messages. */
  file: string;
  author: { name: string; role?: string };
  organisation?: string;
  website?: string;
  handles: Partial<Record<Channel, string>>;
  colours: Record<ColourName, string>;
  fonts: { heading: FontFamily; body: FontFamily };
  hashtags: string[];
  cta: string;
  linkInBio: string;
  disclaimer: string;
  /** Drawn on every card that states a treatment claim. */
  disclosureLine: string;
  /** Added to captions of articles on sensitive topics (depression, suicide, self-harm). */
  supportLine: string;
  channels: Channel[];
  /** Per channel, what its campaign holds; channels left out use DEFAULT_CAMPAIGNS. */
  campaign: Partial<Record<Channel, CampaignEntry[]>>;
  /** Absolute path of the logo (SVG or PNG), if the brand has one. */
  logo?: string;
  /** How exports drip the campaign out. */
  schedule: ScheduleRules;
  /** Short vertical videos (`video:`); undefined when off. */
  video?: VideoSettings;
  /** The evergreen weeks after the launch: how many, and posts per channel per week. */
  drip: DripRules;
  /** Where the images are published, for exports to link them; else they go by path. */
  imageBaseUrl?: string;
  /** UTM tags added to links; `{channel}` and `{slug}` are filled in. */
  utm: { source: string; medium: string; campaign: string };
  /** Stat cards whose figure has no source in the article: kept (marked and warned) or left out of the campaign. */
  unsourcedStats: 'keep' | 'leave-out';
  /** Problems worth knowing that do not stop a build (colour contrast), positioned in brand.yaml. */
  warnings: Message[];
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

interface Problem {
  line: number;
  column: number;
  reason: string;
}

/** Reads and checks `brand.yaml`; every problem at once in one SetupError. */
export async function loadBrand(templatesDir: string): Promise<Brand> {
  const file = path.join(templatesDir, 'brand.yaml');
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new SetupError(
      `Expected the brand kit at ${file} but could not read it`,
      'restore templates/brand.yaml from git, or pass --templates DIR',
      { cause: error },
    );
  }
  return parseBrand(source, path.relative(process.cwd(), file) || file, templatesDir);
}

function parseBrand(source: string, file: string, templatesDir: string): Brand {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((error) => ({
    ...place(lines, error.pos[0]),
    reason: error.message.split('\n')[0] ?? error.message,
  }));
  const brand = problems.length === 0 ? checkBrand(doc, lines, problems, file, templatesDir) : undefined;
  if (problems.length > 0 || !brand) {
    const list = problems.map((problem) => `${file}:${problem.line}:${problem.column}: ${problem.reason}`).join('\n');
    throw new SetupError(
      `The brand kit has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${list}`,
      'fix the lines named above; README.md ("templates/brand.yaml") documents every key',
    );
  }
  return brand;
}

function place(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function checkBrand(
  doc: Document,
  lines: LineCounter,
  problems: Problem[],
  file: string,
  templatesDir: string,
): Brand | undefined {
  if (!isMap(doc.contents)) {
    problems.push({ line: 1, column: 1, reason: expectedMessage('`key: value` lines', 'brand.yaml', doc.toJS()) });
    return undefined;
  }
  const root = doc.contents;
  const nodeAt = (keys: string[]): Node | undefined => root.getIn(keys, true) as Node | undefined;
  const problem = (keys: (string | number)[], what: string) => {
    const node = nodeAt(keys as string[]) ?? nodeAt(keys.slice(0, -1) as string[]);
    const offset = node?.range?.[0] ?? 0;
    problems.push({ ...place(lines, offset), reason: expectedMessage(what, `\`${keys.join('.')}\``, doc.getIn(keys)) });
  };
  const text = (keys: string[], required = true): string | undefined => {
    const value = doc.getIn(keys);
    if (value === undefined && !required) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim().replace(/\s+/g, ' ');
    problem(keys, 'a line of text');
    return undefined;
  };
  const list = (keys: string[]): string[] => {
    const value = doc.getIn(keys) as unknown;
    const items = (value as { toJSON?: () => unknown })?.toJSON?.() ?? value;
    if (value === undefined) return [];
    if (Array.isArray(items) && items.every((item) => typeof item === 'string')) return items as string[];
    problem(keys, 'a list of text');
    return [];
  };

  const colours = {} as Record<ColourName, string>;
  for (const name of COLOUR_NAMES) {
    const value = doc.getIn(['colours', name]);
    if (typeof value === 'string' && HEX.test(value)) colours[name] = value;
    else problem(['colours', name], 'a hex colour like "#0F2C3A"');
  }
  const channels = list(['channels']);
  for (const channel of channels) {
    if (!(CHANNELS as string[]).includes(channel)) problem(['channels'], `channels from ${CHANNELS.join(', ')}`);
  }
  const handles: Partial<Record<Channel, string>> = {};
  for (const channel of keysOf(root.get('handles', true))) {
    if (!(CHANNELS as string[]).includes(channel))
      problem(['handles', channel], `a channel from ${CHANNELS.join(', ')}`);
    else handles[channel as Channel] = text(['handles', channel]) ?? '';
  }
  const brand: Brand = {
    file,
    author: { name: text(['author', 'name']) ?? '', ...optional('role', text(['author', 'role'], false)) },
    ...optional('organisation', text(['organisation'], false)),
    ...optional('website', text(['website'], false)),
    handles,
    colours,
    fonts: {
      heading: fontFamily(doc, ['fonts', 'heading'], problem),
      body: fontFamily(doc, ['fonts', 'body'], problem),
    },
    hashtags: list(['hashtags']),
    cta: text(['cta']) ?? '',
    linkInBio: text(['link_in_bio']) ?? '',
    disclaimer: text(['disclaimer']) ?? '',
    disclosureLine: text(['disclosure_line'], false) ?? '',
    supportLine: text(['support_line'], false) ?? '',
    unsourcedStats: unsourcedStats(doc.getIn(['unsourced_stats']), () =>
      problem(['unsourced_stats'], '`keep` or `leave-out`'),
    ),
    channels: (channels.length > 0 ? channels : CHANNELS) as Channel[],
    campaign: parseCampaign(doc, problem),
    schedule: parseSchedule(doc, problem),
    ...optional('video', parseVideo(doc, problem)),
    drip: parseDrip(doc, problem),
    ...optional('imageBaseUrl', text(['image_base_url'], false)),
    utm: {
      source: text(['utm', 'source'], false) ?? '{channel}',
      medium: text(['utm', 'medium'], false) ?? 'social',
      campaign: text(['utm', 'campaign'], false) ?? '{slug}',
    },
    warnings: (COLOUR_NAMES.every((name) => colours[name]) ? contrastProblems(colours) : []).map((found) => {
      const at = place(lines, (nodeAt(['colours', found.colour]) as Node | undefined)?.range?.[0] ?? 0);
      return {
        file,
        ...at,
        ruleId: 'brand-contrast',
        severity: 'warning',
        reason: found.reason,
        hint: 'darken or lighten one of the two colours in brand.yaml',
      } satisfies Message;
    }),
    ...optional(
      'logo',
      assetPath(templatesDir, text(['logo'], false), (what) => problem(['logo'], what)),
    ),
  };
  return problems.length === 0 ? brand : undefined;
}

/** A file under templates/assets/; the path must stay inside the templates folder. */
function assetPath(
  templatesDir: string,
  value: string | undefined,
  problem: (what: string) => void,
): string | undefined {
  if (value === undefined) return undefined;
  const resolved = path.resolve(templatesDir, value);
  const inside = !path.relative(path.resolve(templatesDir), resolved).startsWith('..');
  if (!inside || !/\.(svg|png|jpe?g)$/i.test(resolved) || !existsSync(resolved)) {
    problem('an SVG, PNG or JPEG file under templates/, e.g. "assets/logo.svg"');
    return undefined;
  }
  return resolved;
}

function unsourcedStats(value: unknown, problem: () => void): Brand['unsourcedStats'] {
  if (value === undefined || value === 'keep' || value === 'leave-out') return value ?? 'keep';
  problem();
  return 'keep';
}

function keysOf(node: unknown): string[] {
  return isMap(node)
    ? (node.items as Pair[]).map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key))
    : [];
}

function fontFamily(doc: Document, keys: string[], problem: (keys: string[], what: string) => void): FontFamily {
  const family = doc.getIn([...keys, 'family']);
  const pkg = doc.getIn([...keys, 'package']);
  const weights = (doc.getIn([...keys, 'weights']) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
  if (typeof family !== 'string') problem([...keys, 'family'], 'a font family name');
  if (typeof pkg !== 'string') problem([...keys, 'package'], 'an npm font package like "@fontsource/inter"');
  const valid =
    Array.isArray(weights) &&
    weights.length > 0 &&
    weights.every((weight) => Number.isInteger(weight) && weight >= 100 && weight <= 900);
  if (!valid) problem([...keys, 'weights'], 'a list of font weights like [400, 700]');
  return { family: String(family), package: String(pkg), weights: valid ? (weights as number[]) : [] };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
