/* global process, require */
// Loaded with `node --require` before anything else: libuv's thread pool takes its size from
// the environment when it first starts, and the ES module loader starts it reading the first
// module, so a module setting it would be too late. resvg draws and sharp encodes on these
// threads; one per core (at least two) instead of libuv's four keeps less memory in resvg's
// and glibc's per-thread allocators (README "Speed"). An explicit value wins.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload, run before ES modules
const { availableParallelism } = require('node:os');
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(2, availableParallelism()));
