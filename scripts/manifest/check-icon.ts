import { readPng } from './png.js';

/** Teams: the outline icon has only white and transparent pixels. */
export const countNonWhiteOpaquePixels = (rgba: Uint8Array): number => {
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 0 && (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255)) count++;
  }
  return count;
};

/** What Teams would reject in an icon: missing, not a PNG, wrong size, an outline that is not white. */
export function checkIcon(
  field: string,
  name: string,
  data: Buffer | undefined,
  size: number,
  isOutline: boolean,
): string[] {
  if (!data) return [`${field}: ${name} is missing from the package`];
  const png = readPng(data);
  if (!png) return [`${field}: ${name} is not a PNG file`];
  if (png.width !== size || png.height !== size) {
    return [`${field}: ${name} is ${png.width}×${png.height}; Teams needs ${size}×${size}`];
  }
  if (!isOutline) return [];
  if (!png.rgba)
    return [`${field}: ${name} must be an 8-bit non-interlaced PNG so its pixels can be checked`];
  const stray = countNonWhiteOpaquePixels(png.rgba);
  return stray ? [`${field}: ${name} has ${stray} pixels that are neither white nor transparent`] : [];
}
