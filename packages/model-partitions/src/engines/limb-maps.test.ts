/**
 * Issue 11: exact layer-map rows in float64 limbs (limb-maps.ts) equal the BigInt rows of
 * mlp-maps.ts `nextMap` — large integers (several limbs, both signs), wide layers (carries
 * propagated inside a row), lazily computed rows of deeper layers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcdOfList } from '@mlgeo/exact-arith';
import {
  LimbMap,
  bitLength,
  fromLimbs,
  limbLayer,
  primitiveHomogeneousRow,
  toLimbs,
} from './limb-maps.js';
import { type IntLayer, firstMap, nextMap } from './mlp-maps.js';

const big = (bits: number) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }), fc.boolean(), fc.nat(bits))
    .map(([x, neg, shift]) => {
      const v = x >> BigInt(shift);
      return neg ? -v : v;
    });

describe('limb arithmetic (issue 11)', () => {
  it('toLimbs / fromLimbs round-trip and bitLength', () => {
    fc.assert(
      fc.property(big(200), (x) => {
        const b = bitLength(x);
        const a = x < 0n ? -x : x;
        expect(a < 1n << BigInt(b)).toBe(true);
        if (a > 0n) expect(a >= 1n << BigInt(b - 1)).toBe(true);
        const T = Math.ceil((b + 1) / 21);
        const out = new Float64Array(T + 2);
        toLimbs(x, T, out, 1);
        expect(fromLimbs(out, 1, T)).toBe(x);
      }),
    );
  });

  it('layer-map rows equal nextMap (ReLU), rows computed lazily in any order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 8, max: 90 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        (d, hidden, bits, flips, seed) => {
          let s = seed;
          const rnd = () => {
            s = (s * 1103515245 + 12345) % 2147483648;
            return s;
          };
          const int = () => {
            let v = 0n;
            for (let t = 0; t < bits; t += 15) v = (v << 15n) | BigInt(rnd() & 0x7fff);
            v >>= BigInt(rnd() % (bits + 1));
            return rnd() & 1 ? -v : v;
          };
          const sizes = [d, ...hidden, 1];
          const layers: IntLayer[] = [];
          for (let l = 0; l + 1 < sizes.length; l++)
            layers.push({
              W: Array.from({ length: sizes[l + 1]! }, () =>
                Array.from({ length: sizes[l]! }, () => (rnd() % 5 === 0 ? 0n : int())),
              ),
              b: Array.from({ length: sizes[l + 1]! }, int),
              s: 1n << BigInt(1 + (rnd() % bits)),
            });
          const label = flips.map((f) => (f ? '1' : '0')).join('');
          let maskAt = 0;
          let ref = firstMap(layers[0]!);
          let lm = LimbMap.first(layers[0]!);
          for (let l = 1; l < layers.length; l++) {
            const bitsArr = Array.from({ length: sizes[l]! }, (_, k) => flips[maskAt + k]!);
            ref = nextMap(ref, bitsArr, layers[l]!, layers[l - 1]!);
            lm = LimbMap.next(lm, limbLayer(layers[l]!), label, maskAt);
            maskAt += sizes[l]!;
            // rows read in reverse order (each computed on first read)
            for (let j = lm.rows - 1; j >= 0; j--) {
              const at = lm.row(j);
              for (let e = 0; e <= d; e++) {
                const v = fromLimbs(lm.data, at + e * lm.T, lm.T);
                expect(v).toBe(e < d ? ref.A[j]![e]! : ref.c[j]!);
              }
            }
            expect(lm.S).toBe(ref.S);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('maps made from a sibling (a few bits changed) equal nextMap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 4, max: 24 }),
        fc.integer({ min: 8, max: 90 }),
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        fc.array(fc.nat(23), { minLength: 0, maxLength: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        (d, width, bits, base, flips, seed) => {
          let s = seed;
          const rnd = () => {
            s = (s * 1103515245 + 12345) % 2147483648;
            return s;
          };
          const int = () => {
            let v = 0n;
            for (let t = 0; t < bits; t += 15) v = (v << 15n) | BigInt(rnd() & 0x7fff);
            return rnd() & 1 ? -v : v;
          };
          const layers: IntLayer[] = [
            {
              W: Array.from({ length: width }, () => Array.from({ length: d }, int)),
              b: Array.from({ length: width }, int),
              s: 1n << 20n,
            },
            {
              W: Array.from({ length: 5 }, () =>
                Array.from({ length: width }, () => (rnd() % 4 === 0 ? 0n : int())),
              ),
              b: Array.from({ length: 5 }, int),
              s: 1n << 30n,
            },
          ];
          const b0 = base.slice(0, width);
          const b1 = b0.slice();
          for (const f of flips) if (f < width) b1[f] = !b1[f];
          const text = (b: boolean[]) => b.map((x) => (x ? '1' : '0')).join('');
          const H0 = LimbMap.first(layers[0]!);
          const LL = limbLayer(layers[1]!);
          const first = LimbMap.next(H0, LL, text(b0), 0);
          const sib = LimbMap.nextFrom(first, text(b1), 0);
          const ref = nextMap(firstMap(layers[0]!), b1, layers[1]!, layers[0]!);
          for (let j = 0; j < 5; j++) {
            const at = sib.row(j);
            for (let e = 0; e <= d; e++)
              expect(fromLimbs(sib.data, at + e * sib.T, sib.T)).toBe(
                e < d ? ref.A[j]![e]! : ref.c[j]!,
              );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a wide row propagates carries inside the sum', () => {
    // 3000 inputs of 62–63-bit integers with nearly all limb bits set: the products of one
    // output limb sum past 2^53 unless carries are propagated inside the sum
    const n = 3000;
    const W0: bigint[][] = Array.from({ length: n }, (_, k) => [
      (1n << 62n) - 1n - BigInt(k),
      -((1n << 62n) - 1n - BigInt(k)),
    ]);
    const layers: IntLayer[] = [
      { W: W0, b: W0.map((_, k) => (1n << 58n) + BigInt(k)), s: 1n << 40n },
      {
        W: [Array.from({ length: n }, (_, k) => (1n << 63n) - 1n - BigInt(k))],
        b: [(1n << 62n) + 5n],
        s: 1n << 41n,
      },
    ];
    const label = Array.from({ length: n }, (_, k) => (k % 7 === 3 ? '0' : '1')).join('');
    const bitsArr = Array.from(label, (c) => c === '1');
    const ref = nextMap(firstMap(layers[0]!), bitsArr, layers[1]!, layers[0]!);
    const lm = LimbMap.next(LimbMap.first(layers[0]!), limbLayer(layers[1]!), label, 0);
    const at = lm.row(0);
    expect([0, 1, 2].map((e) => fromLimbs(lm.data, at + e * lm.T, lm.T))).toEqual([
      ...ref.A[0]!,
      ref.c[0]!,
    ]);
  });

  it('primitiveHomogeneousRow equals the BigInt row divided by gcdOfList (or defers to it)', () => {
    // normalised limbs (low limbs in [0, 2^21), signed top) of x at out[at …]
    const normalised = (x: bigint, T: number, out: Float64Array, at: number) => {
      const low = 1n << BigInt(21 * (T - 1));
      let r = ((x % low) + low) % low;
      out[at + T - 1] = Number((x - r) / low);
      for (let t = 0; t < T - 1; t++) {
        out[at + t] = Number(r & ((1n << 21n) - 1n));
        r >>= 21n;
      }
    };
    const entry = fc
      .tuple(big(110), fc.bigInt({ min: 0n, max: 40n }), fc.integer({ min: 0, max: 3 }))
      .map(([x, shift, kind]) => (kind === 0 ? 0n : kind === 1 ? x << shift : x));
    let deferred = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 2, maxLength: 5 }),
        big(60),
        fc.boolean(),
        (xs, factor, negate) => {
          // a common factor, often: the rows of a net's cells have one
          const row = factor === 0n ? xs : xs.map((x) => x * factor);
          const width = row.length;
          let bits = 0;
          for (const x of row) bits = Math.max(bits, bitLength(x));
          const T = Math.max(1, Math.ceil((bits + 2) / 21));
          const buf = new Float64Array(width * T + 3);
          row.forEach((x, e) => normalised(x, T, buf, 3 + e * T));
          for (let e = 0; e < width; e++) expect(fromLimbs(buf, 3 + e * T, T)).toBe(row[e]);
          const got = primitiveHomogeneousRow(buf, 3, width, T, negate);
          runs++;
          if (got === undefined) {
            deferred++;
            return;
          }
          const g = gcdOfList(row);
          const q = row.map((x) => (g > 1n ? x / g : x) * (negate ? -1n : 1n));
          expect(got).toEqual([q[width - 1]!, ...q.slice(0, width - 1)]);
        },
      ),
      { numRuns: 400 },
    );
    // rows are decided on limbs (the rest: gcd ≥ 2^32, or entries of very different sizes)
    expect(deferred).toBeLessThan(runs);
  });
});
