/**
 * Regression test on real float-weight ReLU MLP partitions (issue 3, performance work): float32
 * weights converted exactly to rationals (denominators like 2^30…2^55) give cells whose vertices
 * and centroids have long numerators and denominators, where the fast integer paths (2-D shoelace
 * on integers, cached radicand normal forms, products of normal forms, exact sines from the facet
 * normals, Lehmer gcd) do their work. Exactness is checked by invariants and independent oracles:
 * `verify` (volume sum, exact angle sums 2π/π, Minkowski, shared-face areas, B_k B_{k+1} = 0),
 * exact-polytope's own volume and centroid, Polytope.intersect for the shared faces, and a plain
 * Rational recomputation of the centroid distances and cosines.
 */
import { Rational, SqrtRational, seededRandom } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { describe, expect, it } from 'vitest';
import { buildComplex, readPartition } from './complex.js';
import { findSharedFaces } from './shared-faces.js';
import { facetPolygon, orderPolygon } from './convex-clip.js';
import { verify } from './verify.js';
import { type Row, boxRows, polytope } from './partitions.test-helper.js';
import type { PartitionLike } from './types.js';

interface Layer {
  W: Rational[][];
  b: Rational[];
}

/** He-initialised ReLU layers with float32 weights, as exact rationals (SPEC §1). */
function randomLayers(sizes: number[], seed: number): Layer[] {
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const s = Math.sqrt(2 / sizes[l]!);
    layers.push({
      W: Array.from({ length: sizes[l + 1]! }, () =>
        Array.from({ length: sizes[l]! }, () => Rational.fromFloat32(gauss() * s)),
      ),
      b: Array.from({ length: sizes[l + 1]! }, () => Rational.fromFloat32(gauss() * 0.1)),
    });
  }
  return layers;
}

/**
 * The cells of a ReLU MLP with two hidden layers on a box, built independently of
 * @mlgeo/model-partitions: split by the first layer's hyperplanes, then split every cell by the
 * second layer's pre-activations, which are affine on it (SPEC §2; label = activation bits).
 */
function mlpPartition(layers: Layer[], lo: number, hi: number): PartitionLike {
  const d = layers[0]!.W[0]!.length;
  const domainRows = boxRows(new Array(d).fill(lo), new Array(d).fill(hi));
  type Cell = { label: string; rows: Row[]; P: Polytope; affine: { w: Rational[]; c: Rational }[] };
  const split = (cells: Cell[], h: (cell: Cell) => { w: Rational[]; c: Rational }): Cell[] => {
    const out: Cell[] = [];
    for (const cell of cells) {
      const { w, c } = h(cell);
      let pos = false;
      let neg = false;
      for (const v of cell.P.vertices()) {
        const s = w.reduce((acc, wk, k) => acc.add(wk.mul(v[k]!)), c).sign();
        if (s > 0) pos = true;
        if (s < 0) neg = true;
      }
      const above: Row = [w.map((x) => x.neg()), c]; // h ≥ 0
      const below: Row = [w, c.neg()]; // h ≤ 0
      const parts: [string, Row][] =
        pos && neg
          ? [
              ['0', below],
              ['1', above],
            ]
          : [[pos ? '1' : '0', pos ? above : below]];
      for (const [bit, row] of parts) {
        const rows = [...cell.rows, row];
        const P = polytope([...domainRows, ...rows]);
        if (P.dimension() === d) out.push({ ...cell, label: cell.label + bit, rows, P });
      }
    }
    return out;
  };
  const [L1, L2] = layers as [Layer, Layer];
  let cells: Cell[] = [{ label: '', rows: [], P: polytope(domainRows), affine: [] }];
  L1.W.forEach((w, i) => {
    cells = split(cells, () => ({ w, c: L1.b[i]! }));
  });
  // z2_j = Σ_{i active} W2_ji (w1_i·x + b1_i) + b2_j on a cell with first-layer bits `label`
  const z2 = (label: string, j: number) => {
    let w = new Array<Rational>(d).fill(Rational.ZERO);
    let c = L2.b[j]!;
    for (let i = 0; i < L1.W.length; i++)
      if (label[i] === '1') {
        w = w.map((x, k) => x.add(L2.W[j]![i]!.mul(L1.W[i]![k]!)));
        c = c.add(L2.W[j]![i]!.mul(L1.b[i]!));
      }
    return { w, c };
  };
  const first = L1.W.length;
  L2.W.forEach((_, j) => {
    cells = split(cells, (cell) => z2(cell.label.slice(0, first), j));
  });
  cells.sort((x, y) => (x.label < y.label ? -1 : 1));
  return {
    domain: polytope(domainRows),
    cells: cells.map((c) => ({ label: c.label, polytope: c.P })),
    complete: true,
  };
}

function checkExactly(partition: PartitionLike): void {
  const c = buildComplex(partition);
  const d = c.dimension;
  for (const r of verify(c)) expect(r.ok, `${r.name}: ${r.detail}`).toBe(true);
  // cell measures against exact-polytope's own volume and centroid
  for (const cell of c.cells) {
    expect(cell.volume.equals(cell.polytope.volume())).toBe(true);
    const ref = cell.polytope.centroid();
    cell.centroid.forEach((x, k) => expect(x.equals(ref[k]!)).toBe(true));
  }
  // shared faces against Polytope.intersect (exact, generic d)
  const { geometry } = readPartition(partition);
  const generic = findSharedFaces(geometry, d, { generic: true });
  expect(generic.map((f) => `${f.i},${f.j}`)).toEqual(c.sharedFaces.map((f) => `${f.i},${f.j}`));
  generic.forEach((f, s) => expect(f.volume.equals(c.sharedFaces[s]!.volume)).toBe(true));
  // centroid lengths: ℓ² = Σ (c_i − c_j)² in plain Rational arithmetic; M_1 = area / ℓ
  const m = c.metric;
  c.simplices[1]!.forEach(([i, j], e) => {
    const ci = c.cells[i!]!.centroid;
    const cj = c.cells[j!]!.centroid;
    const l2 = ci.reduce((s, x, k) => s.add(x.sub(cj[k]!).mul(x.sub(cj[k]!))), Rational.ZERO);
    const len = m.edgeLengths[e] as SqrtRational;
    expect(len.squared().equals(l2) && len.sign() > 0).toBe(true);
    const area = c.intersections[1]![e]!.volume;
    expect((m.M1[e] as SqrtRational).mul(len).equals(area)).toBe(true);
  });
  // cosines: cos² = (a·b)²/(|a|²|b|²) with the sign of −a·b, from the facet rows
  for (const r of c.ridges!)
    for (const a of r.angles.filter((x) => x.kind === 'ridge')) {
      const F = c.cells[a.cell]!.polytope.facets();
      const [fa, fb] = [F[a.facets[0]!]!.a, F[a.facets[1]!]!.a];
      const dot = fa.reduce((s, x, k) => s.add(x.mul(fb[k]!)), Rational.ZERO);
      const n = (v: Rational[]) => v.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO);
      expect(a.cos.squared().equals(dot.mul(dot).div(n(fa).mul(n(fb))))).toBe(true);
      expect(a.cos.sign() + dot.sign()).toBe(0);
    }
}

describe('real float-weight MLP partitions (exact results checked by invariants)', () => {
  it('2→6→5→1 on [−1,1]²: checks, exact-polytope measures, generic shared faces', () => {
    const partition = mlpPartition(randomLayers([2, 6, 5, 1], 3), -1, 1);
    expect(partition.cells.length).toBeGreaterThan(25);
    checkExactly(partition);
  });

  it('3→4→3→1 on [−1,1]³: the same in 3-D; facet cycles from incidence = angular sort', () => {
    const partition = mlpPartition(randomLayers([3, 4, 3, 1], 5), -1, 1);
    expect(partition.cells.length).toBeGreaterThan(10);
    checkExactly(partition);
    const key = (poly: Rational[][]) => poly.map((p) => p.join(' ')).join(' | ');
    for (const cell of readPartition(partition).geometry)
      cell.facets.forEach((F, f) =>
        expect(key(facetPolygon(cell, f))).toBe(
          key(
            orderPolygon(
              F.vertices.map((v) => cell.vertices[v]!),
              F.ints.slice(0, 3),
            ),
          ),
        ),
      );
  });
});
