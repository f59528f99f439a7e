/**
 * npx tsx scripts/make-icons.ts
 * Draws the Teams app icons into manifest/: color.png (192×192, a white cloud with a check mark on Microsoft
 * blue) and outline.png (32×32, the same cloud in white on transparent, the check cut out). Teams accepts
 * only white and transparent pixels in the outline icon, so every outline pixel is white and only its alpha
 * varies. The PNG encoder is the minimum the format needs: signature, IHDR, one IDAT, IEND.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const MICROSOFT_BLUE = { r: 0x00, g: 0x78, b: 0xd4 } as const;
export const COLOR_ICON_PX = 192;
export const OUTLINE_ICON_PX = 32;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (row after row, 4 bytes each) as a non-interlaced PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4)
    throw new Error(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Point = readonly [number, number];

const CLOUD_CIRCLES: ReadonlyArray<readonly [number, number, number]> = [
  [0.34, 0.56, 0.16],
  [0.53, 0.45, 0.22],
  [0.72, 0.56, 0.15],
];
const CLOUD_BASE = { left: 0.2, right: 0.86, top: 0.56, bottom: 0.72, radius: 0.08 };
const CHECK: readonly Point[] = [
  [0.41, 0.56],
  [0.5, 0.645],
  [0.665, 0.47],
];
const CHECK_HALF_WIDTH = 0.045;

function isInRoundedRect(x: number, y: number, r: typeof CLOUD_BASE): boolean {
  const cx = Math.min(Math.max(x, r.left + r.radius), r.right - r.radius);
  const cy = Math.min(Math.max(y, r.top + r.radius), r.bottom - r.radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r.radius ** 2;
}

function distanceToSegment(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const isInCloud = (x: number, y: number) =>
  CLOUD_CIRCLES.some(([cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r) ||
  isInRoundedRect(x, y, CLOUD_BASE);

const isInCheck = (x: number, y: number) =>
  CHECK.slice(1).some((end, i) => distanceToSegment(x, y, CHECK[i]!, end) <= CHECK_HALF_WIDTH);

/** Share of the pixel (4×4 samples) that the glyph covers: cloud minus check mark. */
function glyphCoverage(px: number, py: number, size: number): number {
  const samples = 4;
  let inside = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = (px + (sx + 0.5) / samples) / size;
      const y = (py + (sy + 0.5) / samples) / size;
      if (isInCloud(x, y) && !isInCheck(x, y)) inside++;
    }
  }
  return inside / (samples * samples);
}

/** White glyph on solid Microsoft blue, every pixel opaque. */
export function drawColorIcon(size = COLOR_ICON_PX): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = glyphCoverage(x, y, size);
      const i = (y * size + x) * 4;
      rgba[i] = Math.round(MICROSOFT_BLUE.r + (255 - MICROSOFT_BLUE.r) * a);
      rgba[i + 1] = Math.round(MICROSOFT_BLUE.g + (255 - MICROSOFT_BLUE.g) * a);
      rgba[i + 2] = Math.round(MICROSOFT_BLUE.b + (255 - MICROSOFT_BLUE.b) * a);
      rgba[i + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

/** White glyph on transparent: RGB is always white, only alpha carries the shape. */
export function drawOutlineIcon(size = OUTLINE_ICON_PX): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      rgba.fill(255, i, i + 3);
      rgba[i + 3] = Math.round(255 * glyphCoverage(x, y, size));
    }
  }
  return encodePng(size, size, rgba);
}

const isMain =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'manifest');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'color.png'), drawColorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), drawOutlineIcon());
  console.log(`wrote ${path.relative(process.cwd(), path.join(dir, 'color.png'))} and outline.png`);
}
