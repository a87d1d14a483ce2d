/**
 * The float pruning structures never lose an exact answer: checked against brute force.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoxGrid, type Box, overlappingPairs } from './spatial.js';

const boxArb = fc
  .tuple(
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1.5, noNaN: true }),
    fc.double({ min: 0, max: 1.5, noNaN: true }),
  )
  .map(([x, y, w, h]): Box => ({ lo: [x, y], hi: [x + w, y + h] }));

const overlap = (a: Box, b: Box) => a.lo.every((l, k) => l <= b.hi[k]! && b.lo[k]! <= a.hi[k]!);

describe('spatial pruning', () => {
  it('overlappingPairs = all overlapping pairs (one list and two lists)', () => {
    fc.assert(
      fc.property(
        fc.array(boxArb, { maxLength: 40 }),
        fc.array(boxArb, { maxLength: 40 }),
        (A, B) => {
          const one = overlappingPairs(A)
            .map(([i, j]) => `${i},${j}`)
            .sort();
          const brute1: string[] = [];
          for (let i = 0; i < A.length; i++)
            for (let j = i + 1; j < A.length; j++)
              if (overlap(A[i]!, A[j]!)) brute1.push(`${i},${j}`);
          expect(one).toEqual(brute1.sort());
          const two = overlappingPairs(A, B)
            .map(([i, j]) => `${i},${j}`)
            .sort();
          const brute2: string[] = [];
          for (let i = 0; i < A.length; i++)
            for (let j = 0; j < B.length; j++) if (overlap(A[i]!, B[j]!)) brute2.push(`${i},${j}`);
          expect(two).toEqual(brute2.sort());
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });

  it('BoxGrid.query(x) = every box containing x (also with long boxes that coarsen the grid)', () => {
    fc.assert(
      fc.property(
        fc.array(boxArb, { minLength: 1, maxLength: 60 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -1, max: 2.5, noNaN: true }),
            fc.double({ min: -1, max: 2.5, noNaN: true }),
          ),
          { maxLength: 30 },
        ),
        (boxes, points) => {
          const grid = new BoxGrid(boxes, { lo: [-1, -1], hi: [2.5, 2.5] });
          for (const p of points) {
            const got = grid.query(p).sort((a, b) => a - b);
            const want = boxes
              .map((b, i) => (b.lo.every((l, k) => l <= p[k]! && p[k]! <= b.hi[k]!) ? i : -1))
              .filter((i) => i >= 0);
            expect(got).toEqual(want);
          }
        },
      ),
      { numRuns: 100, seed: 4 },
    );
  });
});
