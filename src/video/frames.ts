import sharp from 'sharp';

/** A frame as ffmpeg reads it: width × height × RGBA, opaque. */
export type Frame = Buffer;

/** A slide's PNG → its RGBA pixels. */
export async function slidePixels(png: Buffer): Promise<Frame> {
  return sharp(png).ensureAlpha().raw().toBuffer();
}

export interface ProgressBar {
  top: number;
  height: number;
  left: number;
  right: number;
  gap: number;
  /** RGB of the slides played and playing, and of those to come. */
  done: [number, number, number];
  todo: [number, number, number];
}

/**
 * The story's progress over the slide: one segment per slide, filled up to the one on screen,
 * drawn into a copy of the frame (above the text, in the overlay zone: no words there).
 */
export function withProgress(frame: Frame, width: number, bar: ProgressBar, slide: number, slides: number): Frame {
  const out = Buffer.from(frame);
  const span = width - bar.left - bar.right;
  const segment = (span - bar.gap * (slides - 1)) / slides;
  for (let index = 0; index < slides; index += 1) {
    const from = Math.round(bar.left + index * (segment + bar.gap));
    const to = Math.round(bar.left + index * (segment + bar.gap) + segment);
    const [r, g, b] = index <= slide ? bar.done : bar.todo;
    for (let y = bar.top; y < bar.top + bar.height; y += 1) {
      for (let x = from; x < to; x += 1) {
        const at = (y * width + x) * 4;
        out[at] = r;
        out[at + 1] = g;
        out[at + 2] = b;
        out[at + 3] = 255;
      }
    }
  }
  return out;
}

/** `from` faded into `to` by weight/256, two channels at a time. */
export function crossFade(from: Frame, to: Frame, weight: number): Frame {
  const a = new Uint32Array(from.buffer, from.byteOffset, from.length / 4);
  const b = new Uint32Array(to.buffer, to.byteOffset, to.length / 4);
  const out = Buffer.alloc(from.length);
  const o = new Uint32Array(out.buffer, out.byteOffset, out.length / 4);
  const keep = 256 - weight;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    const evens = ((((x & 0x00ff00ff) * keep + (y & 0x00ff00ff) * weight) >>> 8) & 0x00ff00ff) >>> 0;
    const odds = (((((x >>> 8) & 0x00ff00ff) * keep + ((y >>> 8) & 0x00ff00ff) * weight) >>> 0) & 0xff00ff00) >>> 0;
    o[i] = (evens | odds) >>> 0;
  }
  return out;
}

/** "#0F2C3A" → [15, 44, 58]; `over` mixes it with a background at `alpha`. */
export function rgbOf(hex: string): [number, number, number] {
  const full = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  return [1, 3, 5].map((at) => Number.parseInt(full.slice(at, at + 2), 16)) as [number, number, number];
}

export function mix(
  colour: [number, number, number],
  background: [number, number, number],
  alpha: number,
): [number, number, number] {
  return colour.map((value, index) => Math.round(value * alpha + background[index]! * (1 - alpha))) as [
    number,
    number,
    number,
  ];
}
