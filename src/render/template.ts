import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import Mustache from 'mustache';
import { TemplateError } from '../config/errors.ts';

/** A card template: HTML with inline CSS and `{{placeholders}}`, parsed once, bound per card. */
export interface CardTemplate {
  name: string;
  file: string;
  /** The template with its HTML comments blanked out (line numbers kept). */
  source: string;
  /** Shared pieces (`templates/cards/_footer.html` is `{{> footer}}`), by name. */
  partials: Readonly<Record<string, string>>;
}

/** The element tree satori draws: the same shape React elements have. */
export interface SatoriElement {
  type: string;
  props: Record<string, unknown> & { children?: SatoriChild | SatoriChild[] };
}
export type SatoriChild = SatoriElement | string;
export { TemplateError };

/**
 * Checks the mustache syntax and, given the names a view can hold, every placeholder, so a
 * broken template fails before any card is drawn.
 */
export function compileTemplate(
  name: string,
  file: string,
  source: string,
  partials: Readonly<Record<string, string>> = {},
  known?: ReadonlySet<string>,
): CardTemplate {
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(source);
  } catch (error) {
    const offset = /at (\d+)/.exec(String((error as Error).message))?.[1];
    const { line, column } = lineColumn(source, offset ? Number(offset) : 0);
    throw new TemplateError(
      file,
      line,
      column,
      `${(error as Error).message.split('\n')[0]}; check that every {{#section}} has its {{/section}}`,
      { cause: error },
    );
  }
  if (known) checkPlaceholders(tokens, known, file, source);
  const strip = (text: string) => withoutComments(text);
  return {
    name,
    file,
    source: strip(source),
    partials: Object.fromEntries(Object.entries(partials).map(([key, partial]) => [key, strip(partial)])),
  };
}

type Token = [string, string, number, number, Token[]?];

function checkPlaceholders(tokens: unknown[], known: ReadonlySet<string>, file: string, source: string): void {
  for (const token of tokens as Token[]) {
    const [type, value, start] = token;
    if (['name', '&', '{', '#', '^'].includes(type) && value !== '.' && !known.has(value.split('.')[0]!)) {
      const { line, column } = lineColumn(source, start);
      const near = [...known].find(
        (candidate) => candidate.toLowerCase() === value.toLowerCase() || similar(candidate, value),
      );
      throw new TemplateError(
        file,
        line,
        column,
        `Unknown placeholder {{${value}}}${near ? `; did you mean {{${near}}}?` : `; expected one of ${[...known].sort().join(', ')}`}`,
      );
    }
    if (token[4]) checkPlaceholders(token[4], known, file, source);
  }
}

/** Same letters give or take one: "qoute" ~ "quote", "titel" ~ "title". */
function similar(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

/** HTML comments are for the designer: dropped before mustache sees any tag in them. */
function withoutComments(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ''));
}

/**
 * Fills the placeholders and builds satori's element tree. Mustache escapes every value, and
 * the parser turns the escapes back into text: a value can never become markup.
 */
export function bindTemplate(template: CardTemplate, view: Record<string, unknown>): SatoriElement {
  const html = Mustache.render(template.source, view, template.partials);
  const document = parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: false });
  const roots = document.children.map(toSatori).filter((child): child is SatoriElement => typeof child === 'object');
  if (roots.length === 0)
    throw new TemplateError(template.file, 1, 1, 'Expected an element at the top of the template but received none');
  if (roots.length === 1) return roots[0]!;
  return { type: 'div', props: { style: { display: 'flex', width: '100%', height: '100%' }, children: roots } };
}

function toSatori(node: ChildNode): SatoriChild | undefined {
  if (node.type === 'text') {
    const text = node.data.replace(/\s+/g, ' ');
    return text.trim() === '' ? undefined : text;
  }
  if (node.type === 'tag' || node.type === 'style' || node.type === 'script') return elementOf(node as Element);
  return undefined;
}

function elementOf(element: Element): SatoriElement {
  const props: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(element.attribs)) {
    if (name === 'style') props.style = parseStyle(value);
    else if (name === 'class') props.className = value;
    else props[name] = value;
  }
  if (element.name === 'style') {
    props.children = element.children.map((child) => (child.type === 'text' ? child.data : '')).join('');
    return { type: 'style', props };
  }
  const children = element.children.map(toSatori).filter((child): child is SatoriChild => child !== undefined);
  if (children.length > 0) props.children = children.length === 1 ? children[0] : children;
  return { type: element.name, props };
}

/** `font-size: 40px; --accent: red` → `{ fontSize: '40px', '--accent': 'red' }`. */
function parseStyle(css: string): Record<string, string> {
  const style: Record<string, string> = {};
  for (const declaration of css.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim();
    const value = declaration.slice(colon + 1).trim();
    if (!property || !value) continue;
    const key = property.startsWith('--')
      ? property
      : property.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    style[key] = value;
  }
  return style;
}

function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
