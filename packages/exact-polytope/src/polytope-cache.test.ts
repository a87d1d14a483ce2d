import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, test } from 'vitest';
import { Polytope } from './polytope.js';

// Polytope caches its exact results; callers must not be able to corrupt them through the arrays
// they are given.
describe('Polytope caches are not exposed', () => {
  const triangle = () =>
    Polytope.fromHRep(
      [
        [-1, 0],
        [0, -1],
        [1, 1],
      ],
      [0, 0, 1],
    );

  test('mutating returned vertices and centroid does not change later answers', () => {
    const p = triangle();
    const first = p.vertices();
    first[0]![0] = Rational.of(99);
    first.pop();
    const centroid = p.centroid();
    centroid[0] = Rational.of(-5);
    expect(p.vertices().map((v) => v.map(String))).toEqual([
      ['0', '0'],
      ['0', '1'],
      ['1', '0'],
    ]);
    expect(p.centroid().map(String)).toEqual(['1/3', '1/3']);
    expect(p.volume().toString()).toBe('1/2');
  });

  test('repeated calls agree with a fresh polytope', () => {
    const p = triangle();
    for (let i = 0; i < 3; i++) {
      expect(p.volume().equals(triangle().volume())).toBe(true);
      expect(p.relativeVolume().equals(triangle().relativeVolume())).toBe(true);
    }
  });
});
