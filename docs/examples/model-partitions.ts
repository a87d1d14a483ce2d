// SPEC §9 example B: the arrangement h1 = x − 1/2, h2 = x + y − 1 cuts the unit square into four
// cells; data points are grouped by the model's own rule (points on x + y = 1 get bit 0).
import assert from 'node:assert/strict';
import { dataHoldingPartition, partitionOf } from '@mlgeo/model-partitions';
import { readMlgeoJson } from '@mlgeo/model-readers';

const { model } = readMlgeoJson({
  format: 'mlgeo-arrangement',
  version: 1,
  hyperplanes: [
    { w: [1, 0], c: '-1/2' },
    { w: [1, 1], c: -1 },
  ],
});
const partition = partitionOf(model); // default domain: the unit box
assert.deepEqual(
  partition.cells.map((c) => c.label),
  ['00', '01', '10', '11'],
);
assert.deepEqual(
  partition.cells.map((c) => c.polytope.volume().toString()),
  ['3/8', '1/8', '1/8', '3/8'],
);

// the 100 grid points ((2a+1)/20, (2b+1)/20) as exact strings
const grid: string[][] = [];
for (let a = 0; a < 10; a++) {
  for (let b = 0; b < 10; b++) grid.push([`${2 * a + 1}/20`, `${2 * b + 1}/20`]);
}
const holding = dataHoldingPartition(model, grid);
assert.deepEqual(
  holding.cells.map((c) => `${c.label}:${c.dataCount}`),
  ['00:40', '01:10', '10:15', '11:35'],
);
console.log(holding.cells.map((c) => `${c.label}: ${c.dataCount} points`).join(', '));
