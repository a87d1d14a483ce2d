/**
 * Simplicial splines and filters: SPEC §9 A's spline (exact), the limits λ → 0 (interpolation of
 * the observed cells) and λ → ∞ (M_0-weighted mean of the observed cells per component), exact
 * LDLᵀ against dense Gauss–Jordan (exact-arith `solve`), float LDLᵀ and PCG (Jacobi, IC(0))
 * against the exact solution, GCV invariance under rescaling K (scale-free search), the
 * degrees-of-freedom limits, and the filters against their spectral definitions.
 */
import { Rational, RationalField, solve } from '@mlgeo/exact-arith';
import { buildComplex } from '@mlgeo/riemannian-complex';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleA, gridPartition, simplicialComplex } from './complexes.test-helper.js';
import { LaplacianInputError } from './errors.js';
import { heatFilter, tikhonovFilter } from './filters.js';
import { roughnessMatrix, simplicialSpline } from './spline.js';
import { generalizedSpectrum, floatStiffnessAndMass } from './spectrum.js';
import {
  fromRiemannianComplex,
  type WeightedComplex,
  weightedComplex,
} from './weighted-complex.js';

const q = (x: number | string) => Rational.from(x);
const num = (v: Rational | number) => (typeof v === 'number' ? v : v.toNumber());

/** Random weighted complexes on 8 vertices (possibly disconnected), random masks and values. */
const randomCase = fc
  .record({
    simplices: fc.array(
      fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 2, maxLength: 3 }),
      { minLength: 2, maxLength: 9 },
    ),
    weights: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 40, maxLength: 40 }),
    values: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 8, maxLength: 8 }),
    mask: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ simplices, weights, values, mask }) => {
    const { complex } = simplicialComplex(
      [...simplices, ...Array.from({ length: 8 }, (_, i) => [i])],
      (k, s) => Rational.of(weights[(5 * k + s) % 40]!, 4),
    );
    return { complex, values: values.map((v) => q(v)), mask };
  });

/** Components of the graph (vertices joined by edges) by a tiny union-find (test oracle). */
function componentsOf(c: WeightedComplex<Rational>): number[] {
  const n = c.counts[0]!;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => (parent[v] === v ? v : (parent[v] = find(parent[v]!)));
  if (c.boundaries[1])
    for (const col of c.boundaries[1].transpose().toDense()) {
      const ends = col.flatMap((x, i) => (x.isZero() ? [] : [i]));
      if (ends.length === 2) parent[find(ends[0]!)] = find(ends[1]!);
    }
  return Array.from({ length: n }, (_, i) => find(i));
}

function everyComponentObserved(c: WeightedComplex<Rational>, mask: boolean[]): boolean {
  const comp = componentsOf(c);
  return comp.every((r) => comp.some((s, i) => s === r && mask[i]));
}

describe('SPEC §9 A spline', () => {
  it('order 1, unit, λ = 1, all observed, y = (0, 1, 2, 3): f = (6/5, 7/5, 8/5, 9/5) exactly', () => {
    const c = fromRiemannianComplex(buildComplex(exampleA(), { edgeLength: 'unit' }));
    const r = simplicialSpline(c, [0, 1, 2, 3], { lambda: 1 });
    expect(r.exact).toBe(true);
    expect((r.values as Rational[]).map(String)).toEqual(['6/5', '7/5', '8/5', '9/5']);
    expect((r.lambda as Rational).equals(Rational.ONE)).toBe(true);
    expect(r.dof).toBeGreaterThan(1);
    expect(r.dof).toBeLessThan(4);
  });
});

describe('splines on random complexes', () => {
  it('exact LDLᵀ solve equals dense Gauss–Jordan on (W M_0 + λK) f = W M_0 y (orders 1, 2)', () => {
    fc.assert(
      fc.property(
        randomCase,
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(1, 2),
        (t, l, order) => {
          const { complex: c, values, mask } = t;
          if (!everyComponentObserved(c, mask)) {
            expect(() =>
              simplicialSpline(c, values, { mask, lambda: q(l), order: order as 1 | 2 }),
            ).toThrow(LaplacianInputError);
            return;
          }
          const lambda = Rational.of(l, 3);
          const r = simplicialSpline(c, values, { mask, lambda, order: order as 1 | 2 });
          const K = roughnessMatrix(c, order as 1 | 2).toDense();
          const A = K.map((row, i) =>
            row.map((x, j) => {
              const kij = x.mul(lambda);
              return i === j && mask[i] ? kij.add(c.mass[0]![i]!) : kij;
            }),
          );
          const b = values.map((y, i) => (mask[i] ? y.mul(c.mass[0]![i]!) : Rational.ZERO));
          const oracle = solve(RationalField, A, b)!;
          expect((r.values as Rational[]).every((v, i) => v.equals(oracle[i]!))).toBe(true);
          // float LDLᵀ and PCG (Jacobi, IC(0)) agree with the exact solution
          const scale = 1 + Math.max(...oracle.map((x) => Math.abs(x.toNumber())));
          for (const opts of [
            { solver: 'direct' as const },
            { solver: 'pcg' as const, preconditioner: 'jacobi' as const, tolerance: 1e-13 },
            { solver: 'pcg' as const, preconditioner: 'ic0' as const, tolerance: 1e-13 },
          ]) {
            const f = simplicialSpline(c, values, {
              mask,
              lambda: lambda.toNumber(),
              order: order as 1 | 2,
              ...opts,
            });
            f.values.forEach((v, i) =>
              expect(Math.abs(num(v) - oracle[i]!.toNumber())).toBeLessThan(1e-8 * scale),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('λ → 0 interpolates the observed cells; λ → ∞ gives the M_0-weighted mean of the observed cells per component', () => {
    fc.assert(
      fc.property(randomCase, fc.constantFrom(1, 2), ({ complex: c, values, mask }, order) => {
        if (!everyComponentObserved(c, mask)) return;
        const small = simplicialSpline(c, values, {
          mask,
          lambda: Rational.of(1n, 10n ** 18n),
          order: order as 1 | 2,
        });
        values.forEach((y, i) => {
          if (mask[i]) expect(Math.abs(num(small.values[i]!) - y.toNumber())).toBeLessThan(1e-8);
        });
        const zero = simplicialSpline(c, values, { mask: values.map(() => true), lambda: 0 });
        expect((zero.values as Rational[]).every((v, i) => v.equals(values[i]!))).toBe(true);
        const big = simplicialSpline(c, values, {
          mask,
          lambda: Rational.of(10n ** 12n),
          order: order as 1 | 2,
        });
        const comp = componentsOf(c);
        values.forEach((_, i) => {
          let s = Rational.ZERO;
          let w = Rational.ZERO;
          comp.forEach((r, j) => {
            if (r === comp[i] && mask[j]) {
              s = s.add(c.mass[0]![j]!.mul(values[j]!));
              w = w.add(c.mass[0]![j]!);
            }
          });
          expect(Math.abs(num(big.values[i]!) - s.div(w).toNumber())).toBeLessThan(1e-6);
        });
      }),
      { numRuns: 25 },
    );
  });
});

describe('GCV', () => {
  const grid = () => fromRiemannianComplex(buildComplex(gridPartition(5), { edgeLength: 'unit' }));
  const y = Array.from({ length: 25 }, (_, i) => Math.sin(i) + ((i * 37) % 11) / 10);
  const mask = y.map((_, i) => i % 3 !== 1);

  it('returns λ, dof and the curve; the chosen λ is the curve’s minimum; dof within (#components, m)', () => {
    const r = simplicialSpline(grid(), y, { mask });
    expect(r.gcvCurve!.length).toBeGreaterThan(25);
    const min = r.gcvCurve!.reduce((p, e) => (e.score < p.score ? e : p));
    expect(min.lambda).toBeCloseTo(num(r.lambda), 12);
    const m = mask.filter(Boolean).length;
    for (const p of r.gcvCurve!) {
      expect(p.dof).toBeGreaterThan(1 - 1e-9);
      expect(p.dof).toBeLessThan(m + 1e-9);
    }
    const sorted = [...r.gcvCurve!].sort((a, b) => a.lambda - b.lambda);
    expect(sorted[0]!.dof).toBeGreaterThan(m - 0.01); // λ → 0: dof → m
    expect(sorted[sorted.length - 1]!.dof).toBeLessThan(1.01); // λ → ∞: dof → 1 component
  });

  it('is scale-free: scaling M_1 by 1000 divides the chosen λ by 1000 and keeps λ/τ', () => {
    const c = grid() as WeightedComplex<Rational>;
    const scaled = weightedComplex(RationalField, c.boundaries.slice(1), [
      c.mass[0]!,
      c.mass[1]!.map((w) => w.mul(q(1000))),
      ...c.mass.slice(2),
    ]);
    const a = simplicialSpline(c, y, { mask });
    const b = simplicialSpline(scaled, y, { mask });
    expect(num(b.lambda) * 1000).toBeCloseTo(num(a.lambda), 6);
    expect(b.scale * 1000).toBeCloseTo(a.scale, 9);
  });
});

describe('filters', () => {
  const c = fromRiemannianComplex(
    buildComplex(gridPartition(4, [[1, 2]]), { edgeLength: 'centroid' }),
  );
  const f = Array.from({ length: 15 }, (_, i) => (i * 7) % 5);

  it('heat: e^{−tΔ_0} by its eigen-expansion; t = 0 is the identity; the M_0-mean is conserved', () => {
    const { K, M } = floatStiffnessAndMass(c as WeightedComplex<unknown>);
    expect(
      heatFilter(c, f, 0)
        .map((x, i) => x - f[i]!)
        .every((d) => Math.abs(d) < 1e-12),
    ).toBe(true);
    const h = heatFilter(c, f, 0.01);
    const mean = (v: number[]) => v.reduce((s, x, i) => s + x * M[i]!, 0);
    expect(mean(h)).toBeCloseTo(mean(f), 10);
    expect(Math.abs(mean(h) - mean(f))).toBeLessThan(1e-10 * Math.abs(mean(f)));
    // first-order check: (h − f)/t ≈ −Δ_0 f for small t
    const t = 1e-7;
    const h2 = heatFilter(c, f, t);
    const Kf = K.mulVecFloat(Float64Array.from(f));
    h2.forEach((x, i) =>
      expect(Math.abs((x - f[i]!) / t + Kf[i]! / M[i]!)).toBeLessThan(
        1e-4 * (1 + Math.abs(Kf[i]! / M[i]!)),
      ),
    );
    // spectral decay: components along eigenvectors decay as e^{−tλ}
    const { pairs } = generalizedSpectrum(K, M, { method: 'dense' });
    const v = Array.from(pairs[3]!.vector);
    const hv = heatFilter(c, v, 0.002);
    hv.forEach((x, i) => expect(x).toBeCloseTo(Math.exp(-0.002 * pairs[3]!.value) * v[i]!, 10));
  });

  it('Tikhonov: (I + tΔ_0)⁻¹ f with (I + tΔ_0) g = f', () => {
    const { K, M } = floatStiffnessAndMass(c as WeightedComplex<unknown>);
    const g = tikhonovFilter(c, f, 0.05).map(num);
    const Kg = K.mulVecFloat(Float64Array.from(g));
    g.forEach((x, i) => expect(x + (0.05 * Kg[i]!) / M[i]!).toBeCloseTo(f[i]!, 10));
  });
});
