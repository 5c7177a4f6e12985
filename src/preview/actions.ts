import type { BuildOptions } from '../config/options.ts';
import type { Analysis, Manifest, Message, Post } from '../model.ts';
import { messagesOf } from '../messages/report.ts';
import { slideLabel } from '../override/plan.ts';
import { analyzeArticle } from '../pipeline.ts';
import { readArticle } from '../read/articles.ts';
import { sidecarPath } from '../read/sidecar.ts';
import { approvedPost, approvedSnapshots, setApproval } from '../review/approvals.ts';
import { loadAnalysisSetup } from '../setup/analysis.ts';
import { readSidecarData, type SidecarData, sidecarText, writeSidecar } from './sidecar.ts';

/** What a page asks: an action on a post named as the page names it, `<slug>/<channel>/<n>`. */
export interface ActionRequest {
  post: string;
  action: string;
  text?: string;
  /** A thread post's number, from 1. */
  n?: number;
  /** Slides as the frame shows them now, from 0. */
  from?: number;
  to?: number;
}

export interface ActionResult {
  status: number;
  body: { ok: boolean; reason?: string; messages?: Message[] };
  /** The article to build again now that its sidecar or approvals changed. */
  rebuild?: string;
}

const refuse = (status: number, reason: string, messages?: Message[]): ActionResult => ({
  status,
  body: { ok: false, reason, ...(messages ? { messages } : {}) },
});

/**
 * Runs one action. Sidecar edits are checked by the same analysis a build runs (fitting,
 * counting, review) before anything is written: a refused edit changes no file.
 */
export async function runAction(
  request: ActionRequest,
  options: BuildOptions,
  manifest: Manifest,
): Promise<ActionResult> {
  const [slug, channel, number] = request.post.split('/');
  const article = manifest.articles.find((entry) => entry.slug === slug && entry.status === 'ok');
  const entry = article?.posts.find((post) => post.channel === channel && post.id?.startsWith(`${channel}/${number}-`));
  if (!article || !entry?.id) return refuse(404, `Unexpected post ${request.post}, expected one the preview shows`);
  const id = entry.id;
  if (request.action === 'approve' || request.action === 'withdraw') {
    const approved = request.action === 'approve';
    const snapshots = approvedSnapshots(options.cacheDir);
    const done = await setApproval(options.approvalsFile, manifest, article.slug, id, approved, snapshots);
    return done
      ? { status: 200, body: { ok: true }, rebuild: article.slug }
      : refuse(409, `Unexpected hidden post ${id}`);
  }
  const file = sidecarPath(options.articlesDir, article.slug);
  const data = await readSidecarData(file).catch(() => undefined);
  if (!data) return refuse(409, `Unexpected ${file} that does not read as YAML, expected it fixed first`);
  const change = await changeFor(request, id, article.slug, options, data);
  if ('status' in change) return change;
  const next: SidecarData = { ...data, [id]: change.post };
  const messages = await problemsWith(article.slug, options, sidecarText(article.slug, next), id);
  if (messages.length > 0) return refuse(422, messages[0]!.reason, messages);
  await writeSidecar(file, article.slug, next);
  // Not left to the watcher alone: Node's recursive watch on Linux can miss a file replaced by rename.
  return { status: 200, body: { ok: true }, rebuild: article.slug };
}

/** `/api/approved/<slug>/<channel>/<n>`: the post as approved, for "what changed since approval". */
export async function approvedVersion(name: string, options: BuildOptions, manifest: Manifest) {
  const [slug, channel, number] = name.split('/');
  const article = manifest.articles.find((entry) => entry.slug === slug);
  const id = article?.posts.find(
    (post) => post.channel === channel && post.id?.startsWith(`${channel}/${number}-`),
  )?.id;
  if (!article || !id) return undefined;
  return {
    approved:
      (await approvedPost(options.approvalsFile, approvedSnapshots(options.cacheDir), article.slug, id)) ?? null,
  };
}

/** The post's overrides after the action, with each `replaces:` taken from what facet writes without it. */
async function changeFor(
  request: ActionRequest,
  id: string,
  slug: string,
  options: BuildOptions,
  data: SidecarData,
): Promise<{ post: Record<string, unknown> } | ActionResult> {
  const current: Record<string, unknown> = { ...(data[id] ?? {}) };
  const field = fieldOf(request);
  if (!field) return refuse(400, `Unexpected action ${request.action}`);
  if (request.action === 'hide') return { post: { ...current, hidden: true } };
  if (request.action === 'show') return { post: without(current, 'hidden') };
  if (request.action === 'revert') return { post: withoutField(current, field) };
  const base = { ...data, [id]: withoutField(current, field) };
  const generated = await generatedPost(slug, options, sidecarText(slug, base), id);
  if (!generated) return refuse(409, `Unexpected ${id} held back, expected a post to change; fix its errors first`);
  const { post, caption } = generated;
  const text = typeof request.text === 'string' ? request.text.replace(/\r\n?/g, '\n') : undefined;
  switch (request.action) {
    case 'caption':
      if (text === undefined || post.kind === 'story') return refuse(400, 'Expected the caption’s text');
      if (request.n !== undefined) {
        const replaces = caption?.thread?.[request.n - 1];
        if (replaces === undefined) return refuse(400, `Unexpected thread post ${request.n} of ${id}`);
        const thread = { ...((current.thread as Record<string, unknown>) ?? {}), [request.n]: { text, replaces } };
        return { post: { ...current, thread } };
      }
      return { post: { ...current, caption: { text, replaces: caption?.text ?? '' } } };
    case 'quote':
      if (text === undefined || post.kind !== 'quote') return refuse(400, 'Expected a quote for a quote post');
      return { post: { ...current, quote: { text, replaces: String(post.images[0]?.card.data.quote ?? '') } } };
    default:
      return slidesChange(request, current, post);
  }
}

function fieldOf(request: ActionRequest): string | undefined {
  const fields: Record<string, string> = {
    hide: 'hidden',
    show: 'hidden',
    caption: request.n === undefined ? 'caption' : `thread.${request.n}`,
    quote: 'quote',
    'move-slide': 'slides',
    'hide-slide': 'slides',
    'show-slides': 'slides',
  };
  if (request.action === 'revert')
    return request.text && /^(caption|quote|slides|thread\.\d+)$/.test(request.text) ? request.text : undefined;
  return fields[request.action];
}

function without(post: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(post).filter(([name]) => name !== key));
}

function withoutField(post: Record<string, unknown>, field: string): Record<string, unknown> {
  if (!field.startsWith('thread.')) return without(post, field);
  const thread = without((post.thread as Record<string, unknown>) ?? {}, field.slice('thread.'.length));
  return Object.keys(thread).length > 0 ? { ...post, thread } : without(post, 'thread');
}

/** Moves, hides or shows slides in the order the frame shows them; facet's own order leaves no override. */
function slidesChange(
  request: ActionRequest,
  current: Record<string, unknown>,
  post: Post,
): { post: Record<string, unknown> } | ActionResult {
  if (post.kind !== 'carousel') return refuse(400, 'Expected a carousel');
  const labels = post.images.map(slideLabel);
  const all = labels.map((_, index) => index + 1);
  const saved = (current.slides as { order?: number[] } | undefined)?.order;
  const order = [...(saved ?? all)];
  const from = request.from ?? -1;
  if (request.action === 'move-slide') {
    const to = request.to ?? -1;
    if (!order[from] || to < 0 || to >= order.length) return refuse(400, 'Unexpected slide positions');
    order.splice(to, 0, order.splice(from, 1)[0]!);
  } else if (request.action === 'hide-slide') {
    if (!order[from] || order.length === 1) return refuse(400, 'Unexpected slide, expected one of several shown');
    order.splice(from, 1);
  } else {
    for (const n of all.filter((slide) => !order.includes(slide))) {
      const after = order.findIndex((slide) => slide > n);
      order.splice(after < 0 ? order.length : after, 0, n);
    }
  }
  if (order.join() === all.join()) return { post: without(current, 'slides') };
  return { post: { ...current, slides: { order, replaces: labels } } };
}

async function analysisWith(slug: string, options: BuildOptions, sidecar: string) {
  const source = await readArticle(options.articlesDir, slug);
  const path = source.sidecar?.path ?? sidecarPath(options.articlesDir, slug);
  const loaded = await loadAnalysisSetup(options.templatesDir);
  // As the build plans it: without videos (FACET_VIDEO=off) the posts after one are numbered one less.
  const setup = options.video ? loaded : { ...loaded, brand: { ...loaded.brand, video: undefined } };
  const withSidecar = { ...source, sidecar: { path, text: sidecar } };
  return { source: withSidecar, analysis: analyzeArticle(withSidecar, setup, options) };
}

/** The post as facet plans and captions it with these overrides (before any pixels). */
async function generatedPost(slug: string, options: BuildOptions, sidecar: string, id: string) {
  const { analysis } = await analysisWith(slug, options, sidecar);
  const post = postOf(analysis, id);
  return post && analysis.status === 'ok' ? { post, caption: analysis.captions.get(post) } : undefined;
}

function postOf(analysis: Analysis, id: string): Post | undefined {
  return analysis.status === 'ok' ? analysis.posts.find((post) => post.id === id) : undefined;
}

/** The errors the edit brings, and any part of it that would not apply (a quote the article lacks). */
async function problemsWith(slug: string, options: BuildOptions, sidecar: string, id: string): Promise<Message[]> {
  const { source, analysis } = await analysisWith(slug, options, sidecar);
  const messages = messagesOf(source.file, source.file.path).filter(
    (message) =>
      message.file === source.sidecar.path &&
      (message.severity === 'error' || (message.ruleId === 'override-stale' && message.reason.includes(id))),
  );
  if (messages.length === 0 && !postOf(analysis, id))
    return [{ ...messagesOf(source.file, source.file.path).find((message) => message.severity === 'error')! }].filter(
      (message) => message.reason,
    );
  return messages;
}
