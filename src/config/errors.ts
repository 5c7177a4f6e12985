/**
 * Broken setup (brand.yaml, a template, a font): thrown once, stopping the build with exit
 * code 2. The message says what was expected, what was found and how to fix it.
 */
export class SetupError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SetupError';
  }
}

/** One error shape for every value check: "Expected … for … but received …". */
export function expectedMessage(what: string, name: string, value: unknown): string {
  return `Expected ${what} for ${name} but received ${received(value)}`;
}

function received(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

/** Thrown for a template that cannot be parsed; names the file and line. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`${file}:${line}:${column}: ${problem}`, options);
    this.name = 'TemplateError';
  }
}
