/**
 * Issue 11 (s12-exact2): exact sign tests of limb rows at integer points (limb-maps.ts
 * `signMagnitudeRow`, `limbPoint`, `limbAffineSign`) equal the BigInt sign of w·num + c·den —
 * rows of H_0 (signed limbs) and of deeper maps (normalised limbs, negative entries with a −1 top
 * limb), points of many sizes, points on the hyperplane and next to it (value ±w_0).
 */
import { exactAffineSign } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LimbMap,
  type SignMagnitudeRow,
  fromLimbs,
  limbAffineSign,
  limbConstantSign,
  limbLayer,
  limbPoint,
  limbRow,
  limbRowIsConstant,
  signMagnitudeRow,
} from './limb-maps.js';
import type { IntLayer } from './mlp-maps.js';

/** A deterministic integer source of up to `bits` bits, both signs, some zeros. */
function ints(seed: number, bits: number): () => bigint {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s;
  };
  return () => {
    if (rnd() % 7 === 0) return 0n;
    let v = 0n;
    for (let t = 0; t < bits; t += 15) v = (v << 15n) | BigInt(rnd() & 0x7fff);
    v >>= BigInt(rnd() % (bits + 1));
    return rnd() & 1 ? -v : v;
  };
}

/** The points to test a row (w, c) at: random ones, one on w·x + c = 0 and its two neighbours. */
function pointsFor(w: bigint[], c: bigint, int: () => bigint): { num: bigint[]; den: bigint }[] {
  const out: { num: bigint[]; den: bigint }[] = [];
  for (let k = 0; k < 4; k++) {
    let den = int();
    if (den === 0n) den = 1n;
    if (den < 0n) den = -den;
    out.push({ num: w.map(() => int()), den });
  }
  const w0 = w[0]!;
  if (w0 !== 0n) {
    // p' = (num·w_0 − V·e_0, den·w_0) lies on the hyperplane; ±1 in its first coordinate: ±w_0
    const { num, den } = out[0]!;
    let V = c * den;
    for (let i = 0; i < w.length; i++) V += w[i]! * num[i]!;
    const s = w0 < 0n ? -1n : 1n;
    const on = num.map((x, i) => s * (x * w0 - (i === 0 ? V : 0n)));
    for (const delta of [0n, 1n, -1n])
      out.push({ num: on.map((x, i) => (i === 0 ? x + delta : x)), den: s * den * w0 });
  }
  return out;
}

describe('exact signs of limb rows (issue 11, s12-exact2)', () => {
  it('limbPoint holds the point; limbAffineSign = the BigInt sign on H_0 and deeper rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 4, max: 120 }),
        fc.integer({ min: 4, max: 260 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 10000 }),
        (d, width, bits, pointBits, flips, seed) => {
          const int = ints(seed, bits);
          const layers: IntLayer[] = [
            {
              W: Array.from({ length: width }, () => Array.from({ length: d }, int)),
              b: Array.from({ length: width }, int),
              s: 1n << 20n,
            },
            {
              W: Array.from({ length: 6 }, () => Array.from({ length: width }, int)),
              b: Array.from({ length: 6 }, int),
              s: 1n << 30n,
            },
          ];
          const label = flips
            .slice(0, width)
            .map((f) => (f ? '1' : '0'))
            .join('');
          const H0 = LimbMap.first(layers[0]!);
          const H1 = LimbMap.next(H0, limbLayer(layers[1]!), label, 0);
          const pointInt = ints(seed + 1, pointBits);
          const row: SignMagnitudeRow = { data: new Float64Array(1), width: 0, T: 0 };
          let tested = 0;
          for (const m of [H0, H1])
            for (let j = 0; j < m.rows; j++) {
              const at = m.row(j);
              const { w, c } = limbRow(m, j);
              expect(limbRowIsConstant(m, at)).toBe(w.every((x) => x === 0n));
              expect(limbConstantSign(m, at)).toBe(c > 0n ? 1 : c < 0n ? -1 : 0);
              signMagnitudeRow(m, at, row);
              // the sign–magnitude limbs are the same integers
              for (let e = 0; e <= d; e++)
                expect(fromLimbs(row.data, e * row.T, row.T)).toBe(e < d ? w[e]! : c);
              for (const p of pointsFor(w, c, pointInt)) {
                const lp = limbPoint(p.num, p.den);
                for (let e = 0; e <= d; e++)
                  expect(fromLimbs(lp.data, e * lp.V, lp.V)).toBe(e < d ? p.num[e]! : p.den);
                const s = limbAffineSign(row, lp);
                expect(s).toBe(exactAffineSign(w, c, p));
                tested++;
              }
            }
          expect(tested).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('zeros and near-zeros whose digits cancel over many limbs', () => {
    // w·num + c·den = ±1 or 0 with 200-bit operands: the leading digits cancel exactly
    const A = (1n << 200n) + 12345n;
    const B = (1n << 199n) - 777n;
    const layer: IntLayer = { W: [[A, -B]], b: [0n], s: 1n };
    const m = LimbMap.first(layer);
    const row: SignMagnitudeRow = { data: new Float64Array(1), width: 0, T: 0 };
    signMagnitudeRow(m, m.row(0), row);
    for (const delta of [-1n, 0n, 1n]) {
      // A·B − B·A = 0; A·(B + δ) − B·A = δ·A
      const p = limbPoint([B + delta, A], 1n);
      expect(limbAffineSign(row, p)).toBe(delta > 0n ? 1 : delta < 0n ? -1 : 0);
    }
  });
});
