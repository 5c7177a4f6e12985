// The layout thread from the TypeScript sources (tests, tsx): Node 20 gives a worker thread none
// of the main thread's loader hooks, so tsx's are registered here before the thread's module loads.
// The compiled copy (src/compiled.mjs) starts its own layout-thread.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./layout-thread.ts');
