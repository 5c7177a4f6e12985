import { countLength } from '../caption/count.ts';
import { platformOf } from '../channels/platforms.ts';
import { reportIn } from '../messages/report.ts';
import type { Caption, Post } from '../model.ts';
import { findings } from '../review/review.ts';
import type { Rule } from '../review/rules.ts';
import type { TextOverride } from './parse.ts';
import type { OverridesIn } from './plan.ts';

/** Captions with the editors' words, and what the review must leave to this module. */
export interface EditedCaptions {
  posts: Post[];
  captions: Map<Post, Caption>;
  /** Posts whose edited words break an error rule or the platform's limit: held back like any other. */
  held: Set<Post>;
  /** The editors' texts, reviewed here at their place in the sidecar, not searched for in the article. */
  reviewed: string[];
}

/**
 * Each caption (or thread post) an editor rewrote, counted the platform's way and reviewed
 * with the same rules as facet's own. An override whose replaced text is no longer the
 * caption facet writes is not applied: the post is stale and a warning points at it.
 */
export function applyCaptionOverrides(
  posts: Post[],
  captions: Map<Post, Caption>,
  given: OverridesIn,
  rules: Rule[],
): EditedCaptions {
  const edited: EditedCaptions = { posts: [], captions: new Map(), held: new Set(), reviewed: [] };
  for (const post of posts) {
    const caption = captions.get(post);
    const override = post.id ? given.overrides.get(post.id) : undefined;
    if (!caption || !override || post.kind === 'story' || (!override.caption && !override.thread)) {
      edited.posts.push(post);
      if (caption) edited.captions.set(post, caption);
      continue;
    }
    const result = editCaption(post, caption, override.caption, override.thread, given, rules);
    edited.posts.push(result.post);
    edited.captions.set(result.post, result.caption);
    if (result.held) edited.held.add(result.post);
    edited.reviewed.push(...result.reviewed);
  }
  return edited;
}

function editCaption(
  post: Post,
  caption: Caption,
  whole: TextOverride | undefined,
  thread: Map<number, TextOverride> | undefined,
  given: OverridesIn,
  rules: Rule[],
) {
  const counting = platformOf(post.channel)!.caption.counting;
  const stale: string[] = [];
  const applied: TextOverride[] = [];
  let next: Caption = caption;
  if (whole && !caption.thread) {
    if (whole.replaces === caption.text) {
      next = { ...next, text: whole.text };
      applied.push(whole);
    } else stale.push(staleWarning(given, post, 'caption', whole));
  }
  if (thread && caption.thread) {
    const posts = [...caption.thread];
    for (const [n, override] of thread) {
      if (posts[n - 1] === override.replaces) {
        posts[n - 1] = override.text;
        applied.push(override);
      } else stale.push(staleWarning(given, post, `thread ${n}`, override));
    }
    next = { ...next, thread: posts, text: posts.join('\n\n') };
  }
  let held = false;
  for (const override of applied) held = checkOverride(post, override, counting, caption.limit, given, rules) || held;
  const lengths = (next.thread ?? [next.text]).map((text) => countLength(text, counting));
  if (applied.length > 0) {
    const origins = applied.flatMap((override) =>
      override.text
        .split('\n')
        .filter(Boolean)
        .map((text) => ({ text, from: [`${given.path}:${override.at.line}`] })),
    );
    next = { ...next, length: Math.max(...lengths), origins: [...(next.origins ?? []), ...origins], warnings: [] };
  }
  const names = applied.map((override) =>
    override === whole ? 'caption' : `thread ${threadNumber(thread, override)}`,
  );
  const marked = {
    ...post,
    ...(stale.length > 0 ? { stale: [...(post.stale ?? []), ...stale] } : {}),
    ...(names.length > 0 ? { edited: [...(post.edited ?? []), ...names] } : {}),
  };
  return { post: marked, caption: next, held, reviewed: applied.map((override) => override.text) };
}

function threadNumber(thread: Map<number, TextOverride> | undefined, override: TextOverride): number {
  return [...(thread ?? [])].find(([, candidate]) => candidate === override)?.[0] ?? 0;
}

function staleWarning(given: OverridesIn, post: Post, what: string, override: TextOverride): string {
  reportIn(
    given.file,
    given.path,
    'warning',
    'override-stale',
    `Unexpected ${what} on ${post.id}: the edit replaced text facet no longer writes (the article or a template changed)`,
    override.at,
    'edit the caption again in the preview (or update `replaces:` here); until then the post shows facet’s own words',
  );
  return what;
}

/** The limit and the review rules on an editor's words; true when they hold the post back. */
function checkOverride(
  post: Post,
  override: TextOverride,
  counting: Parameters<typeof countLength>[1],
  limit: number,
  given: OverridesIn,
  rules: Rule[],
): boolean {
  let held = false;
  const length = countLength(override.text, counting);
  if (length > limit) {
    held = true;
    reportIn(
      given.file,
      given.path,
      'error',
      'override-too-long',
      `Unexpected caption of ${length} on ${post.id}, expected at most ${limit} as ${platformOf(post.channel)!.label} counts it`,
      override.at,
      'shorten the edit; the post is held back until it fits',
    );
  }
  for (const finding of findings(override.text, rules)) {
    if (finding.rule.severity === 'error') held = true;
    reportIn(
      given.file,
      given.path,
      finding.rule.severity,
      finding.rule.id,
      `Unexpected “${finding.match}” in the edit of ${post.id}: ${finding.rule.why}`,
      override.at,
      `${finding.rule.rewrite}${finding.rule.severity === 'error' ? ' The post is held back until it is fixed.' : ''}`,
    );
  }
  return held;
}
