/** PNG: just enough of a reader to check an icon's size and its pixels (8-bit, non-interlaced). */
import zlib from 'node:zlib';

export interface PngImage {
  readonly width: number;
  readonly height: number;
  /** 8-bit RGBA, row after row; undefined when the format is one this reader does not decode. */
  readonly rgba?: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Reads IHDR and, for 8-bit non-interlaced images, the pixels. Returns undefined when it is not a PNG. */
export function readPng(data: Buffer): PngImage | undefined {
  if (
    data.length < 33 ||
    !data.subarray(0, 8).equals(PNG_SIGNATURE) ||
    data.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    return undefined;
  }
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const [bitDepth, colorType, , , interlace] = data.subarray(24, 29);
  const channels = CHANNELS[colorType ?? -1];
  const idat: Buffer[] = [];
  let palette: Buffer | undefined;
  let paletteAlpha: Buffer | undefined;
  for (let offset = 8; offset + 12 <= data.length;) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IDAT') idat.push(body);
    if (type === 'PLTE') palette = body;
    if (type === 'tRNS') paletteAlpha = body;
    offset += 12 + length;
  }
  if (bitDepth !== 8 || interlace !== 0 || !channels || (colorType === 3 && !palette))
    return { width, height };
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, i * channels + channels);
    const [r, g, b, a] =
      colorType === 6
        ? [p[0]!, p[1]!, p[2]!, p[3]!]
        : colorType === 2
          ? [p[0]!, p[1]!, p[2]!, 255]
          : colorType === 4
            ? [p[0]!, p[0]!, p[0]!, p[1]!]
            : colorType === 0
              ? [p[0]!, p[0]!, p[0]!, 255]
              : [
                  palette![p[0]! * 3] ?? 0,
                  palette![p[0]! * 3 + 1] ?? 0,
                  palette![p[0]! * 3 + 2] ?? 0,
                  paletteAlpha?.[p[0]!] ?? 255,
                ];
    rgba.set([r, g, b, a], i * 4);
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
