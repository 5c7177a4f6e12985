import sharp, { type Sharp } from 'sharp';

/** The height of a contact sheet's thumbnails. */
export const THUMB_HEIGHT = 300;

/** Where an image's thumbnail is kept in the card cache, by the image's content hash. */
export function thumbnailKey(hash: string): string {
  return `thumb-${THUMB_HEIGHT}-${hash}`;
}

/**
 * A card's thumbnail, made from its pixels while they are at hand: shrinking raw pixels costs
 * a few milliseconds, decoding the PNG again for the sheet cost five times that.
 */
export function thumbnailOf(pixels: Buffer, width: number, height: number): Promise<Buffer> {
  return shrink(sharp(pixels, { raw: { width, height, channels: 4 } }).removeAlpha());
}

/** A thumbnail of an image file: a JPEG card's is made from the JPEG, the image that is posted. */
export function thumbnailOfFile(file: Buffer): Promise<Buffer> {
  return shrink(sharp(file));
}

/** One way to make a thumbnail, from pixels or from the image file, so both give the same bytes. */
function shrink(image: Sharp): Promise<Buffer> {
  return image.resize({ height: THUMB_HEIGHT }).png({ compressionLevel: 6 }).toBuffer();
}
