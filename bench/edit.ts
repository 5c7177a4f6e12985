// Save → card on screen: the preview running in this process, one-paragraph edits to a real
// article, each timed from the file write to the page's event (the new card is then in output/
// and the manifest), and on to the moment its PDFs (and videos, when on) are made.
// Alone: node --require ./src/threads.cjs --import tsx bench/edit.ts [edits]; without videos, as bench/run.ts
// measures it, unless FACET_VIDEO is set (the second pass then makes the article's video on every save).
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../src/model.ts';
import { startPreview } from '../src/preview/server.ts';
import { previewEvents } from '../tests/helpers/events.ts';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const SLUG = 'ketamine-therapy-for-migraines';
/** A paragraph whose first sentence is its section's slide, on every channel's carousel. */
const PARAGRAPH = 'Ketamine has long been known to be effective in patients with acute, severe headaches';
const WORDINGS = [
  'sudden, severe headaches',
  'acute, intense headaches',
  'sudden, intense headaches',
  'acute, severe head pain',
  'sudden, severe head pain',
  'acute, intense head pain',
  'sudden, intense head pain',
];

export interface EditTimes {
  edits: number;
  /** From the write to the page's event: the changed cards, captions and manifest are committed. */
  toScreenMs: number[];
  /** CPU time of this process (every thread) over the same span: what the wait costs without other load. */
  toScreenCpuMs: number[];
  /** From the write until the article's PDFs (and videos, when on) are made too. */
  toDocumentsMs: number[];
  /** Images of the article whose bytes changed, per edit. */
  imagesChanged: number[];
}

/** A copy of the repo's articles and templates under `work`, previewed on a free port, edited `edits` times. */
export async function saveToScreen(work: string, edits = 5): Promise<EditTimes> {
  const dir = { articles: path.join(work, 'edit-articles'), templates: path.join(work, 'edit-templates') };
  cpSync(path.join(ROOT, 'articles'), dir.articles, { recursive: true });
  cpSync(path.join(ROOT, 'templates'), dir.templates, { recursive: true });
  const outDir = path.join(work, 'edit-output');
  const preview = await startPreview({
    port: 0,
    articlesDir: dir.articles,
    templatesDir: dir.templates,
    outDir,
    cacheDir: path.join(work, 'edit-cache'),
  });
  const times: EditTimes = { edits, toScreenMs: [], toScreenCpuMs: [], toDocumentsMs: [], imagesChanged: [] };
  try {
    await preview.session.idle();
    const stream = eventStream(preview.url);
    const file = path.join(dir.articles, `${SLUG}.md`);
    const original = readFileSync(file, 'utf8');
    if (!original.includes(PARAGRAPH)) throw new Error(`bench/edit.ts: ${SLUG}.md no longer has its paragraph`);
    for (let edit = 0; edit < edits; edit++) {
      const before = imageHashes(outDir);
      const seen = preview.session.state().version;
      const wording = WORDINGS[edit % WORDINGS.length]!;
      const cpu = process.cpuUsage();
      const started = performance.now();
      writeFileSync(file, original.replace('acute, severe headaches', wording));
      await stream.next((version) => version > seen);
      times.toScreenMs.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      times.toScreenCpuMs.push((used.user + used.system) / 1000);
      await preview.session.settled(SLUG);
      times.toDocumentsMs.push(performance.now() - started);
      const after = imageHashes(outDir);
      const changed = [...after].filter(([image, hash]) => before.get(image) !== hash).length;
      if (changed === 0) throw new Error(`bench/edit.ts: edit ${edit + 1} changed no card`);
      times.imagesChanged.push(changed);
      await preview.session.idle();
      // An editor reads the card before the next save.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stream.close();
  } finally {
    await preview.close();
  }
  return times;
}

export interface FirstSave {
  /** From the preview's start to its first build done (the output was up to date). */
  startMs: number;
  /** From the start until the renderers were warmed up (src/warm-up.ts): the editor was reading. */
  readyMs: number;
  /** The first save after that: from the write to the page's event. */
  toScreenMs: number;
  toScreenCpuMs: number;
}

/**
 * The first save in a preview started afresh on an up-to-date output, as an editor's session
 * begins: each in a process of its own (`bench/edit.ts --first <work>`), after saveToScreen
 * left `work` built. The save waits for the warm-up, as an editor reading the page would.
 */
export function firstSaves(work: string, runs = 3): FirstSave[] {
  return Array.from({ length: runs }, () => {
    const child = spawnSync(
      process.execPath,
      ['--require', './src/threads.cjs', '--import', 'tsx', 'bench/edit.ts', '--first', work],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FACET_VIDEO: process.env.FACET_VIDEO ?? 'off' } },
    );
    if (child.status !== 0) throw new Error(`bench/edit.ts --first failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as FirstSave;
  });
}

async function firstSave(work: string): Promise<FirstSave> {
  const dir = { articles: path.join(work, 'edit-articles'), templates: path.join(work, 'edit-templates') };
  const started = performance.now();
  const preview = await startPreview({
    port: 0,
    articlesDir: dir.articles,
    templatesDir: dir.templates,
    outDir: path.join(work, 'edit-output'),
    cacheDir: path.join(work, 'edit-cache'),
  });
  try {
    await preview.session.idle();
    const startMs = performance.now() - started;
    await preview.session.ready();
    const readyMs = performance.now() - started;
    const stream = eventStream(preview.url);
    const file = path.join(dir.articles, `${SLUG}.md`);
    const text = readFileSync(file, 'utf8');
    const wording = WORDINGS.find((candidate) => !text.includes(candidate))!;
    const seen = preview.session.state().version;
    const cpu = process.cpuUsage();
    const saved = performance.now();
    writeFileSync(file, text.replace(/(acute|sudden), (severe|intense) head(aches|[ ]pain)/, wording));
    await stream.next((version) => version > seen);
    const toScreenMs = performance.now() - saved;
    const used = process.cpuUsage(cpu);
    stream.close();
    await preview.session.idle();
    return { startMs, readyMs, toScreenMs, toScreenCpuMs: (used.user + used.system) / 1000 };
  } finally {
    await preview.close();
  }
}

/** The article's images as the manifest on disk lists them: path → content hash. */
function imageHashes(outDir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  const article = manifest.articles.find((entry) => entry.slug === SLUG);
  return new Map(article?.posts.flatMap((post) => post.images.map((image) => [image.path, image.hash ?? ''])) ?? []);
}

/** The page's event stream, as the gallery reads it: resolves `next` on the first event whose version passes. */
function eventStream(url: string) {
  let waiting: { passes: (version: number) => boolean; resolve: () => void } | undefined;
  const close = previewEvents(url, ({ version }) => {
    if (!waiting?.passes(version)) return;
    waiting.resolve();
    waiting = undefined;
  });
  return {
    next: (passes: (version: number) => boolean) => new Promise<void>((resolve) => (waiting = { passes, resolve })),
    close,
  };
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--first') {
  process.stdout.write(`${JSON.stringify(await firstSave(process.argv[3]!))}\n`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.FACET_VIDEO ??= 'off';
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const work = mkdtempSync(path.join(os.tmpdir(), 'facet-edit-'));
  const times = await saveToScreen(work, Number(process.argv[2] ?? 5));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ms = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  process.stdout.write(
    `save → card on screen: median ${median(times.toScreenMs).toFixed(0)} ms (${ms(times.toScreenMs)})\n` +
      `  CPU meanwhile: median ${median(times.toScreenCpuMs).toFixed(0)} ms (${ms(times.toScreenCpuMs)})\n` +
      `save → PDFs made: median ${median(times.toDocumentsMs).toFixed(0)} ms (${ms(times.toDocumentsMs)})\n` +
      `images changed per edit: ${times.imagesChanged.join(', ')}\n`,
  );
  const first = firstSaves(work);
  process.stdout.write(
    `first save after an up-to-date start: median ${median(first.map((run) => run.toScreenMs)).toFixed(0)} ms ` +
      `(${ms(first.map((run) => run.toScreenMs))}), CPU ${ms(first.map((run) => run.toScreenCpuMs))} ms; ` +
      `start ${ms(first.map((run) => run.startMs))} ms, warmed up ${ms(first.map((run) => run.readyMs))} ms\n`,
  );
  rmSync(work, { recursive: true, force: true });
}
