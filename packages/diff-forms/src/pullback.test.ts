/**
 * Pullbacks (SPEC §5) against independent oracles: the SPEC §9 D text, the facets of the cells that
 * model-partitions finds (an LP/double-description computation, not the layer recursion), the
 * Cauchy–Binet identity (pullbacks compose), and |det J| for square Jacobians.
 */
import {
  Rational,
  RationalField,
  SqrtRational,
  determinant,
  isMlgeoError,
} from '@mlgeo/exact-arith';
import { decisionPartition, partitionOf, unitNormalCos } from '@mlgeo/model-partitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellLayerMaps, layerMapsOfLabel, stepJacobian } from './layer-maps.js';
import {
  type ConstantForm,
  layerVolume,
  pullbackCovector,
  pullbackForm,
  pullbackHyperplane,
  pullbackMetric,
} from './pullback.js';
import { arbitraryLeakyMlp, arbitraryMlp, exactPreActivations, specD } from './test-helpers.js';

const F = RationalField;
const r = (v: number | string) => Rational.from(v);
const str = (v: readonly Rational[]) => v.map(String).join(',');
/** The exact matrix product M N. */
const times = (M: readonly (readonly Rational[])[], N: readonly (readonly Rational[])[]) =>
  M.map((row) => N[0]!.map((_, i) => Rational.sum(row.map((m, k) => m.mul(N[k]![i]!)))));

/** w·x + c = 0 as a primitive direction: (w, c) / (first non-zero entry's absolute value). */
function normalised(w: readonly Rational[], c: Rational): string {
  const lead = [...w, c].find((v) => !v.isZero())!.abs();
  return str([...w, c].map((v) => v.div(lead)));
}

describe('SPEC §9 D', () => {
  const model = specD();
  const partition = partitionOf(model);

  it('the layer-2 boundary pulls back to y = 3/4 left of x = 1/2 and to x + y = 5/4 right of it', () => {
    const byLabel = new Map(partition.cells.map((c) => [c.label, cellLayerMaps(c)]));
    expect([...byLabel.keys()]).toEqual(['010', '011', '110', '111']);
    for (const [label, maps] of byLabel) {
      const h1 = maps[0]!;
      const plane = pullbackHyperplane(
        F,
        { A: h1.J, c: h1.offset },
        model.layers[1]!.weights[0]!,
        r(-1),
      );
      expect(str(plane.w) + ';' + plane.c.toString()).toBe(
        label[0] === '0' ? '0,1;-3/4' : '1,1;-5/4',
      );
      // the same as the pre-activation map z_2 that model-partitions carries
      expect(str(maps[1]!.A[0]!)).toBe(str(plane.w));
    }
  });

  it('the decision boundary {f = 0} pulled back per cell, its pieces and the π/4 bend', () => {
    const expected: Record<string, string> = {
      '010': '0,0;-1/8',
      '011': '0,1;-7/8',
      '110': '0,0;-1/8',
      '111': '1,1;-11/8',
    };
    const planes = partition.cells.map((cell) => {
      const maps = cellLayerMaps(cell);
      const h2 = maps[1]!;
      const p = pullbackHyperplane(F, { A: h2.J, c: h2.offset }, [r(1)], r('-1/8'));
      expect(`${str(p.w)};${p.c}`).toBe(expected[cell.label]);
      return p;
    });
    const decision = decisionPartition(partition, model)!;
    expect(decision.boundary.map((b) => partition.cells[b.cell]!.label)).toEqual(['011', '111']);
    for (const b of decision.boundary) {
      const p = planes[b.cell]!;
      expect(normalised(b.hyperplane.w, b.hyperplane.c)).toBe(normalised(p.w, p.c));
    }
    expect(decision.boundary.map((b) => String(b.volume))).toEqual(['1/2', '1/2*sqrt(2)']);
    // the bend between the pieces, from the pulled-back normals: cos = (1/2)√2, angle π/4
    const cos = unitNormalCos(planes[1]!.w, planes[3]!.w);
    expect(cos.toString()).toBe('1/2*sqrt(2)');
    expect(decision.bends).toHaveLength(1);
    expect(String(decision.bends[0]!.cos)).toBe(cos.toString());
    expect(decision.bends[0]!.angle).toBeCloseTo(Math.PI / 4, 14);
  });

  it('layer volumes: √det(J_1ᵀJ_1)·vol is the cell area where both units are on, 0 elsewhere', () => {
    const vols = partition.cells.map((c) =>
      String(layerVolume(cellLayerMaps(c)[0]!.J, c.polytope.volume())),
    );
    expect(vols).toEqual(['0', '0', '1/4', '1/4']);
    // layer 2 has one unit: J_2 is 1×2, det(J_2ᵀJ_2) = 0 in 2-D
    expect(partition.cells.map((c) => String(layerVolume(cellLayerMaps(c)[1]!.J, r(1))))).toEqual([
      '0',
      '0',
      '0',
      '0',
    ]);
  });
});

describe('pulled-back hyperplanes reproduce the cell facets found by model-partitions', () => {
  it('every facet of every cell not on ∂X lies on the pullback of one unit, cell on the side of its bit', () => {
    fc.assert(
      fc.property(arbitraryMlp(2, [3, 2]), (model) => {
        const partition = partitionOf(model);
        const domain = partition.domain.facets().map((f) => normalised(f.a, f.b.neg()));
        for (const cell of partition.cells) {
          const maps = cellLayerMaps(cell);
          const sided: string[] = [];
          maps.slice(0, -1).forEach((m, l) => {
            m.bits.forEach((bit, j) => {
              // unit j of layer l+1 pulled back through h_l (layer 1: the identity)
              const p =
                l === 0
                  ? { w: model.layers[0]!.weights[j]!, c: model.layers[0]!.bias[j]! }
                  : pullbackHyperplane(
                      F,
                      { A: maps[l - 1]!.J, c: maps[l - 1]!.offset },
                      model.layers[l]!.weights[j]!,
                      model.layers[l]!.bias[j]!,
                    );
              if (p.w.every((v) => v.isZero())) return;
              // the cell is {w·x + c ≥ 0} for bit 1, {w·x + c ≤ 0} for bit 0: as a row a·x ≤ b
              const row = bit ? { a: p.w.map((v) => v.neg()), b: p.c } : { a: p.w, b: p.c.neg() };
              sided.push(normalisedRow(row.a, row.b));
            });
          });
          for (const f of cell.polytope.facets()) {
            const key = normalisedRow(f.a, f.b);
            const onDomain = domain.includes(normalised(f.a, f.b.neg()));
            expect(onDomain || sided.includes(key), `cell ${cell.label} facet ${key}`).toBe(true);
          }
        }
      }),
      { numRuns: 25, seed: 15 },
    );
  });
});

/** a·x ≤ b scaled by a positive factor to a canonical form (the side matters). */
function normalisedRow(a: readonly Rational[], b: Rational): string {
  const lead = [...a, b].find((v) => !v.isZero())!.abs();
  return str([...a, b].map((v) => v.div(lead)));
}

const arbitraryRational = fc
  .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .map(([p, q]) => Rational.of(p, q));
const arbitraryMatrix = (rows: number, cols: number) =>
  fc.array(fc.array(arbitraryRational, { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });
const arbitraryForm = (n: number, k: number): fc.Arbitrary<ConstantForm> =>
  fc
    .array(arbitraryRational, { minLength: binomial(n, k), maxLength: binomial(n, k) })
    .map((coeffs) => ({
      degree: k,
      dimension: n,
      terms: subsets(n, k).map((indices, i) => ({ indices, coefficient: coeffs[i]! })),
    }));
function binomial(n: number, k: number): number {
  let b = 1;
  for (let i = 0; i < k; i++) b = (b * (n - i)) / (i + 1);
  return b;
}
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i < n; i++)
    for (const s of subsets(n, k - 1)) if (s.every((v) => v > i)) out.push([i, ...s]);
  return out;
}
const formKey = (f: ConstantForm) =>
  f.terms.map((t) => `${t.indices.join('')}:${t.coefficient}`).join(' ');

describe('pullbacks of constant forms', () => {
  it('compose: (G∘H)*ω = H*(G*ω) for every degree (Cauchy–Binet)', () => {
    fc.assert(
      fc.property(
        arbitraryMatrix(3, 4),
        arbitraryMatrix(4, 3),
        fc.integer({ min: 0, max: 3 }).chain((k) => arbitraryForm(3, k)),
        (G, H, form) => {
          // G: 4-space → 3-space, H: 3-space → 4-space; the composite G·H is 3×3
          const GH = G.map((row) =>
            H[0]!.map((_, j) => row.reduce((s, g, m) => s.add(g.mul(H[m]![j]!)), Rational.ZERO)),
          );
          expect(formKey(pullbackForm(F, GH, form))).toBe(
            formKey(pullbackForm(F, H, pullbackForm(F, G, form))),
          );
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('through two layers of a network cell = through the composite J_2 = (D_2 W_2) J_1', () => {
    fc.assert(
      fc.property(arbitraryMlp(3, [3, 3]), arbitraryForm(3, 2), (model, form) => {
        for (const cell of partitionOf(model).cells) {
          const maps = cellLayerMaps(cell);
          const step = stepJacobian(model, maps, 2);
          const twice = pullbackForm(F, maps[0]!.J, pullbackForm(F, step, form));
          expect(formKey(pullbackForm(F, maps[1]!.J, form))).toBe(formKey(twice));
        }
      }),
      { numRuns: 8, seed: 3 },
    );
  });

  it('leaky layers: h_l = J_l x + offset_l feeds the next map, W_{l+1} J_l = A_{l+1} (D_l holds the slopes)', () => {
    // the next layer's exact map from model-partitions (its own recursion) against diff-forms' J_l
    fc.assert(
      fc.property(arbitraryLeakyMlp(2, [3, 3]), (model) => {
        for (const cell of partitionOf(model).cells) {
          const maps = cellLayerMaps(cell);
          for (let l = 1; l < maps.length; l++) {
            const { weights: W, bias: b } = model.layers[l]!;
            const J = maps[l - 1]!.J;
            const h = maps[l - 1]!.offset;
            const A = times(W, J);
            const c = W.map((row, j) => Rational.sum(row.map((w, k) => w.mul(h[k]!))).add(b[j]!));
            expect(A.map(str)).toEqual(maps[l]!.A.map(str));
            expect(str(c)).toBe(str(maps[l]!.c));
          }
          // and the step Jacobians compose to the layer Jacobians: J_2 = (D_2 W_2) J_1
          const step = stepJacobian(model, maps, 2);
          expect(times(step, maps[0]!.J).map(str)).toEqual(maps[1]!.J.map(str));
        }
      }),
      { numRuns: 12, seed: 5 },
    );
  });

  it('degree 1 is the covector pullback Jᵀa; degree n is ω·det J', () => {
    fc.assert(
      fc.property(
        arbitraryMatrix(3, 3),
        arbitraryForm(3, 1),
        arbitraryForm(3, 3),
        (J, one, top) => {
          const a = one.terms.map((t) => t.coefficient);
          const expected = pullbackCovector(F, J, a)
            .map((v, i) => (v.isZero() ? '' : `${i}:${v}`))
            .filter(Boolean)
            .join(' ');
          expect(formKey(pullbackForm(F, J, one))).toBe(expected);
          const det = determinant(F, J).mul(top.terms[0]!.coefficient);
          expect(formKey(pullbackForm(F, J, top))).toBe(det.isZero() ? '' : `012:${det}`);
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});

describe('pullback metric and layer volumes', () => {
  it('√det(JᵀJ)·vol = |det J|·vol for square J (exact r·√q)', () => {
    fc.assert(
      fc.property(arbitraryMatrix(3, 3), arbitraryRational, (J, v) => {
        const vol = v.abs();
        const expected = SqrtRational.fromRational(determinant(F, J).abs().mul(vol));
        expect(layerVolume(J, vol).equals(expected)).toBe(true);
      }),
      { numRuns: 80, seed: 5 },
    );
  });

  it('g = JᵀJ is symmetric and its quadratic form is |Jv|²', () => {
    fc.assert(
      fc.property(
        arbitraryMatrix(4, 2),
        fc.array(arbitraryRational, { minLength: 2, maxLength: 2 }),
        (J, v) => {
          const g = pullbackMetric(F, J);
          const Jv = J.map((row) => row[0]!.mul(v[0]!).add(row[1]!.mul(v[1]!)));
          const lhs = g.reduce(
            (s, row, a) => s.add(row[0]!.mul(v[0]!).add(row[1]!.mul(v[1]!)).mul(v[a]!)),
            Rational.ZERO,
          );
          expect(lhs.equals(Jv.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO))).toBe(true);
          expect(g[0]![1]!.equals(g[1]![0]!)).toBe(true);
        },
      ),
      { numRuns: 40, seed: 9 },
    );
  });

  it('a non-square full-rank J gives an irrational volume: J = [[1],[1]] stretches by √2', () => {
    expect(String(layerVolume([[r(1)], [r(1)]], r('1/3')))).toBe('1/3*sqrt(2)');
  });
});

describe('errors', () => {
  it('shape errors name the field', () => {
    const J = [[r(1), r(0)]];
    try {
      pullbackForm(F, J, { degree: 1, dimension: 2, terms: [] });
      expect.unreachable();
    } catch (e) {
      expect(isMlgeoError(e) && e.code === 'FORM_SHAPE' && e.field === 'form.dimension').toBe(true);
    }
    expect(() => pullbackCovector(F, J, [r(1), r(2)])).toThrow(/covector of length 2/);
    expect(() => layerMapsOfLabel(specD(), '01')).toThrow(/bit string of length 3/);
    expect(() =>
      pullbackForm(F, [[r(1)], [r(2)]], {
        degree: 2,
        dimension: 2,
        terms: [{ indices: [1, 0], coefficient: r(1) }],
      }),
    ).toThrow(/increasing 2-subset/);
  });
});

describe('data-holding cells in 5-D', () => {
  it('layer maps of data-holding cells: pullbacks evaluate to the network, volumes are |det J|·vol', async () => {
    const { dataHoldingPartition } = await import('@mlgeo/model-partitions');
    fc.assert(
      fc.property(
        arbitraryMlp(5, [5, 4]),
        fc.array(fc.array(fc.integer({ min: 1, max: 19 }), { minLength: 5, maxLength: 5 }), {
          minLength: 5,
          maxLength: 12,
        }),
        (model, raw) => {
          const points = raw.map((p) => p.map((v) => Rational.of(v, 20)));
          const partition = dataHoldingPartition(model, points);
          for (const cell of partition.cells) {
            const maps = cellLayerMaps(cell);
            // the network at each point of the cell = its cell's output map (an independent forward pass)
            for (const i of cell.dataIndices!) {
              const h = exactPreActivations(model, points[i]!).at(-1)!;
              const out = maps[maps.length - 1]!;
              const f = out.A[0]!.reduce((s, a, k) => s.add(a.mul(points[i]![k]!)), out.c[0]!);
              expect(f.equals(h[0]!)).toBe(true);
            }
            // layer 1 is square (5×5): √det(J_1ᵀJ_1) = |det J_1|
            const J = maps[0]!.J;
            expect(
              layerVolume(J, Rational.ONE).equals(
                SqrtRational.fromRational(determinant(F, J).abs()),
              ),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 10, seed: 17 },
    );
  });
});
