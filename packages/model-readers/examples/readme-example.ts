// SPEC §9 example D read from text: the ReLU network as our JSON format and the 100 grid points as
// CSV, every number exact (run from the repo root:
// npx tsx --conditions=@mlgeo/source packages/model-readers/examples/readme-example.ts).
import assert from 'node:assert/strict';
import { dataHoldingPartition } from '@mlgeo/model-partitions';
import { ModelFormatError, readModelBytes, readPointsCsv } from '@mlgeo/model-readers';

const modelJson = JSON.stringify({
  format: 'mlgeo-mlp',
  version: 1,
  layers: [
    {
      weights: [
        [1, 0],
        [0, 1],
      ],
      bias: ['-1/2', '1/4'],
      activation: 'relu',
    },
    { weights: [[1, 1]], bias: [-1], activation: 'relu' },
    { weights: [[1]], bias: ['-1/8'], activation: 'linear' },
  ],
});
// bytes, as from fetch(), a File or fs.readFile; the name only helps to detect the format
const { model, format } = await readModelBytes('d.json', new TextEncoder().encode(modelJson));
assert.equal(format, 'mlgeo-mlp');

let csv = 'x,y\n';
for (let a = 0; a < 10; a++)
  for (let b = 0; b < 10; b++) csv += `${(2 * a + 1) / 20},${(2 * b + 1) / 20}\n`;
const { points, columns } = readPointsCsv(csv, { dimension: model.inputDimension });
assert.deepEqual(columns, ['x', 'y']);
assert.equal(points[1]!.map(String).join(','), '1/20,3/20'); // "0.05" is exactly 1/20

const cells = dataHoldingPartition(model, points).cells;
assert.deepEqual(
  cells.map((c) => `${c.label}=${c.dataCount}`),
  ['010=40', '011=10', '110=25', '111=25'],
);

// bad input names the field and the fix
assert.throws(
  () => readPointsCsv('x,y\n0.1,NaN\n'),
  (e: unknown) => e instanceof Error && /points\[0\]\[1\]/.test(e.message),
);
await assert.rejects(
  readModelBytes('bad.json', new TextEncoder().encode('{"format": "mlgeo-mlp", "version": 1}')),
  ModelFormatError,
);
console.log(cells.map((c) => `${c.label}: ${c.dataCount} points`).join('; '));
