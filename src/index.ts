export { build, type BuildResult } from './build.ts';
export { check } from './check.ts';
export type { BuildOptions } from './config/options.ts';
export { SetupError } from './config/errors.ts';
export type * from './model.ts';
