import { describe, expect, it } from 'vitest';
import { float64Slice, int32Slice } from './typed-slices.js';

describe('typed slices', () => {
  it('hands out zero-filled views that never overlap', () => {
    for (const slice of [float64Slice, int32Slice]) {
      const views = Array.from({ length: 2000 }, (_, k) => slice(1 + (k % 7)));
      views.forEach((v, k) => {
        expect(v.length).toBe(1 + (k % 7));
        expect(Array.from(v).every((x) => x === 0)).toBe(true);
        v.fill(k + 1);
      });
      // writing each view did not touch any other one
      views.forEach((v, k) => expect(Array.from(v).every((x) => x === k + 1)).toBe(true));
    }
  });

  it('gives large arrays a buffer of their own', () => {
    const a = int32Slice(100_000);
    expect(a.length).toBe(100_000);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(400_000);
    const f = float64Slice(100_000);
    expect(f.buffer.byteLength).toBe(800_000);
  });
});
