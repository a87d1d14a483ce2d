/**
 * Partial partitions (e.g. data-holding cells): the complex is built on the cells present.
 */
import { SqrtRational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { arrangementPartition, unitSquareRows, specExampleA } from './partitions.test-helper.js';
import type { PartitionLike } from './types.js';
import { verify } from './verify.js';

function dropCells(p: PartitionLike, labels: string[]): PartitionLike {
  return { ...p, complete: false, cells: p.cells.filter((c) => !labels.includes(c.label)) };
}

const A = specExampleA;

describe('partial partitions', () => {
  it('SPEC §9 A without cell 11: adjacency = path 00–01, 00–10; nerve adds 01–10 and the triangle', () => {
    const p = dropCells(A(), ['11']);
    const c = buildComplex(p, { edgeLength: 'unit' });
    expect(c.cells.map((x) => x.label)).toEqual(['00', '01', '10']);
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(c.fVector).toEqual([3, 2]);
    for (const w of c.metric.M1)
      expect((w as SqrtRational).equals(SqrtRational.parse('1/2'))).toBe(true);
    const n = buildComplex(p, { kind: 'nerve' });
    expect(n.fVector).toEqual([3, 3, 1]);
    expect(n.intersections[1]![n.indexOf([1, 2])!]!.dimension).toBe(0);
    // the centre is a ridge of the three cells present: three right angles (no full turn)
    const r = c.ridges!.find((x) => x.point.every((v) => v.toString() === '1/2'))!;
    expect(r.angles.map((a) => a.cell)).toEqual([0, 1, 2]);
    expect(r.sum).toBeCloseTo((3 * Math.PI) / 2, 14);
    const checks = verify(c);
    for (const name of ['volume-sum', 'angle-sums', 'shared-face-areas', 'nerve-euler'])
      expect(checks.find((x) => x.name === name)!.applicable).toBe(false);
    for (const x of checks) expect(x.ok, x.detail).toBe(true);
  });

  it('data-holding cells of SPEC §9 B with `density`: n is the number of points in the cells present', () => {
    const p = arrangementPartition(unitSquareRows(), [
      { w: [1, 0], c: '-1/2' },
      { w: [1, 1], c: -1 },
    ]);
    [40, 10, 15, 35].forEach((n, i) => (p.cells[i]!.dataCount = n));
    const partial = dropCells(p, ['10']); // cells 00 (40), 01 (10), 11 (35): n = 85
    const c = buildComplex(partial, { edgeLength: 'density' });
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [1, 2],
    ]);
    // 00|01: ρ = 50 / (85 · 1/2) = 20/17, ℓ_c = (1/9)√17, ℓ = (17/180)√17, M_1 = (1/2)√2 / ℓ
    expect(
      (c.metric.edgeLengths[0] as SqrtRational).equals(SqrtRational.parse('17/180*sqrt(17)')),
    ).toBe(true);
    expect((c.metric.M1[0] as SqrtRational).equals(SqrtRational.parse('90/289*sqrt(34)'))).toBe(
      true,
    );
  });
});
