/**
 * The JSON report (schema version "2"): SPEC §1 number forms, contents and a JSON round trip.
 */
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { COMPLEX_JSON_SCHEMA, COMPLEX_JSON_VERSION, complexToJson } from './json.js';
import { partitionOf, unitSquareRows } from './partitions.test-helper.js';

const C = () =>
  partitionOf(unitSquareRows(), [
    { label: '1', rows: [[[1, 0], '1/2']], dataCount: 50 },
    {
      label: '3',
      rows: [
        [[-1, 0], '-1/2'],
        [[0, 1], '1/2'],
      ],
      dataCount: 25,
    },
    {
      label: '4',
      rows: [
        [[-1, 0], '-1/2'],
        [[0, -1], '-1/2'],
      ],
      dataCount: 0,
    },
  ]);

describe('complexToJson', () => {
  it('SPEC §9 C: versioned report with exact values in SPEC §1 forms', () => {
    const json = JSON.parse(JSON.stringify(complexToJson(buildComplex(C()))));
    expect(json.schema).toBe(COMPLEX_JSON_SCHEMA);
    expect(json.version).toBe(COMPLEX_JSON_VERSION);
    expect(json.version).toBe('2');
    expect(json.kind).toBe('adjacency');
    expect(json.fVector).toEqual([3, 3, 1]);
    expect(json.eulerCharacteristic).toBe(1);
    expect(json.simplices).toEqual([
      [[0], [1], [2]],
      [
        [0, 1],
        [0, 2],
        [1, 2],
      ],
      [[0, 1, 2]],
    ]);
    // cells are references to the partition's cells (label, H-rep, centroid, data count live
    // there), not copies; the cells' exact volumes are M_0
    expect(json.cells).toEqual([{ cell: 0 }, { cell: 1 }, { cell: 2 }]);
    expect(json.metric.M0[0]).toEqual({ exact: '1/2', float: 0.5 });
    expect(json.sharedFaces[0]).toMatchObject({
      i: 0,
      j: 1,
      volume: { exact: '1/2', r: '1/2', q: '1', float: 0.5, sign: 1, squared: '1/4' },
    });
    // centroid distance 1|3 = |(1/4,1/2) − (3/4,1/4)| = (1/4)√5; M_1 = (1/2)/((1/4)√5) = (2/5)√5
    expect(json.metric.edgeLengths[0]).toMatchObject({
      exact: '1/4*sqrt(5)',
      r: '1/4',
      q: '5',
      sign: 1,
      squared: '5/16',
    });
    expect(json.metric.M1[0]).toMatchObject({ exact: '2/5*sqrt(5)', squared: '4/5' });
    expect(json.metric.M0[1]).toEqual({ exact: '1/4', float: 0.25 });
    expect(json.metric.M[2][0]).toMatchObject({ exact: '1', q: '1' });
    const centre = json.ridges.find((r: { point: string[] }) => r.point.join(',') === '1/2,1/2');
    expect(centre.location).toBe('interior');
    expect(
      centre.angles.map((a: { cell: number; kind: string; cos: { exact: string } }) => [
        a.cell,
        a.kind,
        a.cos.exact,
      ]),
    ).toEqual([
      [0, 'flat', '-1'],
      [1, 'ridge', '0'],
      [2, 'ridge', '0'],
    ]);
    expect(centre.angles[0].angle).toBe(Math.PI);
    expect(json.checks.map((c: { name: string; ok: boolean }) => c.ok)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    // one check record everywhere: { name, ok, applicable, detail }, as verify() returns it
    expect(Object.keys(json.checks[0]).sort()).toEqual(['applicable', 'detail', 'name', 'ok']);
    expect(json.checks[0].name).toBe('volume-sum');
  });

  it('float-only weights are plain numbers, an infinite length is null', () => {
    const c = buildComplex(C(), { edgeLength: { kind: 'density', beta: 0.3 } });
    const json = complexToJson(c, { checks: false });
    expect(json.checks).toBeNull();
    expect(json.metric.exact).toBe(false);
    expect(typeof json.metric.M1[0]).toBe('number');
    // edge 3|4: ρ = (25 + 0)/(75 · 1/2) > 0; every edge has data here, so make one with ρ = 0
    const p = C();
    p.cells[1]!.dataCount = 0;
    p.cells[0]!.dataCount = 10;
    const j2 = complexToJson(buildComplex(p, { edgeLength: 'density' }), { checks: false });
    const e34 = j2.simplices[1]!.findIndex((s) => s[0] === 1 && s[1] === 2);
    expect(j2.metric.edgeLengths[e34]).toBeNull();
    expect(j2.metric.M1[e34]).toMatchObject({ exact: '0', float: 0 });
  });
});
