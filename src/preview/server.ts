import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, resolveOptions } from '../config/options.ts';
import type { ArticleEntry } from '../model.ts';
import { closeLayoutWorker } from '../render/layout-worker.ts';
import { listFiles } from '../write/atomic.ts';
import { contentType, fileInside } from './files.ts';
import { contactSheetFromOutput } from './sheet.ts';
import { calendarOf } from './calendar.ts';
import { type PreviewState, type Session, startSession } from './session.ts';
import { zip, type ZipEntry } from '../write/zip.ts';
import { type ActionRequest, approvedVersion, runAction } from './actions.ts';
import { hasToken, newToken, readJson } from './requests.ts';

export interface PreviewOptions extends Partial<BuildOptions> {
  /** Default 4173; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the preview is for the editor's own machine. */
  host?: string;
}

export interface Preview {
  url: string;
  session: Session;
  close(): Promise<void>;
}

const CLIENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client');
const CLIENT_FILES: Record<string, string> = {
  '/assets/app.js': 'app.js',
  '/assets/app.css': 'app.css',
  '/assets/calendar.js': 'calendar.js',
  '/assets/actions.js': 'actions.js',
  '/assets/edit.js': 'edit.js',
  '/assets/diff.js': 'diff.js',
};
const KEEP_ALIVE_MS = 15_000;

/** Starts the gallery: builds, watches, serves, and pushes every rebuild to open pages. */
export async function startPreview(input: PreviewOptions = {}): Promise<Preview> {
  // Sheets are drawn when asked for (/contact-sheet/<slug>.png), keeping rebuilds on save fast.
  const options = resolveOptions({ ...input, contactSheets: false });
  const host = input.host ?? '127.0.0.1';
  const clients = new Set<ServerResponse>();
  const session = await startSession(options, (state) => {
    for (const client of clients) sendEvent(client, state);
  });
  const context: Context = {
    options,
    session,
    clients,
    allowedHosts: new Set(),
    token: newToken(),
    actions: Promise.resolve(),
  };
  const server = createServer((request, response) => {
    handle(request, response, context).catch((error: unknown) => {
      // A 500 is a bug in facet: say which request and why, where the person running the preview sees it.
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`facet preview: 500 for ${request.method} ${request.url}: ${stack}\n`);
      if (!response.headersSent) respond(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.end();
    });
  });
  await listen(server, input.port ?? 4173, host);
  const { port } = server.address() as AddressInfo;
  for (const allowed of hostsFor(host, port)) context.allowedHosts.add(allowed);
  const keepAlive = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    session,
    close: async () => {
      clearInterval(keepAlive);
      session.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.idle();
      await closeLayoutWorker();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** The Host headers this server answers to; anything else may be DNS rebinding. */
function hostsFor(host: string, port: number): Set<string> {
  const names = new Set([host.includes(':') ? `[${host}]` : host]);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1')
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) names.add(name);
  return new Set([...names].map((name) => `${name}:${port}`));
}

interface Context {
  options: BuildOptions;
  session: Session;
  clients: Set<ServerResponse>;
  allowedHosts: Set<string>;
  /** Sent to this server's own page only; every action must carry it. */
  token: string;
  /** Actions run one at a time, so two tabs' saves never interleave a read and a write. */
  actions: Promise<unknown>;
}

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  if (!context.allowedHosts.has(request.headers.host ?? ''))
    return respond(response, 403, 'text/plain; charset=utf-8', 'Unexpected Host header');
  const origin = request.headers.origin;
  if (origin && !context.allowedHosts.has(origin.replace(/^https?:\/\//, '')))
    return respond(response, 403, 'text/plain; charset=utf-8', 'Unexpected Origin');
  const pathname = (request.url ?? '/').split('?')[0]!;
  if (request.method === 'POST' && pathname === '/api/action') return handleAction(request, response, context);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return respond(response, 405, 'text/plain; charset=utf-8', 'Only GET');
  if (pathname === '/') return serveIndex(response, context);
  const client = CLIENT_FILES[pathname];
  if (client) return respond(response, 200, contentType(client), await readFile(path.join(CLIENT, client)));
  if (pathname === '/api/state')
    return respond(response, 200, 'application/json; charset=utf-8', JSON.stringify(context.session.state()));
  if (pathname === '/api/calendar') return serveCalendar(response, context, request.url ?? '');
  if (pathname.startsWith('/api/approved/')) return serveApproved(response, context, pathname.slice(14));
  if (pathname === '/events') return openEvents(response, context);
  if (pathname.startsWith('/output/')) return serveOutput(response, context, pathname.slice('/output/'.length));
  if (pathname.startsWith('/zip/')) return serveZip(response, context, pathname.slice('/zip/'.length));
  if (pathname.startsWith('/contact-sheet/'))
    return serveSheet(response, context, pathname.slice('/contact-sheet/'.length));
  return respond(response, 404, 'text/plain; charset=utf-8', 'Not found');
}

/** The gallery's page with this server's token, which its script sends with every action. */
async function serveIndex(response: ServerResponse, context: Context): Promise<void> {
  const page = await readFile(path.join(CLIENT, 'index.html'), 'utf8');
  const meta = `<meta name="facet-token" content="${context.token}" />`;
  return respond(response, 200, contentType('index.html'), page.replace('</head>', `    ${meta}\n  </head>`));
}

/** POST /api/action: the token, a bounded JSON body, then the action, one at a time; other tabs are told. */
async function handleAction(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const json = (status: number, body: unknown) =>
    respond(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
  if (!hasToken(request, context.token)) return json(403, { ok: false, reason: 'Expected this preview’s own token' });
  const body = await readJson(request);
  if ('status' in body) return json(body.status, { ok: false, reason: body.reason });
  const action = body.value as unknown as ActionRequest;
  if (typeof action.post !== 'string' || typeof action.action !== 'string')
    return json(400, { ok: false, reason: 'Expected `post` and `action`' });
  const run = context.actions.then(() => runAction(action, context.options, context.session.state().manifest));
  context.actions = run.catch(() => undefined);
  const result = await run;
  if (result.rebuild) context.session.rebuild(result.rebuild);
  if (result.body.ok) {
    const tab = String(request.headers['x-facet-tab'] ?? '').slice(0, 64);
    const event = JSON.stringify({ post: action.post, action: action.action, tab });
    for (const client of context.clients) client.write(`event: edit\ndata: ${event}\n\n`);
  }
  return json(result.status, result.body);
}

function openEvents(response: ServerResponse, context: Context): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  context.clients.add(response);
  response.on('close', () => context.clients.delete(response));
  sendEvent(response, context.session.state());
}

function sendEvent(client: ServerResponse, state: PreviewState): void {
  client.write(`data: ${JSON.stringify({ version: state.version, building: state.building })}\n\n`);
}

/** Cards are committed first and served at once; an article's other files wait until they are made from its last save. */
async function serveOutput(response: ServerResponse, context: Context, urlPath: string): Promise<void> {
  const slug = /^([a-z0-9-]+)\//.exec(urlPath)?.[1];
  if (slug && !/\.(png|jpg)$/.test(urlPath)) await context.session.settled(slug);
  const file = await fileInside(context.options.outDir, urlPath);
  if (!file) return respond(response, 404, 'text/plain; charset=utf-8', 'Not found');
  // Image URLs carry the content hash (?v=…), so a changed image always has a new URL.
  return respond(response, 200, contentType(file), await readFile(file), 'no-cache');
}

/** `/zip/<slug>.zip`: the article's whole campaign. `/zip/<slug>/<channel>/<n>.zip`: one post. */
async function serveZip(response: ServerResponse, context: Context, rest: string): Promise<void> {
  const whole = /^([a-z0-9-]+)\.zip$/.exec(rest);
  const one = /^([a-z0-9-]+)\/([a-z]+)\/(\d+)\.zip$/.exec(rest);
  const slug = (whole ?? one)?.[1];
  if (slug) await context.session.settled(slug);
  const article = context.session.state().manifest.articles.find((entry) => entry.slug === (whole ?? one)?.[1]);
  if (!article) return respond(response, 404, 'text/plain; charset=utf-8', 'Not found');
  const entries = whole
    ? await articleFiles(context.options.outDir, article)
    : await postFiles(context.options.outDir, article, one![2]!, Number(one![3]));
  if (!entries) return respond(response, 404, 'text/plain; charset=utf-8', 'Not found');
  const name = whole ? `${article.slug}.zip` : `${article.slug}-${one![2]}-${one![3]}.zip`;
  response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  return respond(response, 200, 'application/zip', zip(entries));
}

/** `/api/calendar[?start=YYYY-MM-DD]`: the campaign as export schedules it; a broken brand.yaml is said, not thrown. */
async function serveCalendar(response: ServerResponse, context: Context, url: string): Promise<void> {
  const start = /[?&]start=(\d{4}-\d{2}-\d{2})(?:&|$)/.exec(url)?.[1];
  try {
    const calendar = await calendarOf(context.options.templatesDir, context.session.state().manifest, start);
    return respond(response, 200, 'application/json; charset=utf-8', JSON.stringify(calendar));
  } catch (error) {
    return respond(
      response,
      200,
      'application/json; charset=utf-8',
      JSON.stringify({ error: (error as Error).message, entries: [] }),
    );
  }
}

async function serveApproved(response: ServerResponse, context: Context, name: string): Promise<void> {
  const found = await approvedVersion(decodeURIComponent(name), context.options, context.session.state().manifest);
  if (!found) return respond(response, 404, 'text/plain; charset=utf-8', 'Not found');
  return respond(response, 200, 'application/json; charset=utf-8', JSON.stringify(found));
}

async function serveSheet(response: ServerResponse, context: Context, rest: string): Promise<void> {
  const slug = /^([a-z0-9-]+)\.png$/.exec(rest)?.[1];
  if (slug) await context.session.settled(slug);
  const article = context.session.state().manifest.articles.find((entry) => entry.slug === slug);
  if (!article || article.posts.length === 0) return respond(response, 404, 'text/plain; charset=utf-8', 'Not found');
  return respond(response, 200, 'image/png', await contactSheetFromOutput(context.options, article));
}

async function articleFiles(outDir: string, article: ArticleEntry): Promise<ZipEntry[]> {
  const dir = path.join(outDir, article.slug);
  const files = (await listFiles(dir)).sort();
  return Promise.all(
    files.map(async (file) => ({ name: `${article.slug}/${file}`, data: await readFile(path.join(dir, file)) })),
  );
}

/** A post's images, its caption (or thread) and its alt texts, ready to upload by hand. */
async function postFiles(
  outDir: string,
  article: ArticleEntry,
  channel: string,
  index: number,
): Promise<ZipEntry[] | undefined> {
  const post = article.posts.filter((candidate) => candidate.channel === channel)[index];
  if (!post) return undefined;
  const videoFiles = post.video ? [post.video.path, post.video.subtitles.srt, post.video.subtitles.vtt] : [];
  const images = await Promise.all(
    [...post.images.map((image) => image.path), ...videoFiles].map(async (file) => ({
      name: path.basename(file),
      data: await readFile(path.join(outDir, file)),
    })),
  );
  const caption = post.thread
    ? post.thread.join('\n\n---\n\n')
    : (post.caption ?? `Story link sticker: ${post.sticker ?? ''}`);
  const alts = post.images.map((image) => `${path.basename(image.path)}: ${image.alt}`).join('\n');
  return [
    ...images,
    { name: post.thread ? 'thread.txt' : 'caption.txt', data: Buffer.from(`${caption}\n`) },
    { name: 'alt-text.txt', data: Buffer.from(`${alts}\n`) },
  ];
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

function respond(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cache = 'no-store',
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': cache,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
