import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { SetupError } from '../../src/config/errors.ts';
import { loadSetup } from '../../src/config/setup.ts';
import { tempProject } from '../helpers/project.ts';

describe('broken setup', () => {
  it('a corrupt font file stops the build once, naming the file', async () => {
    const project = tempProject();
    const fake = path.join(project.dir, 'fake-font');
    mkdirSync(path.join(fake, 'files'), { recursive: true });
    writeFileSync(path.join(fake, 'package.json'), '{"name":"fake-font","version":"1.0.0"}');
    writeFileSync(path.join(fake, 'files', 'fake-latin-400-normal.woff'), 'this is not a font');
    const brand = path.join(project.templates, 'brand.yaml');
    writeFileSync(brand, readFileSync(brand, 'utf8').replace('package: "@fontsource/inter"\n    weights: [400, 500, 600]', `package: "${fake}"\n    weights: [400]`));
    await expect(loadSetup(project.templates)).rejects.toThrow(SetupError);
    await expect(loadSetup(project.templates)).rejects.toThrow(/fake-latin-400-normal\.woff/);
  });

  it('a second build of the same output waits for nobody: it refuses while another process holds it, and takes over a dead lock', async () => {
    const project = tempProject();
    mkdirSync(project.out, { recursive: true });
    const other = spawn('sleep', ['30']);
    writeFileSync(path.join(project.out, '.facet-lock'), String(other.pid));
    const options = { articlesDir: project.articles, templatesDir: project.templates, outDir: project.out, cacheDir: project.cache, channels: ['x' as const], slugs: ['ketamine-therapy-for-migraines'] };
    try {
      await expect(build(options)).rejects.toThrow(/another facet build \(process \d+\) is writing it/);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const result = await build(options);
    expect(result.built[0]!.status).toBe('ok');
  }, 120_000);
});
