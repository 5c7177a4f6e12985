export { build, check, type BuildResult } from './build.ts';
export type { BuildOptions } from './config/options.ts';
export { SetupError } from './config/errors.ts';
export type * from './model.ts';
