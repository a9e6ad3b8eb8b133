// Writes build/icon.png (512×512): a plain envelope on a green rounded square. Generated with
// node:zlib so no image tool is needed; electron-builder derives .ico/.icns from it.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BG = [0x2f, 0x6f, 0x62];
const PAPER = [0xfb, 0xf8, 0xf0];
const INK = [0x2f, 0x6f, 0x62];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function pixel(x, y) {
  // Rounded square (radius 96) with transparent corners.
  const r = 96;
  const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
  const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  // Envelope: 320×220 centred; its flap is a V from the top corners to the centre.
  const left = 96, right = 416, top = 146, bottom = 366;
  if (x >= left && x <= right && y >= top && y <= bottom) {
    const border = x - left < 10 || right - x < 10 || y - top < 10 || bottom - y < 10;
    const mid = (left + right) / 2;
    const flapY = top + (220 * 0.55 * (1 - Math.abs(x - mid) / (mid - left)));
    const onFlap = Math.abs(y - flapY) < 7;
    return [...(border || onFlap ? INK : PAPER), 255];
  }
  return [...BG, 255];
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const p = pixel(x, y);
    raw.set(p, y * (SIZE * 4 + 1) + 1 + x * 4);
  }
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync('build', { recursive: true });
writeFileSync('build/icon.png', png);
console.log(`build/icon.png: ${png.length} bytes`);
