import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import type { BuildOptions } from '../../src/config/options.ts';
import type { Manifest } from '../../src/model.ts';
import { approve } from '../../src/review/approvals.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

// Nothing the team made is dropped without a word: broken bookkeeping files stop the build
// with a message, or are mended by a build that keeps everything.

function optionsOf(project: TempProject, more: Partial<BuildOptions> = {}): Partial<BuildOptions> {
  return {
    articlesDir: project.articles,
    templatesDir: project.templates,
    outDir: project.out,
    cacheDir: project.cache,
    approvalsFile: path.join(project.dir, 'approvals.yaml'),
    channels: ['x'],
    ...more,
  };
}

function slugsIn(out: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  return manifest.articles.map((article) => article.slug);
}

describe('a manifest that cannot be read', () => {
  it('stops a partial build with the file named, leaving it as it was; a full build mends it keeping every article', async () => {
    const project = tempProject();
    await build(optionsOf(project));
    const file = path.join(project.out, 'manifest.json');
    writeFileSync(file, '{ "version": 1, "articles": [ {"slug": "ketam');
    await expect(build(optionsOf(project, { slugs: ['ketamine-therapy-for-migraines'] }))).rejects.toThrow(
      /manifest\.json to be the last build's manifest but could not read it/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{ "version": 1, "articles": [ {"slug": "ketam');
    await build(optionsOf(project));
    expect(slugsIn(project.out)).toEqual([
      'folate-vs-folic-acid',
      'ketamine-therapy-for-migraines',
      'stellate-ganglion-block-for-ptsd',
    ]);
  });
});

describe('an approvals file that cannot be read', () => {
  const broken = {
    'invalid YAML': 'ketamine-therapy-for-migraines:\n  x/1-link: [unclosed\n',
    'a list instead of a mapping': '- ketamine-therapy-for-migraines\n',
    'a post without a hash': 'ketamine-therapy-for-migraines:\n  x/1-link:\n    nested: 1\n',
  };

  for (const [what, text] of Object.entries(broken)) {
    it(`stops the build and approve, and is never rewritten: ${what}`, async () => {
      const project = tempProject();
      const { manifest } = await build(optionsOf(project));
      const file = path.join(project.dir, 'approvals.yaml');
      writeFileSync(file, text);
      await expect(build(optionsOf(project))).rejects.toThrow(/approvals\.yaml/);
      await expect(approve(file, manifest, 'ketamine-therapy-for-migraines')).rejects.toThrow(/approvals\.yaml/);
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  }

  it('stops the build when the path cannot be read at all (a folder)', async () => {
    const project = tempProject();
    mkdirSync(path.join(project.dir, 'approvals.yaml'));
    await expect(build(optionsOf(project, { slugs: ['folate-vs-folic-acid'] }))).rejects.toThrow(
      /Expected to read .*approvals\.yaml but could not/,
    );
  });
});

describe('one cache shared by two output folders', () => {
  it('keeps the cards of one folder when the other is built in full', async () => {
    const project = tempProject();
    const elsewhere = path.join(project.dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(
      path.join(elsewhere, 'sleep.md'),
      '---\ntitle: Sleep and Migraine\ndate: 2024-05-02\n---\n\nAn opening sentence that is long enough to be a quote.\n\n## Why\n\nText.\n',
    );
    rmSync(path.join(project.articles, 'ketamine-therapy-for-migraines.md'));
    rmSync(path.join(project.articles, 'stellate-ganglion-block-for-ptsd.md'));
    // Full builds (every channel) are the ones that prune.
    await build(optionsOf(project, { channels: undefined }));
    const cards = path.join(project.cache, 'cards');
    const ownCards = readdirSync(cards);
    expect(ownCards.length).toBeGreaterThan(10);
    await build(
      optionsOf(project, { channels: undefined, articlesDir: elsewhere, outDir: path.join(project.dir, 'out-2') }),
    );
    const after = new Set(readdirSync(cards));
    expect(ownCards.filter((name) => !after.has(name))).toEqual([]);
    const again = await build(optionsOf(project, { channels: undefined, force: false }));
    expect(again.cardsDrawn).toBe(0);
  });
});
