/**
 * 3-D: the unit cube cut by the three coordinate planes through its centre (face-to-face), and a
 * slab partition that is not face-to-face (lower half cut by x = 1/2, upper half by y = 1/2), whose
 * edges cross at (1/2, 1/2, 1/2) — a ridge vertex that is a vertex of no cell.
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { arrangementPartition, boxRows, slabPartition } from './partitions.test-helper.js';
import type { RiemannianComplex } from './types.js';
import { verify } from './verify.js';

const cube = () => boxRows([0, 0, 0], [1, 1, 1]);
const octants = () =>
  arrangementPartition(cube(), [
    { w: [1, 0, 0], c: '-1/2' },
    { w: [0, 1, 0], c: '-1/2' },
    { w: [0, 0, 1], c: '-1/2' },
  ]);

function expectChecks(c: RiemannianComplex): void {
  for (const r of verify(c)) expect(r.ok, `${r.name}: ${r.detail}`).toBe(true);
}

const half = Rational.of(1n, 2n);
const isHalf = (x: Rational) => x.equals(half);

describe('unit cube cut by x, y, z = 1/2', () => {
  it('8 cells of volume 1/8; adjacency = cube graph (8, 12), shared faces 1/4', () => {
    const c = buildComplex(octants());
    expect(c.cells.length).toBe(8);
    for (const v of c.metric.M0) expect(v.equals(Rational.of(1n, 8n))).toBe(true);
    expect(c.fVector).toEqual([8, 12]);
    for (const f of c.sharedFaces) {
      // labels differ in exactly one bit
      const a = c.cells[f.i]!.label;
      const b = c.cells[f.j]!.label;
      expect([...a].filter((ch, k) => ch !== b[k]).length).toBe(1);
      expect(f.volume.equals(SqrtRational.parse('1/4'))).toBe(true);
    }
    // `centroid`: ℓ = 1/2, M_1 = (1/4)/(1/2) = 1/2
    for (const w of c.metric.M1)
      expect((w as SqrtRational).equals(SqrtRational.parse('1/2'))).toBe(true);
    expectChecks(c);
  });

  it('nerve = full 7-simplex, χ = 1', () => {
    const n = buildComplex(octants(), { kind: 'nerve' });
    expect(n.fVector).toEqual([8, 28, 56, 70, 56, 28, 8, 1]);
    expect(n.eulerCharacteristic).toBe(1);
  });

  it('angle sums: 2π on the 6 interior ridges (four right angles), π on ∂X, π/2 on X’s edges', () => {
    const c = buildComplex(octants());
    const interior = c.ridges!.filter((r) => r.location === 'interior');
    expect(interior.length).toBe(6);
    for (const r of interior) {
      expect(r.angles.length).toBe(4);
      for (const a of r.angles) expect(a.cos.isZero()).toBe(true);
      expect(Math.abs(r.sum - 2 * Math.PI)).toBeLessThan(1e-12);
    }
    const facet = c.ridges!.filter((r) => r.location === 'boundary-facet');
    expect(facet.length).toBe(24); // 6 faces of X × 4 half-segments of the cross on each
    for (const r of facet) expect(Math.abs(r.sum - Math.PI)).toBeLessThan(1e-12);
    const edges = c.ridges!.filter((r) => r.location === 'boundary-ridge');
    expect(edges.length).toBe(24); // 12 edges of X × 2 halves
    for (const r of edges) expect(Math.abs(r.sum - Math.PI / 2)).toBeLessThan(1e-12);
  });
});

describe('slab partition, not face-to-face', () => {
  const slabs = slabPartition;

  it('shared faces 1/2 (vertical) and 1/4 (on z = 1/2); adjacency is the full 3-simplex', () => {
    const c = buildComplex(slabs());
    const vol = (i: number, j: number) =>
      c.sharedFaces.find((f) => f.i === i && f.j === j)!.volume.toString();
    expect(vol(0, 1)).toBe('1/2');
    expect(vol(2, 3)).toBe('1/2');
    for (const [i, j] of [
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
    ])
      expect(vol(i!, j!)).toBe('1/4');
    // triangles: I = a half segment of length 1/2 on z = 1/2; tetrahedron: the point (1/2,1/2,1/2)
    expect(c.fVector).toEqual([4, 6, 4, 1]);
    for (const w of c.metric.M[2]!) expect((w as SqrtRational).toString()).toBe('1/2');
    expect((c.metric.M[3]![0] as SqrtRational).toString()).toBe('1');
    expect(c.eulerCharacteristic).toBe(1);
    expectChecks(c);
  });

  it('the crossing at (1/2, 1/2, 1/2) splits both ridge lines: flat angles π beside two right angles', () => {
    const c = buildComplex(slabs());
    // ridge on x = 1/2, z = 1/2 with y ∈ [0, 1/2]: cells 0, 1 (π/2 each) and 2 (flat)
    const r = c.ridges!.find(
      (x) => isHalf(x.point[0]!) && isHalf(x.point[2]!) && x.point[1]!.equals(Rational.of(1n, 4n)),
    )!;
    expect(r).toBeDefined();
    expect(r.vertices.map((p) => p.map(String))).toEqual([
      ['1/2', '0', '1/2'],
      ['1/2', '1/2', '1/2'],
    ]);
    expect(r.angles.map((a) => [a.cell, a.kind])).toEqual([
      [0, 'ridge'],
      [1, 'ridge'],
      [2, 'flat'],
    ]);
    expect(Math.abs(r.sum - 2 * Math.PI)).toBeLessThan(1e-12);
  });
});

describe('3-D with a slanted cut: exact cosines r·√q', () => {
  it('cube cut by x + y + z = 3/2 and z = 1/2: angle sums hold exactly, cos = ±(1/3)√3', () => {
    const p = arrangementPartition(cube(), [
      { w: [1, 1, 1], c: '-3/2' },
      { w: [0, 0, 1], c: '-1/2' },
    ]);
    const c = buildComplex(p);
    expectChecks(c);
    const cosines = new Set(c.ridges!.flatMap((r) => r.angles.map((a) => a.cos.toString())));
    expect(cosines.has('1/3*sqrt(3)')).toBe(true);
    expect(cosines.has('-1/3*sqrt(3)')).toBe(true);
  });
});

describe('other dimensions', () => {
  it('d = 1: [0,1] cut at 1/3 and 2/3 — a path, shared "faces" are points (vol_0 = 1), no ridges', () => {
    const p = arrangementPartition(boxRows([0], [1]), [
      { w: [1], c: '-1/3' },
      { w: [1], c: '-2/3' },
    ]);
    const c = buildComplex(p);
    expect(c.cells.map((x) => x.label)).toEqual(['00', '10', '11']);
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [1, 2],
    ]);
    for (const f of c.sharedFaces) expect(f.volume.toString()).toBe('1');
    // centroids 1/6, 1/2, 5/6: ℓ = 1/3, M_1 = 1/(1/3) = 3
    for (const w of c.metric.M1) expect((w as SqrtRational).toString()).toBe('3');
    expect(c.ridges).toEqual([]);
    expectChecks(c);
  });

  it('d = 4: the hypercube cut by x_1 = 1/2 — shared face a unit 3-cube; angles skipped by default', () => {
    const p = arrangementPartition(boxRows([0, 0, 0, 0], [1, 1, 1, 1]), [
      { w: [1, 0, 0, 0], c: '-1/2' },
    ]);
    const c = buildComplex(p, { edgeLength: 'unit' });
    expect(c.fVector).toEqual([2, 1]);
    expect(c.sharedFaces[0]!.volume.toString()).toBe('1');
    expect(c.ridges).toBeNull();
    for (const r of verify(c)) expect(r.ok, `${r.name}: ${r.detail}`).toBe(true);
  });
});
