import { degrees, drawImage, PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';

/** Bump when the document's layout changes, so cached PDFs are made again. */
export const PDF_VERSION = 3;
/** A slide that cannot go in as it is (a PNG with alpha, a palette or interlacing) goes in as JPEG. */
const JPEG = { quality: 90, chromaSubsampling: '4:4:4' } as const;

interface Slide {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * A carousel as one PDF document, a page per slide at the slide's pixel size (LinkedIn shows
 * document posts as swipeable carousels). No dates or producer are written, so the same
 * slides always give the same bytes.
 */
export async function carouselPdf(slides: Slide[], title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title, { showInWindowTitleBar: true });
  // The few slides that need converting are converted side by side, on libuv's threads.
  const images = await Promise.all(slides.map((slide) => imageOf(pdf, slide.data)));
  for (const [index, slide] of slides.entries()) {
    const page = pdf.addPage([slide.width, slide.height]);
    drawWhole(page, images[index]!, slide);
  }
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

/**
 * The slide as an image object of the document, from the bytes already encoded: a JPEG as
 * it is, and a PNG's compressed rows as they are, since PDF's Flate filter with PNG
 * predictors reads exactly what a PNG holds (nothing is decoded or encoded again).
 */
async function imageOf(pdf: PDFDocument, data: Buffer): Promise<PDFRef> {
  if (isJpeg(data)) return (await pdf.embedJpg(data)).ref;
  const png = plainPng(data);
  if (!png) return (await pdf.embedJpg(await sharp(data).jpeg(JPEG).toBuffer())).ref;
  const stream = pdf.context.stream(png.rows, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: png.width,
    Height: png.height,
    ColorSpace: png.colours === 3 ? 'DeviceRGB' : 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: png.colours, BitsPerComponent: 8, Columns: png.width },
  });
  return pdf.context.register(stream);
}

function drawWhole(page: PDFPage, image: PDFRef, { width, height }: Slide): void {
  const name = page.node.newXObject('Image', image);
  page.pushOperators(
    ...drawImage(name, { x: 0, y: 0, width, height, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }),
  );
}

function isJpeg(data: Buffer): boolean {
  return data[0] === 0xff && data[1] === 0xd8;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An 8-bit, non-interlaced grey or RGB PNG's size and its IDAT data joined (one zlib stream
 * of filtered rows); undefined for any other PNG.
 */
function plainPng(data: Buffer): { width: number; height: number; colours: 1 | 3; rows: Buffer } | undefined {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  const chunks: Buffer[] = [];
  let header: { width: number; height: number; depth: number; type: number; interlace: number } | undefined;
  for (let at = 8; at + 8 <= data.length;) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const body = data.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR')
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8]!,
        type: body[9]!,
        interlace: body[12]!,
      };
    else if (type === 'IDAT') chunks.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header || header.depth !== 8 || header.interlace !== 0 || chunks.length === 0) return undefined;
  if (header.type !== 0 && header.type !== 2) return undefined;
  return {
    width: header.width,
    height: header.height,
    colours: header.type === 2 ? 3 : 1,
    rows: Buffer.concat(chunks),
  };
}
