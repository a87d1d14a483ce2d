/**
 * Models and domains made with a second copy of @mlgeo/exact-arith / @mlgeo/exact-polytope (two
 * installed versions in one application) are accepted: validation and domains use the brand
 * checks isRational / isPolytope instead of `instanceof`.
 */
import { Rational, isMlgeoError } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { describe, expect, it, vi } from 'vitest';
import { domainFrom } from './domain.js';
import { partitionOf } from './engines/enumerate.js';
import { polygonArea } from './engines/test-helpers.js';
import type { ArrangementModel } from './models.js';

describe('a second copy of exact-arith and exact-polytope', () => {
  it('SPEC §9 B from the other copy’s Rationals: areas 3/8, 1/8, 1/8, 3/8', async () => {
    vi.resetModules();
    const copy = await import('@mlgeo/exact-arith');
    expect(copy.Rational).not.toBe(Rational);
    const r = (x: string) => copy.Rational.parse(x) as unknown as Rational;
    const model: ArrangementModel = {
      kind: 'arrangement',
      inputDimension: 2,
      hyperplanes: [
        { w: [r('1'), r('0')], c: r('-1/2') },
        { w: [r('1'), r('1')], c: r('-1') },
      ],
    };
    const p = partitionOf(model);
    expect(p.cells.map((c) => c.label)).toEqual(['00', '01', '10', '11']);
    expect(p.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual([
      '3/8',
      '1/8',
      '1/8',
      '3/8',
    ]);
  });

  it('a Polytope of the other copy is a domain; bad models give errors that pass isMlgeoError', async () => {
    vi.resetModules();
    const copy = await import('@mlgeo/exact-polytope');
    expect(copy.Polytope).not.toBe(Polytope);
    const square = copy.Polytope.fromVRep([
      [0, 0],
      [2, 0],
      [0, 2],
      [2, 2],
    ]) as unknown as Polytope;
    expect(domainFrom(square, 2).dimension).toBe(2);
    let thrown: unknown;
    try {
      domainFrom(square, 3);
    } catch (error) {
      thrown = error;
    }
    expect(isMlgeoError(thrown)).toBe(true);
  });
});
