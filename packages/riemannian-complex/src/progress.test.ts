/**
 * `onProgress` of buildComplex: every sub-phase reports its units in order (done < total, one
 * call per unit: cells, faces, angles per ridge, metric per entry as it is computed), and a
 * callback that throws stops the build with its own exception (the CLI's budgets rely on it).
 */
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { complexToJson } from './json.js';
import { partitionOf, unitSquareRows } from './partitions.test-helper.js';

const P = () =>
  partitionOf(unitSquareRows(), [
    { label: '1', rows: [[[1, 0], '1/2']] },
    {
      label: '3',
      rows: [
        [[-1, 0], '-1/2'],
        [[0, 1], '1/2'],
      ],
    },
    {
      label: '4',
      rows: [
        [[-1, 0], '-1/2'],
        [[0, -1], '-1/2'],
      ],
    },
  ]);

describe('buildComplex onProgress', () => {
  it('reports every unit of every sub-phase, the metric when it is first read', () => {
    const seen: { phase: string; done: number; total: number }[] = [];
    const c = buildComplex(P(), { onProgress: (p) => seen.push(p) });
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['cells', 'faces', 'simplices', 'angles']);
    const of = (phase: string) => seen.filter((p) => p.phase === phase);
    // one call per unit, done counting up from 0 to total − 1
    expect(of('cells').map((p) => [p.done, p.total])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(of('faces').map((p) => p.done)).toEqual([0, 1, 2]);
    expect(of('angles').map((p) => p.done)).toEqual(c.ridges!.map((_, r) => r));
    expect(of('angles').every((p) => p.total === c.ridges!.length)).toBe(true);
    complexToJson(c, { checks: false });
    const edges = c.simplices[1]!.length;
    // the metric's entries as they are computed on demand: the lengths, then M_1, per edge
    expect(of('metric').map((p) => [p.done, p.total])).toEqual([
      ...Array.from({ length: edges }, (_, e) => [e, edges]),
      ...Array.from({ length: edges }, (_, e) => [e, edges]),
    ]);
  });

  it('a callback that throws stops the build with its own exception', () => {
    class Stop extends Error {}
    expect(() =>
      buildComplex(P(), {
        onProgress: (p) => {
          if (p.phase === 'faces' && p.done === 1) throw new Stop('budget');
        },
      }),
    ).toThrow(Stop);
    const c = buildComplex(P(), {
      onProgress: (p) => {
        if (p.phase === 'metric') throw new Stop('metric budget');
      },
    });
    // the metric is computed per value on demand (issue 11): the callback stops its first entry
    expect(() => c.metric.M1[0]).toThrow(Stop);
    expect(() => complexToJson(c, { checks: false })).toThrow(Stop);
  });
});
