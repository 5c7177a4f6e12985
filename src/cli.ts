import './render/native-memory.ts';
// Commands load their modules when run: `npm start` on an up-to-date project loads no renderer.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type BuildResult } from './build.ts';
import type { Channel } from './channels/platforms.ts';
import { SetupError, TemplateError } from './config/errors.ts';
import { type BuildOptions, DEFAULT_OPTIONS } from './config/options.ts';
import { formatMessage } from './messages/report.ts';
import type { ArticleEntry, Manifest, Message } from './model.ts';
import { readManifest } from './write/output.ts';
import { slugify } from './read/slug.ts';
import { writeAtomic } from './write/atomic.ts';
import { Interrupted } from './interrupted.ts';
import { plainProgress, terminalProgress } from './terminal/display.ts';
import { exitCodeFor, interruptOnSignals } from './terminal/interrupt.ts';
import { type Style, styleFor } from './terminal/style.ts';

/** Exit codes: 0 all built (warnings allowed), 1 an article failed or check found errors, 2 usage or setup. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `facet — articles in, social campaigns out

Usage: npm run facet -- <command> [options]

Commands:
  build [slug…]          build every article (or the named ones) into output/
  check [slug…]          everything but pixels; prints problems
  new "<title>"          scaffold articles/<slug>.md with valid front matter
  import <files|folders> turn saved pages (.html) or their text (.txt) into articles/<slug>.md
  approve <slug> [--channel c]  record the posts as approved in approvals.yaml
  preview                local preview with live reload (--port 4173, --host 127.0.0.1)
  export --format <name> scheduler exports from output/manifest.json (buffer, hootsuite,
                         generic, json, ics, bundle) into <out>/exports/ [--start YYYY-MM-DD]

Options:
  --articles DIR   articles folder (default articles)
  --templates DIR  templates folder (default templates)
  --out DIR        output folder (default output)
  --cache DIR      drawn-card cache (default .facet-cache; safe to delete)
  --channels a,b   only these channels
  --drafts         include articles marked draft: true
  --force          build: redraw every card; new/import: overwrite an existing article
  --json           print the build report (the manifest) on stdout
  --approved-only  export: only posts approved as they are now
  -h, --help       this help
`;

const OPTIONS = {
  articles: { type: 'string' },
  templates: { type: 'string' },
  out: { type: 'string' },
  cache: { type: 'string' },
  channels: { type: 'string' },
  drafts: { type: 'boolean' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  port: { type: 'string' },
  format: { type: 'string' },
  channel: { type: 'string' },
  'approved-only': { type: 'boolean' },
  start: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const values = parsed.values as Values;
  const [command, ...rest] = parsed.positionals;
  if (values.help || !command) {
    process.stderr.write(USAGE);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  try {
    switch (command) {
      case 'build':
        return await runBuild(rest, values);
      case 'check':
        return await runCheck(rest, values);
      case 'new':
        return await runNew(rest, values);
      case 'import':
        return await runImport(rest, values);
      case 'preview':
        return await runPreview(values);
      case 'export':
        return await runExport(values);
      case 'approve':
        return await runApprove(rest, values);
      default:
        return usageError(`Unknown command \`${command}\``);
    }
  } catch (error) {
    return setupError(error);
  }
}

function buildOptions(slugs: string[], values: Values): Partial<BuildOptions> {
  return {
    slugs,
    ...(values.articles ? { articlesDir: values.articles } : {}),
    ...(values.templates ? { templatesDir: values.templates } : {}),
    ...(values.out ? { outDir: values.out } : {}),
    ...(values.cache ? { cacheDir: values.cache } : {}),
    ...(values.channels
      ? {
          channels: values.channels
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean) as Channel[],
        }
      : {}),
    drafts: values.drafts ?? false,
    force: values.force ?? false,
  };
}

async function runBuild(slugs: string[], values: Values): Promise<number> {
  const started = performance.now();
  const style = styleFor(process.stderr);
  const display = process.stderr.isTTY ? terminalProgress(process.stderr, style) : plainProgress(process.stderr);
  const outDir = values.out ?? 'output';
  const interruption = interruptOnSignals(outDir, (signal) =>
    display.note(
      style.yellow(
        `${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping after the cards in flight… (again to quit at once)`,
      ),
    ),
  );
  let result: BuildResult;
  try {
    result = await build(buildOptions(slugs, values), { onProgress: display.update, signal: interruption.signal });
  } catch (error) {
    display.clear();
    if (!(error instanceof Interrupted)) throw error;
    process.stderr.write(
      `${style.yellow('✗ interrupted')}: nothing written; ${outDir}/ is as the last build left it\n`,
    );
    return exitCodeFor(error.signal);
  } finally {
    interruption.dispose();
  }
  display.clear();
  printMessages(result.warnings, result.built, style);
  if (values.json) process.stdout.write(`${JSON.stringify(result.manifest, null, 2)}\n`);
  printApprovals(result.manifest);
  if (result.displayFailure !== undefined) {
    process.stderr.write(
      `note: the progress display failed and was turned off (the build was not affected): ${String(result.displayFailure)}\n`,
    );
  }
  const summary = buildSummary(result, (performance.now() - started) / 1000, outDir);
  process.stderr.write(`${summary.ok ? style.green('✓') : style.red('✗')} ${summary.text}\n`);
  return summary.ok ? EXIT.ok : EXIT.failed;
}

/** "3 built (2 up to date), 0 failed · 111 images, 41 cards drawn · 1.2 s → output/" */
function buildSummary(result: BuildResult, seconds: number, outDir: string): { ok: boolean; text: string } {
  const failed = result.built.filter((entry) => entry.status === 'failed');
  // An article can build and still hold back a post (a caption that cannot fit): that is an error too.
  const held = result.built.filter(
    (entry) => entry.status === 'ok' && entry.messages.some((message) => message.severity === 'error'),
  );
  const images = result.built.reduce(
    (sum, entry) => sum + entry.posts.reduce((count, post) => count + post.images.length, 0),
    0,
  );
  const upToDate = result.upToDate.length > 0 ? ` (${result.upToDate.length} up to date)` : '';
  const heldNote = held.length > 0 ? ` (${held.length} with posts held back)` : '';
  const text =
    `${result.built.length - failed.length} built${upToDate}${heldNote}, ${failed.length} failed` +
    ` · ${images} images, ${result.cardsDrawn} cards drawn · ${seconds.toFixed(1)} s → ${outDir}/`;
  return { ok: failed.length === 0 && held.length === 0, text };
}

async function runCheck(slugs: string[], values: Values): Promise<number> {
  const { check } = await import('./check.ts');
  const result = await check(buildOptions(slugs, values));
  const { entries } = result;
  printMessages(result.warnings, entries);
  if (values.json) process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  const messages = [...result.warnings, ...entries.flatMap((entry) => entry.messages)];
  const errors = messages.filter((message) => message.severity === 'error').length;
  const warnings = messages.length - errors;
  process.stderr.write(
    `${errors === 0 ? '✓' : '✗'} ${entries.length} checked · ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
  );
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

async function runNew(args: string[], values: Values): Promise<number> {
  const title = args.join(' ').trim();
  if (!title) return usageError('Expected a title, e.g. npm run facet -- new "Folate vs. Folic Acid"');
  const slug = slugify(title);
  if (!slug) return usageError(`Expected a title with letters or digits but received ${JSON.stringify(title)}`);
  const file = path.join(values.articles ?? 'articles', `${slug}.md`);
  if (existsSync(file) && !values.force) return usageError(`${file} already exists; pass --force to overwrite it`);
  const [{ scaffoldArticle }, { localToday }] = await Promise.all([
    import('./import/scaffold.ts'),
    import('./import/article.ts'),
  ]);
  await writeAtomic(file, scaffoldArticle(title, localToday()));
  process.stderr.write(`✓ wrote ${file}\n`);
  return EXIT.ok;
}

async function runImport(args: string[], values: Values): Promise<number> {
  if (args.length === 0) return usageError('Expected files or folders, e.g. npm run facet -- import saved-pages/');
  const { importPages } = await import('./import/run.ts');
  const print = (line: string) => process.stderr.write(`${line}\n`);
  const run = await importPages(args, {
    articlesDir: values.articles ?? 'articles',
    force: values.force ?? false,
    print,
  });
  const checked = run.slugs.length > 0 ? await runCheck(run.slugs, values) : EXIT.ok;
  return run.problems.length > 0 ? EXIT.failed : checked;
}

async function runExport(values: Values): Promise<number> {
  if (!values.format) return usageError('Expected --format, e.g. npm run facet -- export --format buffer');
  if (values.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.start))
    return usageError(`Expected a date like 2026-12-01 for --start but received ${JSON.stringify(values.start)}`);
  const { exportCampaign } = await import('./export/run.ts');
  const result = await exportCampaign({
    outDir: values.out ?? 'output',
    templatesDir: values.templates ?? 'templates',
    format: values.format,
    approvedOnly: values['approved-only'] ?? false,
    ...(values.start ? { start: values.start } : {}),
  });
  for (const problem of result.rejected) process.stderr.write(`left out: ${problem}\n`);
  process.stderr.write(
    `${result.rejected.length === 0 ? '✓' : '✗'} ${result.rows} posts scheduled → ${result.files.join(', ')}\n`,
  );
  return result.rejected.length === 0 ? EXIT.ok : EXIT.failed;
}

async function runApprove(args: string[], values: Values): Promise<number> {
  const [slug] = args;
  if (!slug || args.length > 1)
    return usageError(
      'Expected one article, e.g. npm run facet -- approve ketamine-therapy-for-migraines [--channel instagram]',
    );
  const { approve, approvedSnapshots } = await import('./review/approvals.ts');
  const count = await approve(
    DEFAULT_OPTIONS.approvalsFile,
    await readManifest(values.out ?? 'output'),
    slug,
    values.channel,
    approvedSnapshots(values.cache ?? DEFAULT_OPTIONS.cacheDir),
  );
  process.stderr.write(
    `✓ approved ${count} post${count === 1 ? '' : 's'} of ${slug}${values.channel ? ` on ${values.channel}` : ''} → approvals.yaml\n`,
  );
  return EXIT.ok;
}

async function runPreview(values: Values): Promise<number> {
  const port = values.port === undefined ? 4173 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usageError(`Expected a port from 0 to 65535 for --port but received ${JSON.stringify(values.port)}`);
  const { startPreview } = await import('./preview/server.ts');
  const preview = await startPreview({
    ...buildOptions([], values),
    port,
    ...(values.host ? { host: values.host } : {}),
  });
  process.stderr.write(
    `facet preview: ${preview.url}  (watching ${values.articles ?? 'articles'}/ and ${values.templates ?? 'templates'}/; Ctrl-C to stop)\n`,
  );
  const interruption = interruptOnSignals(values.out ?? 'output', () =>
    process.stderr.write('stopping the preview…\n'),
  );
  await new Promise((resolve) => interruption.signal.addEventListener('abort', resolve, { once: true }));
  await preview.close();
  interruption.dispose();
  process.stderr.write('✓ preview stopped\n');
  return EXIT.ok;
}

/** How much of what was built an editor has approved, when anyone has approved anything. */
function printApprovals(manifest: Manifest): void {
  const posts = manifest.articles.flatMap((article) => article.posts);
  const count = (status: string) => posts.filter((post) => post.approval === status).length;
  if (count('approved') + count('changed') === 0) return;
  process.stderr.write(
    `  approvals: ${count('approved')} approved, ${count('changed')} changed since approval, ${count('unapproved')} not approved\n`,
  );
}

function printMessages(setupWarnings: Message[], entries: ArticleEntry[], style = styleFor(process.stderr)): void {
  for (const message of [...setupWarnings, ...entries.flatMap((entry) => entry.messages)]) {
    process.stderr.write(`${colourSeverity(formatMessage(message), message.severity, style)}\n`);
  }
}

/** The severity word in colour, so errors stand out in a long list; the text is unchanged. */
function colourSeverity(line: string, severity: Message['severity'], style: Style): string {
  const paint = severity === 'error' ? style.red : style.yellow;
  return line.replace(` ${severity} `, ` ${paint(severity)} `);
}

function usageError(problem: string): number {
  process.stderr.write(`facet: ${problem}\nRun \`npm run facet -- --help\` for usage.\n`);
  return EXIT.usage;
}

function setupError(error: unknown): number {
  if (error instanceof SetupError) {
    process.stderr.write(`facet: ${error.message}\n  fix: ${error.hint}\n`);
    return EXIT.usage;
  }
  if (error instanceof TemplateError) {
    process.stderr.write(`facet: ${error.message}\n`);
    return EXIT.usage;
  }
  throw error;
}

/** Runs the CLI and sets the exit code; an error no command expected is reported, never thrown. */
export function run(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `facet: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the command you ran.\n`,
      );
      process.exitCode = EXIT.usage;
    },
  );
}

// Real paths on both sides: a project reached through a symlink runs the CLI all the same.
// package.json's scripts start src/launch.mjs instead, which calls run() itself.
const isEntry =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isEntry) void run(process.argv.slice(2));
