import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, get, request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import type { Manifest } from '../../src/model.ts';
import type { Preview } from '../../src/preview/server.ts';
import { previewOf } from '../helpers/preview.ts';
import { listFiles } from '../../src/write/atomic.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

let project: TempProject;
let preview: Preview;
const agent = new Agent({ keepAlive: true, maxSockets: 600 });

beforeAll(async () => {
  project = tempProject();
  preview = await previewOf(project, ['x']);
}, 120_000);

afterAll(async () => {
  agent.destroy();
  await preview?.close();
});

function fetchStatus(pathname: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(preview.url);
  return new Promise((resolve) => {
    const req = request(
      { hostname, port, path: pathname, agent, headers: { host: `${hostname}:${port}`, ...headers } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(-1));
    req.end();
  });
}

/** Traversal payloads: encodings of `..` and separators, at every route that reads files. */
function payloads(): string[] {
  const ups = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '..%00', '%c0%ae%c0%ae', '..%c0%af', '....'];
  const separators = ['/', '%2f', '%2F', '%5c', '\\\\', '%252f'];
  const targets = ['package.json', 'etc/passwd', 'templates/brand.yaml'];
  const routes = ['/output/', '/zip/', '/contact-sheet/', '/assets/'];
  const list = new Set<string>();
  for (const up of ups)
    for (const separator of separators)
      for (const target of targets) list.add(`/output/${up}${separator}${up}${separator}${target}`);
  for (const route of routes)
    for (const target of targets) list.add(`${route}${encodeURIComponent(`/${target}`)}`).add(`${route}%00${target}`);
  list
    .add('/output//etc/passwd')
    .add('/output/%2fetc%2fpasswd')
    .add('/output/C:%5cWindows%5cwin.ini')
    .add('/output/manifest.json%00.png');
  return [...list];
}

describe('the preview under load', () => {
  it('refuses at least 100 traversal payloads with 403 or 404, never a 5xx', async () => {
    const list = payloads();
    expect(list.length).toBeGreaterThanOrEqual(100);
    console.log(`traversal: ${list.length} payloads refused`);
    const statuses = await Promise.all(list.map((payload) => fetchStatus(payload)));
    list.forEach((payload, index) => expect([403, 404], payload).toContain(statuses[index]));
  });

  it('serves 500 concurrent requests at a time with 50 live-reload clients open, for 30 s, without an error', async () => {
    const { hostname, port } = new URL(preview.url);
    const streams = await Promise.all(
      Array.from(
        { length: 50 },
        () =>
          new Promise<{ received: () => number; close: () => void }>((resolve, reject) => {
            const req = get(
              { hostname, port, path: '/events', headers: { host: `${hostname}:${port}` } },
              (response) => {
                let chunks = 0;
                response.on('data', () => (chunks += 1));
                resolve({ received: () => chunks, close: () => req.destroy() });
              },
            );
            req.on('error', reject);
          }),
      ),
    );
    const manifest = JSON.parse(readFileSync(path.join(project.out, 'manifest.json'), 'utf8')) as Manifest;
    const image = manifest.articles[0]!.posts[0]!.images[0]!.path;
    const routes = ['/', '/api/state', `/output/${image}`, '/assets/app.js', '/output/nope.png'];
    const until = Date.now() + 30_000;
    let requests = 0;
    const failures: string[] = [];
    while (Date.now() < until) {
      const wave = await Promise.all(
        Array.from({ length: 500 }, (_, index) =>
          fetchStatus(routes[index % routes.length]!).then(
            (status) => [routes[index % routes.length]!, status] as const,
          ),
        ),
      );
      requests += wave.length;
      for (const [route, status] of wave)
        if (status < 0 || status >= 500 || (status === 404) !== route.endsWith('nope.png'))
          failures.push(`${route} → ${status}`);
    }
    console.log(`load test: ${requests} requests in 30 s with 50 event streams open`);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(streams.every((stream) => stream.received() > 0)).toBe(true);
    for (const stream of streams) stream.close();
  }, 90_000);

  it('ends 100 saves a second for 10 s in one correct build, equal to a clean one', async () => {
    const file = path.join(project.articles, 'ketamine-therapy-for-migraines.md');
    const original = readFileSync(file, 'utf8');
    const started = Date.now();
    let saves = 0;
    while (Date.now() < started + 10_000) {
      writeFileSync(
        file,
        original.replace('Migraines affect 17% of women.', `Migraines affect 17% of women (${saves}).`),
      );
      saves += 1;
      // On a 10 ms grid, so the rate stays at 100 a second however long a write takes.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + saves * 10 - Date.now())));
    }
    writeFileSync(file, original.replace('Migraines affect 17% of women.', 'Migraines affect 17% of women (final).'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await preview.session.idle();
    expect(saves).toBeGreaterThanOrEqual(950);
    const clean = path.join(project.dir, 'clean');
    await build({
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: clean,
      cacheDir: path.join(project.dir, 'clean-cache'),
      channels: ['x'],
      contactSheets: false,
    });
    const slug = 'ketamine-therapy-for-migraines';
    const files = (await listFiles(path.join(clean, slug))).sort();
    expect((await listFiles(path.join(project.out, slug))).sort()).toEqual(files);
    for (const name of files)
      expect(
        readFileSync(path.join(project.out, slug, name)).equals(readFileSync(path.join(clean, slug, name))),
        name,
      ).toBe(true);
    expect(readFileSync(path.join(project.out, slug, 'x', 'thread.txt'), 'utf8')).toContain('(final)');
    console.log(`save storm: ${saves} saves in 10 s ended in the same files as a clean build`);
  }, 120_000);
});
