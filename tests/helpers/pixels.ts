import sharp from 'sharp';

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * How much a region varies, as the largest channel standard deviation (0–128). A flat fill or
 * a soft gradient stays under ~4; any text drawn in it lifts it well above 10.
 */
export async function variation(image: Buffer, region: Region): Promise<number> {
  // stats() reads the whole input, not the extracted region, so the region is cut out first.
  const cut = await sharp(image).extract(region).removeAlpha().png().toBuffer();
  const stats = await sharp(cut).stats();
  return Math.max(...stats.channels.slice(0, 3).map((channel) => channel.stdev));
}

/** Rows of the image that hold text: a row varies where glyphs cross it. */
export async function inkRows(image: Buffer): Promise<boolean[]> {
  const { data, info } = await sharp(image).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
  const rows: boolean[] = [];
  for (let y = 0; y < info.height; y++) {
    let min = 255;
    let max = 0;
    for (let x = 0; x < info.width; x++) {
      const value = data[y * info.width + x]!;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    rows.push(max - min > 60);
  }
  return rows;
}

/**
 * How far two images of the same size are apart: the share of pixels whose largest channel
 * differs by more than 48, and the mean absolute difference (0–255).
 */
export async function difference(a: Buffer, b: Buffer): Promise<{ changed: number; mean: number }> {
  const [left, right] = await Promise.all(
    [a, b].map((image) => sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  if (left!.info.width !== right!.info.width || left!.info.height !== right!.info.height)
    return { changed: 1, mean: 255 };
  let changed = 0;
  let total = 0;
  const pixels = left!.info.width * left!.info.height;
  for (let index = 0; index < pixels; index++) {
    let largest = 0;
    for (let channel = 0; channel < 3; channel++) {
      const delta = Math.abs(left!.data[index * 3 + channel]! - right!.data[index * 3 + channel]!);
      total += delta;
      if (delta > largest) largest = delta;
    }
    if (largest > 48) changed++;
  }
  return { changed: changed / pixels, mean: total / (pixels * 3) };
}
