import satori, { type SatoriNode, type SatoriOptions } from 'satori';
import type { SatoriChild, SatoriElement } from './template.ts';

/**
 * Text fitting. A template marks a text box with `data-fit="name"`, `data-min` and `data-max`
 * (font sizes in px). The box's size comes from laying out the card; the text gets the largest
 * whole size at which satori's own layout of it fits the box. Typography that changes the
 * measure (family, weight, line height, letter spacing, transform) is read from inline styles
 * of the box and its ancestors.
 */

export interface FitResult {
  element: SatoriElement;
  /** Text of boxes that overflow even at their minimum size. */
  overflow: string[];
  /** The font size chosen for each box, by its data-fit name. */
  sizes: Record<string, number>;
}

interface FitBox {
  name: string;
  element: SatoriElement;
  typography: Record<string, unknown>;
  min: number;
  max: number;
}

const BOX_STYLE = [
  'display', 'flexDirection', 'flexWrap', 'alignItems', 'justifyContent', 'gap',
  'padding', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'border', 'borderTop', 'borderRight', 'borderBottom', 'borderLeft', 'borderWidth',
];
const INHERITED = ['fontFamily', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing', 'textTransform', 'wordBreak', 'textAlign'];

type MeasureOptions = SatoriOptions & { width: number; height: number };

export async function fitText(root: SatoriElement, options: MeasureOptions): Promise<FitResult> {
  const boxes = findFitBoxes(root, {});
  if (boxes.length === 0) return { element: root, overflow: [], sizes: {} };
  const sizes = await boxSizes(root, boxes, options);
  const overflow: string[] = [];
  const chosen = new Map<SatoriElement, number>();
  const named: Record<string, number> = {};
  for (const box of boxes) {
    const size = sizes.get(box.name);
    if (!size) continue;
    const fontSize = await largestFitting(box, size, options);
    if (fontSize === undefined) overflow.push(textContent(box.element.props.children));
    chosen.set(box.element, fontSize ?? box.min);
    named[box.name] = fontSize ?? box.min;
  }
  return { element: withFontSizes(root, chosen), overflow, sizes: named };
}

function findFitBoxes(element: SatoriElement, inherited: Record<string, unknown>): FitBox[] {
  const style = (element.props.style ?? {}) as Record<string, unknown>;
  const typography = { ...inherited, ...pick(style, INHERITED) };
  const name = element.props['data-fit'];
  if (typeof name === 'string') {
    const min = Number(element.props['data-min'] ?? 24);
    const max = Number(element.props['data-max'] ?? 96);
    return [{ name, element, typography, min: Math.min(min, max), max: Math.max(min, max) }];
  }
  return childrenOf(element).flatMap((child) => (typeof child === 'string' ? [] : findFitBoxes(child, typography)));
}

/**
 * Box sizes by layout: a fit box's size never depends on its own text (it is sized by the
 * card), so cards alike but for their fitted words (every quote card of a format, say) share one.
 */
const layouts = new Map<string, Map<string, { width: number; height: number }>>();

/** Lays the card out once with every box at its minimum size and reads each box's size. */
async function boxSizes(root: SatoriElement, boxes: FitBox[], options: MeasureOptions): Promise<Map<string, { width: number; height: number }>> {
  const atMinimum = withFontSizes(root, new Map(boxes.map((box) => [box.element, box.min])));
  const key = JSON.stringify([fontSetId(options.fonts), options.width, options.height, withoutFitText(atMinimum)]);
  const known = layouts.get(key);
  if (known) return known;
  const sizes = await layOut(atMinimum, options);
  if (layouts.size >= MAX_MEASURED) layouts.clear();
  layouts.set(key, sizes);
  return sizes;
}

function withoutFitText(element: SatoriElement): SatoriElement {
  if (typeof element.props['data-fit'] === 'string') return { type: element.type, props: { ...element.props, children: undefined } };
  const children = childrenOf(element).map((child) => (typeof child === 'string' ? child : withoutFitText(child)));
  return { type: element.type, props: { ...element.props, children } };
}

async function layOut(atMinimum: SatoriElement, options: MeasureOptions): Promise<Map<string, { width: number; height: number }>> {
  const sizes = new Map<string, { width: number; height: number }>();
  await satori(atMinimum as never, {
    ...options,
    onNodeDetected: (node: SatoriNode) => {
      const name = node.props?.['data-fit'];
      if (typeof name === 'string' && !sizes.has(name)) sizes.set(name, { width: node.width, height: node.height });
    },
  });
  return sizes;
}

/**
 * Largest whole font size whose text height fits; undefined if even the minimum overflows.
 * Starts from the area-scaled guess, so most boxes need two or three layouts, not a full search.
 */
async function largestFitting(box: FitBox, size: { width: number; height: number }, options: MeasureOptions): Promise<number | undefined> {
  const fits = async (fontSize: number) => (await measureHeight(box, size.width, fontSize, options)) <= size.height;
  const atMax = await measureHeight(box, size.width, box.max, options);
  if (atMax <= size.height) return box.max;
  // Invariant: `high` overflows; `low` fits, or is the minimum (checked at the end).
  let low = box.min;
  let high = box.max;
  const guess = Math.floor(box.max * Math.sqrt(size.height / atMax));
  if (guess > low && guess < high) {
    if (await fits(guess)) low = guess;
    else high = guess;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await fits(middle)) low = middle;
    else high = middle;
  }
  return low > box.min || (await fits(box.min)) ? low : undefined;
}

/**
 * Heights measured so far, by text, typography, width and size: the same words at the same
 * width recur across formats and channels (portrait, square, story and photo are all 1080 wide).
 */
const measured = new Map<string, number>();
const MAX_MEASURED = 50_000;
/** Fonts are loaded once per setup; a new setup (brand.yaml edited) gets a new id. */
const fontSets = new WeakMap<object, number>();
let nextFontSet = 0;

function fontSetId(fonts: object): number {
  if (!fontSets.has(fonts)) fontSets.set(fonts, nextFontSet++);
  return fontSets.get(fonts)!;
}

async function measureHeight(box: FitBox, width: number, fontSize: number, options: MeasureOptions): Promise<number> {
  const style = (box.element.props.style ?? {}) as Record<string, unknown>;
  const key = JSON.stringify([fontSetId(options.fonts), box.typography, pick(style, BOX_STYLE), box.element.props.children, width, fontSize]);
  const known = measured.get(key);
  if (known !== undefined) return known;
  const height = await layoutHeight(box, style, width, fontSize, options);
  if (measured.size >= MAX_MEASURED) measured.clear();
  measured.set(key, height);
  return height;
}

async function layoutHeight(box: FitBox, style: Record<string, unknown>, width: number, fontSize: number, options: MeasureOptions): Promise<number> {
  const probe: SatoriElement = {
    type: 'div',
    props: {
      // The box's own padding and borders, border-box sized like the laid-out box, so the text gets the same width.
      style: { ...box.typography, ...pick(style, BOX_STYLE), boxSizing: 'border-box', width, fontSize },
      children: box.element.props.children,
    },
  };
  const { height: _height, onNodeDetected: _onNodeDetected, ...widthOnly } = options;
  const svg = await satori(probe as never, { ...widthOnly, width });
  return Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? Number.POSITIVE_INFINITY);
}

function withFontSizes(element: SatoriElement, sizes: ReadonlyMap<SatoriElement, number>): SatoriElement {
  const fontSize = sizes.get(element);
  const children = element.props.children;
  const mapped = Array.isArray(children)
    ? children.map((child) => (typeof child === 'string' ? child : withFontSizes(child, sizes)))
    : children && typeof children !== 'string' ? withFontSizes(children, sizes) : children;
  const style = fontSize === undefined ? element.props.style : { ...(element.props.style as object), fontSize };
  return { type: element.type, props: { ...element.props, style, children: mapped } };
}

function childrenOf(element: SatoriElement): SatoriChild[] {
  const children = element.props.children;
  if (children === undefined) return [];
  return Array.isArray(children) ? children : [children];
}

export function textContent(children: SatoriChild | SatoriChild[] | undefined): string {
  if (children === undefined) return '';
  if (typeof children === 'string') return children;
  if (Array.isArray(children)) return children.map(textContent).join(' ');
  return children.type === 'style' ? '' : textContent(children.props.children);
}

function pick(style: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => style[key] !== undefined).map((key) => [key, style[key]]));
}
