/**
 * A build stopped on request (Ctrl-C, SIGTERM) before its commit: output/ is as the last good
 * build left it, its temp files are gone and its lock released. The CLI exits 128 + signal.
 */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`Interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}
