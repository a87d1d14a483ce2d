/**
 * Two copies of a package in one application (issue 9: two versions of @mlgeo/exact-arith in one
 * node_modules tree): Polytope.fromHRep / fromVRep accept the other copy's Rationals, errors of
 * either copy pass isMlgeoError, and isPolytope recognises a Polytope of another copy.
 */
import { isMlgeoError, Rational } from '@mlgeo/exact-arith';
import { describe, expect, it, vi } from 'vitest';
import { Polytope, isPolytope } from './index.js';

/** A fresh evaluation of @mlgeo/exact-arith: its classes are distinct from the ones we use. */
async function secondArith(): Promise<typeof import('@mlgeo/exact-arith')> {
  vi.resetModules();
  const copy = await import('@mlgeo/exact-arith');
  expect(copy.Rational).not.toBe(Rational);
  return copy;
}

describe('values and errors of a second copy of @mlgeo/exact-arith', () => {
  it('fromHRep reads its Rationals: SPEC §9 B cell 00 has area 3/8 and centroid (2/9, 7/18)', async () => {
    const { Rational: R2 } = await secondArith();
    const r = (x: string) => R2.parse(x) as unknown as Rational;
    const cell = Polytope.fromHRep(
      [
        [r('-1'), r('0')],
        [r('1'), r('0')],
        [r('0'), r('-1')],
        [r('0'), r('1')],
        [r('1'), r('0')],
        [r('1'), r('1')],
      ],
      [r('0'), r('1'), r('0'), r('1'), r('1/2'), r('1')],
    );
    expect(cell.volume().toString()).toBe('3/8');
    expect(cell.centroid().map(String)).toEqual(['2/9', '7/18']);
    expect(cell.volume() instanceof Rational).toBe(true);
  });

  it('fromVRep reads its Rationals', async () => {
    const { Rational: R2 } = await secondArith();
    const r = (x: string) => R2.parse(x) as unknown as Rational;
    const triangle = Polytope.fromVRep([
      [r('0'), r('0')],
      [r('1/2'), r('0')],
      [r('0'), r('1/2')],
    ]);
    expect(triangle.volume().toString()).toBe('1/8');
  });

  it('errors of either copy pass isMlgeoError', async () => {
    const copy = await secondArith();
    const thrown = (run: () => unknown): unknown => {
      try {
        run();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const ours = thrown(() => Polytope.fromHRep([[1, 0]], [1, 2]));
    expect(isMlgeoError(ours)).toBe(true);
    expect(copy.isMlgeoError(ours)).toBe(true);
    expect(ours instanceof copy.MlgeoError).toBe(false);
    const theirs = thrown(() => copy.Rational.parse('x'));
    expect(isMlgeoError(theirs)).toBe(true);
  });
});

describe('isPolytope', () => {
  it('recognises a Polytope of a second copy of @mlgeo/exact-polytope, and nothing else', async () => {
    const square = Polytope.fromVRep([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(isPolytope(square)).toBe(true);
    expect(isPolytope({ dimension: 2 })).toBe(false);
    expect(isPolytope(null)).toBe(false);
    vi.resetModules();
    const copy = await import('./index.js');
    expect(copy.Polytope).not.toBe(Polytope);
    const other = copy.Polytope.fromVRep([
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(other instanceof Polytope).toBe(false);
    expect(isPolytope(other)).toBe(true);
    expect(copy.isPolytope(square)).toBe(true);
  });
});
