/* global process */
// A compiled copy of src/, made by esbuild when a source file has changed since the last copy,
// kept under node_modules/.cache/facet/: the CLI (src/launch.mjs) and the bench's cold build run
// it. Node 20 runs tsx's loader hooks on a second thread and asks it about every module loaded;
// compiled JavaScript loads without them, which halves the CPU of an up-to-date `npm start`
// (README "Speed"). Tests run the TypeScript through vitest, the bench's own code through tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(SRC, '..', 'node_modules', '.cache', 'facet');

const ownMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => ({
      contents: (await readFile(file, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)),
      loader: 'ts',
    }));
  },
};

/** The compiled entry `cli` or `index` (the public API) as a file URL, compiled first if a source changed. */
export async function compiledEntry(name) {
  const dir = path.join(CACHE, sourceKey());
  if (existsSync(path.join(dir, 'cli.mjs'))) utimesSync(dir, new Date(), new Date());
  else await compile(dir);
  return pathToFileURL(path.join(dir, `${name}.mjs`)).href;
}

/** Every file under src/ by path, size and change time: a copy is reused only for the same sources. */
function sourceKey() {
  const hash = createHash('sha256');
  for (const file of readdirSync(SRC, { recursive: true }).sort()) {
    const stats = statSync(path.join(SRC, file));
    if (stats.isFile()) hash.update(`${file}\0${stats.size}\0${stats.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * One bundle split at the dynamic imports, so a CLI command still loads only its own modules,
 * packages left to node_modules. Each module keeps its own `import.meta.url` (the source file's),
 * so paths next to a source (the preview's client, the renderer's fingerprint) stay right.
 * Written to a temporary folder and renamed: a process starting meanwhile never sees half of it.
 */
async function compile(target) {
  const { build } = await import('esbuild');
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await build({
      // The layout thread's module is an entry of its own, beside the chunks that start it.
      entryPoints: [
        { in: path.join(SRC, 'cli.ts'), out: 'cli' },
        { in: path.join(SRC, 'index.ts'), out: 'index' },
        { in: path.join(SRC, 'render', 'layout-thread.ts'), out: 'layout-thread' },
      ],
      outdir: temporary,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
      plugins: [ownMetaUrl],
    });
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  mkdirSync(CACHE, { recursive: true });
  removeStale(target);
  try {
    renameSync(temporary, target);
  } catch (error) {
    // Another start compiled the same sources first: its copy is the same.
    if (!existsSync(path.join(target, 'cli.mjs'))) throw error;
    rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * Copies not started for a week go: a running preview may still load a command's module from the
 * copy it started with, so a newer copy does not replace older ones at once.
 */
function removeStale(keep) {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of readdirSync(CACHE)) {
    const folder = path.join(CACHE, name);
    if (folder !== keep && statSync(folder).mtimeMs < weekAgo) rmSync(folder, { recursive: true, force: true });
  }
}
