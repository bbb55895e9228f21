// Draws the add-in's icons (assets/icon-{16,32,64,80}.png): three white bars of a payment comparison on
// NHS blue (#005EB8), with rounded corners. No image library: a PNG written with zlib. Run once:
// `node scripts/make-icons.mjs`; the PNGs are committed.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
const BLUE = [0, 94, 184, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];
for (const size of [16, 32, 64, 80]) {
  const u = size / 16; // design on a 16-unit grid
  const radius = 3 * u;
  const bars = [ [3, 9], [7, 5], [11, 7] ]; // x start (units), top (units); bars 3 units wide, down to 13
  const img = png(size, (x, y) => {
    const cx = Math.min(Math.max(x, radius), size - radius);
    const cy = Math.min(Math.max(y, radius), size - radius);
    if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return CLEAR;
    for (const [bx, top] of bars) if (x >= bx * u && x < (bx + 2.5) * u && y >= top * u && y < 13 * u) return WHITE;
    return BLUE;
  });
  writeFileSync(new URL(`../assets/icon-${size}.png`, import.meta.url), img);
}
console.log("icons written");
