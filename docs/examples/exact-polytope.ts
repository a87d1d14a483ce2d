// A triangle given by inequalities A x ≤ b: vertices, facets, exact volume and centroid (SPEC §3).
import assert from 'node:assert/strict';
import { Polytope } from '@mlgeo/exact-polytope';

// x ≥ 0, y ≥ 0, x + y ≤ 1
const triangle = Polytope.fromHRep(
  [
    [-1, 0],
    [0, -1],
    [1, 1],
  ],
  [0, 0, 1],
);
const vertices = triangle.vertices().map((v) => v.map(String).join(','));
assert.deepEqual(vertices, ['0,0', '0,1', '1,0']); // sorted lexicographically
assert.equal(triangle.facets().length, 3);
assert.equal(triangle.volume().toString(), '1/2');
assert.deepEqual(triangle.centroid().map(String), ['1/3', '1/3']);

// the hypotenuse is a facet of length √2: a relative volume, exact as r·√q
const hypotenuse = triangle.intersect(Polytope.fromHRep([[-1, -1]], [-1]));
assert.equal(hypotenuse.dimension(), 1);
assert.equal(hypotenuse.relativeVolume().toString(), 'sqrt(2)');
console.log(`vertices ${vertices.join(' | ')}, area ${triangle.volume()}`);
