import { Rational, ShapeError } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { boxHRep } from './box.js';
import { Polytope } from './polytope.js';

const show = (h: { A: Rational[][]; b: Rational[] }) => ({
  A: h.A.map((r) => r.map((v) => v.toNumber())),
  b: h.b.map((v) => v.toString()),
});

describe('boxHRep', () => {
  it('writes the lower rows first by default, or both rows of each coordinate together', () => {
    expect(show(boxHRep([0, '1/2'], [1, 2]))).toEqual({
      A: [
        [-1, 0],
        [0, -1],
        [1, 0],
        [0, 1],
      ],
      b: ['0', '-1/2', '1', '2'],
    });
    expect(show(boxHRep([0, '1/2'], [1, 2], 'per-coordinate')).b).toEqual(['0', '1', '-1/2', '2']);
  });

  it('is the box: 2^d vertices and volume Π (hi − lo)', () => {
    const { A, b } = boxHRep([-1, 0, 2], [1, 3, 5]);
    const P = Polytope.fromHRep(A, b);
    expect(P.vertices()).toHaveLength(8);
    expect(P.volume().equals(Rational.of(18))).toBe(true);
  });

  it('rejects corners of different lengths', () => {
    expect(() => boxHRep([0], [1, 1])).toThrow(ShapeError);
  });
});
