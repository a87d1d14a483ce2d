// The adjacency complex of SPEC §9 example B: a 4-cycle with exact shared-face lengths, M_1
// weights and dihedral angles, and the self-checks of SPEC §3–§4.
import assert from 'node:assert/strict';
import { partitionOf } from '@mlgeo/model-partitions';
import { readMlgeoJson } from '@mlgeo/model-readers';
import { buildComplex, complexToJson, verify } from '@mlgeo/riemannian-complex';

const { model } = readMlgeoJson({
  format: 'mlgeo-arrangement',
  version: 1,
  hyperplanes: [
    { w: [1, 0], c: '-1/2' },
    { w: [1, 1], c: -1 },
  ],
});
const complex = buildComplex(partitionOf(model), { edgeLength: 'centroid' });

assert.deepEqual(complex.simplices[1], [
  [0, 1],
  [0, 2],
  [1, 3],
  [2, 3],
]); // 00–01, 00–10, 01–11, 10–11
assert.deepEqual(
  complex.sharedFaces.map((f) => f.volume.toString()),
  ['1/2*sqrt(2)', '1/2', '1/2', '1/2*sqrt(2)'],
);
assert.equal(String(complex.metric.M1[0]), '9/34*sqrt(34)'); // (1/2)√2 / ((1/9)√17)

const centre = complex.ridges!.find((r) => r.point.join(',') === '1/2,1/2')!;
assert.deepEqual(
  centre.angles.map((a) => a.cos.toString()),
  ['-1/2*sqrt(2)', '1/2*sqrt(2)', '1/2*sqrt(2)', '-1/2*sqrt(2)'],
); // 3π/4, π/4, π/4, 3π/4

assert.ok(verify(complex).every((check) => check.ok));
const json = complexToJson(complex);
console.log(
  `f-vector ${json.fVector.join(', ')}; checks: ${json.checks!.map((c) => c.name).join(', ')}`,
);
