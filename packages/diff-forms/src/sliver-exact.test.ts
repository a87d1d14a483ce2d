/**
 * Exact volume gradients (SPEC §6 sliver) against exact difference quotients: in 2-D the area is a
 * quadratic polynomial of c_F while the combinatorics stay fixed, so the central difference equals
 * the derivative exactly; in 3-D it is cubic and the central difference is within O(δ²). Also the
 * translation identity Σ_F (∂vol/∂c_F) w_F = 0 (the Minkowski identity of SPEC §3).
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { partitionOf } from '@mlgeo/model-partitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactSliverPenalty, volumeGradient } from './sliver-exact.js';
import { arbitraryMlp } from './test-helpers.js';

/** The polytope with facet f's row moved: a·x ≤ b becomes a·x ≤ b + δ (c_F = b grows by δ). */
function moved(
  p: Polytope,
  f: number,
  delta: Rational,
  dw?: { i: number; by: Rational },
): Polytope {
  const rows = p.facets().map((r, k) => {
    if (k !== f) return r;
    // w = −a: w_i + ε means a_i − ε
    const a = dw ? r.a.map((v, i) => (i === dw.i ? v.sub(dw.by) : v)) : r.a;
    return { a, b: r.b.add(delta) };
  });
  return Polytope.fromHRep(
    rows.map((r) => r.a),
    rows.map((r) => r.b),
  );
}

describe('exact volume gradients', () => {
  it('2-D: ∂area/∂c_F equals the exact central difference; Σ_F gc_F w_F = 0', () => {
    fc.assert(
      fc.property(arbitraryMlp(2, [3]), (model) => {
        const delta = Rational.of(1, 10 ** 6);
        for (const cell of partitionOf(model).cells) {
          const grads = volumeGradient(cell.polytope);
          for (const g of grads) {
            const up = moved(cell.polytope, g.facet, delta).volume();
            const down = moved(cell.polytope, g.facet, delta.neg()).volume();
            expect(
              up
                .sub(down)
                .div(delta.mul(Rational.of(2)))
                .equals(g.gc),
            ).toBe(true);
          }
          const sum = [0, 1].map((i) =>
            grads.reduce((s, g) => s.add(g.gc.mul(g.w[i]!)), Rational.ZERO),
          );
          expect(sum.every((v) => v.isZero())).toBe(true);
        }
      }),
      { numRuns: 15, seed: 31 },
    );
  });

  it('2-D and 3-D boxes and simplices: ∂vol/∂w_F within δ² of the central difference', () => {
    const shapes = [
      Polytope.fromVRep([
        [0, 0],
        [1, 0],
        [0, 1],
      ]),
      Polytope.fromVRep([
        [0, 0, 0],
        [2, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
      Polytope.fromVRep([
        [0, 0, 0],
        [1, 0, 0],
        [0, 1, 0],
        [1, 1, 0],
        [0, 0, 1],
        [1, 0, 1],
        [0, 1, 1],
        [1, 1, '3/2'],
      ]),
    ];
    const delta = Rational.of(1, 10 ** 5);
    for (const p of shapes) {
      const d = p.ambientDimension;
      for (const g of volumeGradient(p))
        for (let i = 0; i < d; i++) {
          const up = moved(p, g.facet, Rational.ZERO, { i, by: delta }).volume();
          const down = moved(p, g.facet, Rational.ZERO, { i, by: delta.neg() }).volume();
          const fd = up.sub(down).div(delta.mul(Rational.of(2)));
          expect(Math.abs(fd.sub(g.gw[i]!).toNumber())).toBeLessThan(1e-8);
        }
    }
  });

  it('the penalty: only cells below v_min count, −2(v_min − vol)·∂vol', () => {
    const unit = Polytope.fromVRep([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const small = Polytope.fromVRep([
      [0, 0],
      [Rational.of(1, 2), 0],
      [0, Rational.of(1, 2)],
    ]);
    const { value, gradients } = exactSliverPenalty(
      [{ polytope: unit }, { polytope: small }],
      Rational.of(1, 4),
    );
    // small has area 1/8: (1/4 − 1/8)² = 1/64
    expect(value.toString()).toBe('1/64');
    expect(gradients.map((g) => g.cell)).toEqual([1]);
    // the hypotenuse x + y ≤ 1/2 (stored as some positive multiple w = −λ(1, 1)): length (1/2)√2,
    // so ∂area/∂c·|w| = (1/2)√2 and the penalty gradient is −2·(1/8) times that
    const hyp = gradients[0]!.facets.find((f) => f.w[0]!.equals(f.w[1]!) && f.w[0]!.sign() < 0)!;
    const w2 = hyp.w[0]!.mul(hyp.w[0]!).mul(Rational.of(2));
    expect(hyp.gc.mul(hyp.gc).mul(w2).toString()).toBe('1/32');
    expect(hyp.gc.sign()).toBe(-1);
    // ∂/∂w = ∂/∂c · centroid of the hypotenuse (1/4, 1/4)
    expect(hyp.gw.every((v) => v.equals(hyp.gc.mul(Rational.of(1, 4))))).toBe(true);
    expect(() => exactSliverPenalty([], Rational.ZERO)).toThrow(/vMin 0 is not > 0/);
  });
});
