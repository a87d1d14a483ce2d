/**
 * SPEC §9 examples A–D: every §3/§4 number (areas, f-vectors, shared faces, angles, cosines,
 * centroid distances, M_1) checked against the values written in the SPEC.
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { ComplexOptionError } from './errors.js';
import {
  partitionOf,
  unitSquareRows,
  specExampleA,
  specExampleB,
} from './partitions.test-helper.js';
import type { RiemannianComplex, Weight } from './types.js';
import { verify } from './verify.js';

const sq = (s: string): SqrtRational => SqrtRational.parse(s);
const q = (s: string): Rational => Rational.parse(s);

function expectExact(w: Weight | undefined, expected: string): void {
  expect(w).toBeInstanceOf(SqrtRational);
  expect((w as SqrtRational).equals(sq(expected)), `${String(w)} = ${expected}`).toBe(true);
}

function edge(c: RiemannianComplex, i: number, j: number): number {
  const e = c.indexOf([i, j]);
  expect(e, `edge ${i}-${j}`).toBeDefined();
  return e!;
}

function ridgeAt(c: RiemannianComplex, point: string[]) {
  const r = c.ridges!.find((x) => x.point.every((v, k) => v.equals(q(point[k]!))));
  expect(r, `ridge at (${point.join(', ')})`).toBeDefined();
  return r!;
}

function expectAllChecksPass(c: RiemannianComplex): void {
  for (const r of verify(c)) expect(r.ok, `${r.name}: ${r.detail}`).toBe(true);
}

const A = specExampleA;
const B = specExampleB;

describe('SPEC §9 A: arrangement x − 1/2, y − 1/2', () => {
  it('cells 00, 01, 10, 11 of area 1/4; adjacency = 4-cycle 00–01–11–10–00', () => {
    const c = buildComplex(A());
    expect(c.cells.map((x) => x.label)).toEqual(['00', '01', '10', '11']);
    for (const cell of c.cells) expect(cell.volume.equals(q('1/4'))).toBe(true);
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(c.fVector).toEqual([4, 4]);
    expect(c.eulerCharacteristic).toBe(0);
    for (const f of c.sharedFaces) expectExact(f.volume, '1/2');
    expectAllChecksPass(c);
  });

  it('00/11 and 01/10 meet in one point: nerve = full 3-simplex (4, 6, 4, 1)', () => {
    const n = buildComplex(A(), { kind: 'nerve' });
    expect(n.fVector).toEqual([4, 6, 4, 1]);
    expect(n.eulerCharacteristic).toBe(1);
    expect(n.truncated).toBe(false);
    expect(n.intersections[1]![n.indexOf([0, 3])!]!.dimension).toBe(0);
    expect(n.intersections[1]![n.indexOf([1, 2])!]!.dimension).toBe(0);
    // nerve weights: M_1 = 0 on point contacts, M_2 = vol_0 = 1, M_3 = 0 (k > d)
    expect((n.metric.M1[n.indexOf([0, 3])!] as SqrtRational).isZero()).toBe(true);
    for (const w of n.metric.M[2]!) expectExact(w, '1');
    for (const w of n.metric.M[3]!) expectExact(w, '0');
    expectAllChecksPass(n);
  });

  it('nerve truncated at maxDimension 2: f = (4, 6, 4), flagged, Euler check not applicable', () => {
    const n = buildComplex(A(), { kind: 'nerve', maxDimension: 2 });
    expect(n.fVector).toEqual([4, 6, 4]);
    expect(n.truncated).toBe(true);
    const euler = verify(n).find((r) => r.name === 'nerve-euler')!;
    expect(euler.applicable).toBe(false);
  });

  it('nerve boundary matrices: B_k B_{k+1} = 0 for k = 1, 2 and SPEC signs on B_3', () => {
    const n = buildComplex(A(), { kind: 'nerve' });
    for (const k of [1, 2])
      expect([
        ...n
          .boundary(k)
          .mul(n.boundary(k + 1))
          .entries(),
      ]).toEqual([]);
    // σ = (0,1,2,3): faces (1,2,3), (0,2,3), (0,1,3), (0,1,2) with signs +, −, +, −
    const B3 = n.boundaryDense(3);
    expect(n.simplices[2]).toEqual([
      [0, 1, 2],
      [0, 1, 3],
      [0, 2, 3],
      [1, 2, 3],
    ]);
    expect(B3.map((row) => row[0])).toEqual([-1, 1, -1, 1]);
    expect(() => n.boundary(0)).toThrow(ComplexOptionError);
  });

  it('all angles at (1/2, 1/2) are π/2', () => {
    const c = buildComplex(A());
    const r = ridgeAt(c, ['1/2', '1/2']);
    expect(r.location).toBe('interior');
    expect(r.angles.map((a) => a.cell)).toEqual([0, 1, 2, 3]);
    for (const a of r.angles) {
      expect(a.kind).toBe('ridge');
      expect(a.cos.isZero()).toBe(true);
      expect(a.angle).toBeCloseTo(Math.PI / 2, 14);
    }
  });

  it('`unit`: M_1 = 1/2; `centroid`: ℓ = 1/2, M_1 = 1', () => {
    const u = buildComplex(A(), { edgeLength: 'unit' });
    expect(u.metric.measures).toBe('exact');
    for (const w of u.metric.M1) expectExact(w, '1/2');
    const c = buildComplex(A(), { edgeLength: 'centroid' });
    for (const l of c.metric.edgeLengths) expectExact(l, '1/2');
    for (const w of c.metric.M1) expectExact(w, '1');
    for (const w of c.metric.M0) expect(w.equals(q('1/4'))).toBe(true);
  });

  it('`density` with 25 points per cell: ρ = 1, so ℓ = ℓ_centroid for β = 1 and β = 1/2', () => {
    const p = A();
    for (const cell of p.cells) cell.dataCount = 25;
    for (const beta of [1, 0.5]) {
      const c = buildComplex(p, { edgeLength: { kind: 'density', beta } });
      expect(c.metric.measures).toBe('exact');
      for (const w of c.metric.M1) expectExact(w, '1');
    }
  });

  it('`density`: an edge with ρ(e) = 0 is left out of the metric (ℓ = ∞, M_1 = 0)', () => {
    const p = A();
    [0, 0, 50, 50].forEach((n, i) => (p.cells[i]!.dataCount = n));
    const c = buildComplex(p, { edgeLength: 'density' });
    const e = edge(c, 0, 1);
    expect(c.metric.edgeLengths[e]).toBe(Infinity);
    expectExact(c.metric.M1[e], '0');
    // 10|11: ρ = 100 / (100 · 1/2) = 2 → ℓ = (1/2)/2, M_1 = (1/2)/(1/4) = 2
    expectExact(c.metric.M1[edge(c, 2, 3)], '2');
  });
});

describe('SPEC §9 B: arrangement x − 1/2, x + y − 1', () => {
  it('areas 3/8, 1/8, 1/8, 3/8 and centroids', () => {
    const c = buildComplex(B());
    expect(c.cells.map((x) => x.label)).toEqual(['00', '01', '10', '11']);
    expect(c.metric.M0.map(String)).toEqual(['3/8', '1/8', '1/8', '3/8']);
    expect(c.cells.map((x) => x.centroid.map(String).join(','))).toEqual([
      '2/9,7/18',
      '1/3,5/6',
      '2/3,1/6',
      '7/9,11/18',
    ]);
  });

  it('adjacency = 4-cycle 00–01–11–10, nerve (4, 6, 4, 1)', () => {
    const c = buildComplex(B());
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(c.fVector).toEqual([4, 4]);
    expect(buildComplex(B(), { kind: 'nerve' }).fVector).toEqual([4, 6, 4, 1]);
    expectAllChecksPass(c);
    // verify() also takes the partition itself (builds the default complex)
    expect(verify(B()).map((r) => [r.name, r.ok])).toEqual([
      ['volume-sum', true],
      ['angle-sums', true],
      ['minkowski', true],
      ['shared-face-areas', true],
      ['nerve-euler', true],
      ['boundary-composition', true],
    ]);
  });

  it('shared faces 00|01 = (1/2)√2, 00|10 = 1/2, 01|11 = 1/2, 10|11 = (1/2)√2', () => {
    const c = buildComplex(B());
    const vol = (i: number, j: number) => c.sharedFaces.find((f) => f.i === i && f.j === j)!.volume;
    expectExact(vol(0, 1), '1/2*sqrt(2)');
    expectExact(vol(0, 2), '1/2');
    expectExact(vol(1, 3), '1/2');
    expectExact(vol(2, 3), '1/2*sqrt(2)');
  });

  it('angles at (1/2, 1/2): 3π/4, π/4, π/4, 3π/4 with cos −(1/2)√2, (1/2)√2, (1/2)√2, −(1/2)√2; sum 2π', () => {
    const c = buildComplex(B());
    const r = ridgeAt(c, ['1/2', '1/2']);
    expect(r.angles.map((a) => a.cell)).toEqual([0, 1, 2, 3]);
    const cos = ['-1/2*sqrt(2)', '1/2*sqrt(2)', '1/2*sqrt(2)', '-1/2*sqrt(2)'];
    const ang = [3, 1, 1, 3].map((k) => (k * Math.PI) / 4);
    r.angles.forEach((a, k) => {
      expect(a.cos.equals(sq(cos[k]!))).toBe(true);
      expect(Math.abs(a.angle - ang[k]!)).toBeLessThan(1e-15);
    });
    expect(Math.abs(r.sum - 2 * Math.PI)).toBeLessThan(1e-12);
  });

  it('centroid distance 00|01 = (1/9)√17 and M_1 `centroid` 00|01 = (9/34)√34', () => {
    const c = buildComplex(B(), { edgeLength: 'centroid' });
    const e = edge(c, 0, 1);
    expectExact(c.metric.edgeLengths[e], '1/9*sqrt(17)');
    expectExact(c.metric.M1[e], '9/34*sqrt(34)');
  });

  it('`density` with 40, 10, 15, 35 points: exact for β ∈ {1, 1/2}, float otherwise', () => {
    const p = B();
    [40, 10, 15, 35].forEach((n, i) => (p.cells[i]!.dataCount = n));
    // 00|10: ℓ_c = (2/9)√5, ρ = 55 / (100 · 1/2) = 11/10, shared face 1/2
    const c1 = buildComplex(p, { edgeLength: 'density' });
    const e = edge(c1, 0, 2);
    expectExact(c1.metric.edgeLengths[e], '20/99*sqrt(5)');
    expectExact(c1.metric.M1[e], '99/200*sqrt(5)');
    const c2 = buildComplex(p, { edgeLength: { kind: 'density', beta: 0.5 } });
    expectExact(c2.metric.edgeLengths[e], '10/99*sqrt(22)');
    const c3 = buildComplex(p, { edgeLength: { kind: 'density', beta: 0.3 } });
    expect(c3.metric.measures).toBe('float');
    const expected = ((2 / 9) * Math.sqrt(5)) / Math.pow(1.1, 0.3);
    expect(c3.metric.edgeLengths[e] as number).toBeCloseTo(expected, 12);
    expect(c3.metric.M1[e] as number).toBeCloseTo(0.5 / expected, 12);
  });
});

describe('SPEC §9 C: decision tree with a T-junction', () => {
  const C = () =>
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

  it('areas 1/2, 1/4, 1/4; every pair shares a face of length 1/2; f-vector (3, 3, 1), χ = 1', () => {
    const c = buildComplex(C());
    expect(c.metric.M0.map(String)).toEqual(['1/2', '1/4', '1/4']);
    expect(c.sharedFaces.map((f) => [f.i, f.j])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    for (const f of c.sharedFaces) expectExact(f.volume, '1/2');
    expect(c.fVector).toEqual([3, 3, 1]);
    expect(c.eulerCharacteristic).toBe(1);
    expect(c.simplices[2]).toEqual([[0, 1, 2]]);
    expect(c.intersections[2]![0]!.vertices!.map((p) => p.map(String))).toEqual([['1/2', '1/2']]);
    expectExact(c.metric.M[2]![0], '1'); // M_d = vol_0 = 1
    expectAllChecksPass(c);
  });

  it('boundary matrices follow SPEC orientation and B_1 B_2 = 0', () => {
    const c = buildComplex(C());
    // columns: edges (0,1), (0,2), (1,2); rows: cells
    expect(c.boundaryDense(1)).toEqual([
      [-1, -1, 0],
      [1, 0, -1],
      [0, 1, 1],
    ]);
    // σ = (0,1,2): minus vertex 0 → (1,2): +1; minus 1 → (0,2): −1; minus 2 → (0,1): +1
    expect(c.boundaryDense(2)).toEqual([[1], [-1], [1]]);
    const B1 = c.boundaryDense(1);
    const B2 = c.boundaryDense(2);
    for (const row of B1) expect(row.reduce((s, v, k) => s + v * B2[k]![0]!, 0)).toBe(0);
  });

  it('angles at the T-junction (1/2, 1/2): cell 1 → π (flat), 3 → π/2, 4 → π/2', () => {
    const c = buildComplex(C());
    const r = ridgeAt(c, ['1/2', '1/2']);
    expect(r.angles.map((a) => [a.cell, a.kind])).toEqual([
      [0, 'flat'],
      [1, 'ridge'],
      [2, 'ridge'],
    ]);
    expect(r.angles[0]!.cos.equals(sq('-1'))).toBe(true);
    expect(r.angles[0]!.angle).toBe(Math.PI);
    for (const a of r.angles.slice(1)) expect(a.angle).toBeCloseTo(Math.PI / 2, 15);
    expect(Math.abs(r.sum - 2 * Math.PI)).toBeLessThan(1e-12);
  });
});

describe('SPEC §9 D: ReLU MLP cells', () => {
  const D = () =>
    partitionOf(unitSquareRows(), [
      {
        label: '010',
        rows: [
          [[1, 0], '1/2'],
          [[0, 1], '3/4'],
        ],
      },
      {
        label: '011',
        rows: [
          [[1, 0], '1/2'],
          [[0, -1], '-3/4'],
        ],
      },
      {
        label: '110',
        rows: [
          [[-1, 0], '-1/2'],
          [[1, 1], '5/4'],
        ],
      },
      {
        label: '111',
        rows: [
          [[-1, 0], '-1/2'],
          [[-1, -1], '-5/4'],
        ],
      },
    ]);

  it('areas, centroids, adjacency 4-cycle 010–011–111–110', () => {
    const c = buildComplex(D());
    expect(c.metric.M0.map(String)).toEqual(['3/8', '1/8', '1/4', '1/4']);
    expect(c.cells.map((x) => x.centroid.map(String).join(','))).toEqual([
      '1/4,3/8',
      '1/4,7/8',
      '17/24,13/48',
      '19/24,35/48',
    ]);
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(c.fVector).toEqual([4, 4]);
    expectAllChecksPass(c);
  });

  it('shared faces 010|011 = 1/2, 010|110 = 3/4, 011|111 = 1/4, 110|111 = (1/2)√2', () => {
    const c = buildComplex(D());
    const vol = (i: number, j: number) => c.sharedFaces.find((f) => f.i === i && f.j === j)!.volume;
    expectExact(vol(0, 1), '1/2');
    expectExact(vol(0, 2), '3/4');
    expectExact(vol(1, 3), '1/4');
    expectExact(vol(2, 3), '1/2*sqrt(2)');
  });

  it('angles at (1/2, 3/4): π/2, π/2, π/4, 3π/4', () => {
    const c = buildComplex(D());
    const r = ridgeAt(c, ['1/2', '3/4']);
    expect(r.angles.map((a) => a.cell)).toEqual([0, 1, 2, 3]);
    const expected = [2, 2, 1, 3].map((k) => (k * Math.PI) / 4);
    r.angles.forEach((a, k) => expect(Math.abs(a.angle - expected[k]!)).toBeLessThan(1e-15));
    expect(r.angles[2]!.cos.equals(sq('1/2*sqrt(2)'))).toBe(true);
    expect(r.angles[3]!.cos.equals(sq('-1/2*sqrt(2)'))).toBe(true);
  });
});
