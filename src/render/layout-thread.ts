// The layout thread's entry (src/render/layout-worker.ts starts it): satori fits and renders
// each bound card sent here, one card at a time in the order sent, while the main thread goes on
// binding, drawing (resvg) and encoding. The fonts come once per setup, shared, not per card.
import { parentPort } from 'node:worker_threads';
import type { LoadedFont } from '../config/fonts.ts';
import { layOutElement } from './layout.ts';
import type { LayoutReply, LayoutRequest, SharedFont } from './layout-messages.ts';

const port = parentPort!;
/**
 * satori parses a font once per Buffer, and the fitter's caches key on the font list: each set
 * keeps the same objects for every card drawn with it.
 */
const fontSets = new Map<number, LoadedFont[]>();
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (request: LayoutRequest) => {
  if (request.kind === 'fonts') fontSets.set(request.set, request.fonts.map(loadedFont));
  else if (request.kind === 'forget') fontSets.delete(request.set);
  // One card at a time: satori awaits between its steps, so cards laid out side by side would all finish late.
  else queue = queue.then(() => layOut(request));
});

async function layOut({ job, set, element, width, height }: Extract<LayoutRequest, { kind: 'card' }>): Promise<void> {
  let reply: LayoutReply;
  try {
    const fonts = fontSets.get(set);
    if (!fonts) throw new Error(`the layout thread was sent no font set ${set}`);
    reply = { job, layout: await layOutElement(element, width, height, fonts) };
  } catch (error) {
    reply = { job, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
}

function loadedFont({ data, ...font }: SharedFont): LoadedFont {
  return { ...font, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}
