/**
 * Every model kind has a complete adapter: the table covers the ModelKind union (type and runtime),
 * every method is there, and on a small model of each kind the methods agree with each other and
 * with SPEC §2 (labels of interior points, rows, order, predictions, bounds, face candidates).
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '@mlgeo/exact-arith';
import type { Model, ModelKind } from '../models.js';
import { partitionOf } from '../engines/enumerate.js';
import { arrangement, mlp, R, tree } from '../engines/test-helpers.js';
import { DataPoint } from '../locate/point.js';
import { ADAPTERS, KINDS, adapterFor } from './index.js';
import type { ModelAdapter } from './types.js';

/** Type-level: the table's keys are exactly the ModelKind union. */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const tableCoversKinds: Equal<keyof typeof ADAPTERS, ModelKind> = true;

/** The required methods; `Record` makes this list fail to compile when the interface grows. */
type RequiredMethods<T> = { [K in keyof T as undefined extends T[K] ? never : K]: true };
const REQUIRED: RequiredMethods<Omit<ModelAdapter, 'kind'>> = {
  validate: true,
  cells: true,
  labeler: true,
  cellRows: true,
  compareLabels: true,
  predict: true,
  predictedClass: true,
  cellCountBound: true,
  faceCandidates: true,
};

/** One small 2-D model per kind; `Record<ModelKind, …>` fails to compile when a kind is missing. */
const SAMPLES: { [K in ModelKind]: Extract<Model, { kind: K }> } = {
  arrangement: arrangement(2, [
    [[1, 0], '-1/2'],
    [[0, 1], '-1/3'],
    [[1, 1], '-1'],
  ]),
  mlp: mlp(2, [
    [
      [
        [1, -1],
        [1, 1],
      ],
      ['0', '-1/2'],
    ],
    [[[1, -2]], ['1/4']],
  ]),
  tree: tree(2, [[0, '1/2', 1, 2], { leaf: [1] }, [1, '1/3', 3, 4], { leaf: [2] }, { leaf: [3] }]),
  forest: {
    kind: 'forest',
    inputDimension: 2,
    trees: [
      tree(2, [[0, '1/2', 1, 2], { leaf: [1, 0] }, { leaf: [0, 1] }]),
      tree(2, [[1, '2/3', 1, 2], { leaf: [0, 2] }, { leaf: [2, 0] }]),
    ],
    aggregate: 'mean',
    task: 'classification',
  },
  voronoi: {
    kind: 'voronoi',
    inputDimension: 2,
    sites: [
      [R('1/5'), R('1/5')],
      [R('4/5'), R('3/10')],
      [R('1/2'), R('9/10')],
    ],
  },
  linear: {
    kind: 'linear',
    inputDimension: 2,
    weights: [
      [R(1), R(0)],
      [R(0), R(1)],
      [R(-1), R(-1)],
    ],
    bias: [R(0), R(0), R('1/2')],
  },
};

/** g(x) for an integer row at a rational point. */
function rowValue(g: { w: bigint[]; c: bigint }, x: readonly Rational[]): Rational {
  return g.w.reduce(
    (s, w, i) => s.add(Rational.fromBigInt(w).mul(x[i]!)),
    Rational.fromBigInt(g.c),
  );
}

describe('the adapter table', () => {
  it('has one adapter per ModelKind, each of its own kind', () => {
    expect(tableCoversKinds).toBe(true);
    expect([...KINDS].sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const kind of KINDS) expect(ADAPTERS[kind].kind).toBe(kind);
  });

  it('rejects an unknown kind with UNKNOWN_MODEL', () => {
    const bogus = { kind: 'svm', inputDimension: 2 } as unknown as Model;
    expect(() => adapterFor(bogus)).toThrow(expect.objectContaining({ code: 'UNKNOWN_MODEL' }));
  });
});

describe.each(KINDS)('the %s adapter', (kind) => {
  const model = SAMPLES[kind];
  const adapter = adapterFor(model);
  const partition = partitionOf(model);
  const interior = partition.cells.map((c) => c.polytope.centroid());

  it('has every method', () => {
    for (const name of Object.keys(REQUIRED))
      expect(typeof adapter[name as keyof typeof REQUIRED], name).toBe('function');
    // the optional MLP capabilities come together and only for MLPs
    const mlpOnly = [adapter.cellMaps, adapter.faceDecider, adapter.architecture];
    expect(mlpOnly.map((m) => m !== undefined)).toEqual(mlpOnly.map(() => kind === 'mlp'));
  });

  it('validates its sample and enumerates several cells', () => {
    expect(() => adapter.validate(model)).not.toThrow();
    expect(partition.cells.length).toBeGreaterThan(1);
  });

  it('labels an interior point of every cell with that cell’s label, without a tie', () => {
    const labeler = adapter.labeler(model);
    partition.cells.forEach((cell, i) => {
      const pl = labeler.label(DataPoint.from(interior[i]!, model.inputDimension));
      expect(pl).toEqual({ label: cell.label, tie: false, candidates: [cell.label] });
    });
  });

  it('gives rows g ≤ 0 that hold strictly at an interior point, tagged per row', () => {
    partition.cells.forEach((cell, i) => {
      const { rows, tags } = adapter.cellRows(model, cell.label);
      expect(tags).toHaveLength(rows.length);
      expect(rows.length).toBeGreaterThan(0);
      for (const g of rows) expect(rowValue(g, interior[i]!).sign()).toBe(-1);
    });
  });

  it('orders the enumerated cells strictly by its label order (SPEC §2)', () => {
    const labels = partition.cells.map((c) => c.label);
    for (let i = 1; i < labels.length; i++) {
      expect(adapter.compareLabels(labels[i - 1]!, labels[i]!)).toBeLessThan(0);
      expect(adapter.compareLabels(labels[i]!, labels[i - 1]!)).toBeGreaterThan(0);
    }
    for (const l of labels) expect(adapter.compareLabels(l, l)).toBe(0);
  });

  it('predicts per label as the enumeration does, and reads classes as integers', () => {
    partition.cells.forEach((cell, i) => {
      const p = adapter.predict(model, cell.label, () => interior[i]!);
      // MLP outputs are affine on the cell: the enumeration evaluates at the vertex average
      if (kind === 'mlp') expect(typeof p).toBe('number');
      else expect(p).toEqual(cell.prediction);
      const cls = adapter.predictedClass(p);
      if (cls !== undefined) expect(Number.isInteger(cls) && cls >= 0).toBe(true);
    });
    expect(adapter.predictedClass(undefined)).toBeUndefined();
    expect(adapter.predictedClass([1, 3, 3])).toBe(1);
  });

  it('bounds the number of cells from above', () => {
    expect(adapter.cellCountBound(model)).toBeGreaterThanOrEqual(partition.cells.length);
  });

  it('offers candidate faces as index pairs a < b', () => {
    const labels = partition.cells.map((c) => c.label);
    const candidates = adapter.faceCandidates(labels);
    expect(candidates.length).toBeGreaterThan(0);
    for (const { a, b, position } of candidates) {
      expect(0 <= a && a < b && b < labels.length).toBe(true);
      expect(Number.isInteger(position) && position >= -1).toBe(true);
    }
  });
});

describe('SPEC §2 label order per kind', () => {
  it('bit strings lexicographic, leaf tuples componentwise, indices numerically', () => {
    expect(ADAPTERS.arrangement.compareLabels('011', '100')).toBeLessThan(0);
    expect(ADAPTERS.mlp.compareLabels('10', '01')).toBeGreaterThan(0);
    expect(ADAPTERS.forest.compareLabels('2.10', '2.3')).toBeGreaterThan(0);
    expect(ADAPTERS.forest.compareLabels('2', '10')).toBeLessThan(0);
    for (const kind of ['tree', 'voronoi', 'linear'] as const)
      expect(ADAPTERS[kind].compareLabels('9', '10')).toBeLessThan(0);
  });
});
