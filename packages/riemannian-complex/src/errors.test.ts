/**
 * Every bad input gives a typed error naming the field and the fix.
 */
import { MlgeoError } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { verify } from './verify.js';
import { ComplexOptionError, InconsistentPartitionError, PartitionInputError } from './errors.js';
import { boxRows, partitionOf, polytope, unitSquareRows } from './partitions.test-helper.js';
import type { PartitionLike } from './types.js';

function expectError(
  run: () => unknown,
  type: new (...a: never[]) => MlgeoError,
  code: string,
  field: string,
): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'an error is thrown').toBeInstanceOf(type);
  const e = caught as MlgeoError;
  expect(e.code).toBe(code);
  expect(e.field).toBe(field);
  expect(e.fix).toBeTruthy();
}

const halves = (): PartitionLike =>
  partitionOf(unitSquareRows(), [
    { label: '0', rows: [[[1, 0], '1/2']] },
    { label: '1', rows: [[[-1, 0], '-1/2']] },
  ]);

describe('bad partitions', () => {
  it('a cell in R^3 for a domain in R^2: DIMENSION_MISMATCH naming the cell', () => {
    const p = halves();
    p.cells[1]!.polytope = polytope(boxRows([0, 0, 0], [1, 1, 1]));
    expectError(
      () => buildComplex(p),
      PartitionInputError,
      'DIMENSION_MISMATCH',
      'cells[1].polytope',
    );
  });

  it('cells of different ambient dimensions (domain agrees with the first)', () => {
    const p = halves();
    p.cells[0]!.polytope = polytope(boxRows([0], [1]));
    expectError(
      () => buildComplex(p),
      PartitionInputError,
      'DIMENSION_MISMATCH',
      'cells[0].polytope',
    );
  });

  it('an unbounded cell: UNBOUNDED_CELL', () => {
    const p = halves();
    p.cells[1]!.polytope = polytope([[[-1, 0], '-1/2']]);
    expectError(() => buildComplex(p), PartitionInputError, 'CELL_UNBOUNDED', 'cells[1].polytope');
  });

  it('an unbounded domain: UNBOUNDED_DOMAIN', () => {
    const p = halves();
    p.domain = polytope([[[1, 0], 1]]);
    expectError(() => buildComplex(p), PartitionInputError, 'DOMAIN_UNBOUNDED', 'domain');
  });

  it('a cell of zero area: DEGENERATE_CELL', () => {
    const p = halves();
    p.cells[1]!.polytope = polytope([...unitSquareRows(), [[1, 0], '1/2'], [[-1, 0], '-1/2']]);
    expectError(() => buildComplex(p), PartitionInputError, 'CELL_DEGENERATE', 'cells[1].polytope');
  });

  it('a cell sticking out of X: CELL_OUTSIDE_DOMAIN', () => {
    const p = halves();
    p.cells[1]!.polytope = polytope(boxRows(['1/2', 0], [2, 1]));
    expectError(
      () => buildComplex(p),
      PartitionInputError,
      'CELL_OUTSIDE_DOMAIN',
      'cells[1].polytope',
    );
  });

  it('duplicate labels, bad data counts, no cells', () => {
    const p = halves();
    p.cells[1]!.label = '0';
    expectError(() => buildComplex(p), PartitionInputError, 'LABEL_DUPLICATE', 'cells[1].label');
    const q = halves();
    q.cells[0]!.dataCount = -1;
    expectError(() => buildComplex(q), PartitionInputError, 'BAD_DATA_COUNT', 'cells[0].dataCount');
    const r = halves();
    r.cells = [];
    expectError(() => buildComplex(r), PartitionInputError, 'NO_CELLS', 'cells');
  });

  it('overlapping cells are detected where a vertex lies inside another cell', () => {
    const p = partitionOf(unitSquareRows(), [
      { label: 'a', rows: [] },
      { label: 'b', rows: boxRows(['1/4', '1/4'], ['3/4', '3/4']) },
    ]);
    expectError(
      () => buildComplex(p),
      InconsistentPartitionError,
      'PARTITION_INCONSISTENT',
      'cells[0].polytope',
    );
  });
});

describe('bad options', () => {
  it('density exponent outside (0, 1]', () => {
    const p = halves();
    for (const c of p.cells) c.dataCount = 1;
    for (const beta of [0, -1, 1.5, NaN])
      expectError(
        () => buildComplex(p, { edgeLength: { kind: 'density', beta } }),
        ComplexOptionError,
        'BAD_OPTION',
        'options.edgeLength.beta',
      );
  });

  it('density without data counts: MISSING_DATA_COUNT; without any point: NO_DATA', () => {
    expectError(
      () => buildComplex(halves(), { edgeLength: 'density' }),
      PartitionInputError,
      'DATA_COUNT_MISSING',
      'cells[0].dataCount',
    );
    const p = halves();
    for (const c of p.cells) c.dataCount = 0;
    expectError(
      () => buildComplex(p, { edgeLength: 'density' }),
      PartitionInputError,
      'NO_DATA',
      'cells[].dataCount',
    );
  });

  it('unknown kind, unknown edge length, negative maxDimension', () => {
    const p = halves();
    expectError(
      () => buildComplex(p, { kind: 'cech' as never }),
      ComplexOptionError,
      'BAD_OPTION',
      'options.kind',
    );
    expectError(
      () => buildComplex(p, { edgeLength: 'geodesic' as never }),
      ComplexOptionError,
      'BAD_OPTION',
      'options.edgeLength',
    );
    expectError(
      () => buildComplex(p, { maxDimension: -1 }),
      ComplexOptionError,
      'BAD_OPTION',
      'options.maxDimension',
    );
  });
});

describe('verify detects broken partitions', () => {
  it('overlapping cells marked complete: volume sum and shared-face areas fail', () => {
    const p = partitionOf(unitSquareRows(), [
      { label: 'a', rows: [[[1, 0], '1/2']] },
      { label: 'b', rows: [[[-1, 0], '-1/4']] },
    ]);
    const byName = Object.fromEntries(verify(p).map((r) => [r.name, r]));
    expect(byName['volume-sum']!.ok).toBe(false);
    expect(byName['volume-sum']!.detail).toContain('5/4');
    expect(byName['shared-face-areas']!.ok).toBe(false);
    expect(byName['minkowski']!.ok).toBe(true);
  });

  it('a gap in a "complete" partition: volume sum, angle sums and Euler characteristic fail', () => {
    const p = partitionOf(unitSquareRows(), [
      { label: 'a', rows: [[[1, 0], '1/4']] },
      { label: 'b', rows: [[[-1, 0], '-3/4']] },
    ]);
    const byName = Object.fromEntries(verify(p).map((r) => [r.name, r]));
    expect(byName['volume-sum']!.ok).toBe(false);
    expect(byName['angle-sums']!.ok).toBe(false);
    expect(byName['nerve-euler']!.ok).toBe(false); // two disjoint vertices: χ = 2
  });
});
