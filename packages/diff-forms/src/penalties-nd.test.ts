/**
 * The penalties in any d (penalties-nd.ts): gradients with respect to the weights equal central
 * differences (float64) in d = 3 and d = 4 for the angle, boundary and sliver penalties; values
 * against exact measures of the exact cells (facet volumes and cell volumes of exact-polytope); in
 * d = 2 the same values and weight gradients as the polygon code (penalties.ts), an independent
 * implementation.
 */
import type { Rational } from '@mlgeo/exact-arith';
import { partitionOf } from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';
import { type FloatMlp, cloneMlp, modelOfFloatMlp } from './float-net.js';
import { networkPenalty } from './penalties.js';
import {
  type PolytopePenaltyOptions,
  networkPolytopePenalty,
  polytopeCells,
  polytopePenalty,
  simplexVolumeGradient,
} from './penalties-nd.js';
import { randomFloatMlp } from './test-helpers.js';

/** Central difference of the penalty in one weight (or bias, with i = −1). */
function centralDifference(
  net: FloatMlp,
  options: PolytopePenaltyOptions,
  layer: number,
  j: number,
  i: number,
  h = 1e-6,
): { fd: number; sameCells: boolean } {
  const at = (delta: number) => {
    const n = cloneMlp(net);
    if (i < 0) n.layers[layer]!.bias[j]! += delta;
    else n.layers[layer]!.weights[j]![i]! += delta;
    const r = networkPolytopePenalty(n, options);
    return { value: r.value, labels: r.cells.map((c) => c.label).join() };
  };
  const [plus, minus] = [at(h), at(-h)];
  return { fd: (plus.value - minus.value) / (2 * h), sameCells: plus.labels === minus.labels };
}

describe('simplex volumes', () => {
  it('a right triangle in R^3 and its gradient', () => {
    const { volume, gradient } = simplexVolumeGradient([
      [0, 0, 0],
      [2, 0, 0],
      [0, 3, 0],
    ]);
    expect(volume).toBeCloseTo(3, 14);
    // ∂area/∂p_2 = (base/2) · the unit normal of the base within the plane = (0, 1, 0)
    expect(gradient[2]![0]).toBeCloseTo(0, 14);
    expect(gradient[2]![1]).toBeCloseTo(1, 14);
    // translation invariance: the gradients sum to 0
    for (let k = 0; k < 3; k++) expect(gradient.reduce((s, g) => s + g[k]!, 0)).toBeCloseTo(0, 14);
  });
});

describe('penalties in d = 3 and 4: gradients = central differences', () => {
  const cases: [string, number, number[], PolytopePenaltyOptions][] = [
    ['angle', 3, [4, 3], { kind: 'angle', thetaMin: (70 * Math.PI) / 180 }],
    ['boundary', 3, [4, 3], { kind: 'boundary' }],
    ['sliver', 3, [4, 3], { kind: 'sliver', vMin: 0.08 }],
    ['boundary-mass', 3, [4], { kind: 'boundary', weighting: 'mass' }],
    ['angle', 4, [4], { kind: 'angle', thetaMin: (80 * Math.PI) / 180 }],
    ['boundary', 4, [4], { kind: 'boundary' }],
  ];
  for (const [name, d, widths, base] of cases)
    it(`${name}, d = ${d}, widths ${widths.join('→')}`, () => {
      const net = randomFloatMlp(7, d, widths);
      const points = Array.from({ length: 40 }, (_, k) =>
        Array.from({ length: d }, (_, i) => ((k * (i + 3) * 0.618034) % 1) * 0.98 + 0.01),
      );
      const options = { ...base, ...(base.weighting === 'mass' ? { points } : {}) };
      const { value, gradient, cells } = networkPolytopePenalty(net, options);
      expect(cells.length).toBeGreaterThan(1);
      expect(value).toBeGreaterThan(0);
      let checked = 0;
      const entries: [number, number, number][] = [];
      net.layers.forEach((l, layer) =>
        l.weights.forEach((row, j) => {
          entries.push([layer, j, -1]);
          row.forEach((_, i) => entries.push([layer, j, i]));
        }),
      );
      // 7 entries spread over all layers (biases and weights), to keep the test short
      const step = Math.max(1, Math.floor(entries.length / 7));
      for (const [layer, j, i] of entries.filter((_, k) => k % step === 0).slice(0, 7)) {
        const { fd, sameCells } = centralDifference(net, options, layer, j, i);
        if (!sameCells) continue;
        const g = i < 0 ? gradient.bias[layer]![j]! : gradient.weights[layer]![j]![i]!;
        expect(Math.abs(g - fd), `${name} ∂/∂(${layer},${j},${i}) = ${g} vs ${fd}`).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(fd)),
        );
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(5);
      // some gradient is not zero (the check is not vacuous)
      expect(gradient.weights.flat(2).some((x) => Math.abs(x) > 1e-6)).toBe(true);
    }, 120_000);
});

describe('values against exact measures of the exact cells (d = 3)', () => {
  const net = randomFloatMlp(11, 3, [4, 2]);
  const cells = polytopeCells(net);
  const exact = partitionOf(modelOfFloatMlp(net), {
    predicates: 'filtered',
    domain: { kind: 'box', lo: [0, 0, 0], hi: [1, 1, 1] },
  }).cells;
  /** A facet row a·x ≤ b on a side of the unit cube: one non-zero a_i = ±1 with b = 0 or 1. */
  const onCube = (a: readonly Rational[], b: Rational) => {
    const nz = a.filter((x) => !x.isZero());
    return nz.length === 1 && (b.isZero() || b.equals(nz[0]!));
  };

  it('boundary = ½ Σ_cells Σ_(facets inside the cube) vol_2(F) (exact facet volumes)', () => {
    let expected = 0;
    for (const c of exact) {
      const vols = c.polytope.facetVolumes();
      c.polytope.facets().forEach((row, f) => {
        if (!onCube(row.a, row.b)) expected += vols[f]!.toNumber() / 2;
      });
    }
    expect(expected).toBeGreaterThan(0);
    expect(polytopePenalty(cells, { kind: 'boundary' }).value).toBeCloseTo(expected, 10);
  });

  it('sliver = Σ (v_min − vol_3(C))² with the exact volumes', () => {
    const vMin = 2;
    const expected = exact.reduce((s, c) => s + (vMin - c.polytope.volume().toNumber()) ** 2, 0);
    expect(polytopePenalty(cells, { kind: 'sliver', vMin }).value).toBeCloseTo(expected, 10);
  });

  it('ridges: pairs of distinct facets; a 3-polytope has at least 6 edges', () => {
    for (const c of cells) {
      expect(c.ridges.length).toBeGreaterThanOrEqual(6);
      for (const [a, b] of c.ridges) expect(a).not.toBe(b);
    }
  });
});

describe('d = 2: the same as the polygon code of penalties.ts', () => {
  const net = randomFloatMlp(3, 2, [5, 4]);
  const kinds: PolytopePenaltyOptions[] = [
    { kind: 'angle', thetaMin: Math.PI / 4 },
    { kind: 'boundary' },
    { kind: 'sliver', vMin: 0.02 },
  ];
  for (const options of kinds)
    it(`${options.kind}: value and every weight gradient`, () => {
      const nd = networkPolytopePenalty(net, options);
      const plane = networkPenalty(net, options);
      expect(nd.value).toBeGreaterThan(0);
      expect(nd.value).toBeCloseTo(plane.value, 9);
      nd.gradient.weights.forEach((m, l) =>
        m.forEach((row, j) =>
          row.forEach((g, i) => expect(g).toBeCloseTo(plane.gradient.weights[l]![j]![i]!, 6)),
        ),
      );
      nd.gradient.bias.forEach((v, l) =>
        v.forEach((g, j) => expect(g).toBeCloseTo(plane.gradient.bias[l]![j]!, 6)),
      );
    });
});
