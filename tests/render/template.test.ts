import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { loadSetup } from '../../src/setup/setup.ts';
import { bindTemplate, compileTemplate, TemplateError } from '../../src/render/template.ts';
import { ROOT, TEMPLATES } from '../helpers/setup.ts';

/** A copy of the repo's templates with one card template replaced. */
function templatesWith(card: string, html: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'facet-templates-')), 'templates');
  cpSync(TEMPLATES, dir, { recursive: true });
  writeFileSync(path.join(dir, 'cards', `${card}.html`), html);
  return dir;
}

describe('card templates', () => {
  it('insert values as text, never as markup', () => {
    const template = compileTemplate('t', 't.html', '<div style="display: flex">{{quote}}</div>');
    const element = bindTemplate(template, { quote: '<b>bold</b> & <img src=x>' });
    expect(element.props.children).toBe('<b>bold</b> & <img src=x>');
  });

  it('name the file and line of a broken section', async () => {
    const dir = templatesWith('quote', '<div style="display: flex">\n  {{#quote}}\n  {{quote}}\n</div>\n');
    await expect(loadSetup(dir)).rejects.toThrow(TemplateError);
    await expect(loadSetup(dir)).rejects.toThrow(/quote\.html:\d+:\d+: Unclosed section "quote"/);
  });

  it('name an unknown placeholder with its line and a suggestion', async () => {
    const dir = templatesWith('quote', '<div style="display: flex">\n  <div>{{qoute}}</div>\n</div>\n');
    await expect(loadSetup(dir)).rejects.toThrow(
      /quote\.html:2:8: Unknown placeholder \{\{qoute\}\}; did you mean \{\{quote\}\}\?/,
    );
  });

  it('stop the build with the template named when satori cannot draw its CSS', async () => {
    const dir = templatesWith(
      'quote',
      readFileSync(path.join(TEMPLATES, 'cards', 'quote.html'), 'utf8').replace(
        'display: flex; flex-direction: column; box-sizing',
        'display: table; flex-direction: column; box-sizing',
      ),
    );
    const out = path.join(path.dirname(dir), 'output');
    await expect(
      build({
        articlesDir: path.join(ROOT, 'articles'),
        templatesDir: dir,
        outDir: out,
        cacheDir: path.join(path.dirname(dir), 'cache'),
        slugs: ['ketamine-therapy-for-migraines'],
        channels: ['x'],
      }),
    ).rejects.toThrow(/quote\.html.*display/);
  });
});
