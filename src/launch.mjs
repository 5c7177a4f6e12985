/* global process */
// What package.json's scripts run: the CLI compiled from src/ (src/compiled.mjs), no tsx.
import { compiledEntry } from './compiled.mjs';

const cli = await compiledEntry('cli').catch(notCompiled);
const { run } = await import(cli);
await run(process.argv.slice(2));

/** A source esbuild cannot read: its own positioned message, and the CLI's exit code for setup errors. */
function notCompiled(error) {
  process.stderr.write(`facet: src/ did not compile: ${error.message}\n`);
  process.exit(2);
}
