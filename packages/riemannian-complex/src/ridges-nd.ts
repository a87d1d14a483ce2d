/**
 * Ridges of a partition in d ≥ 4 (SPEC §4): the (d−2)-cells of the common refinement of the
 * cells' (d−2)-skeleta, with the cells around each. Every ridge lies in the affine (d−2)-flat L
 * spanned by some cell's (d−2)-face. Per flat (exact canonical key: reduced row echelon form of
 * the two facet rows):
 *
 * - candidates: the cells C with a facet hyperplane containing L (hyperplanes indexed by key, a
 *   hyperplane contains L iff its row lies in the row span of L's two rows) and with
 *   P_C = cl C ∩ L of dimension d − 2;
 * - in coordinates of L (the d − 2 non-pivot coordinates, an exact affine bijection) every P_C is
 *   a full-dimensional polytope; the ridges in L are the cells of the arrangement of all the
 *   P_C's facet hyperplanes (within L) that lie in a (d−2)-face of some cell. Each face is cut
 *   by those hyperplanes; pieces from different faces are deduplicated by their exact vertex set
 *   (arrangement cells are canonical, so equal pieces have equal vertex sets).
 *
 * The cells whose closure contains a ridge R are exactly the candidates whose closure contains a
 * relative-interior point p of R: if cl C ⊇ R, R lies in ∂C (cell interiors are disjoint and R
 * lies in a face of another cell), so in one facet of C, whose hyperplane contains aff R = L;
 * then P_C ⊇ R is (d−2)-dimensional. Conversely if p ∈ P_C then R ⊆ P_C, because R is a cell of
 * an arrangement containing P_C's facet hyperplanes and p ∈ relint R.
 */
import { Rational, toPrimitiveIntegers } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { type CellGeometry, TestPoint, tightFacets } from './cells.js';
import type { PointStar } from './simplices.js';

/** A row a·x = b (or ≤ b) stored as [a_0, …, a_{d−1}, b]. */
type Row = Rational[];

/** An affine (d−2)-flat as the RREF of two independent rows, pivots among the first d columns. */
interface Flat {
  key: string;
  rows: [Row, Row];
  pivots: [number, number];
  /** The d − 2 non-pivot coordinates (coordinates of L). */
  free: number[];
}

function flatOf(r1: readonly Rational[], r2: readonly Rational[], d: number): Flat | null {
  const m = [r1.slice(), r2.slice()];
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < d && row < 2; col++) {
    let p = row;
    while (p < 2 && m[p]![col]!.isZero()) p++;
    if (p === 2) continue;
    [m[row], m[p]] = [m[p]!, m[row]!];
    const inv = m[row]![col]!.inv();
    m[row] = m[row]!.map((x) => x.mul(inv));
    const other = 1 - row;
    const f = m[other]![col]!;
    if (!f.isZero()) m[other] = m[other]!.map((x, k) => x.sub(f.mul(m[row]![k]!)));
    pivots.push(col);
    row++;
  }
  if (pivots.length < 2) return null; // parallel facets: no (d−2)-flat
  const rows = [m[0]!, m[1]!] as [Row, Row];
  const free: number[] = [];
  for (let k = 0; k < d; k++) if (k !== pivots[0] && k !== pivots[1]) free.push(k);
  return {
    key: rows.map((r) => r.map((x) => x.toString()).join(',')).join(';'),
    rows,
    pivots: pivots as [number, number],
    free,
  };
}

/** h − h[p1]·R1 − h[p2]·R2: zero at the pivots; equals h on L up to the flat's equations. */
function reduce(flat: Flat, h: readonly Rational[]): Row {
  const [R1, R2] = flat.rows;
  const c1 = h[flat.pivots[0]]!;
  const c2 = h[flat.pivots[1]]!;
  return h.map((x, k) => x.sub(c1.mul(R1[k]!)).sub(c2.mul(R2[k]!)));
}

/** The hyperplane h contains the flat iff h is in the row span of the flat's rows. */
function containsFlat(flat: Flat, h: readonly Rational[]): boolean {
  return reduce(flat, h).every((x) => x.isZero());
}

/** A point of L from its coordinates y (the free coordinates): x_p = b_p − Σ R_p[f]·y_f. */
function lift(flat: Flat, y: readonly Rational[], d: number): Rational[] {
  const x = new Array<Rational>(d);
  flat.free.forEach((f, t) => (x[f] = y[t]!));
  flat.rows.forEach((R, i) => {
    let v = R[d]!;
    flat.free.forEach((f, t) => (v = v.sub(R[f]!.mul(y[t]!))));
    x[flat.pivots[i]!] = v;
  });
  return x;
}

/** A facet row (a, b) as a constraint in the coordinates of L, or 'all'/'none' when constant. */
function rowInFlat(flat: Flat, a: readonly Rational[], b: Rational): Row | 'all' | 'none' {
  const r = reduce(flat, [...a, b]);
  const ay = flat.free.map((f) => r[f]!);
  const by = r[a.length]!;
  if (ay.every((x) => x.isZero())) return by.sign() >= 0 ? 'all' : 'none';
  return [...ay, by];
}

/** Canonical string of a hyperplane of L given as a row in L-coordinates (up to positive scale). */
function rowKey(row: readonly Rational[]): string {
  const ints = toPrimitiveIntegers(row as Rational[]);
  const first = ints.find((v) => v !== 0n) ?? 0n;
  return (first < 0n ? ints.map((v) => -v) : ints).join(',');
}

/** A convex polytope of L (full-dimensional in L-coordinates) with its H-rep and vertices. */
interface Piece {
  A: Rational[][];
  b: Rational[];
  vertices: Rational[][];
}

function pieceOf(A: Rational[][], b: Rational[]): Piece | null {
  const P = Polytope.fromHRep(A, b);
  if (P.dimension() !== A[0]!.length) return null;
  const facets = P.facets();
  return { A: facets.map((f) => f.a), b: facets.map((f) => f.b), vertices: P.vertices() };
}

/**
 * Cuts a piece by a·y = β; returns the piece itself when the hyperplane misses its interior. The
 * parts are re-enumerated by exact-polytope's double description (not its vertex cutter
 * `splitVertexCell`): pieces carry facet-only H-representations and the ridges report their
 * vertices in the DD's order.
 */
function cut(piece: Piece, h: Row): Piece[] {
  const k = h.length - 1;
  const a = h.slice(0, k);
  const beta = h[k]!;
  let pos = false;
  let neg = false;
  for (const v of piece.vertices) {
    let s = beta.neg();
    for (let t = 0; t < k; t++) s = s.add(a[t]!.mul(v[t]!));
    const sg = s.sign();
    if (sg > 0) pos = true;
    else if (sg < 0) neg = true;
    if (pos && neg) break;
  }
  if (!(pos && neg)) return [piece];
  const out: Piece[] = [];
  for (const s of [1, -1]) {
    const p = pieceOf(
      [...piece.A, a.map((x) => (s === 1 ? x : x.neg()))],
      [...piece.b, s === 1 ? beta : beta.neg()],
    );
    if (p) out.push(p);
  }
  return out;
}

function vertexSetKey(vertices: readonly Rational[][]): string {
  return vertices
    .map((v) => v.map((x) => x.toString()).join(','))
    .sort()
    .join(';');
}

/** A ridge in d ≥ 4: its vertices and the star of a relative-interior point (vertex centroid). */
export interface NdRidge {
  vertices: Rational[][];
  star: PointStar;
}

/** Ridges of the common refinement of the cells' (d−2)-skeleta, d ≥ 4, with their stars. */
export function ridgesNd(cells: readonly CellGeometry[], d: number): NdRidge[] {
  // 1. flats spanned by the cells' (d−2)-faces, with the cells having a face there
  const flats = new Map<string, { flat: Flat; faceCells: Set<number> }>();
  for (const cell of cells)
    for (const face of cell.polytope.faces(2)) {
      if (face.dimension !== d - 2 || face.facets.length < 2) continue;
      const [fa, fb] = [cell.facets[face.facets[0]!]!, cell.facets[face.facets[1]!]!];
      const flat = flatOf([...fa.a, fa.b], [...fb.a, fb.b], d);
      if (!flat) continue;
      let entry = flats.get(flat.key);
      if (!entry) flats.set(flat.key, (entry = { flat, faceCells: new Set() }));
      entry.faceCells.add(cell.index);
    }
  // facet hyperplanes indexed by key: hyperplane row (canonical ints) → cells with a facet there
  const hyperplanes = new Map<string, { row: Rational[]; cells: Set<number> }>();
  for (const cell of cells)
    for (const F of cell.facets) {
      let h = hyperplanes.get(F.key);
      if (!h)
        hyperplanes.set(F.key, (h = { row: F.ints.map((v) => Rational.of(v)), cells: new Set() }));
      h.cells.add(cell.index);
    }
  const hyperplaneList = [...hyperplanes.values()];
  const out: NdRidge[] = [];
  for (const { flat, faceCells } of flats.values()) {
    // 2. candidates: cells with a facet hyperplane through L and cl C ∩ L of dimension d − 2
    const candidateSet = new Set<number>();
    for (const h of hyperplaneList)
      if (containsFlat(flat, h.row)) for (const c of h.cells) candidateSet.add(c);
    const inFlat = new Map<number, Piece>();
    for (const c of [...candidateSet].sort((x, y) => x - y)) {
      const A: Rational[][] = [];
      const b: Rational[] = [];
      let empty = false;
      for (const F of cells[c]!.facets) {
        const r = rowInFlat(flat, F.a, F.b);
        if (r === 'none') empty = true;
        if (r === 'none' || r === 'all') continue;
        A.push(r.slice(0, d - 2));
        b.push(r[d - 2]!);
      }
      if (empty || A.length === 0) continue;
      const P = pieceOf(A, b);
      if (P) inFlat.set(c, P);
    }
    // 3. cutting hyperplanes of L: the facets of every P_C (deduplicated)
    const cuts = new Map<string, Row>();
    for (const P of inFlat.values())
      P.A.forEach((a, t) => {
        const row = [...a, P.b[t]!];
        cuts.set(rowKey(row), row);
      });
    // 4. each face cut into arrangement cells; equal pieces are the same ridge
    const seen = new Set<string>();
    for (const c of [...faceCells].sort((x, y) => x - y)) {
      const face = inFlat.get(c);
      if (!face) continue;
      let pieces = [face];
      for (const h of cuts.values()) pieces = pieces.flatMap((p) => cut(p, h));
      for (const piece of pieces) {
        const key = vertexSetKey(piece.vertices);
        if (seen.has(key)) continue;
        seen.add(key);
        const vertices = piece.vertices.map((y) => lift(flat, y, d));
        const n = Rational.of(BigInt(vertices.length));
        const point = Array.from({ length: d }, (_, k) =>
          vertices.reduce((s, v) => s.add(v[k]!), Rational.ZERO).div(n),
        );
        // 5. the star: candidates whose closure holds the relative-interior point
        const tp = new TestPoint(point);
        const starCells: number[] = [];
        const tight: number[][] = [];
        for (const cIdx of [...inFlat.keys()].sort((x, y) => x - y)) {
          const t = tightFacets(cells[cIdx]!, tp);
          if (t === null) continue;
          starCells.push(cIdx);
          tight.push(t);
        }
        out.push({ vertices, star: { point, cells: starCells, tight } });
      }
    }
  }
  return out;
}
