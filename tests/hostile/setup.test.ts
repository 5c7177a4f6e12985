import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { SetupError } from '../../src/config/errors.ts';
import { loadSetup } from '../../src/setup/setup.ts';
import { tempProject } from '../helpers/project.ts';

/** A copy of the repo's templates with one file changed; loadSetup must stop with `message`. */
const BROKEN: { name: string; file: string; change: (text: string) => string; message: RegExp }[] = [
  {
    name: 'brand.yaml YAML error',
    file: 'brand.yaml',
    change: (text) => text.replace('organisation: Clarus Health', 'organisation: [Clarus'),
    message: /brand\.yaml:\d+:\d+/,
  },
  {
    name: 'brand.yaml bad colour',
    file: 'brand.yaml',
    change: (text) => text.replace('ink: "#15232D"', 'ink: navy'),
    message: /Expected a hex colour like "#0F2C3A" for `colours\.ink` but received "navy"/,
  },
  {
    name: 'brand.yaml unknown channel',
    file: 'brand.yaml',
    change: (text) => text.replace('channels: [instagram,', 'channels: [myspace, instagram,'),
    message: /channels from instagram/,
  },
  {
    name: 'brand.yaml missing author',
    file: 'brand.yaml',
    change: (text) => text.replace('  name: Dr. Anthony Kaveh\n', ''),
    message: /`author\.name`/,
  },
  {
    name: 'brand.yaml bad time zone',
    file: 'brand.yaml',
    change: (text) => text.replace('timezone: America/Los_Angeles', 'timezone: Mars/Olympus'),
    message: /IANA time zone/,
  },
  {
    name: 'brand.yaml bad campaign format',
    file: 'brand.yaml',
    change: (text) => text.replace('    - link: landscape', '    - link: billboard'),
    message: /a linkedin format/,
  },
  {
    name: 'brand.yaml logo outside templates',
    file: 'brand.yaml',
    change: (text) => text.replace('logo: assets/logo.svg', 'logo: ../../../../etc/passwd'),
    message: /under templates/,
  },
  {
    name: 'missing font package',
    file: 'brand.yaml',
    change: (text) => text.replace('"@fontsource/lora"', '"@fontsource/no-such-font"'),
    message: /@fontsource\/no-such-font.*not installed/,
  },
  {
    name: 'font weight the package lacks',
    file: 'brand.yaml',
    change: (text) => text.replace('weights: [600, 700]', 'weights: [100]'),
    message: /no `\*-100-normal\.woff` file/,
  },
  {
    name: 'template with an unclosed section',
    file: 'cards/quote.html',
    change: (text) => text.replace('{{quote}}', '{{#quote}}{{quote}}'),
    message: /quote\.html:\d+:\d+: Unclosed section/,
  },
  {
    name: 'template with an unknown placeholder',
    file: 'cards/stat.html',
    change: (text) => text.replace('{{figure}}', '{{figur}}'),
    message: /stat\.html:\d+:\d+: Unknown placeholder \{\{figur\}\}/,
  },
  {
    name: 'rule pack with a broken pattern',
    file: 'rules/claims.yaml',
    change: (text) => text.replace("'\\bmiracle\\b'", "'(miracle'"),
    message: /claims\.yaml: Expected a valid regular expression/,
  },
];

describe('broken setup', () => {
  for (const { name, file, change, message } of BROKEN) {
    it(`${name}: stops once, naming the file and the fix`, async () => {
      const project = tempProject();
      const target = path.join(project.templates, file);
      writeFileSync(target, change(readFileSync(target, 'utf8')));
      const error = await loadSetup(project.templates).then(
        () => undefined,
        (thrown: unknown) => thrown as Error,
      );
      expect(error, name).toBeDefined();
      expect(error!.message).toMatch(message);
    });
  }

  it('an article over its time budget fails alone, with a message', async () => {
    const project = tempProject();
    const result = await build({
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: project.out,
      cacheDir: project.cache,
      channels: ['x'],
      slugs: ['ketamine-therapy-for-migraines'],
      articleBudgetMs: 0,
    });
    expect(result.built[0]).toMatchObject({
      status: 'failed',
      messages: expect.arrayContaining([expect.objectContaining({ ruleId: 'article-timeout' })]),
    });
    expect(
      result.built[0]!.messages.filter((message) => message.severity === 'error').map((message) => message.ruleId),
    ).toEqual(['article-timeout']);
  }, 60_000);

  it('a corrupt font file stops the build once, naming the file', async () => {
    const project = tempProject();
    const fake = path.join(project.dir, 'fake-font');
    mkdirSync(path.join(fake, 'files'), { recursive: true });
    writeFileSync(path.join(fake, 'package.json'), '{"name":"fake-font","version":"1.0.0"}');
    writeFileSync(path.join(fake, 'files', 'fake-latin-400-normal.woff'), 'this is not a font');
    const brand = path.join(project.templates, 'brand.yaml');
    writeFileSync(
      brand,
      readFileSync(brand, 'utf8').replace(
        'package: "@fontsource/inter"\n    weights: [400, 500, 600]',
        `package: "${fake}"\n    weights: [400]`,
      ),
    );
    await expect(loadSetup(project.templates)).rejects.toThrow(SetupError);
    await expect(loadSetup(project.templates)).rejects.toThrow(/fake-latin-400-normal\.woff/);
  });

  it('a second build of the same output waits for nobody: it refuses while another process holds it, and takes over a dead lock', async () => {
    const project = tempProject();
    mkdirSync(project.out, { recursive: true });
    const other = spawn('sleep', ['30']);
    writeFileSync(path.join(project.out, '.facet-lock'), String(other.pid));
    const options = {
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: project.out,
      cacheDir: project.cache,
      channels: ['x' as const],
      slugs: ['ketamine-therapy-for-migraines'],
    };
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
