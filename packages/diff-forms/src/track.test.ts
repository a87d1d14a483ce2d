/**
 * Geometry over checkpoints on SPEC §9 D: the data-holding 4-cycle (average degree 2), the two cells
 * the decision boundary crosses (011: y = 7/8; 111: x + y = 11/8, both with grid points on either
 * side), the angles 45°…135° at the bend; and a checkpoint whose output is negative everywhere.
 */
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { geometryCsv, trackGeometry } from './track.js';
import { specD } from './test-helpers.js';

const grid: string[][] = [];
for (let a = 0; a < 10; a++)
  for (let b = 0; b < 10; b++) grid.push([`${2 * a + 1}/20`, `${2 * b + 1}/20`]);

describe('trackGeometry', () => {
  const negative = specD();
  negative.layers[2]!.bias[0] = Rational.of(-10);
  const rows = trackGeometry(
    [
      { name: 'epoch-1', model: specD() },
      { name: 'epoch-2', model: negative },
    ],
    grid,
  );

  it('SPEC §9 D: 4 data cells in a 4-cycle, the boundary crosses 011 and 111', () => {
    expect(rows[0]).toMatchObject({
      name: 'epoch-1',
      dataHoldingCells: 4,
      dataEdges: 4,
      averageDataDegree: 2,
      boundaryDataCells: 2,
      cells: 4,
    });
    expect(rows[0]!.cellVolume).toMatchObject({ min: 0.125, max: 0.375, median: 0.25 });
    expect(rows[0]!.angleDegrees!.min).toBeCloseTo(45, 10);
    expect(rows[0]!.angleDegrees!.max).toBeCloseTo(135, 10);
    expect(rows[1]!.boundaryDataCells).toBe(0);
    expect(rows[1]!.dataHoldingCells).toBe(4);
  });

  it('CSV: a header and one line per checkpoint', () => {
    const csv = geometryCsv(rows).trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]!.split(',').slice(0, 6)).toEqual([
      'name',
      'dataHoldingCells',
      'dataEdges',
      'averageDataDegree',
      'boundaryDataCells',
      'cells',
    ]);
    expect(csv[1]!.startsWith('epoch-1,4,4,2,2,4,0.125,')).toBe(true);
  });
});
