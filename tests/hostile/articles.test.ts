import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { check } from '../../src/check.ts';
import type { ArticleEntry } from '../../src/model.ts';
import { ROOT, TEMPLATES } from '../helpers/setup.ts';

const FRONT = '---\ntitle: A Fine Title\ndate: 2024-05-02\n---\n\n';
const BODY =
  'An opening sentence that is long enough to be quoted on a card by the tool.\n\n## A Section\n\nMore text in the section that reads well enough on its own.\n';

/** Each hostile article: its file name (without .md), its bytes, and what the check must say. */
const CASES: { name: string; text: string | Buffer; status: 'ok' | 'failed'; rules: string[] }[] = [
  {
    name: 'unclosed-front-matter',
    text: '---\ntitle: Open\ndate: 2024-05-02\n\nNo closing line.\n',
    status: 'failed',
    rules: ['front-matter-unclosed'],
  },
  { name: 'bom', text: `\ufeff${FRONT}${BODY}`, status: 'ok', rules: [] },
  { name: 'crlf', text: `${FRONT}${BODY}`.replace(/\n/g, '\r\n'), status: 'ok', rules: [] },
  {
    name: 'alias-bomb',
    text: `---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\ntitle: Bomb\ndate: 2024-05-02\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-yaml'],
  },
  {
    name: 'duplicate-keys',
    text: `---\ntitle: One\ntitle: Two\ndate: 2024-05-02\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-yaml'],
  },
  {
    name: 'wrong-types',
    text: `---\ntitle: [a, b]\ndate: 20240502\ntags: 7\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-type'],
  },
  {
    name: 'huge-title',
    text: `---\ntitle: ${'Very long title '.repeat(40)}\ndate: 2024-05-02\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-too-long'],
  },
  {
    name: 'proto-key',
    text: `---\n__proto__: { polluted: true }\nconstructor: x\ntitle: Proto\ndate: 2024-05-02\n---\n\n${BODY}`,
    status: 'ok',
    rules: ['front-matter-unknown-key'],
  },
  {
    name: 'unquoted-colon',
    text: `---\ntitle: Folate vs. Folic Acid: The Difference\ndate: 2024-05-02\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-yaml'],
  },
  {
    name: 'list-front-matter',
    text: `---\n- title\n- date\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-shape'],
  },
  {
    name: 'scalar-front-matter',
    text: `---\njust a line\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-shape'],
  },
  {
    name: 'impossible-date',
    text: `---\ntitle: Date\ndate: 2023-02-29\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-type'],
  },
  { name: 'deep-nesting', text: `${FRONT}${'> '.repeat(8000)}deep\n`, status: 'failed', rules: ['article-unreadable'] },
  {
    name: 'raw-html',
    text: `${FRONT}<script>alert("x")</script>\n\n${BODY}<div onclick="x()">Hi</div>\n`,
    status: 'ok',
    rules: ['raw-html'],
  },
  {
    name: 'nul',
    text: `${FRONT}An opening sentence\u0000 that is long enough to be quoted on a card by the tool.\n`,
    status: 'ok',
    rules: ['text-nul'],
  },
  {
    name: 'lone-surrogate',
    text: Buffer.concat([
      Buffer.from(`${FRONT}An opening sentence `),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(' that is long enough to be quoted on a card by the tool.\n'),
    ]),
    status: 'ok',
    rules: ['text-invalid-utf8'],
  },
  {
    name: 'latin-1',
    text: Buffer.from(`${FRONT}Caf\xe9 au lait is a sentence that is long enough to be quoted on a card.\n`, 'latin1'),
    status: 'ok',
    rules: ['text-invalid-utf8'],
  },
  {
    name: 'rtl-override',
    text: `${FRONT}An opening sentence \u202etxet desrever\u202c that is long enough to be quoted.\n\n${BODY}`,
    status: 'ok',
    rules: ['text-bidi-control'],
  },
  {
    name: 'zalgo',
    text: `${FRONT}Z\u0351\u0352\u0353\u0354\u0355\u0356algo text that is long enough to be quoted on a card by the tool.\n\n${BODY}`,
    status: 'ok',
    rules: ['text-stacked-marks'],
  },
  {
    name: 'no-headings',
    text: `${FRONT}Just one paragraph that is long enough to be quoted on a card by the tool.\n`,
    status: 'ok',
    rules: ['no-sections'],
  },
  { name: 'no-sentences', text: `${FRONT}## Heading\n\n- a\n- b\n`, status: 'ok', rules: ['no-quotes'] },
  { name: 'empty', text: '', status: 'failed', rules: ['front-matter-missing'] },
  {
    name: 'binary',
    text: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    status: 'failed',
    rules: ['text-nul', 'front-matter-missing'],
  },
  {
    name: 'remote-image',
    text: `${FRONT}![x](https://tracker.example/pixel.png)\n\n${BODY}`,
    status: 'ok',
    rules: ['image-remote'],
  },
  {
    name: 'absolute-image',
    text: `${FRONT}![x](/etc/passwd)\n\n![y](../../secret.png)\n\n${BODY}`,
    status: 'ok',
    rules: ['image-path'],
  },
  { name: 'Bad Name', text: `${FRONT}${BODY}`, status: 'failed', rules: ['article-name'] },
  { name: '..', text: `${FRONT}${BODY}`, status: 'failed', rules: ['article-name'] },
  {
    name: 'unknown-channel',
    text: `---\ntitle: Channels\ndate: 2024-05-02\nchannels: [instagram, friendster]\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-channel'],
  },
  {
    name: 'bad-url',
    text: `---\ntitle: Url\ndate: 2024-05-02\nurl: javascript:alert(1)\n---\n\n${BODY}`,
    status: 'failed',
    rules: ['front-matter-type'],
  },
  {
    name: 'emoji-only',
    text: `${FRONT}🧠🧠🧠 💊💊💊 🩺🩺🩺 🧠🧠🧠 💊💊💊 🩺🩺🩺 🧠🧠🧠 💊💊💊.\n\n## 🧠\n\n💊\n`,
    status: 'ok',
    rules: [],
  },
  {
    name: 'huge-article',
    text: `${FRONT}${'A sentence that repeats. '.repeat(110_000)}\n`,
    status: 'failed',
    rules: ['article-too-large'],
  },
];

let dir: string;
let entries: Map<string, ArticleEntry>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'facet-hostile-'));
  const articles = path.join(dir, 'articles');
  mkdirSync(articles);
  cpSync(
    path.join(ROOT, 'articles', 'ketamine-therapy-for-migraines.md'),
    path.join(articles, 'ketamine-therapy-for-migraines.md'),
  );
  for (const { name, text } of CASES) writeFileSync(path.join(articles, `${name}.md`), text);
  symlinkSync('/etc/hostname', path.join(articles, 'symlinked.md'));
  const result = await check({ articlesDir: articles, templatesDir: TEMPLATES });
  entries = new Map(result.entries.map((entry) => [entry.slug, entry]));
});

describe('hostile articles', () => {
  for (const { name, status, rules } of CASES) {
    it(`${name}: ${status}${rules.length ? `, ${rules.join(', ')}` : ''}`, () => {
      const entry = entries.get(name)!;
      expect(entry.status).toBe(status);
      const found = entry.messages.map((message) => message.ruleId);
      for (const rule of rules) expect(found, JSON.stringify(entry.messages)).toContain(rule);
      for (const message of entry.messages) {
        expect(message.file).toMatch(/articles\/.*\.md$/);
        expect(message.line).toBeGreaterThanOrEqual(1);
        expect(message.hint, message.ruleId).toBeTruthy();
      }
    });
  }

  it('a symlink into the system is refused, never read', () => {
    expect(entries.get('symlinked')).toMatchObject({
      status: 'failed',
      messages: [expect.objectContaining({ ruleId: 'article-symlink' })],
    });
  });

  it('pollutes no prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('builds the good article beside all of them, writing nothing outside output/', async () => {
    const before = readdirSync(dir).sort();
    const result = await build({
      articlesDir: path.join(dir, 'articles'),
      templatesDir: TEMPLATES,
      outDir: path.join(dir, 'output'),
      cacheDir: path.join(dir, 'output', '..', '.cache'),
      channels: ['x'],
    });
    expect(result.built.find((entry) => entry.slug === 'ketamine-therapy-for-migraines')!.status).toBe('ok');
    expect(existsSync(path.join(dir, 'output', 'ketamine-therapy-for-migraines', 'x', 'thread.txt'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([...before, '.cache', 'output'].sort());
    expect(readdirSync(path.join(dir, 'output')).some((name) => name.includes('..') || name.includes(' '))).toBe(false);
  }, 120_000);
});
