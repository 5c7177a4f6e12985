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
  /** The card with every fit box at its chosen size, and satori's SVG of it. */
  element: SatoriElement;
  svg: string;
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

type BoxSizes = Map<string, { width: number; height: number }>;

const BOX_STYLE = [
  'display',
  'flexDirection',
  'flexWrap',
  'alignItems',
  'justifyContent',
  'gap',
  'padding',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'border',
  'borderTop',
  'borderRight',
  'borderBottom',
  'borderLeft',
  'borderWidth',
];
const INHERITED = [
  'fontFamily',
  'fontWeight',
  'fontStyle',
  'lineHeight',
  'letterSpacing',
  'textTransform',
  'wordBreak',
  'textAlign',
];

type MeasureOptions = SatoriOptions & { width: number; height: number };

/**
 * Measuring needs satori's layout, not its glyph outlines: without embedded fonts it writes
 * <text> instead of paths, the same line breaks and heights at about a fifth of the time.
 */
const LAYOUT_ONLY = { embedFont: false } as const;

/**
 * Fits every `data-fit` box and renders the card. A fit box's size never depends on its own
 * text (the card sizes it), so the sizes seen for a card of the same shape are a guess the
 * final render confirms: the card is laid out once, and again only when a guess was wrong.
 */
export async function renderFitted(root: SatoriElement, options: MeasureOptions): Promise<FitResult> {
  const boxes = findFitBoxes(root, {});
  if (boxes.length === 0) return { element: root, svg: await satori(root as never, options), overflow: [], sizes: {} };
  const shape = shapeKey(root, options);
  let sizes =
    shapes.get(shape) ??
    (await layOut(withFontSizes(root, new Map(boxes.map((box) => [box.element, box.min]))), options));
  let rendered: (FitResult & { seen: BoxSizes }) | undefined;
  // Two renders settle any card whose boxes the card sizes; the bound guards a template whose don't.
  for (let attempt = 0; attempt < 3; attempt++) {
    const fitted = await chooseSizes(boxes, sizes, options);
    if (rendered && sameChoice(rendered, fitted)) break;
    const seen: BoxSizes = new Map();
    const element = withFontSizes(root, fitted.chosen);
    const svg = await satori(element as never, { ...options, onNodeDetected: collectFitBoxes(seen) });
    rendered = { element, svg, overflow: fitted.overflow, sizes: fitted.named, seen };
    if (sameSizes(seen, sizes)) break;
    sizes = seen;
  }
  const { seen, ...result } = rendered!;
  remember(shapes, shape, seen, MAX_SHAPES);
  return result;
}

/** The same sizes and overflow make the same element, so the render already made stands. */
function sameChoice(rendered: FitResult, fitted: { named: Record<string, number>; overflow: string[] }): boolean {
  return JSON.stringify([rendered.sizes, rendered.overflow]) === JSON.stringify([fitted.named, fitted.overflow]);
}

async function chooseSizes(boxes: FitBox[], sizes: BoxSizes, options: MeasureOptions) {
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
  return { chosen, overflow, named };
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
 * Fit box sizes by the card's shape: size, fonts and the element tree without its words.
 * Words outside the fit boxes rarely move them (a kicker that wraps would), which the final
 * render catches.
 */
const shapes = new Map<string, BoxSizes>();
const MAX_SHAPES = 1_000;

function shapeKey(root: SatoriElement, options: MeasureOptions): string {
  return JSON.stringify([fontSetId(options.fonts), options.width, options.height, withoutText(root)]);
}

function withoutText(element: SatoriElement): SatoriElement {
  const children = childrenOf(element).map((child) => (typeof child === 'string' ? '' : withoutText(child)));
  return { type: element.type, props: { ...element.props, children } };
}

function collectFitBoxes(sizes: BoxSizes): (node: SatoriNode) => void {
  return (node) => {
    const name = node.props?.['data-fit'];
    if (typeof name === 'string' && !sizes.has(name)) sizes.set(name, { width: node.width, height: node.height });
  };
}

function sameSizes(a: BoxSizes, b: BoxSizes): boolean {
  return (
    a.size === b.size &&
    [...a].every(([name, size]) => b.get(name)?.width === size.width && b.get(name)?.height === size.height)
  );
}

/** Lays the card out without drawing it, every box at its minimum size, and reads each box's size. */
async function layOut(atMinimum: SatoriElement, options: MeasureOptions): Promise<BoxSizes> {
  const sizes: BoxSizes = new Map();
  await satori(atMinimum as never, { ...options, ...LAYOUT_ONLY, onNodeDetected: collectFitBoxes(sizes) });
  return sizes;
}

function remember<T>(cache: Map<string, T>, key: string, value: T, limit: number): void {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
}

/**
 * Largest whole font size whose text height fits; undefined if even the minimum overflows.
 * Starts from the area-scaled guess and gallops from it (±1, ±2, ±4…): the answer is usually
 * within a size or two of the guess, so most boxes need three layouts, not a full search.
 */
async function largestFitting(
  box: FitBox,
  size: { width: number; height: number },
  options: MeasureOptions,
): Promise<number | undefined> {
  const fits = async (fontSize: number) => (await measureHeight(box, size.width, fontSize, options)) <= size.height;
  const atMax = await measureHeight(box, size.width, box.max, options);
  if (atMax <= size.height) return box.max;
  // Invariant: `high` overflows; `low` fits, or is the minimum (checked at the end).
  let low = box.min;
  let high = box.max;
  const guess = Math.floor(box.max * Math.sqrt(size.height / atMax));
  if (guess > low && guess < high) {
    if (await fits(guess)) {
      low = guess;
      for (let step = 1; low + step < high; step *= 2) {
        if (!(await fits(low + step))) {
          high = low + step;
          break;
        }
        low += step;
      }
    } else {
      high = guess;
      for (let step = 1; high - step > low; step *= 2) {
        if (await fits(high - step)) {
          low = high - step;
          break;
        }
        high -= step;
      }
    }
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
  const key = JSON.stringify([
    fontSetId(options.fonts),
    box.typography,
    pick(style, BOX_STYLE),
    box.element.props.children,
    width,
    fontSize,
  ]);
  const known = measured.get(key);
  if (known !== undefined) return known;
  const height = await layoutHeight(box, style, width, fontSize, options);
  remember(measured, key, height, MAX_MEASURED);
  return height;
}

async function layoutHeight(
  box: FitBox,
  style: Record<string, unknown>,
  width: number,
  fontSize: number,
  options: MeasureOptions,
): Promise<number> {
  const probe: SatoriElement = {
    type: 'div',
    props: {
      // The box's own padding and borders, border-box sized like the laid-out box, so the text gets the same width.
      style: { ...box.typography, ...pick(style, BOX_STYLE), boxSizing: 'border-box', width, fontSize },
      children: box.element.props.children,
    },
  };
  const { height: _height, onNodeDetected: _onNodeDetected, ...widthOnly } = options;
  const svg = await satori(probe as never, { ...widthOnly, ...LAYOUT_ONLY, width });
  return Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? Number.POSITIVE_INFINITY);
}

function withFontSizes(element: SatoriElement, sizes: ReadonlyMap<SatoriElement, number>): SatoriElement {
  const fontSize = sizes.get(element);
  const children = element.props.children;
  const mapped = Array.isArray(children)
    ? children.map((child) => (typeof child === 'string' ? child : withFontSizes(child, sizes)))
    : children && typeof children !== 'string'
      ? withFontSizes(children, sizes)
      : children;
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
