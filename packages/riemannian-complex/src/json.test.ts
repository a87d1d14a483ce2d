/**
 * The JSON report (schema version "3"): SPEC §1 number forms, contents and a JSON round trip;
 * every number written once; float-only measures; sections left out.
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
    expect(json.version).toBe('3');
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
    expect(json.metric!.M0[0]).toEqual({ exact: '1/2', float: 0.5 });
    expect(json.sharedFaces[0]).toMatchObject({
      i: 0,
      j: 1,
      volume: { exact: '1/2', r: '1/2', q: '1', float: 0.5, sign: 1, squared: '1/4' },
    });
    // centroid distance 1|3 = |(1/4,1/2) − (3/4,1/4)| = (1/4)√5; M_1 = (1/2)/((1/4)√5) = (2/5)√5
    expect(json.metric!.edgeLengths[0]).toMatchObject({
      exact: '1/4*sqrt(5)',
      r: '1/4',
      q: '5',
      sign: 1,
      squared: '5/16',
    });
    expect(json.metric!.M1[0]).toMatchObject({ exact: '2/5*sqrt(5)', squared: '4/5' });
    expect(json.metric!.M0[1]).toEqual({ exact: '1/4', float: 0.25 });
    expect(json.metric!.M[2][0]).toMatchObject({ exact: '1', q: '1' });
    // M_0 and M_1 are written once (M0, M1), not again as M[0], M[1]
    expect(json.metric!.M.slice(0, 2)).toEqual([null, null]);
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
    expect(json.metric!.exact).toBe(false);
    expect(typeof json.metric!.M1[0]).toBe('number');
    // edge 3|4: ρ = (25 + 0)/(75 · 1/2) > 0; every edge has data here, so make one with ρ = 0
    const p = C();
    p.cells[1]!.dataCount = 0;
    p.cells[0]!.dataCount = 10;
    const j2 = complexToJson(buildComplex(p, { edgeLength: 'density' }), { checks: false });
    const e34 = j2.simplices[1]!.findIndex((s) => s[0] === 1 && s[1] === 2);
    expect(j2.metric!.edgeLengths[e34]).toBeNull();
    expect(j2.metric!.M1[e34]).toMatchObject({ exact: '0', float: 0 });
  });

  it('writes each value once: M[0], M[1] are null, every other level is there', () => {
    const c = buildComplex(C());
    const json = complexToJson(c, { checks: false });
    expect(json.metric!.M.length).toBe(c.metric.M.length);
    expect(json.metric!.M[0]).toBeNull();
    expect(json.metric!.M[1]).toBeNull();
    expect(json.metric!.M0.length).toBe(c.metric.M[0]!.length);
    expect(json.metric!.M1.length).toBe(c.metric.M[1]!.length);
    expect(json.metric!.M[2]!.length).toBe(c.metric.M[2]!.length);
  });

  it("measures 'float': every measure a number, equal to the exact value's float", () => {
    const c = buildComplex(C());
    const exact = complexToJson(c, { checks: false });
    const float = complexToJson(c, { checks: false, measures: 'float' });
    // no SPEC §1 object anywhere
    expect(JSON.stringify(float)).not.toMatch(/"exact":"|"squared"/);
    // the same numbers as the floats of the exact report, the same combinatorics
    const floats = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(floats)
        : typeof v === 'object' && v !== null
          ? 'float' in v && 'exact' in v
            ? (v as { float: number }).float
            : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, floats(x)]))
          : v;
    expect(float).toEqual({
      ...(floats(exact) as object),
      metric: { ...(floats(exact.metric) as object), exact: false },
    });
  });

  it('omit: metric (not computed), ridges, vertices', () => {
    const c = buildComplex(C());
    let metricRead = false;
    const watched = Object.create(c, {
      metric: {
        get() {
          metricRead = true;
          return c.metric;
        },
      },
    });
    const json = complexToJson(watched, { checks: false, omit: ['metric', 'ridges', 'vertices'] });
    expect(metricRead).toBe(false);
    expect(json.metric).toBeNull();
    expect(json.ridges).toBeNull();
    expect(json.sharedFaces.every((f) => !('vertices' in f))).toBe(true);
    const some = complexToJson(c, { checks: false, omit: ['vertices'] });
    expect(some.ridges!.length).toBeGreaterThan(0);
    expect(some.ridges!.every((r) => !('vertices' in r))).toBe(true);
    expect(some.sharedFaces.length).toBe(json.sharedFaces.length);
  });
});
