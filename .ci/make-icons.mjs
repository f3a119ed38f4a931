// Draws the app and tray icons as PNGs (no image tools needed): a rounded square with a pulse line
// for the app, a filled dot per state for the tray. Run: node .ci/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5, size), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
const dot = (rgb) => (x, y, s) => {
  const d = Math.hypot(x - s / 2, y - s / 2) - s * 0.4;
  const a = Math.max(0, Math.min(1, 0.5 - d));
  return [...rgb, Math.round(a * 255)];
};
function appIcon(x, y, s) {
  const r = s * 0.18;
  const cx = Math.min(Math.max(x, r), s - r);
  const cy = Math.min(Math.max(y, r), s - r);
  const inside = Math.hypot(x - cx, y - cy) <= r;
  if (!inside) return [0, 0, 0, 0];
  // A heartbeat line across the middle.
  const u = x / s;
  const pulse = u < 0.3 || u > 0.7 ? 0.5 : u < 0.4 ? 0.5 - (u - 0.3) * 3 : u < 0.5 ? 0.2 + (u - 0.4) * 6 : u < 0.6 ? 0.8 - (u - 0.5) * 4 : 0.4 + (u - 0.6);
  if (Math.abs(y / s - pulse) < 0.035) return [255, 255, 255, 255];
  return [30, 64, 175, 255];
}
const dir = new URL('../resources/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('icon.png', dir), png(512, appIcon));
for (const [name, rgb] of Object.entries({ tray: [37, 99, 235], 'tray-ok': [22, 163, 74], 'tray-warning': [217, 119, 6], 'tray-critical': [220, 38, 38], 'tray-unknown': [107, 114, 128] })) {
  writeFileSync(new URL(`${name}.png`, dir), png(32, dot(rgb)));
}
console.log('icons written to resources/icons/');
