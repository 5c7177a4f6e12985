import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../src/preview/server.ts';
import { previewOf } from '../helpers/preview.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

let project: TempProject;
let preview: Preview;

beforeAll(async () => {
  project = tempProject();
  preview = await previewOf(project, ['x']);
}, 120_000);

afterAll(async () => {
  await preview?.close();
});

/** A raw GET, so the Host and path go out exactly as written (fetch would normalise them). */
function get(
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const { hostname, port } = new URL(preview.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path: pathname, headers: { host: `${hostname}:${port}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the preview server', () => {
  it('listens on 127.0.0.1 only, by default', () => {
    expect(new URL(preview.url).hostname).toBe('127.0.0.1');
  });

  it('serves the gallery, its state and the images', async () => {
    expect((await get('/')).status).toBe(200);
    const state = JSON.parse((await get('/api/state')).body.toString()) as {
      manifest: { articles: { posts: { images: { path: string }[] }[] }[] };
    };
    const image = state.manifest.articles[0]!.posts[0]!.images[0]!;
    const served = await get(`/output/${image.path}`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rejects a foreign Host or Origin', async () => {
    expect((await get('/', { host: 'evil.example:80' })).status).toBe(403);
    expect((await get('/api/state', { host: `attacker.test:${new URL(preview.url).port}` })).status).toBe(403);
    expect((await get('/api/state', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('never serves a file outside output/', async () => {
    mkdirSync(project.out, { recursive: true });
    symlinkSync(path.join(project.dir, 'articles'), path.join(project.out, 'escape'));
    const payloads = [
      '/output/../package.json',
      '/output/..%2f..%2fpackage.json',
      '/output/%2e%2e/%2e%2e/etc/passwd',
      '/output/%252e%252e%252fetc%252fpasswd',
      '/output/..\\..\\etc\\passwd',
      '/output/..%5c..%5cetc%5cpasswd',
      '/output/%00',
      '/output/manifest.json%00.png',
      '/output//etc/passwd',
      '/output/escape/ketamine-therapy-for-migraines.md',
      '/output/%',
      '/../../etc/passwd',
      '/output/.',
      '/output/',
    ];
    for (const payload of payloads) {
      const response = await get(payload);
      expect([403, 404], payload).toContain(response.status);
    }
  });

  it('zips an article’s whole campaign and a single post', async () => {
    const whole = await get('/zip/ketamine-therapy-for-migraines.zip');
    expect(whole.status).toBe(200);
    expect(whole.body.subarray(0, 2).toString()).toBe('PK');
    const entries = whole.body.readUInt16LE(whole.body.length - 22 + 10);
    expect(entries).toBeGreaterThan(4);
    const post = await get('/zip/ketamine-therapy-for-migraines/x/0.zip');
    expect(post.status).toBe(200);
    expect(post.body.toString('latin1')).toContain('thread.txt');
    expect((await get('/zip/nope.zip')).status).toBe(404);
  });

  it('keeps serving through a bad save, a rename-save and a burst of saves', async () => {
    const file = path.join(project.articles, 'ketamine-therapy-for-migraines.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '---\ntitle: [unclosed\n');
    await new Promise((resolve) => setTimeout(resolve, 150));
    writeFileSync(
      `${file}.tmp`,
      good.replace('Migraines affect 17% of women.', 'Migraines affect 17% of women worldwide.'),
    );
    renameSync(`${file}.tmp`, file);
    for (let save = 0; save < 20; save++) writeFileSync(file, good.replace('17%', `17% (${save})`));
    writeFileSync(file, good);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await preview.session.idle();
    const state = preview.session.state();
    expect(state.setupError).toBeUndefined();
    const seed = state.manifest.articles.find((article) => article.slug === 'ketamine-therapy-for-migraines')!;
    expect(seed.status).toBe('ok');
    expect(seed.posts[0]!.caption).not.toContain('(19)');
    expect((await get('/')).status).toBe(200);
  });
});
