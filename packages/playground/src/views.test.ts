/**
 * The page's new views and helpers against independent oracles: interior angles of regular
 * polygons ((n − 2)π/n) and a histogram against a direct count; the compressed URL state inflated
 * by node:zlib (an independent deflate implementation) and round-tripped; the preview's float
 * polygon area against exact-polytope's exact area; the regularizer term of adamStep against
 * central finite differences of the penalty; the views on SPEC §9 B (unit edge lengths): the second
 * eigenvalue 3.07982249500 of Δ_0 (SPEC §9 B) and Ollivier κ(00|01) = −8 + 6√2 (SPEC §9 B).
 */
import { inflateRawSync } from 'node:zlib';
import { networkPenalty } from '@mlgeo/diff-forms';
import { Rational } from '@mlgeo/exact-arith';
import { dataHoldingPartition, partitionOf, type Model } from '@mlgeo/model-partitions';
import { readMlgeoJson } from '@mlgeo/model-readers';
import { buildComplex } from '@mlgeo/riemannian-complex';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatPolygon } from './analysis.js';
import { makeDataset } from './datasets.js';
import { histogram, interiorAngles } from './histogram.js';
import { adamState, adamStep, initMlp, lossGradient } from './mlp.js';
import { DEFAULT_STATE, compressHash, stateFromUrlHash, stateToHash } from './state.js';
import { complexView } from './views.js';

describe('histograms of the live cells', () => {
  it('interior angles of a regular n-gon are (n − 2)π/n, of a right triangle π/2, π/4, π/4', () => {
    for (const n of [3, 4, 5, 8]) {
      const poly = Array.from(
        { length: n },
        (_, k) =>
          [Math.cos((2 * Math.PI * k) / n), Math.sin((2 * Math.PI * k) / n)] as [number, number],
      );
      for (const a of interiorAngles(poly)) expect(a).toBeCloseTo(((n - 2) * Math.PI) / n, 12);
    }
    const right = interiorAngles([
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(right.map((a) => a / Math.PI)).toEqual(
      [0.5, 0.25, 0.25].map((x) => expect.closeTo(x, 12)),
    );
  });

  it('bins every value once, as a direct count per bin does', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 200 }), (v) => {
        const bins = histogram(v, 7, 0, 1);
        expect(bins.reduce((a, b) => a + b, 0)).toBe(v.length);
        for (let k = 0; k < 6; k++)
          expect(bins[k]).toBe(
            v.filter((x) => x >= k / 7 && x < (k + 1) / 7 && Math.floor(x * 7) === k).length,
          );
      }),
    );
  });
});

describe('compressed URL state', () => {
  it('is deflate-raw of the plain fragment (inflated by node:zlib) and round-trips', async () => {
    const s = {
      ...DEFAULT_STATE,
      dataset: 'spirals' as const,
      hidden: [32, 32],
      regularizer: 'angle' as const,
      regularizerWeight: 0.2,
      edges: 'ollivier' as const,
      colorBy: 'eigenvector' as const,
      slice: 'rows:3,1,4',
    };
    const hash = await compressHash(s);
    expect(hash).toMatch(/^z=[A-Za-z0-9_-]+$/);
    const bytes = Buffer.from(hash.slice(2), 'base64url');
    expect(inflateRawSync(bytes).toString('utf8')).toBe(stateToHash(s));
    expect(await stateFromUrlHash(`#${hash}`)).toEqual(s);
    // the plain form still works, and garbage falls back to the defaults
    expect(await stateFromUrlHash(`#${stateToHash(s)}`)).toEqual(s);
    expect(await stateFromUrlHash('#z=AAAA')).toEqual(DEFAULT_STATE);
  });
});

describe('float preview and regularizer', () => {
  it('the preview area of a cell is the exact area to float precision', () => {
    const mlp = initMlp([2, 6, 5, 1], 4);
    const model: Model = {
      kind: 'mlp',
      inputDimension: 2,
      layers: mlp.layers.map((l) => ({
        weights: l.weights.map((r) => r.map((w) => Rational.from(w))),
        bias: l.bias.map((b) => Rational.from(b)),
      })),
    };
    const partition = partitionOf(model);
    for (const cell of partition.cells) {
      const v = cell.polytope.vertices().map((p) => p.map((x) => x.toNumber()));
      const exact = cell.polytope.volume().toNumber();
      expect(floatPolygon(v).area).toBeCloseTo(exact, 12);
    }
  });

  it('adamStep adds λ × the penalty gradient (central differences of loss + λ·penalty)', () => {
    const data = makeDataset('moons', { count: 60, noise: 0.05, seed: 2 });
    const mlp = initMlp([2, 5, 4, 1], 6);
    const net = { inputDimension: 2, layers: mlp.layers };
    const lambda = 0.3;
    const term = networkPenalty(net, { kind: 'angle' });
    const objective = () =>
      lossGradient(mlp, data.x, data.labels).loss +
      lambda * networkPenalty(net, { kind: 'angle' }).value;
    // the combined gradient adamStep uses, read off its first-step moment m = (1 − β₁) g
    const adam = adamState(mlp);
    const before = JSON.parse(JSON.stringify(mlp.layers)) as typeof mlp.layers;
    adamStep(mlp, adam, data.x, data.labels, 1e-12, term.gradient, lambda);
    mlp.layers.forEach((l, k) => {
      l.weights = before[k]!.weights;
      l.bias = before[k]!.bias;
    });
    const h = 1e-6;
    let checked = 0;
    mlp.layers.forEach((layer, l) =>
      layer.weights.forEach((row, j) =>
        row.forEach((w, i) => {
          if (checked++ % 3 !== 0) return;
          row[i] = w + h;
          const up = objective();
          row[i] = w - h;
          const down = objective();
          row[i] = w;
          const g = adam.mW[l]![j]![i]! / 0.1;
          expect(g).toBeCloseTo((up - down) / (2 * h), 4);
        }),
      ),
    );
  });
});

describe('spline view (laplacian-splines README, SPEC §9 A)', () => {
  it('the order-1 spline of y = (0, 1, 2, 3) at λ = 1 is (6/5, 7/5, 8/5, 9/5)', () => {
    const { model } = readMlgeoJson({
      format: 'mlgeo-arrangement',
      version: 1,
      hyperplanes: [
        { w: [1, 0], c: '-1/2' },
        { w: [0, 1], c: '-1/2' },
      ],
    });
    const complex = buildComplex(partitionOf(model), { edgeLength: 'unit' });
    const view = complexView(complex, 'spline', { values: [0, 1, 2, 3], lambda: 1 });
    view.cells!.forEach((v, k) => expect(v).toBeCloseTo([1.2, 1.4, 1.6, 1.8][k]!, 12));
    expect(complexView(complex, 'spline', { values: [0, 1, 2, 3] }).detail).toContain('(GCV)');
    // eigenvector 1 is constant (the kernel of Δ_0), eigenvalues 0, 4, 4, 8 (README)
    expect(complexView(complex, 'eigenvector', { index: 4 }).detail).toContain('λ = 8.00000');
    const constant = complexView(complex, 'eigenvector', { index: 1 }).cells! as number[];
    for (const v of constant) expect(v).toBeCloseTo(constant[0]!, 10);
  });
});

describe('views of the certified complex (SPEC §9 B, unit edge lengths)', () => {
  const r = (x: string) => Rational.parse(x);
  const { model } = readMlgeoJson({
    format: 'mlgeo-arrangement',
    version: 1,
    hyperplanes: [
      { w: [1, 0], c: '-1/2' },
      { w: [1, 1], c: -1 },
    ],
  });
  const grid: Rational[][] = [];
  for (let a = 0; a < 10; a++)
    for (let b = 0; b < 10; b++) grid.push([r(`${2 * a + 1}/20`), r(`${2 * b + 1}/20`)]);

  it('eigenvector 2 of Δ_0 has the SPEC eigenvalue 3.07982249500', () => {
    const complex = buildComplex(partitionOf(model), { edgeLength: 'unit' });
    const view = complexView(complex, 'eigenvector');
    expect(view.detail).toContain('λ = 3.07982');
    expect(view.cells).toHaveLength(4);
  });

  it('Ollivier κ(00|01) = −8 + 6√2 on the data-holding complex', () => {
    const complex = buildComplex(dataHoldingPartition(model, grid));
    const view = complexView(complex, 'ollivier');
    expect(view.edges![0]!.value).toBeCloseTo(-8 + 6 * Math.SQRT2, 10);
    expect(complexView(complex, 'forman').edges).toHaveLength(complex.simplices[1]!.length);
    expect(complexView(complex, 'vertex-curvature').cells).toHaveLength(4);
  });
});
