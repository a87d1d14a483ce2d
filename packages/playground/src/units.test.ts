/**
 * The page's pure parts against independent oracles: the data sets' labels by construction, the
 * MLP gradient against central finite differences, Adam lowering the loss, the raster's pattern
 * colours against the exact labels and classes of @mlgeo/model-partitions (pointLabel) at the
 * pixel centres, the URL state round trip, and the browser test's refusal to skip.
 */
import { Rational } from '@mlgeo/exact-arith';
import { classAt, partitionOf, pointLabel, type ReluMlpModel } from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';
import { cellColor } from './colors.js';
import { DATASET_NAMES, datasetToCsv, makeDataset } from './datasets.js';
import {
  accuracy,
  adamState,
  adamStep,
  forward,
  initMlp,
  lossGradient,
  type FloatMlp,
} from './mlp.js';
import { rasterPatterns } from './raster.js';
import { rasterPatternsPerPixel } from './testing/raster-per-pixel.js';
import { DEFAULT_STATE, stateFromHash, stateToHash } from './state.js';
import { chromiumPath } from './testing/site.js';

const exactModel = (mlp: FloatMlp): ReluMlpModel => ({
  kind: 'mlp',
  inputDimension: 2,
  layers: mlp.layers.map((l) => ({
    weights: l.weights.map((r) => r.map((w) => Rational.from(w))),
    bias: l.bias.map((b) => Rational.from(b)),
  })),
});

describe('data sets', () => {
  it('are seeded, in the unit square, alternate labels, and XOR labels by quadrant', () => {
    for (const name of DATASET_NAMES) {
      const a = makeDataset(name, { count: 100, noise: 0.02, seed: 7 });
      expect(datasetToCsv(a)).toBe(
        datasetToCsv(makeDataset(name, { count: 100, noise: 0.02, seed: 7 })),
      );
      expect(datasetToCsv(a)).not.toBe(
        datasetToCsv(makeDataset(name, { count: 100, noise: 0.02, seed: 8 })),
      );
      expect(a.x.flat().every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(a.labels).toEqual(a.labels.map((_, i) => i % 2));
    }
    const xor = makeDataset('xor', { count: 200, noise: 0, seed: 1 });
    xor.x.forEach(([x, y], i) => expect(Number(x > 0.5) ^ Number(y > 0.5)).toBe(xor.labels[i]));
    const circles = makeDataset('circles', { count: 200, noise: 0, seed: 1 });
    circles.x.forEach(([x, y], i) =>
      expect(Math.hypot(x - 0.5, y - 0.5) < 0.25 ? 1 : 0).toBe(circles.labels[i]),
    );
  });
});

describe('MLP training', () => {
  it('has the gradient of its loss (central differences)', () => {
    const mlp = initMlp([2, 5, 4, 1], 3);
    const data = makeDataset('moons', { count: 30, noise: 0.05, seed: 2 });
    const { gradW, gradB } = lossGradient(mlp, data.x, data.labels);
    const loss = () => lossGradient(mlp, data.x, data.labels).loss;
    const h = 1e-6;
    const check = (get: () => number, set: (v: number) => void, g: number) => {
      const v = get();
      set(v + h);
      const up = loss();
      set(v - h);
      const down = loss();
      set(v);
      expect(Math.abs((up - down) / (2 * h) - g)).toBeLessThan(1e-6);
    };
    mlp.layers.forEach((layer, l) => {
      layer.weights.forEach((row, j) =>
        row.forEach((_, i) =>
          check(
            () => row[i]!,
            (v) => (row[i] = v),
            gradW[l]![j]![i]!,
          ),
        ),
      );
      layer.bias.forEach((_, j) =>
        check(
          () => layer.bias[j]!,
          (v) => (layer.bias[j] = v),
          gradB[l]![j]!,
        ),
      );
    });
  });

  it('Adam lowers the loss and separates XOR', () => {
    const mlp = initMlp([2, 8, 8, 1], 1);
    const adam = adamState(mlp);
    const data = makeDataset('xor', { count: 200, noise: 0.02, seed: 4 });
    const first = adamStep(mlp, adam, data.x, data.labels, 0.02);
    let last = first;
    for (let i = 0; i < 300; i++) last = adamStep(mlp, adam, data.x, data.labels, 0.02);
    expect(last).toBeLessThan(first / 2);
    expect(accuracy(mlp, data.x, data.labels)).toBeGreaterThan(0.9);
  });
});

describe('live raster', () => {
  it('colours each pixel by its exact activation pattern and class (pointLabel, classAt)', () => {
    const mlp = initMlp([2, 6, 5, 1], 9);
    const n = 24;
    const { pixels, patterns } = rasterPatterns(mlp, { width: n, height: n });
    const model = exactModel(mlp);
    const partition = partitionOf(model);
    const byLabel = new Map(partition.cells.map((c) => [c.label, c]));
    const labels = new Set<string>();
    for (let py = 0; py < n; py++)
      for (let px = 0; px < n; px++) {
        const x = [(px + 0.5) / n, 1 - (py + 0.5) / n];
        const label = pointLabel(model, x);
        const cell = byLabel.get(label.label);
        const at = x.map((v) => Rational.from(v));
        const cls = classAt(cell!.mlp!.output, at);
        const want = cellColor(cell!.label, cls);
        const k = 4 * (py * n + px);
        expect([pixels[k], pixels[k + 1], pixels[k + 2]], `pixel ${px},${py}`).toEqual(want);
        labels.add(cell!.label);
        expect(forward(mlp, x).f > 0 ? 1 : 0).toBe(cls);
      }
    expect(patterns).toBe(labels.size);
  });

  it('scanline raster equals the per-pixel raster (old implementation as oracle)', () => {
    const data = makeDataset('spirals', { count: 100, noise: 0.05, seed: 2 });
    for (const [sizes, seed, steps, layers] of [
      [[2, 16, 16, 1], 1, 0, undefined],
      [[2, 16, 16, 1], 2, 200, undefined],
      [[2, 32, 32, 1], 3, 100, 1],
      [[2, 8, 6, 5, 1], 4, 50, 2],
      [[2, 5, 1], 5, 0, undefined],
    ] as const) {
      const mlp = initMlp(sizes, seed);
      const adam = adamState(mlp);
      for (let i = 0; i < steps; i++) adamStep(mlp, adam, data.x, data.labels, 0.02);
      const opts = { width: 96, height: 80, ...(layers !== undefined ? { layers } : {}) };
      const fast = rasterPatterns(mlp, opts);
      const slow = rasterPatternsPerPixel(mlp, opts);
      let differ = 0;
      for (let k = 0; k < fast.pixels.length; k += 4)
        if (
          fast.pixels[k] !== slow.pixels[k] ||
          fast.pixels[k + 1] !== slow.pixels[k + 1] ||
          fast.pixels[k + 2] !== slow.pixels[k + 2] ||
          fast.pixels[k + 3] !== slow.pixels[k + 3]
        )
          differ++;
      // pixels whose centre lies within rounding of a crossing may differ; none did on these nets
      expect(differ, `${sizes.join('→')} seed ${seed}`).toBeLessThanOrEqual(2);
      expect(fast.patterns, `${sizes.join('→')} seed ${seed}`).toBe(slow.patterns);
    }
  });

  it('merges cells by the first l hidden layers (layer slider)', () => {
    const mlp = initMlp([2, 6, 5, 1], 9);
    const all = rasterPatterns(mlp, { width: 32, height: 32 }).patterns;
    const first = rasterPatterns(mlp, { width: 32, height: 32, layers: 1 }).patterns;
    expect(first).toBeLessThanOrEqual(all);
    expect(first).toBeGreaterThan(1);
  });
});

describe('page state and test machinery', () => {
  it('round-trips the URL state and falls back field by field', () => {
    const s = {
      ...DEFAULT_STATE,
      dataset: 'spirals' as const,
      hidden: [32, 8, 4],
      noise: 0.1,
      layers: 2,
    };
    expect(stateFromHash(`#${stateToHash(s)}`)).toEqual(s);
    expect(stateFromHash('#dataset=nope&hidden=0,1&noise=-1&color=data')).toEqual({
      ...DEFAULT_STATE,
      colorBy: 'data',
    });
  });

  it('fails, never skips, when no chromium is installed', () => {
    expect(() => chromiumPath(['/nonexistent/chromium'])).toThrow(/needs a chromium browser/);
  });
});
