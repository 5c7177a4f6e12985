import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, TEMPLATES } from './helpers/setup.ts';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'src', 'cli.ts');

/** Runs `npm run facet -- …` as a user would, from a project folder of its own. */
function facet(cwd: string, ...args: string[]) {
  const run = spawnSync(TSX, [CLI, ...args, '--templates', TEMPLATES], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function projectWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'facet-cli-'));
  mkdirSync(path.join(dir, 'articles'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'articles', name), text);
  return dir;
}

const COLON = '---\ntitle: Folate vs. Folic Acid: The Difference\ndate: 2024-05-02\n---\n\n## A section\n\nText.\n';
const GOOD =
  '---\ntitle: Good\ndate: 2024-05-02\n---\n\nAn opening sentence that is long enough to make a good quote card.\n\n## A section\n\nText.\n';

describe('facet check', () => {
  it('prints file:line:column with a hint to quote the value, and exits 1', () => {
    const dir = projectWith({ 'folate.md': COLON, 'good.md': GOOD });
    const { code, stderr } = facet(dir, 'check');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^articles\/folate\.md:2:\d+: error Unexpected `:` inside a value/m);
    expect(stderr).toContain('hint: quote the value: title: "Folate vs. Folic Acid: The Difference"');
    expect(stderr).toContain('2 checked · 1 error');
  });

  it('exits 0 when every article is fine', () => {
    const { code } = facet(projectWith({ 'good.md': GOOD }), 'check');
    expect(code).toBe(0);
  });
});

describe('facet build', () => {
  it('still builds the other articles when one is broken, and exits 1', () => {
    const dir = projectWith({ 'folate.md': COLON, 'good.md': GOOD });
    const { code, stdout, stderr } = facet(dir, 'build', '--channels', 'x', '--json');
    expect(code).toBe(1);
    expect(stderr).toContain('1 built, 1 failed');
    expect(existsSync(path.join(dir, 'output', 'good', 'x', '01-link.png'))).toBe(true);
    const report = JSON.parse(stdout);
    expect(report.articles.map((article: { slug: string; status: string }) => [article.slug, article.status])).toEqual([
      ['folate', 'failed'],
      ['good', 'ok'],
    ]);
  });

  it('treats a bad option or a broken brand kit as a setup error: exit 2, with the fix', () => {
    const dir = projectWith({ 'good.md': GOOD });
    expect(facet(dir, 'build', '--channels', 'myspace').code).toBe(2);
    const templates = path.join(dir, 'templates');
    cpSync(TEMPLATES, templates, { recursive: true });
    writeFileSync(
      path.join(templates, 'brand.yaml'),
      readFileSync(path.join(TEMPLATES, 'brand.yaml'), 'utf8').replace('accent: "#E2A64F"', 'accent: gold'),
    );
    const run = spawnSync(TSX, [CLI, 'build', '--templates', templates], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /brand\.yaml:\d+:\d+: Expected a hex colour like "#0F2C3A" for `colours\.accent` but received "gold"/,
    );
    expect(run.stderr).toContain('fix:');
  });
});

describe('facet new and import', () => {
  it('scaffolds an article that checks clean, and will not overwrite it', () => {
    const dir = projectWith({});
    expect(facet(dir, 'new', 'Folate vs. Folic Acid: The Difference').code).toBe(0);
    const file = path.join(dir, 'articles', 'folate-vs-folic-acid-the-difference.md');
    expect(readFileSync(file, 'utf8')).toMatch(/^---\ntitle: "Folate vs\. Folic Acid: The Difference"\n/);
    expect(facet(dir, 'check').code).toBe(0);
    expect(facet(dir, 'new', 'Folate vs. Folic Acid: The Difference').code).toBe(2);
  });

  it('imports the seed page text into articles/<slug>.md', () => {
    const dir = projectWith({});
    const { code, stderr } = facet(
      dir,
      'import',
      path.join(ROOT, 'tests', 'fixtures', 'import', 'seed-text', 'input.txt'),
    );
    expect(stderr).toContain('articles/ketamine-therapy-for-migraines.md');
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'articles', 'ketamine-therapy-for-migraines.md'), 'utf8')).toContain(
      '## Find Relief From Your Migraines',
    );
  });

  it('imports a folder of pages, reports what it could not import and what needs review, and exits 1', () => {
    const dir = projectWith({});
    const pages = path.join(dir, 'pages');
    mkdirSync(pages);
    cpSync(path.join(ROOT, 'tests', 'fixtures', 'import', 'text-notice-top', 'input.txt'), path.join(pages, 'sgb.txt'));
    writeFileSync(path.join(pages, 'empty.html'), '');
    writeFileSync(path.join(pages, 'scan.pdf'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x00]));
    const { code, stderr } = facet(dir, 'import', 'pages');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^articles\/stellate-ganglion-block-for-ptsd\.md:6:1: warning Kept the notice at line 1/m);
    expect(stderr).toMatch(/^pages\/empty\.html:1:1: error Unexpected empty file/m);
    expect(stderr).toMatch(/^pages\/scan\.pdf:1:1: error Unexpected binary file/m);
    expect(stderr).toContain('✗ imported 1 of 3 pages');
    expect(stderr).toContain('1 checked · 0 errors');
    expect(existsSync(path.join(dir, 'articles', 'stellate-ganglion-block-for-ptsd.md'))).toBe(true);
  });
});
