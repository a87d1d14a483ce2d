/**
 * The 2-D cutter's new vertices by Cramer's rule on the edge's row and the cut (vcell.ts
 * `PlaneEdgeVertex`) against the crossing of the edge's ends (exact-polytope `segmentCrossing`, the
 * general path) and against Rationals: the same reduced points, on both rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '@mlgeo/exact-arith';
import { splitVertexCell } from '@mlgeo/exact-polytope';
import { affineFromIntegers } from './affine.js';
import { splitRow } from './mlp.js';
import { type HVertex, PlaneEdgeVertex, VCell, makeVertex } from './vcell.js';

/** The box [0, n]² as a VCell (rows −x ≤ 0, x − n ≤ 0 per axis). */
function boxCell(n: bigint): VCell {
  const rows = [
    affineFromIntegers([-1n, 0n], 0n),
    affineFromIntegers([1n, 0n], -n),
    affineFromIntegers([0n, -1n], 0n),
    affineFromIntegers([0n, 1n], -n),
  ];
  const corner = (x: bigint, y: bigint) => makeVertex([x, y], 1n);
  return new VCell(
    2,
    rows,
    [corner(0n, 0n), corner(n, 0n), corner(0n, n), corner(n, n)],
    [
      [0, 2],
      [1, 2],
      [0, 3],
      [1, 3],
    ],
  );
}

const key = (v: HVertex) => `${v.num.join(',')}/${v.den}`;
const big = fc.bigInt({ min: -(1n << 90n), max: 1n << 90n });

describe('PlaneEdgeVertex (issue 11)', () => {
  it('makes the same reduced vertices as the crossing of the edge ends (fast-check)', () => {
    let splits = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(big, big, fc.bigInt({ min: 0n, max: 1n << 60n }), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.bigInt({ min: 1n, max: 1n << 40n }),
        (cuts, n) => {
          let cell = boxCell(n);
          for (const [w0, w1, t, side] of cuts) {
            if (w0 === 0n && w1 === 0n) continue;
            // a line through the box: c chosen so that g = 0 passes near a point of the box
            const c = -((w0 * t) % (n + 1n)) - (((w1 * t) / 7n) % (n + 1n));
            const g = splitRow([w0, w1], c);
            const options = {
              newRow: cell.rows.length,
              integer: (v: HVertex) => v,
              make: makeVertex,
              signs: cell.signs(g, 'exact'),
            };
            const h = { a: g.w, b: -g.c };
            const fast = splitVertexCell(cell, h, {
              ...options,
              edgeVertex: new PlaneEdgeVertex(cell.rows, g),
            });
            const slow = splitVertexCell(cell, h, options);
            expect(fast.kind).toBe(slow.kind);
            if (fast.kind !== 'split' || slow.kind !== 'split') continue;
            splits++;
            expect(fast.below.vertices.map(key)).toEqual(slow.below.vertices.map(key));
            expect(fast.above.vertices.map(key)).toEqual(slow.above.vertices.map(key));
            expect(fast.below.incidence).toEqual(slow.below.incidence);
            // the new vertices (on the cut) lie on g and on their edge's row, in Rationals
            const rows = [...cell.rows, g];
            fast.below.vertices.forEach((v, i) => {
              const inc = fast.below.incidence[i]!;
              if (!inc.includes(options.newRow)) return;
              for (const r of inc) {
                const x = v.num.map((a) => Rational.of(a, v.den));
                const val = x
                  .reduce((s, xk, k) => s.add(xk.mul(Rational.of(rows[r]!.w[k]!))), Rational.of(0))
                  .add(Rational.of(rows[r]!.c));
                expect(val.isZero()).toBe(true);
              }
              expect(v.den > 0n).toBe(true);
              const r = makeVertex(v.num, v.den);
              expect(key(r)).toBe(key(v));
            });
            const { neg, pos } = cell.split(g, 'exact');
            cell = (side ? pos : neg) ?? cell;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(splits).toBeGreaterThan(200);
  });

  it('leaves other dimensions and degenerate edges to the crossing of the ends', () => {
    const g = affineFromIntegers([1n, 1n], -1n);
    const edge = new PlaneEdgeVertex(boxCell(4n).rows, g);
    expect(edge.onEdge([0, 2])).toBeUndefined();
    // a row parallel to g
    expect(new PlaneEdgeVertex([affineFromIntegers([2n, 2n], 1n)], g).onEdge([0])).toBeUndefined();
    expect(edge.onEdge([0])).toEqual(makeVertex([0n, 1n], 1n));
    const g3 = affineFromIntegers([1n, 1n, 1n], -1n);
    expect(new PlaneEdgeVertex([g3], g3).onEdge([0])).toBeUndefined();
  });
});
