// SPEC §9 example B, cell 00: [0,1]² ∩ {x ≤ 1/2} ∩ {x + y ≤ 1}, exactly (run from the repo root:
// npx tsx --conditions=@mlgeo/source packages/exact-polytope/examples/readme-example.ts).
import assert from 'node:assert/strict';
import { Polytope } from '@mlgeo/exact-polytope';

const cell = Polytope.fromHRep(
  [
    [-1, 0],
    [1, 0],
    [0, -1],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  [0, 1, 0, 1, '1/2', 1],
);
const vertices = cell.vertices().map((v) => v.map(String));
assert.deepEqual(vertices, [
  ['0', '0'],
  ['0', '1'],
  ['1/2', '0'],
  ['1/2', '1/2'],
]);
assert.equal(cell.facets().length, 4); // x ≤ 1 and y ≤ 1 are redundant
assert.equal(cell.incidence().length, 4); // for each facet, the indices of its vertices
assert.equal(cell.volume().toString(), '3/8');
assert.deepEqual(cell.centroid().map(String), ['2/9', '7/18']);

// the same machinery the other way: facets of a convex hull (duplicates and interior points are fine)
const square = Polytope.fromVRep([
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  ['1/2', '1/2'],
  [0, 0],
]);
assert.equal(square.facets().length, 4);
assert.equal(square.vertices().length, 4);

// filtered float path: the same combinatorics, with a count of its exact fallbacks
const fast = Polytope.fromHRep(
  [
    [-1, 0],
    [0, -1],
    [1, 1],
  ],
  [0, 0, 1],
  { predicates: 'filtered' },
);
assert.equal(fast.vertices().length, 3);
console.log(`cell 00: area ${cell.volume()}, vertices ${JSON.stringify(vertices)}`);
console.log('float path stats:', fast.stats);
