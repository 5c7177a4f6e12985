import { inflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawCard, type RenderContext } from '../../src/render/card.ts';
import { renderContextOf } from '../../src/setup/setup.ts';
import { carouselPdf } from '../../src/write/pdf.ts';
import { repoSetup, TITLE_CARD } from '../helpers/setup.ts';

let context: RenderContext;
beforeAll(async () => {
  context = renderContextOf(await repoSetup());
});

const card = TITLE_CARD;

describe('carousel PDF', () => {
  it('holds each PNG slide’s own pixels, unchanged, and each JPEG slide’s own bytes, a page per slide', async () => {
    const png = (await drawCard(card, context, false)).data;
    const jpeg = (await drawCard({ ...card, encoding: 'jpeg' }, context, false)).data;
    const pdf = await PDFDocument.load(
      await carouselPdf(
        [
          { data: png, width: 1080, height: 1350 },
          { data: jpeg, width: 1080, height: 1350 },
        ],
        'Ketamine for Migraines',
      ),
    );
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 1080, height: 1350 });
    expect(pdf.getTitle()).toBe('Ketamine for Migraines');

    const first = imageOn(pdf.getPage(0));
    expect(first.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('FlateDecode'));
    const expected = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(expected.info.channels).toBe(3);
    expect(Buffer.compare(decodeFlatePng(first), expected.data)).toBe(0);

    const second = imageOn(pdf.getPage(1));
    expect(second.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'));
    expect(Buffer.compare(Buffer.from(second.getContents()), jpeg)).toBe(0);
  });

  it('converts a PNG it cannot take as it is (one with alpha) to a JPEG of the same picture', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#336699' } })
      .png()
      .toBuffer();
    const pdf = await PDFDocument.load(await carouselPdf([{ data: png, width: 40, height: 30 }], 'Alpha'));
    const image = imageOn(pdf.getPage(0));
    expect(image.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'));
    const { data } = await sharp(Buffer.from(image.getContents())).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]].map((value) => Math.round(value! / 8))).toEqual(
      [0x33, 0x66, 0x99].map((v) => Math.round(v / 8)),
    );
  });
});

/** The one image object a page draws. */
function imageOn(page: PDFPage): PDFRawStream {
  const resources = page.node.Resources()!;
  const objects = resources.lookup(PDFName.of('XObject'), PDFDict);
  const [name] = objects.keys();
  const image = page.doc.context.lookup(objects.get(name!));
  expect(image).toBeInstanceOf(PDFRawStream);
  return image as PDFRawStream;
}

/** A Flate stream with PNG predictors back to pixels, written from the PNG specification (filters 0–4). */
function decodeFlatePng(stream: PDFRawStream): Buffer {
  const parameters = stream.dict.lookup(PDFName.of('DecodeParms'), PDFDict);
  const number = (dict: PDFDict, key: string) => dict.lookup(PDFName.of(key), PDFNumber).asNumber();
  expect(number(parameters, 'Predictor')).toBeGreaterThanOrEqual(10);
  expect(stream.dict.get(PDFName.of('ColorSpace'))).toBe(PDFName.of('DeviceRGB'));
  expect([number(stream.dict, 'Width'), number(stream.dict, 'Height')]).toEqual([1080, 1350]);
  expect(number(parameters, 'BitsPerComponent')).toBe(8);
  const [width, channels] = [number(parameters, 'Columns'), number(parameters, 'Colors')];
  const rows = inflateSync(stream.getContents());
  const stride = width * channels;
  const height = rows.length / (stride + 1);
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = rows[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const raw = rows[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? out[y * stride + x - channels]! : 0;
      const up = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predicted = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter]!;
      out[y * stride + x] = (raw + predicted) & 0xff;
    }
  }
  return out;
}
