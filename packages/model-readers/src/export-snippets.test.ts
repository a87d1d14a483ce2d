/**
 * The export snippets of docs/formats.md, run on models fitted by scikit-learn
 * (tools/fixtures/export/make-export-fixtures.py): each exported file is read, partitioned, and the
 * prediction of the cell that holds each stored point is compared with sklearn's own `predict`
 * and decision scores there (the oracle; the points are float32 numbers, as sklearn's trees see
 * them). The docs must show the snippet files verbatim (checked below).
 */
import { readFileSync } from 'node:fs';
import {
  adapterFor,
  box,
  locatePoint,
  partitionOf,
  type ForestModel,
} from '@mlgeo/model-partitions';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { readModelBytes } from './detect.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/export/${name}`, import.meta.url));

interface Expected {
  points: number[][];
  predict: number[];
  scores: (number | number[])[];
}

const cases: { name: string; format: string; exactScores: boolean }[] = [
  { name: 'gradient-boosting-iris', format: 'sklearn-forest', exactScores: true },
  { name: 'gradient-boosting-binary', format: 'sklearn-forest', exactScores: true },
  { name: 'gradient-boosting-regressor', format: 'sklearn-forest', exactScores: true },
  { name: 'logistic-iris', format: 'mlgeo-linear', exactScores: false },
  { name: 'linear-svc-binary', format: 'mlgeo-linear', exactScores: false },
  { name: 'kmeans-blobs', format: 'mlgeo-voronoi', exactScores: false },
];

describe('export snippets against scikit-learn', () => {
  for (const c of cases) {
    it(`${c.name}: the cell of every point predicts what sklearn predicts`, async () => {
      const expected = JSON.parse(fixture(`${c.name}.expected.json`).toString()) as Expected;
      const { model, format } = await readModelBytes(
        `${c.name}.json`,
        new Uint8Array(fixture(`${c.name}.json`)),
      );
      expect(format).toBe(c.format);
      const lo = [0, 1].map((k) => Math.min(...expected.points.map((p) => p[k]!)) - 1);
      const hi = [0, 1].map((k) => Math.max(...expected.points.map((p) => p[k]!)) + 1);
      const partition = partitionOf(model, { domain: box(lo, hi) });
      const adapter = adapterFor(model);
      const regression = model.kind === 'forest' && model.task === 'regression';
      expected.points.forEach((p, k) => {
        const cell = partition.cells[locatePoint(partition, model, p).index]!;
        if (model.kind === 'linear') {
          // oracle: sklearn's decision scores; the exact scores of our cell agree in float
          const s = expected.scores[k]!;
          const scores = Array.isArray(s) ? s : [s];
          const margin = Array.isArray(s)
            ? [...s].sort((a, b) => b - a).reduce((a, b, i) => (i === 1 ? a - b : a))
            : Math.abs(s);
          if (margin < 1e-9) return;
          expect(Number(cell.label)).toBe(expected.predict[k]);
          const exact = model.weights.map((w, j) =>
            w.reduce((t, wi, i) => t.add(wi.mul(Rational.fromDouble(p[i]!))), model.bias[j]!),
          );
          // a binary coef_ (one row) is read as the scores (0, f)
          const ours = Array.isArray(s) ? exact.map((v) => v.toNumber()) : [exact[1]!.toNumber()];
          ours.forEach((v, j) => expect(v).toBeCloseTo(scores[j]!, 9));
          return;
        }
        if (regression) {
          expect(cell.prediction).toBe(expected.scores[k]);
          return;
        }
        expect(adapter.predictedClass(cell.prediction)).toBe(expected.predict[k]);
        if (c.exactScores) {
          // sklearn's decision_function to the bit (binary: the scores (0, f))
          const s = expected.scores[k]!;
          expect(cell.prediction).toEqual(Array.isArray(s) ? s : [0, s]);
        }
      });
      if (model.kind === 'forest') {
        const f = model as ForestModel;
        expect(f.boosting).toBeDefined();
        // the partition refines every tree: cells ≥ the largest tree's leaves inside the box
        expect(partition.cells.length).toBeGreaterThan(3);
      }
      if (!regression) expect(new Set(expected.predict).size).toBeGreaterThan(1);
    });
  }
});

describe('binary gradient boosting: the tie rule docs/formats.md states', () => {
  // tools/fixtures/export/make-boosting-tie-fixture.py: one tree whose leaves score f = 1e-16,
  // 3·2^-54, the next double above it, and −1e-16, with sklearn's predict at a point of each
  it('mlgeo: class 1 iff f > 0; sklearn: class 1 iff f > 3·2^-54 (its probabilities tie below)', async () => {
    const name = 'gradient-boosting-tie';
    const expected = JSON.parse(fixture(`${name}.expected.json`).toString()) as Expected;
    const { model } = await readModelBytes(`${name}.json`, new Uint8Array(fixture(`${name}.json`)));
    const partition = partitionOf(model, { domain: box([-1, -1], [2, 2]) });
    const adapter = adapterFor(model);
    const threshold = 3 * 2 ** -54;
    let differ = 0;
    expected.points.forEach((p, k) => {
      const f = expected.scores[k] as number;
      const cell = partition.cells[locatePoint(partition, model, p).index]!;
      expect(cell.prediction).toEqual([0, f]); // sklearn's decision_function to the bit
      const ours = adapter.predictedClass(cell.prediction);
      expect(ours).toBe(f > 0 ? 1 : 0);
      expect(expected.predict[k]).toBe(f > threshold ? 1 : 0);
      if (ours !== expected.predict[k]) differ++;
    });
    // the fixture has both kinds of point: f in (0, 3·2^-54] (the rules differ) and outside
    expect(differ).toBe(2);
  });
});

describe('docs/formats.md shows the export snippet files verbatim', () => {
  const doc = readFileSync(new URL('../../../docs/formats.md', import.meta.url), 'utf8');
  for (const file of ['export_linear.py', 'export_kmeans.py', 'export_gradient_boosting.py']) {
    it(file, () => {
      const path = `tools/fixtures/export/${file}`;
      const code = readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
      expect(doc).toContain(
        `<!-- example: ${path} -->\n\`\`\`python\n${code}\`\`\`\n<!-- /example -->`,
      );
    });
  }
});
