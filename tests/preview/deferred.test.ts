import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import type { Preview } from '../../src/preview/server.ts';
import { previewEvents } from '../helpers/events.ts';
import { previewOf } from '../helpers/preview.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const SLUG = 'ketamine-therapy-for-migraines';
let project: TempProject;
let preview: Preview;

beforeAll(async () => {
  project = tempProject();
  // LinkedIn posts its carousel as a PDF: the document the first pass leaves for later.
  preview = await previewOf(project, ['linkedin', 'x']);
}, 180_000);

afterAll(async () => {
  await preview?.close();
});

function fetchBody(pathname: string): Promise<{ status: number; body: Buffer }> {
  const { hostname, port } = new URL(preview.url);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path: pathname, headers: { host: `${hostname}:${port}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('after a save, the preview', () => {
  it('tells the page before the PDF and sheet are made, and serves them only once made from the save', async () => {
    const state = preview.session.state();
    const carousel = state.manifest.articles
      .find((article) => article.slug === SLUG)!
      .posts.find((post) => post.channel === 'linkedin' && post.document)!;
    const pdf = carousel.document!.path;
    const before = {
      pdf: readFileSync(path.join(project.out, pdf)),
      sheet: (await fetchBody(`/contact-sheet/${SLUG}.png`)).body,
    };
    const requested: Promise<{
      building: boolean;
      pdfOnDisk: boolean;
      pdf: { status: number; body: Buffer };
      sheet: { status: number; body: Buffer };
      zip: { status: number; body: Buffer };
    }> = new Promise((resolve) => {
      const close = previewEvents(preview.url, (event) => {
        if (event.version <= state.version) return;
        close();
        // Asked for the moment the page hears of the new cards, as an editor clicking at once would.
        const building = preview.session.state().building;
        const pdfOnDisk = existsSync(path.join(project.out, pdf));
        void Promise.all([
          fetchBody(`/output/${pdf}`),
          fetchBody(`/contact-sheet/${SLUG}.png`),
          fetchBody(`/zip/${SLUG}.zip`),
        ]).then(([pdfResponse, sheet, zip]) => resolve({ building, pdfOnDisk, pdf: pdfResponse, sheet, zip }));
      });
    });
    const file = path.join(project.articles, `${SLUG}.md`);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('## First Line Treatments for Migraines', '## First-Line Care for Migraines'),
    );
    // Asked for again just after the save, before its cards are drawn: the old files are still in output/.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const unbuilt = preview.session.state().version === state.version;
    const early = await Promise.all([
      fetchBody(`/output/${pdf}`),
      fetchBody(`/contact-sheet/${SLUG}.png`),
      fetchBody(`/zip/${SLUG}.zip`),
    ]);
    const served = await requested;
    expect(unbuilt).toBe(true);
    // The page was told while the documents were still to be made: the first pass left the PDF out.
    expect(served.building).toBe(true);
    expect(served.pdfOnDisk).toBe(false);
    await preview.session.idle();

    const clean = path.join(project.dir, 'clean');
    await build({
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: clean,
      cacheDir: path.join(project.dir, 'clean-cache'),
      channels: ['linkedin', 'x'],
    });
    const fresh = {
      pdf: readFileSync(path.join(clean, pdf)),
      sheet: readFileSync(path.join(clean, SLUG, 'contact-sheet.png')),
    };
    expect(fresh.pdf.equals(before.pdf)).toBe(false);
    expect(fresh.sheet.equals(before.sheet)).toBe(false);
    expect(served.pdf.status).toBe(200);
    expect(served.pdf.body.equals(fresh.pdf)).toBe(true);
    expect(served.sheet.status).toBe(200);
    expect(served.sheet.body.equals(fresh.sheet)).toBe(true);
    expect(served.zip.status).toBe(200);
    expect(served.zip.body.includes(fresh.pdf)).toBe(true);
    expect(readFileSync(path.join(project.out, pdf)).equals(fresh.pdf)).toBe(true);
    const [earlyPdf, earlySheet, earlyZip] = early;
    expect(earlyPdf.body.equals(fresh.pdf)).toBe(true);
    expect(earlySheet.body.equals(fresh.sheet)).toBe(true);
    expect(earlyZip.body.includes(fresh.pdf)).toBe(true);
  }, 120_000);

  it('stops the second pass for a newer save: the older save’s documents are never committed', async () => {
    const file = path.join(project.articles, `${SLUG}.md`);
    const text = readFileSync(file, 'utf8');
    const start = preview.session.state().version;
    const versions: number[] = [];
    const close = previewEvents(preview.url, (event) => {
      if (event.version > start && !versions.includes(event.version)) versions.push(event.version);
    });
    writeFileSync(file, text.replace('Acute migraines start', 'Acute migraines often start'));
    // The first save's cards are on the page and its second pass has begun: save again.
    await expect
      .poll(() => versions.length > 0 && preview.session.state().making === 'documents', {
        timeout: 60_000,
        interval: 2,
      })
      .toBe(true);
    writeFileSync(file, text.replace('Acute migraines start', 'Acute migraines begin'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await preview.session.idle();
    close();
    // The first save's first pass, the second save's two: the first save's second pass was stopped.
    expect(versions).toEqual([start + 1, start + 2, start + 3]);
    const clean = path.join(project.dir, 'clean-2');
    await build({
      articlesDir: project.articles,
      templatesDir: project.templates,
      outDir: clean,
      cacheDir: path.join(project.dir, 'clean-cache'),
      channels: ['linkedin', 'x'],
    });
    const pdf = preview.session
      .state()
      .manifest.articles.find((article) => article.slug === SLUG)!
      .posts.find((post) => post.document)!.document!.path;
    expect(readFileSync(path.join(project.out, pdf)).equals(readFileSync(path.join(clean, pdf)))).toBe(true);
  }, 120_000);
});
