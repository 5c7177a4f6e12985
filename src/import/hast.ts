import type { Element, Root as HastRoot } from 'hast';

/** Small helpers over a parsed page (hast): finding elements and reading their text. */
export type HastParent = HastRoot | Element;

export function findAll(node: HastParent, test: (element: Element) => boolean, found: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) found.push(child);
    findAll(child, test, found);
  }
  return found;
}

export function findFirst(node: HastParent, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

export function textOf(node: HastParent): string {
  return node.children
    .map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : ''))
    .join('');
}

export function plainText(node: HastParent): string {
  return textOf(node).replace(/\s+/g, ' ').trim();
}

export function classesOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? String(value).split(/\s+/) : [];
}

export function hasClass(element: Element, name: string): boolean {
  return classesOf(element).includes(name);
}

export function attribute(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : undefined;
}

/** Everything a theme names an element by: classes, id, data-hook, aria-label. */
export function namesOf(element: Element): string {
  return [
    ...classesOf(element),
    attribute(element, 'id'),
    attribute(element, 'dataHook'),
    attribute(element, 'ariaLabel'),
  ]
    .filter(Boolean)
    .join(' ');
}

/** How a reviewer finds an element again: `<h1 class="entry-title">`. */
export function describe(element: Element): string {
  const hook = attribute(element, 'dataHook');
  const classes = classesOf(element).slice(0, 2).join(' ');
  const named = hook ? ` data-hook="${hook}"` : classes ? ` class="${classes}"` : '';
  return `<${element.tagName}${named}>`;
}
