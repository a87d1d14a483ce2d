/**
 * The cutter against the double description method: splitting a polytope's vertices by a·x = b
 * gives exactly the vertex sets of P ∩ {a·x ≤ b} and P ∩ {a·x ≥ b}, with exact or given signs.
 */
import { type IntegerPoint, Rational, gcdBig } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Polytope } from '../polytope.js';
import { boxHRep } from '../box.js';
import { halfSpaceSign, segmentCrossing, splitVertexCell, type VertexCell } from './split-cell.js';

/** x as num/den over the lcm of its denominators. */
function integerPoint(x: readonly Rational[]): IntegerPoint {
  let den = 1n;
  for (const v of x) den = (den / gcdBig(den, v.den)) * v.den;
  return { num: x.map((v) => v.num * (den / v.den)), den };
}
const key = (p: readonly Rational[]): string => p.map((v) => v.toString()).join(',');
const keys = (ps: readonly (readonly Rational[])[]): string[] => ps.map(key).sort();
const fromCrossing = (num: bigint[], den: bigint): Rational[] =>
  num.map((v) => Rational.of(v, den));

/** The cell of a bounded full-dimensional polytope: vertices with the facets through each. */
function cellOf(P: Polytope): { cell: VertexCell<Rational[]>; A: Rational[][]; b: Rational[] } {
  const vertices = P.vertices();
  const facets = P.facets();
  const incidence = vertices.map(() => [] as number[]);
  P.incidence().forEach((onFacet, f) => onFacet.forEach((v) => incidence[v]!.push(f)));
  return {
    cell: { dimension: P.dimension(), vertices, incidence },
    A: facets.map((f) => f.a),
    b: facets.map((f) => f.b),
  };
}

const coefficient = fc.integer({ min: -4, max: 4 });

describe('splitVertexCell', () => {
  it('gives the vertices of both sides, as the double description method does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((d) =>
          fc.record({
            a: fc.array(coefficient, { minLength: d, maxLength: d }),
            b: fc.integer({ min: -6, max: 6 }),
            extra: fc.array(coefficient, { minLength: d, maxLength: d }),
            filtered: fc.boolean(),
          }),
        ),
        ({ a, b, extra, filtered }) => {
          const d = a.length;
          // a box [−2, 2]^d with one corner cut off (not simple everywhere when the cut is tight)
          const box = boxHRep(new Array(d).fill(-2), new Array(d).fill(2));
          const P = Polytope.fromHRep(
            [...box.A, extra.map((v) => Rational.of(v))],
            [...box.b, Rational.of(2 * d - 1)],
          );
          const { cell, A, b: rhs } = cellOf(P);
          const h = { a: a.map(BigInt), b: BigInt(b) };
          const signs = filtered
            ? cell.vertices.map((v) => halfSpaceSign(h, integerPoint(v)))
            : undefined;
          const r = splitVertexCell(cell, h, {
            newRow: A.length,
            integer: integerPoint,
            make: fromCrossing,
            ...(signs ? { signs } : {}),
          });
          const aR = a.map((v) => Rational.of(v));
          const bR = Rational.of(b);
          const side = (s: 1 | -1) =>
            Polytope.fromHRep(
              [...A, aR.map((v) => (s > 0 ? v : v.neg()))],
              [...rhs, s > 0 ? bR : bR.neg()],
            );
          const below = side(1);
          const above = side(-1);
          if (r.kind === 'split') {
            expect(keys(r.below.vertices)).toEqual(keys(below.vertices()));
            expect(keys(r.above.vertices)).toEqual(keys(above.vertices()));
            // the new row is on exactly the vertices on the hyperplane
            r.below.vertices.forEach((v, i) =>
              expect(r.below.incidence[i]!.includes(A.length)).toBe(
                halfSpaceSign(h, integerPoint(v)) === 0,
              ),
            );
          } else {
            const whole = r.kind === 'below' ? below : above;
            expect(keys(whole.vertices())).toEqual(keys(cell.vertices));
            const other = r.kind === 'below' ? above : below;
            expect(other.isEmpty() || other.dimension() < d).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('segmentCrossing is the point of PQ on the hyperplane (unreduced form)', () => {
    const h = { a: [1n, 1n], b: 1n };
    const p = { num: [0n, 0n], den: 1n }; // residual −1
    const q = { num: [3n, 1n], den: 2n }; // (3/2, 1/2): residual 2·(2 − 1) = 2
    const c = segmentCrossing(p, q, -1n, 2n);
    const x = fromCrossing(c.num, c.den);
    expect(key(x)).toBe('3/4,1/4');
    expect(halfSpaceSign(h, integerPoint(x))).toBe(0);
  });
});
