import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { expectedMessage, SetupError } from '../config/errors.ts';

const VALUES = [
  'slug',
  'title',
  'channel',
  'kind',
  'format',
  'caption',
  'first_post',
  'link',
  'hashtags',
  'image_urls',
  'image_paths',
  'alt_texts',
  'time',
  'utc',
  'timezone',
  'video',
] as const;
export type Value = (typeof VALUES)[number];

interface Column {
  name: string;
  value: Value;
  /** For `time`: YYYY, MM, DD, HH and mm are replaced. */
  format?: string;
}

export interface Layout {
  extension: 'csv';
  header: boolean;
  columns: Column[];
}

/** The CSV layouts of templates/exports.yaml, checked so a typo names its format and column. */
export async function loadLayouts(templatesDir: string): Promise<Map<string, Layout>> {
  const file = path.join(templatesDir, 'exports.yaml');
  let data: unknown;
  try {
    data = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SetupError(
      `Expected readable YAML at ${file} but could not read it: ${(error as Error).message.split('\n')[0]}`,
      'restore templates/exports.yaml from git',
      { cause: error },
    );
  }
  const layouts = new Map<string, Layout>();
  for (const [name, layout] of Object.entries((data ?? {}) as Record<string, Record<string, unknown>>)) {
    const columns = layout?.columns;
    if (!Array.isArray(columns) || columns.length === 0)
      throw new SetupError(
        `${file}: ${expectedMessage('a list of columns', `${name}.columns`, columns)}`,
        'see the comment at the top of the file',
      );
    for (const [index, column] of columns.entries()) {
      if (!(VALUES as readonly string[]).includes((column as Column)?.value)) {
        throw new SetupError(
          `${file}: ${expectedMessage(`one of ${VALUES.join(', ')}`, `${name}.columns[${index}].value`, (column as Column)?.value)}`,
          'see the comment at the top of the file',
        );
      }
    }
    layouts.set(name, { extension: 'csv', header: layout.header !== false, columns: columns as Column[] });
  }
  return layouts;
}
