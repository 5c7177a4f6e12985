import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

/** Bump when the document's layout changes, so cached PDFs are made again. */
export const PDF_VERSION = 2;
/** Slides go in as JPEG: pdf-lib embeds JPEG as it is, while PNG it decodes and deflates in JavaScript (10× slower). */
const JPEG = { quality: 90, chromaSubsampling: '4:4:4' } as const;

/**
 * A carousel as one PDF document, a page per slide at the slide's pixel size (LinkedIn shows
 * document posts as swipeable carousels). No dates or producer are written, so the same
 * slides always give the same bytes.
 */
export async function carouselPdf(
  slides: { data: Buffer; width: number; height: number }[],
  title: string,
): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title, { showInWindowTitleBar: true });
  // Converted side by side on libuv's threads, embedded in slide order.
  const jpegs = await Promise.all(slides.map((slide) => sharp(slide.data).jpeg(JPEG).toBuffer()));
  for (const [index, slide] of slides.entries()) {
    const image = await pdf.embedJpg(jpegs[index]!);
    const page = pdf.addPage([slide.width, slide.height]);
    page.drawImage(image, { x: 0, y: 0, width: slide.width, height: slide.height });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}
