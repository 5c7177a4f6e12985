import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/write/atomic.ts';
import { progressFrames, runInPty, runToEnd, screenOf, stripAnsi } from '../helpers/pty.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';
import { ROOT } from '../helpers/setup.ts';

// The CLI as the team runs it: on a terminal, with a progress bar, colour and Ctrl-C.
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const FACET = `node --import ${TSX} ${path.join(ROOT, 'src', 'cli.ts')}`;
const BROKEN = '---\ntitle: Folate vs. Folic Acid: The Difference\ndate: 2024-05-02\n---\n\n## A section\n\nText.\n';
const SUMMARY = /^✓ 3 built, 0 failed · \d+ images, (\d+) cards drawn · [\d.]+ s → output\/$/;

/** A project folder as a fresh clone has it: package.json, the code and node_modules, articles, templates. */
function cloneLike(): TempProject {
  const project = tempProject();
  copyFileSync(path.join(ROOT, 'package.json'), path.join(project.dir, 'package.json'));
  symlinkSync(path.join(ROOT, 'src'), path.join(project.dir, 'src'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(project.dir, 'node_modules'));
  return project;
}

/** A project with the seed article and a broken one beside it. */
function withBrokenArticle(): TempProject {
  const project = tempProject();
  const keep = 'ketamine-therapy-for-migraines.md';
  const articles = path.join(project.dir, 'two-articles');
  mkdirSync(articles);
  copyFileSync(path.join(project.articles, keep), path.join(articles, keep));
  writeFileSync(path.join(articles, 'folate-broken.md'), BROKEN);
  return { ...project, articles };
}

/** Every count the bar showed: done never above the total, and the last one full. */
function expectHonestProgress(raw: string, columns: number): void {
  const frames = progressFrames(raw);
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) {
    expect([...frame].length).toBeLessThan(columns);
    const cards = frame.match(/(\d+)\/(\d+) cards/);
    expect(cards, frame).not.toBeNull();
    expect(Number(cards![1]), frame).toBeLessThanOrEqual(Number(cards![2]));
    const articles = frame.match(/(\d+)\/(\d+) articles/);
    if (articles) expect(Number(articles[1]), frame).toBeLessThanOrEqual(Number(articles[2]));
  }
  const last = frames.at(-1)!.match(/(\d+)\/(\d+) cards/)!;
  expect(Number(last[1])).toBe(Number(last[2]));
  expect(Number(last[2])).toBeGreaterThan(0);
}

/** What a folder holds, file by file, to compare before and after. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await listFiles(dir)).sort();
  return new Map(files.map((file) => [file, readFileSync(path.join(dir, file)).toString('base64')]));
}

function tempFiles(files: Iterable<string>): string[] {
  return [...files].filter((file) => path.basename(file).startsWith('.facet-tmp-'));
}

describe('npm start on a terminal, from a cold cache', () => {
  let project: TempProject;
  let run: Awaited<ReturnType<typeof runToEnd>>;
  beforeAll(async () => {
    project = cloneLike();
    run = await runToEnd('npm start', { cwd: project.dir, columns: 120, colour: true });
  }, 300_000);

  it('exits 0 and ends on the summary, the bar cleared', () => {
    expect(run.code, run.raw).toBe(0);
    const last = run.screen.at(-1)!;
    expect(last).toMatch(SUMMARY);
    expect(Number(last.match(SUMMARY)![1])).toBeGreaterThan(0);
    expect(run.screen.join('\n')).not.toMatch(/▕|\d+\/\d+ cards/);
  });

  it('draws a bar that only counts up, never past its total, and reaches it', () => {
    expectHonestProgress(run.raw, 120);
  });

  it('colours the summary on a colour terminal', () => {
    expect(run.raw).toContain('\x1b[32m✓\x1b[39m 3 built');
  });

  it('says every article is up to date the second time, and draws nothing', async () => {
    const again = await runToEnd('npm start', { cwd: project.dir, columns: 120, colour: true });
    expect(again.code).toBe(0);
    expect(again.screen.at(-1)).toMatch(/^✓ 3 built \(3 up to date\), 0 failed · \d+ images, 0 cards drawn/);
  });

  it('exports the build from the terminal', async () => {
    const exported = await runToEnd(`${FACET} export --format json`, { cwd: project.dir, columns: 120, colour: false });
    expect(exported.code).toBe(0);
    expect(exported.screen.at(-1)).toMatch(/^✓ \d+ posts scheduled → output\/exports\/json\.json$/);
  });
});

describe('a 40-column terminal without colour', () => {
  const columns = 40;

  it('builds the good article beside a broken one, shows the message in place, exits 1', async () => {
    const project = withBrokenArticle();
    const run = await runToEnd(`${FACET} build --articles ${project.articles} --channels x,instagram`, {
      cwd: project.dir,
      columns,
      colour: false,
    });
    expect(run.code, run.raw).toBe(1);
    const screen = run.screen.join('\n');
    expect(screen).toMatch(/folate-broken\.md:2:\d+: error Unexpected `:` inside a value.*\[front-matter-yaml\]/);
    expect(screen).toContain('hint: quote the value');
    expect(run.screen.at(-1)).toMatch(/^✗ 1 built, 1 failed · \d+ images, \d+ cards drawn · [\d.]+ s → output\/$/);
    // eslint-disable-next-line no-control-regex -- an escape sequence is what is looked for
    expect(run.raw).not.toMatch(/\x1b\[3\dm/);
    expectHonestProgress(run.raw, columns);
  });

  it('checks, with the problem positioned, and exits 1', async () => {
    const project = withBrokenArticle();
    const run = await runToEnd(`${FACET} check --articles ${project.articles}`, {
      cwd: project.dir,
      columns,
      colour: false,
    });
    expect(run.code).toBe(1);
    expect(run.screen.join('\n')).toMatch(/folate-broken\.md:2:\d+: error Unexpected `:`/);
    expect(run.screen.at(-1)).toMatch(/^✗ 2 checked · 1 error, \d+ warnings?$/);
  });

  it('scaffolds a new article and imports a page', async () => {
    const project = tempProject();
    const made = await runToEnd(`${FACET} new "Sleep and Migraine"`, { cwd: project.dir, columns, colour: false });
    expect(made.code).toBe(0);
    expect(made.screen.join('\n')).toContain('✓ wrote articles/sleep-and-migraine.md');
    const seed = path.join(ROOT, '..', 'shared', 'seed', 'ketamine-therapy-for-migraines.txt');
    const source = existsSync(seed) ? seed : path.join(ROOT, 'tests', 'fixtures', 'import', 'seed-text', 'input.txt');
    const imported = await runToEnd(`${FACET} import ${source} --force`, { cwd: project.dir, columns, colour: false });
    expect(imported.code, imported.raw).toBe(0);
    const screen = imported.screen.join('\n');
    expect(screen).toContain('✓ imported 1 of 1 page');
    expect(screen).toMatch(/articles\/ketamine-therapy-for-migraines\.md:2:1: warning Took line 3 as the title/);
    expect(imported.screen.at(-1)).toMatch(/^✓ 1 checked · 0 errors/);
  });
});

describe('the preview on a terminal', () => {
  it('starts, serves, and on Ctrl-C stops and frees its port', async () => {
    const project = withBrokenArticle();
    const session = runInPty(`${FACET} preview --port 0 --articles ${project.articles} --channels x`, {
      cwd: project.dir,
      columns: 120,
      colour: true,
    });
    const [, url] = await session.waitFor(/facet preview: (http:\/\/\S+)/);
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    session.type('\x03');
    expect(await session.exited).toBe(0);
    session.child.stdin!.end();
    expect((await screenOf(session.raw(), 120)).at(-1)).toBe('✓ preview stopped');
    const port = Number(new URL(url!).port);
    await new Promise<void>((resolve, reject) => {
      const server = createServer().once('error', reject);
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
  });
});

describe('Ctrl-C during a build', () => {
  /** A project with a finished build of one channel, then a full build with every card redrawn under way. */
  async function interruptedBuild(keys: string[]) {
    const project = tempProject();
    const first = await runToEnd(`${FACET} build --channels x`, { cwd: project.dir, columns: 80, colour: false });
    expect(first.code).toBe(0);
    const before = await snapshot(project.out);
    const session = runInPty(`${FACET} build --force`, { cwd: project.dir, columns: 80, colour: true });
    await session.waitFor(/\b([4-9]|\d\d+)\/\d+ cards/);
    for (const key of keys) session.type(key);
    const code = await session.exited;
    session.child.stdin!.end();
    return { project, before, code, raw: session.raw() };
  }

  it('stops drawing, keeps the previous output whole, leaves no lock or temp file, exits 130', async () => {
    const { project, before, code, raw } = await interruptedBuild(['\x03']);
    expect(code, raw).toBe(130);
    const screen = await screenOf(raw, 80);
    expect(screen.at(-1)).toBe('✗ interrupted: nothing written; output/ is as the last build left it');
    expect(await snapshot(project.out)).toEqual(before);
    expect(existsSync(path.join(project.out, '.facet-lock'))).toBe(false);
    expect(tempFiles(await listFiles(project.dir))).toEqual([]);
    const next = await runToEnd(`${FACET} build --channels x`, { cwd: project.dir, columns: 80, colour: false });
    expect(next.code).toBe(0);
  });

  it('exits at once on a second Ctrl-C, releasing the lock', async () => {
    const { project, code } = await interruptedBuild(['\x03', '\x03']);
    expect(code).toBe(130);
    expect(existsSync(path.join(project.out, '.facet-lock'))).toBe(false);
    const next = await runToEnd(`${FACET} build --channels x`, { cwd: project.dir, columns: 80, colour: false });
    expect(next.code).toBe(0);
  });

  it('stops the same way on SIGTERM, exiting 143', async () => {
    const project = tempProject();
    const session = runInPty(`${FACET} build`, { cwd: project.dir, columns: 80, colour: false });
    await session.waitFor(/\b([2-9]|\d\d+)\/\d+ cards/);
    const pid = Number(readFileSync(path.join(project.out, '.facet-lock'), 'utf8'));
    process.kill(pid, 'SIGTERM');
    expect(await session.exited).toBe(143);
    session.child.stdin!.end();
    expect(stripAnsi(session.raw())).toContain('✗ interrupted');
    expect(existsSync(path.join(project.out, 'manifest.json'))).toBe(false);
    expect(tempFiles(await listFiles(project.dir))).toEqual([]);
  });
});
