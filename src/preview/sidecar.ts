import { readFile } from 'node:fs/promises';
import { Document, isScalar, parse, visit } from 'yaml';
import { writeAtomic } from '../write/atomic.ts';

/** The sidecar as plain data: post id → its overrides, as written in the file. */
export type SidecarData = Record<string, Record<string, unknown>>;

/** The sidecar's data; none yet when there is no file. A file that does not read is refused (the build says where). */
export async function readSidecarData(file: string): Promise<SidecarData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const data = parse(text) as unknown;
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file} is not a mapping of post ids`);
  return data as SidecarData;
}

/** The file's text: post ids sorted, each post's keys in a fixed order, long texts as blocks. */
export function sidecarText(slug: string, data: SidecarData): string {
  const order = ['hidden', 'quote', 'slides', 'caption', 'thread'];
  const sorted = Object.fromEntries(
    Object.entries(data)
      .filter(([, post]) => Object.keys(post).length > 0)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([id, post]) => [id, Object.fromEntries(order.filter((key) => key in post).map((key) => [key, post[key]]))]),
  );
  const header =
    `# Editors' decisions for articles/${slug}.md, made in the preview (hand edits are fine).\n` +
    '# Each override keeps the text it `replaces:`; when facet no longer writes that text, the post is stale.\n';
  if (Object.keys(sorted).length === 0) return header;
  const doc = new Document(sorted);
  // Slide numbers on one line: `order: [1, 3, 2]` reads at a glance in a diff.
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item) && typeof item.value === 'number')) node.flow = true;
    },
  });
  return `${header}${doc.toString({ lineWidth: 0 })}`;
}

export function writeSidecar(file: string, slug: string, data: SidecarData): Promise<void> {
  return writeAtomic(file, sidecarText(slug, data));
}
