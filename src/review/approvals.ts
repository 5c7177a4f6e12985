import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { SetupError } from '../config/errors.ts';
import type { ArticleEntry, Manifest, PostEntry } from '../model.ts';
import { writeAtomic } from '../write/atomic.ts';

/** approvals.yaml: per article, per post id ("instagram/1-carousel"), the hash that was approved. */
export type Approvals = Record<string, Record<string, string>>;

type ApprovalStatus = 'approved' | 'changed' | 'unapproved';

/** What was approved: the words and every image, so any change to either shows. */
function postHash(post: PostEntry): string {
  return createHash('sha256')
    .update(
      JSON.stringify([post.caption, post.thread ?? null, post.title ?? null, post.images.map((image) => image.hash)]),
    )
    .digest('hex')
    .slice(0, 16);
}

/** A post's name in approvals.yaml: its channel, place and kind, stable across rebuilds. */
function postId(article: ArticleEntry, post: PostEntry): string {
  if (post.id) return post.id;
  const index = article.posts.filter((candidate) => candidate.channel === post.channel).indexOf(post);
  return `${post.channel}/${index + 1}-${post.kind}`;
}

/**
 * approvals.yaml as recorded; none yet when the file does not exist. A file that exists but
 * cannot be read, parsed or understood stops the build and `approve` (a setup error): taking
 * it as "no approvals" would show approved posts as unapproved, and `approve` would rewrite it.
 */
export async function loadApprovals(file: string): Promise<Approvals> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SetupError(`Expected to read ${file} but could not: ${(error as Error).message}`, FIX_APPROVALS, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = parse(text) ?? {};
  } catch (error) {
    throw new SetupError(
      `Expected YAML in ${file} but could not parse it: ${(error as Error).message.split('\n')[0]}`,
      FIX_APPROVALS,
      { cause: error },
    );
  }
  const problem = approvalsProblem(data);
  if (problem) throw new SetupError(`Expected ${file} to map article → post → hash but ${problem}`, FIX_APPROVALS);
  return data as Approvals;
}

const FIX_APPROVALS =
  'fix the file by hand (git shows what changed) or restore it; facet will not overwrite it until it reads';

function approvalsProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return `it holds ${Array.isArray(data) ? 'a list' : typeof data}`;
  for (const [slug, posts] of Object.entries(data)) {
    if (typeof posts !== 'object' || posts === null || Array.isArray(posts)) return `${slug} is not a mapping of posts`;
    for (const [post, hash] of Object.entries(posts)) {
      if (typeof hash !== 'string') return `${slug} → ${post} is not a hash`;
    }
  }
  return undefined;
}

function statusOf(approvals: Approvals, article: ArticleEntry, post: PostEntry): ApprovalStatus {
  const approved = approvals[article.slug]?.[postId(article, post)];
  if (!approved) return 'unapproved';
  return approved === postHash(post) ? 'approved' : 'changed';
}

/** Each post's approval status, as the manifest and the preview show it. */
export function withApprovals(manifest: Manifest, approvals: Approvals): Manifest {
  return {
    ...manifest,
    articles: manifest.articles.map((article) => ({
      ...article,
      posts: article.posts.map((post) => ({ ...post, approval: statusOf(approvals, article, post) })),
    })),
  };
}

/** What an approved post said, kept by its hash (under the cache) so the preview can show what changed since. */
export interface ApprovedPost {
  caption?: string;
  thread?: string[];
  title?: string;
  images: { path: string; hash: string; alt: string }[];
}

/** Where approved posts are kept: under the cache, since approvals.yaml holds only their hashes. */
export function approvedSnapshots(cacheDir: string): string {
  return path.join(cacheDir, 'approved');
}

function snapshotFile(snapshots: string, hash: string): string {
  return path.join(snapshots, `${hash}.json`);
}

async function keepSnapshot(snapshots: string | undefined, post: PostEntry): Promise<void> {
  if (!snapshots) return;
  const kept: ApprovedPost = {
    ...(post.caption !== undefined ? { caption: post.caption } : {}),
    ...(post.thread ? { thread: post.thread } : {}),
    ...(post.title ? { title: post.title } : {}),
    images: post.images.map(({ path: image, hash, alt }) => ({ path: image, hash, alt })),
  };
  await writeAtomic(snapshotFile(snapshots, postHash(post)), `${JSON.stringify(kept, null, 2)}\n`);
}

/** The post as it was approved, when this machine kept it; undefined when it was never approved or not kept here. */
export async function approvedPost(
  file: string,
  snapshots: string,
  slug: string,
  id: string,
): Promise<ApprovedPost | undefined> {
  const hash = (await loadApprovals(file))[slug]?.[id];
  if (!hash) return undefined;
  try {
    return JSON.parse(await readFile(snapshotFile(snapshots, hash), 'utf8')) as ApprovedPost;
  } catch {
    return undefined;
  }
}

/** Records the current hash of an article's posts (or one channel's) and writes the file, sorted for readable diffs. */
export async function approve(
  file: string,
  manifest: Manifest,
  slug: string,
  channel?: string,
  snapshots?: string,
): Promise<number> {
  const article = manifest.articles.find((entry) => entry.slug === slug);
  if (!article || article.status !== 'ok')
    throw new SetupError(
      `Expected a built article named ${slug} in the manifest but found none`,
      'run `npm start` first, then approve what you reviewed in the preview',
    );
  const approvals = await loadApprovals(file);
  const posts = article.posts.filter((post) => !channel || post.channel === channel);
  if (posts.length === 0)
    throw new SetupError(
      `Expected posts of ${slug}${channel ? ` on ${channel}` : ''} but found none`,
      'check the channel name',
    );
  const recorded = { ...(approvals[slug] ?? {}) };
  for (const post of posts) recorded[postId(article, post)] = postHash(post);
  await writeApprovals(file, { ...approvals, [slug]: recorded });
  for (const post of posts) await keepSnapshot(snapshots, post);
  return posts.length;
}

/**
 * Approves one post as it is now, or withdraws its approval (the preview's button). Returns
 * false when the manifest has no such post.
 */
export async function setApproval(
  file: string,
  manifest: Manifest,
  slug: string,
  id: string,
  approved: boolean,
  snapshots?: string,
): Promise<boolean> {
  const article = manifest.articles.find((entry) => entry.slug === slug && entry.status === 'ok');
  const post = article?.posts.find((candidate) => postId(article, candidate) === id);
  if (!article || !post || post.hidden) return false;
  const approvals = await loadApprovals(file);
  const recorded = { ...(approvals[slug] ?? {}) };
  if (approved) recorded[id] = postHash(post);
  else delete recorded[id];
  const next = { ...approvals, [slug]: recorded };
  if (Object.keys(recorded).length === 0) delete next[slug];
  await writeApprovals(file, next);
  if (approved) await keepSnapshot(snapshots, post);
  return true;
}

/** The file sorted for readable diffs, one line per post. */
async function writeApprovals(file: string, approvals: Approvals): Promise<void> {
  const sorted = Object.fromEntries(
    Object.entries(approvals)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([slug, posts]) => [slug, Object.fromEntries(Object.entries(posts).sort(([a], [b]) => a.localeCompare(b)))]),
  );
  await writeAtomic(
    file,
    `# Approved posts: article → post → content hash (words and images). Written by \`facet approve\` and the preview.\n${stringify(sorted)}`,
  );
}
