import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/setup.ts';

/**
 * package.json's scripts run src/launch.mjs: the CLI compiled from src/ when a source changed.
 * Each test works on a copy of src/ whose node_modules links the project's packages one by one,
 * so its compiled copies land in its own node_modules/.cache, not the project's.
 */
function copyOfProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'facet-launch-'));
  cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'));
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name === '.cache') continue;
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
  return dir;
}

function launch(dir: string, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--require', path.join(dir, 'src', 'threads.cjs'), path.join(dir, 'src', 'launch.mjs'), ...args],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function compiledCopies(dir: string): string[] {
  return readdirSync(path.join(dir, 'node_modules', '.cache', 'facet')).sort();
}

describe('the launcher package.json scripts run', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyOfProject();
  });

  it('runs the CLI compiled from src/: the same usage and exit codes as the TypeScript', () => {
    const tsx = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      [path.join(ROOT, 'src', 'cli.ts'), '--help'],
      {
        encoding: 'utf8',
      },
    );
    const help = launch(dir, '--help');
    expect(help.code).toBe(0);
    expect(help.stderr).toContain('facet — articles in, social campaigns out');
    expect(help.stderr).toBe(tsx.stderr);
    expect(compiledCopies(dir)).toHaveLength(1);
    const unknown = launch(dir, 'bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command `bogus`');
  }, 60_000);

  it('compiles again when a source file changed, and runs the new code', () => {
    const cli = path.join(dir, 'src', 'cli.ts');
    writeFileSync(cli, readFileSync(cli, 'utf8').replace('articles in, social campaigns out', 'articles in, edited'));
    const help = launch(dir, '--help');
    expect(help.code).toBe(0);
    expect(help.stderr).toContain('facet — articles in, edited');
    expect(compiledCopies(dir)).toHaveLength(2);
  }, 60_000);

  it('stops on a source that does not compile: its place, exit 2, no copy kept', () => {
    const before = compiledCopies(dir);
    writeFileSync(path.join(dir, 'src', 'broken.ts'), 'export const x: = 1;\n');
    const cli = path.join(dir, 'src', 'cli.ts');
    writeFileSync(cli, `import './broken.ts';\n${readFileSync(cli, 'utf8')}`);
    const run = launch(dir, '--help');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^facet: src\/ did not compile: .*\n.*src\/broken\.ts:1:16: ERROR: Unexpected "="/m);
    expect(compiledCopies(dir)).toEqual(before);
  }, 60_000);
});
