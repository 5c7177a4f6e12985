import sharp from 'sharp';

/** The height of a contact sheet's thumbnails. */
export const THUMB_HEIGHT = 300;

/** Where an image's thumbnail is kept in the card cache, by the image's content hash. */
export function thumbnailKey(hash: string): string {
  return `thumb-${THUMB_HEIGHT}-${hash}`;
}

/** A thumbnail of an image file: a JPEG card's is made from the JPEG, the image that is posted. */
export function thumbnailOfFile(file: Buffer): Promise<Buffer> {
  return sharp(file).resize({ height: THUMB_HEIGHT }).png({ compressionLevel: 6 }).toBuffer();
}
