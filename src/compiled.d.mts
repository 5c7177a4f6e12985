/** The compiled entry `cli` or `index` (the public API) as a file URL, compiled first if a source changed. */
export function compiledEntry(name: 'cli' | 'index'): Promise<string>;
