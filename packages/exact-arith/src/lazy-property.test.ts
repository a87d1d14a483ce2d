import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lazyProperty } from './lazy-property.js';

describe('lazyProperty', () => {
  it('computes on first read only, then returns the cached value', () => {
    let calls = 0;
    const o = lazyProperty({ a: 1 }, 'volume', () => {
      calls++;
      return { v: 42 };
    });
    expect(calls).toBe(0);
    const first = o.volume;
    expect(o.volume).toBe(first);
    expect(first).toEqual({ v: 42 });
    expect(calls).toBe(1);
  });

  it('is an own enumerable property: keys, JSON and spreads see it, not its hidden slots', () => {
    const o = lazyProperty({ a: 1 }, 'volume', () => 5);
    expect(Object.keys(o)).toEqual(['a', 'volume']);
    expect(JSON.stringify(o)).toBe('{"a":1,"volume":5}');
    expect({ ...o }).toEqual({ a: 1, volume: 5 });
    expect(Object.getOwnPropertySymbols({ ...o })).toEqual([]);
  });

  it('computes again after a compute that threw', () => {
    let calls = 0;
    const o = lazyProperty({}, 'x', () => {
      calls++;
      if (calls === 1) throw new Error('first');
      return calls;
    });
    expect(() => o.x).toThrow('first');
    expect(o.x).toBe(2);
    expect(o.x).toBe(2);
  });

  it('keeps each object its own value when many objects share a key (shared getter)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 50 }), (xs) => {
        const objs = xs.map((x) =>
          lazyProperty(
            lazyProperty({ x }, 'twice', () => 2 * x),
            'sq',
            () => x * x,
          ),
        );
        // read in reverse order: no value may leak between objects
        for (let i = objs.length - 1; i >= 0; i--) expect(objs[i]!.sq).toBe(xs[i]! * xs[i]!);
        objs.forEach((o, i) => expect(o.twice).toBe(2 * xs[i]!));
      }),
      { numRuns: 50, seed: 11 },
    );
  });
});
