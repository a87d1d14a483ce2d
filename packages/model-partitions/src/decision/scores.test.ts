/**
 * The float-certified argmax agrees with the exact argmax (lowest index on ties) whenever it answers,
 * and never answers on an exact tie. Oracle: exact rational scores.
 */
import { Rational } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AffineMap } from '../partition.js';
import { argmaxLowest, certifiedArgmax, classAt, classScores, evaluateAffine } from './scores.js';

// huge numerators and denominators, and near-ties: scores built as a common part plus tiny offsets
const big = fc
  .tuple(
    fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }),
    fc.bigInt({ min: 1n, max: 1n << 180n }),
  )
  .map(([n, d]) => Rational.of(n, d));
const tiny = fc.integer({ min: -2, max: 2 }).map((k) => Rational.of(BigInt(k), 1n << 120n));

describe('certifiedArgmax', () => {
  it('equals the exact argmax when defined; undefined on exact ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(big, big, big), { minLength: 2, maxLength: 5 }),
        fc.array(tiny, { minLength: 5, maxLength: 5 }),
        fc.tuple(big, big),
        fc.boolean(),
        (rows, offsets, x, nearTie) => {
          const map: AffineMap = {
            A: rows.map((r) => (nearTie ? [rows[0]![0], rows[0]![1]] : [r[0], r[1]])),
            c: rows.map((r, j) => (nearTie ? rows[0]![2].add(offsets[j]!) : r[2])),
          };
          const exact = evaluateAffine(map, x);
          const want = argmaxLowest(exact);
          const got = certifiedArgmax(map, x);
          if (got !== undefined) expect(got).toBe(want);
          const tie = exact.some((z, j) => j !== want && z.equals(exact[want]!));
          if (tie) expect(got).toBeUndefined();
          expect(classAt(map, x)).toBe(argmaxLowest(evaluateAffine(classScores(map), x)));
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });
});
