import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compileTemplate, type CardTemplate } from '../render/template.ts';
import { listOrFail } from '../config/caption-templates.ts';
import { SetupError } from '../config/errors.ts';

/** Card kinds the planner uses; each needs templates/cards/<kind>.html. */
const CARD_TEMPLATES = ['title', 'section', 'cta', 'quote', 'stat', 'link', 'story'] as const;

/** Card templates and their partials, each checked against the placeholder names in `known`. */
export async function loadCardTemplates(
  templatesDir: string,
  known?: ReadonlySet<string>,
): Promise<Map<string, CardTemplate>> {
  const dir = path.join(templatesDir, 'cards');
  const names = await listOrFail(dir, '.html');
  // `_name.html` files are partials, shared by the card templates as `{{> name}}`.
  const partials: Record<string, string> = {};
  for (const name of names.filter((candidate) => candidate.startsWith('_'))) {
    const file = path.join(dir, `${name}.html`);
    partials[name.slice(1)] = compileTemplate(
      name,
      path.relative(process.cwd(), file) || file,
      await readFile(file, 'utf8'),
      {},
      known,
    ).source;
  }
  const templates = new Map<string, CardTemplate>();
  for (const name of names.filter((candidate) => !candidate.startsWith('_'))) {
    const file = path.join(dir, `${name}.html`);
    templates.set(
      name,
      compileTemplate(name, path.relative(process.cwd(), file) || file, await readFile(file, 'utf8'), partials, known),
    );
  }
  const missing = CARD_TEMPLATES.filter((name) => !templates.has(name));
  if (missing.length > 0) {
    throw new SetupError(
      `Expected card templates ${missing.map((name) => `${name}.html`).join(', ')} in ${dir} but they are missing`,
      'restore them from git (`git checkout -- templates/cards`), or copy another card template as a start',
    );
  }
  return templates;
}
