/**
 * Issue 11: the exact enumeration's temporary split rows carry float copies of a power-of-two
 * multiple of (w, c) (mlp.ts `splitRow`): each the correctly rounded value, and a sign the filter
 * certifies with them is the exact sign.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approxAffineSign, exactAffineSign, floatCoordinates } from '@mlgeo/exact-arith';
import { splitRow } from './mlp.js';

const big = fc.oneof(
  fc.bigInt({ min: -(1n << 120n), max: 1n << 120n }),
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.constant(0n),
);

describe('splitRow (issue 11)', () => {
  it('float copies are Number(v)·2^−e for one e, and certified signs are exact', () => {
    fc.assert(
      fc.property(
        fc.array(big, { minLength: 2, maxLength: 3 }),
        big,
        fc.array(fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }), { minLength: 3, maxLength: 3 }),
        fc.bigInt({ min: 1n, max: 1n << 50n }),
        (w, c, xs, den) => {
          const g = splitRow(w, c);
          expect(g.w).toEqual(w);
          expect(g.c).toBe(c);
          const all = [...w, c];
          const nz = all.findIndex((v) => v !== 0n);
          if (nz < 0) return;
          const s = (nz < w.length ? g.wf[nz]! : g.cf) / Number(all[nz]!);
          // a power of two
          expect(Math.log2(s)).toBe(Math.round(Math.log2(s)));
          w.forEach((v, i) => expect(g.wf[i]).toBe(Number(v) * s));
          expect(g.cf).toBe(Number(c) * s);
          const p = { num: xs.slice(0, w.length), den };
          const f = g.filterSafe ? approxAffineSign(g.wf, g.cf, floatCoordinates(p)) : undefined;
          if (f !== undefined) expect(f).toBe(exactAffineSign(w, c, p));
        },
      ),
      { numRuns: 500 },
    );
  });
});
