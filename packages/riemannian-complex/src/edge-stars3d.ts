/**
 * 3-D ridges of a polyhedral complex from the cell edges, exactly (issue 11, the exact path's
 * counterpart of float3d.ts `edgeRidges`).
 *
 * When every facet of every cell is either the whole facet of exactly one other cell (the same
 * exact vertices, opposite orientation) or lies on a facet hyperplane of X, the cells form a
 * polyhedral complex: two cells meet in a face of both (a third cell meeting such a facet in a
 * polygon would overlap one of its two cells). Then the 1-cells of the common refinement of the
 * cells' boundaries (SPEC §4 ridges) are exactly the distinct cell edges, the cells whose closure
 * holds a ridge's midpoint are the cells having it as an edge (the smallest face of such a cell
 * holding a point of the edge's relative interior is the edge), and their facets tight there are
 * the edge's two facets. So the stars of the ridges come from the incidence alone — no edge
 * arrangement (exact Plücker lines, segment crossings) and no point location per ridge.
 * Otherwise null: the caller runs the edge arrangement (edges3d.ts).
 *
 * The same exact point identities give the exact path's whole-facet shared faces
 * ({@link wholeFacetPairs}, read by shared-faces.ts): no clipping of a facet that is the whole
 * facet of its neighbour.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { CellGeometry, FacetInfo } from './cells.js';
import type { PointStar } from './simplices.js';

const TWO = Rational.fromBigInt(2n);

function lexLess(p: readonly Rational[], q: readonly Rational[]): boolean {
  for (let k = 0; k < p.length; k++) {
    const c = p[k]!.cmp(q[k]!);
    if (c !== 0) return c < 0;
  }
  return false;
}

/** Distinct exact points of a 3-D partition's cell vertices (see {@link exactPointIds}). */
export interface ExactPoints {
  /** Slot base[c] + v is vertex v of cell c. */
  base: Int32Array;
  /** Point id per slot. */
  pid: Int32Array;
  /** Per point id: a cell and vertex holding it. */
  repCell: number[];
  repVertex: number[];
}

const pointCache = new WeakMap<readonly CellGeometry[], ExactPoints>();

/**
 * The distinct exact points among the cells' vertices (cached per cell list): bucketed by the
 * correctly rounded coordinates (equal points round equally), compared exactly within a bucket.
 */
export function exactPointIds(cells: readonly CellGeometry[]): ExactPoints {
  let out = pointCache.get(cells);
  if (out) return out;
  const n = cells.length;
  const base = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) base[c + 1] = base[c]! + cells[c]!.vertices.length;
  const pid = new Int32Array(base[n]!);
  const repCell: number[] = [];
  const repVertex: number[] = [];
  const buckets = new Map<string, number[]>();
  for (let c = 0; c < n; c++) {
    const C = cells[c]!;
    const V = C.vertices;
    for (let v = 0; v < V.length; v++) {
      const f = C.verticesF[v]!;
      const key = f.join(',');
      let list = buckets.get(key);
      if (!list) buckets.set(key, (list = []));
      const p = V[v]!;
      let id = -1;
      for (let t = 0; t < list.length && id < 0; t++) {
        const q = cells[repCell[list[t]!]!]!.vertices[repVertex[list[t]!]!]!;
        let same = true;
        for (let k = 0; k < p.length && same; k++) same = p[k]!.equals(q[k]!);
        if (same) id = list[t]!;
      }
      if (id < 0) {
        id = repCell.length;
        repCell.push(c);
        repVertex.push(v);
        list.push(id);
      }
      pid[base[c]! + v] = id;
    }
  }
  out = { base, pid, repCell, repVertex };
  pointCache.set(cells, out);
  return out;
}

/** Facets that are the whole facet of another cell (see {@link wholeFacetPairs}). */
export interface WholeFacets {
  /** (i, fi, j, fj) per pair, i < j: facet fi of cell i is facet fj of cell j. */
  pairs: number[];
  /** matched[c][f] = 1 when facet f of cell c is in a pair. */
  matched: Uint8Array[];
}

const wholeCache = new WeakMap<readonly CellGeometry[], WholeFacets>();

/**
 * 3-D: the facets with the same exact points as a facet of another cell of opposite orientation
 * (the same polygon: one whole shared face; cached per cell list). In a partition with disjoint
 * interiors such a facet meets no third cell in a polygon (it would overlap one of the two).
 */
export function wholeFacetPairs(cells: readonly CellGeometry[]): WholeFacets {
  let out = wholeCache.get(cells);
  if (out) return out;
  const { base, pid } = exactPointIds(cells);
  const matched = cells.map((c) => new Uint8Array(c.facets.length));
  const pairs: number[] = [];
  const open = new Map<string, number[]>(); // point-set key → unmatched (cell, facet) pairs
  for (let c = 0; c < cells.length; c++) {
    const F = cells[c]!.facets;
    for (let f = 0; f < F.length; f++) {
      const ids = F[f]!.vertices.map((v) => pid[base[c]! + v]!).sort((x, y) => x - y);
      const key = ids.join(',');
      const list = open.get(key);
      let partner = -1;
      if (list)
        for (let t = 0; t < list.length && partner < 0; t += 2)
          if (cells[list[t]!]!.facets[list[t + 1]!]!.side !== F[f]!.side) partner = t;
      if (partner >= 0) {
        // cells are read in index order: the earlier cell is i
        pairs.push(list![partner]!, list![partner + 1]!, c, f);
        matched[list![partner]!]![list![partner + 1]!] = 1;
        matched[c]![f] = 1;
        list!.splice(partner, 2);
      } else if (list) list.push(c, f);
      else open.set(key, [c, f]);
    }
  }
  out = { pairs, matched };
  wholeCache.set(cells, out);
  return out;
}

/**
 * The ridges of a 3-D partition with their stars (cells in increasing order, each with its two
 * tight facets in increasing order), when the cells form a polyhedral complex (see the module
 * comment); null otherwise. Ridge vertices in lexicographic order, point = their midpoint.
 */
export function edgeStars3(
  cells: readonly CellGeometry[],
  domainFacets: readonly FacetInfo[],
): { vertices: Rational[][]; star: PointStar }[] | null {
  const n = cells.length;
  const { base, pid, repCell, repVertex } = exactPointIds(cells);
  const points = repCell.length;
  const pointOf = (id: number): Rational[] => cells[repCell[id]!]!.vertices[repVertex[id]!]!;
  // every facet: the whole facet of one other cell (same points, opposite side) or on ∂X
  const domainKeys = new Set<string>();
  for (const G of domainFacets) domainKeys.add(G.key);
  const { matched } = wholeFacetPairs(cells);
  for (let c = 0; c < n; c++) {
    const F = cells[c]!.facets;
    for (let f = 0; f < F.length; f++)
      if (!matched[c]![f] && !domainKeys.has(F[f]!.key)) return null;
  }
  // the distinct edges: facet pairs of a cell sharing two vertices (an edge of a 3-polytope),
  // keyed by their end points; owners in cell order
  const index = new Map<number, number>();
  const stars: { vertices: Rational[][]; star: PointStar }[] = [];
  for (let c = 0; c < n; c++) {
    const F = cells[c]!.facets;
    for (let f = 0; f < F.length; f++) {
      const vf = F[f]!.vertices;
      for (let g = f + 1; g < F.length; g++) {
        const vg = F[g]!.vertices;
        let u = -1;
        let w = -1;
        let common = 0;
        for (const x of vf)
          if (vg.includes(x)) {
            if (common === 0) u = x;
            else w = x;
            common++;
          }
        if (common < 2) continue;
        let a = pid[base[c]! + u]!;
        let b = pid[base[c]! + w]!;
        if (a > b) [a, b] = [b, a];
        const key = a * points + b;
        let e = index.get(key);
        if (e === undefined) {
          index.set(key, (e = stars.length));
          let p = pointOf(a);
          let q = pointOf(b);
          if (lexLess(q, p)) [p, q] = [q, p];
          const point = p.map((x, k) => x.add(q[k]!).div(TWO));
          stars.push({ vertices: [p, q], star: { point, cells: [], tight: [] } });
        }
        const s = stars[e]!.star;
        s.cells.push(c);
        s.tight.push([f, g]);
      }
    }
  }
  return stars;
}
