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
  // keyed by a float hash of the rounded coordinates (no number-to-string keys)
  const buckets = new Map<number, number[]>();
  for (let c = 0; c < n; c++) {
    const C = cells[c]!;
    const V = C.vertices;
    for (let v = 0; v < V.length; v++) {
      const f = C.verticesF[v]!;
      let key = 0;
      for (let k = 0; k < f.length; k++) key = key * 1.0000003 + f[k]! * (k + 1.5);
      if (!Number.isFinite(key)) key = NaN; // one bucket (Map: NaN is one key)
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
  /** matched[base[c] + f] = 1 when facet f of cell c is in a pair. */
  matched: Uint8Array;
  base: Int32Array;
}

const wholeCache = new WeakMap<readonly CellGeometry[], WholeFacets>();

/**
 * 3-D: the facets with the same exact points as a facet of another cell of opposite orientation
 * (the same polygon: one whole shared face; cached per cell list). In a partition with disjoint
 * interiors such a facet meets no third cell in a polygon (it would overlap one of the two).
 * Open facets are kept in a table by an order-independent hash of their point ids (linear
 * probing keeps the facets of one hash in the order met); the partner is the first open facet of
 * opposite side with the same point set.
 */
export function wholeFacetPairs(cells: readonly CellGeometry[]): WholeFacets {
  let out = wholeCache.get(cells);
  if (out) return out;
  const { base: vbase, pid } = exactPointIds(cells);
  const n = cells.length;
  const base = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) base[c + 1] = base[c]! + cells[c]!.facets.length;
  const total = base[n]!;
  const matched = new Uint8Array(total);
  const pairs: number[] = [];
  let size = 16;
  while (size < 2 * total) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const hashOf = new Int32Array(total);
  const cellOf = new Int32Array(total);
  for (let c = 0; c < n; c++) {
    const F = cells[c]!.facets;
    const vb = vbase[c]!;
    for (let f = 0; f < F.length; f++) {
      const vs = F[f]!.vertices;
      const len = vs.length;
      let sum = 0;
      let mix = 0;
      for (let t = 0; t < len; t++) {
        const x = pid[vb + vs[t]!]!;
        const y = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
        sum = (sum + (y ^ (y >>> 12))) | 0;
        mix ^= Math.imul(x + 0x7f4a7c15, 0x297a2d39);
      }
      const h = (Math.imul(sum, 31) ^ mix ^ Math.imul(len, 0x9e3779b1)) | 0;
      const side = F[f]!.side;
      let at = h & mask;
      let partner = -1;
      let slot = table[at]!;
      while (slot >= 0) {
        if (hashOf[slot] === h && matched[slot] === 0) {
          const oc = cellOf[slot]!;
          const G = cells[oc]!.facets[slot - base[oc]!]!;
          if (G.side !== side && G.vertices.length === len) {
            // the same point set (the points of one facet are distinct)
            const ws = G.vertices;
            const wb = vbase[oc]!;
            let same = true;
            for (let t = 0; t < len && same; t++) {
              const x = pid[vb + vs[t]!]!;
              let found = false;
              for (let u = 0; u < len && !found; u++) found = pid[wb + ws[u]!] === x;
              same = found;
            }
            if (same) {
              partner = slot;
              break;
            }
          }
        }
        at = (at + 1) & mask;
        slot = table[at]!;
      }
      const me = base[c]! + f;
      if (partner < 0) {
        hashOf[me] = h;
        cellOf[me] = c;
        table[at] = me;
        continue;
      }
      // cells are read in index order: the earlier cell is i
      const oc = cellOf[partner]!;
      pairs.push(oc, partner - base[oc]!, c, f);
      matched[partner] = 1;
      matched[me] = 1;
    }
  }
  out = { pairs, matched, base };
  wholeCache.set(cells, out);
  return out;
}

/**
 * The star of an edge ridge [p, q] (p < q lexicographically): its cells and their tight facet
 * pairs; the midpoint, exact, on first read (a ridge's location in X comes from its two ends).
 */
export class EdgeStar implements PointStar {
  readonly cells: number[] = [];
  readonly tight: number[][] = [];
  private mid: Rational[] | undefined = undefined;
  constructor(
    readonly p: Rational[],
    readonly q: Rational[],
    /** A cell and vertex holding p, and q (their float vertices are the correctly rounded ends). */
    readonly pCell: number,
    readonly pVertex: number,
    readonly qCell: number,
    readonly qVertex: number,
  ) {}
  get point(): Rational[] {
    if (this.mid === undefined) {
      const { p, q } = this;
      this.mid = p.map((x, k) => x.add(q[k]!).div(TWO));
    }
    return this.mid;
  }
}

/**
 * The ridges of a 3-D partition with their stars (cells in increasing order, each with its two
 * tight facets in increasing order), when the cells form a polyhedral complex (see the module
 * comment); null otherwise. Ridge vertices in lexicographic order, point = their midpoint.
 */
export function edgeStars3(
  cells: readonly CellGeometry[],
  domainFacets: readonly FacetInfo[],
): { vertices: Rational[][]; star: EdgeStar }[] | null {
  const n = cells.length;
  const { base, pid, repCell, repVertex } = exactPointIds(cells);
  const points = repCell.length;
  const pointOf = (id: number): Rational[] => cells[repCell[id]!]!.vertices[repVertex[id]!]!;
  // every facet: the whole facet of one other cell (same points, opposite side) or on ∂X
  const domainKeys = new Set<string>();
  for (const G of domainFacets) domainKeys.add(G.key);
  const { matched, base: fbase } = wholeFacetPairs(cells);
  for (let c = 0; c < n; c++) {
    const F = cells[c]!.facets;
    for (let f = 0; f < F.length; f++)
      if (!matched[fbase[c]! + f] && !domainKeys.has(F[f]!.key)) return null;
  }
  // the distinct edges: facet pairs of a cell sharing two vertices (an edge of a 3-polytope),
  // keyed by their end points; owners in cell order
  const index = new Map<number, number>();
  const stars: { vertices: Rational[][]; star: EdgeStar }[] = [];
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
          if (lexLess(q, p)) {
            [p, q] = [q, p];
            [a, b] = [b, a];
          }
          const star = new EdgeStar(p, q, repCell[a]!, repVertex[a]!, repCell[b]!, repVertex[b]!);
          stars.push({ vertices: [p, q], star });
        }
        const s = stars[e]!.star;
        s.cells.push(c);
        s.tight.push([f, g]);
      }
    }
  }
  return stars;
}
