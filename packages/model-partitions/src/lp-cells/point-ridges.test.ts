/**
 * Point ridges (point-ridges.ts) against an independent oracle: the LP path of the same cells
 * (`lpGeometry` with every facet, every pair decided, absences by the exact LP) on random 3-D and
 * 4-D ReLU nets. Every certified point ridge must be a ridge of the oracle with the same cosine;
 * the option's conditions give POINT_RIDGES_UNSUPPORTED.
 */
import { MlgeoError } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { dataHoldingPartition } from '../engines/data-holding.js';
import { lpGeometry } from './geometry.js';
import { randomMlp, randomPoints } from '../testing/random-nets.js';

describe('point ridges', () => {
  it.each([
    [[3, 6, 5, 2], 1],
    [[4, 6, 6, 3], 2],
    [[4, 8, 5, 2], 3],
  ])(
    'net %j (seed %i): every certified ridge is a ridge of the exact LP path, same cosine',
    (sizes, seed) => {
      const model = randomMlp(sizes, seed);
      const d = sizes[0]!;
      const partition = dataHoldingPartition(model, randomPoints(d, 30, seed + 10), {
        predicates: 'filtered',
        keepIndices: true,
      });
      const ours = lpGeometry(partition, {
        chebyshev: false,
        facets: false,
        ridges: false,
        adjacency: false,
        slopes: false,
        pointRidges: { facets: 5 },
      });
      const oracle = lpGeometry(partition, {
        margins: false,
        adjacency: false,
        slopes: false,
        exact: true,
        exactNegatives: true,
      });
      let certified = 0;
      let oracleRidges = 0;
      ours.cells.forEach((c, n) => {
        const o = oracle.cells[n]!;
        expect(o.index).toBe(c.index);
        // oracle ridges by unit positions (rows of domain hyperplanes have tag −1 and are not ours)
        const cosOf = new Map<string, number>();
        for (const r of o.ridges!.ridges) {
          const a = o.tags[r.a]!;
          const b = o.tags[r.b]!;
          if (a < 0 || b < 0) continue;
          cosOf.set(`${Math.min(a, b)},${Math.max(a, b)}`, r.cos ? r.cos.toNumber() : r.cosFloat);
        }
        for (const { ridges } of c.pointRidges!) {
          const near = ridges.nearest;
          for (let i = 0; i < near.length; i++)
            for (let j = i + 1; j < near.length; j++)
              if (cosOf.has(`${Math.min(near[i]!, near[j]!)},${Math.max(near[i]!, near[j]!)}`))
                oracleRidges++;
          for (const r of ridges.ridges) {
            certified++;
            const key = `${Math.min(r.a, r.b)},${Math.max(r.a, r.b)}`;
            expect(cosOf.has(key)).toBe(true);
            expect(r.cos).toBeCloseTo(cosOf.get(key)!, 9);
            expect(Math.cos(r.angle)).toBeCloseTo(r.cos, 12);
          }
          expect(ridges.stats.parallel + ridges.stats.box + ridges.stats.signs).toBe(
            ridges.pairs - ridges.ridges.length,
          );
        }
      });
      // not vacuous: of the examined pairs that are ridges, a good part is certified (a ridge whose
      // nearest point to the data point's flat lies outside the cell is missed)
      expect(oracleRidges).toBeGreaterThan(0);
      expect(certified).toBeGreaterThanOrEqual(0.3 * oracleRidges);
    },
    120_000,
  );

  it('asks for a ReLU MLP on a box, float values and the LP-free path', () => {
    const model = randomMlp([3, 4, 2], 7);
    const partition = dataHoldingPartition(model, randomPoints(3, 5, 7), { keepIndices: true });
    const run = (o: Parameters<typeof lpGeometry>[1]) => () => lpGeometry(partition, o);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as MlgeoError).code;
      }
      return 'no error';
    };
    expect(code(run({ pointRidges: true }))).toBe('POINT_RIDGES_UNSUPPORTED'); // facets default on
    expect(code(run({ pointRidges: true, facets: false, chebyshev: false, exact: true }))).toBe(
      'POINT_RIDGES_UNSUPPORTED',
    );
    expect(code(run({ pointRidges: true, facets: false, chebyshev: false, ridges: false }))).toBe(
      'no error',
    );
  });
});
