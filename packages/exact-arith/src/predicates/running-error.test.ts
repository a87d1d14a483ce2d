import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../rational.js';
import { roundRational } from './integer-point.js';
import { affineWithError, roundingErrors } from './running-error.js';
import { signBeyond, UNIT_ROUNDOFF } from './error-bound.js';

/** Exact rationals as stored float32/float64 weights are (SPEC §1), plus exact tiny/huge values. */
const weight = fc.oneof(
  fc.float({ min: -4, max: 4, noNaN: true }).map((v) => Rational.fromDouble(v)),
  fc.integer({ min: -8, max: 8 }).map((v) => Rational.of(BigInt(v), 8n)),
  fc.constantFrom(Rational.of(1n, 3n), Rational.of(2n ** 60n + 1n, 2n ** 58n), Rational.ZERO),
);

interface Net {
  sizes: number[];
  W: Rational[][][];
  b: Rational[][];
}

const net: fc.Arbitrary<Net> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 })
  .chain((sizes) =>
    fc.record({
      sizes: fc.constant(sizes),
      W: fc.tuple(
        ...sizes.slice(1).map((m, l) =>
          fc.array(fc.array(weight, { minLength: sizes[l]!, maxLength: sizes[l]! }), {
            minLength: m,
            maxLength: m,
          }),
        ),
      ),
      b: fc.tuple(...sizes.slice(1).map((m) => fc.array(weight, { minLength: m, maxLength: m }))),
    }),
  );

/** Exact ReLU forward pass: pre-activations of every layer. */
function exactPass(n: Net, x: Rational[]): Rational[][] {
  const out: Rational[][] = [];
  let h = x;
  for (let l = 0; l < n.W.length; l++) {
    const z = n.W[l]!.map((row, j) =>
      row.reduce((acc, w, k) => acc.add(w.mul(h[k]!)), n.b[l]![j]!),
    );
    out.push(z);
    h = z.map((v) => (v.sign() > 0 ? v : Rational.ZERO));
  }
  return out;
}

describe('affineWithError (running-error forward pass)', () => {
  it('every certified sign equals the exact sign, layer after layer', () => {
    let certified = 0;
    fc.assert(
      fc.property(
        net,
        fc.array(weight, { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (n, x0, cancel) => {
          const x = x0.slice(0, n.sizes[0]);
          if (cancel) {
            // make unit 0 of layer 1 exactly zero at x: b = −w·x (an adversarial tie)
            const row = n.W[0]![0]!;
            n.b[0]![0] = row.reduce((acc, w, k) => acc.sub(w.mul(x[k]!)), Rational.ZERO);
          }
          const exact = exactPass(n, x);
          let h: Float64Array = Float64Array.from(x, roundRational);
          let e = roundingErrors(h, UNIT_ROUNDOFF);
          for (let l = 0; l < n.W.length; l++) {
            const m = n.sizes[l + 1]!;
            const z = new Float64Array(m);
            const zErr = new Float64Array(m);
            const W = Float64Array.from(n.W[l]!.flat(), roundRational);
            const b = Float64Array.from(n.b[l]!, roundRational);
            if (!affineWithError(W, b, h, e, z, zErr)) return;
            const nh = new Float64Array(m);
            const ne = new Float64Array(m);
            for (let j = 0; j < m; j++) {
              const s = signBeyond(z[j]!, zErr[j]!);
              const truth = exact[l]![j]!;
              expect(Math.abs(z[j]! - truth.toNumber())).toBeLessThanOrEqual(zErr[j]!);
              if (s === undefined) return; // a forward pass stops at the first uncertain unit
              certified++;
              expect(s).toBe(truth.sign());
              if (s > 0) {
                nh[j] = z[j]!;
                ne[j] = zErr[j]!;
              }
            }
            h = nh;
            e = ne;
          }
        },
      ),
      { numRuns: 1500, seed: 3 },
    );
    expect(certified).toBeGreaterThan(1000);
  });
  it('reports overflow instead of certifying', () => {
    const z = new Float64Array(1);
    const zErr = new Float64Array(1);
    expect(affineWithError([1e300], [0], [1e300], [0], z, zErr)).toBe(false);
  });
});
