import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lazyArray } from './lazy.js';

describe('lazyArray', () => {
  it('computes an entry on its first read only, and only the entries read', () => {
    const calls: number[] = [];
    const a = lazyArray(5, (i) => {
      calls.push(i);
      return { i };
    });
    expect(calls).toEqual([]);
    const x = a[3];
    expect(a[3]).toBe(x);
    expect(x).toEqual({ i: 3 });
    expect(calls).toEqual([3]);
    expect(a.length).toBe(5);
  });

  it('behaves as the plain array of its values (isArray, map, every, spread, keys, JSON)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 30 }), (xs) => {
        const a = lazyArray(xs.length, (i) => xs[i]!);
        expect(Array.isArray(a)).toBe(true);
        expect(a.map((v) => 2 * v)).toEqual(xs.map((v) => 2 * v));
        expect(a.every((v, i) => v === xs[i])).toBe(true);
        expect([...a]).toEqual(xs);
        expect(Object.keys(a)).toEqual(Object.keys(xs));
        expect(Object.values(a)).toEqual(xs);
        expect(JSON.stringify(a)).toBe(JSON.stringify(xs));
        expect(a.slice(1)).toEqual(xs.slice(1));
      }),
      { numRuns: 50, seed: 5 },
    );
  });

  it('refuses writes (its entries are computed values)', () => {
    const a = lazyArray(2, (i) => i + 1);
    expect(() => {
      'use strict';
      (a as number[])[0] = 7;
    }).toThrow(TypeError);
    expect(a[0]).toBe(1);
  });

  it('computes again after a compute that threw', () => {
    let calls = 0;
    const a = lazyArray(1, () => {
      calls++;
      if (calls === 1) throw new Error('first');
      return calls;
    });
    expect(() => a[0]).toThrow('first');
    expect(a[0]).toBe(2);
  });
});
