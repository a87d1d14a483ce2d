import { Resvg } from '@resvg/resvg-js';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from './png-decode.js';

describe('decodePng', () => {
  it('reads the size and pixels of a PNG resvg wrote, matching resvg’s own raster', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="37" height="21">' +
      '<rect width="37" height="21" fill="#ffffff"/><rect x="5" y="3" width="10" height="8" fill="#9ecae1"/>' +
      '<circle cx="27" cy="12" r="6" fill="#fc9272" fill-opacity="0.5"/></svg>';
    const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    const decoded = decodePng(image.asPng());
    expect([decoded.width, decoded.height]).toEqual([37, 21]);
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(image.pixels))).toBe(true);
    const at = (x: number, y: number) => [
      ...decoded.pixels.subarray((y * 37 + x) * 4, (y * 37 + x) * 4 + 4),
    ];
    expect(at(10, 7)).toEqual([0x9e, 0xca, 0xe1, 255]);
    expect(at(1, 1)).toEqual([255, 255, 255, 255]);
  });

  it('undoes every filter type on a hand-made RGB image', () => {
    // 2×5 pixels, one row per filter type 0..4, each pixel (r,g,b) = (10x+y, 20+y, 30+x)
    const width = 2;
    const want = (x: number, y: number) => [10 * x + y, 20 + y, 30 + x];
    const rows: number[] = [];
    for (let y = 0; y < 5; y++) {
      const cur = [want(0, y), want(1, y)].flat();
      const prev = y > 0 ? [want(0, y - 1), want(1, y - 1)].flat() : [0, 0, 0, 0, 0, 0];
      rows.push(y);
      for (let i = 0; i < width * 3; i++) {
        const a = i >= 3 ? cur[i - 3]! : 0;
        const b = prev[i]!;
        const c = i >= 3 ? prev[i - 3]! : 0;
        const p = a + b - c;
        const paeth =
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
            ? a
            : Math.abs(p - b) <= Math.abs(p - c)
              ? b
              : c;
        rows.push((cur[i]! - [0, a, b, (a + b) >> 1, paeth][y]! + 256) & 0xff);
      }
    }
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      let crc = 0xffffffff;
      for (const byte of body) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
      }
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      body.copy(out, 4);
      out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
      return out;
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(5, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const png = Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.from(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const decoded = decodePng(png);
    for (let y = 0; y < 5; y++)
      for (let x = 0; x < width; x++)
        expect([...decoded.pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)]).toEqual([
          ...want(x, y),
          255,
        ]);
    png[png.length - 20]! ^= 1; // corrupt the IDAT: its CRC no longer matches
    expect(() => decodePng(png)).toThrow(/CRC/);
  });
});
