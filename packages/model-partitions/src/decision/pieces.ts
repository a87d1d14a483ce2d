/**
 * Class pieces of one cell (SPEC §5 decision regions): on a cell C with scores z(x) = A x + c, the
 * piece of class k is C ∩ {z_k > z_j for j < k} ∩ {z_k ≥ z_j for j > k} (the lowest index wins a
 * tie, as in SPEC §2). Its closure is C ∩ {z_j ≤ z_k for all j ≠ k} unless some z_j − z_k is
 * constant on C, which is decided here exactly. Pieces with vol_d > 0 are kept. The decision boundary
 * inside C is made of the facets of pieces that lie on a hyperplane z_j = z_k and not on ∂C.
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope, type HalfspaceRow, type Predicates } from '@mlgeo/exact-polytope';
import type { AffineMap } from '../partition.js';
import { positiveMultiple, sameHalfspace } from './halfspace.js';
import { argmaxLowest, certifiedArgmax, classScores, evaluateAffine } from './scores.js';

/** A full-dimensional class piece of a cell. */
export interface CellPiece {
  class: number;
  polytope: Polytope;
}

/**
 * A (d−1)-dimensional piece of the decision boundary inside a cell, between classes lo < hi: the
 * face of the class-lo piece on the hyperplane w·x + c = 0, with w·x + c > 0 on the side of class hi.
 */
export interface CellBoundaryFace {
  classes: [number, number];
  /** w·x + c = 0 (w, c a primitive integer row); positive towards class `classes[1]`. */
  hyperplane: { w: Rational[]; c: Rational };
  /** The class-lo piece, and the index of the facet (in its `facets()`) that is this face. */
  piece: Polytope;
  facet: number;
}

/** The pieces and inner boundary faces of one cell. */
export interface CellDecision {
  pieces: CellPiece[];
  boundary: CellBoundaryFace[];
}

/** One piece, the whole cell: a model whose class is constant on each cell (trees, Voronoi, …). */
export function constantClassCell(polytope: Polytope, cls: number): CellDecision {
  return { pieces: [{ class: cls, polytope }], boundary: [] };
}

/**
 * The class k with z_k(v) > z_j(v) for every j ≠ k at every vertex v, when float64 certifies it at
 * each vertex ({@link certifiedArgmax}); undefined when it cannot (the exact test decides then).
 */
function constantClassFloat(
  scores: AffineMap,
  vertices: readonly Rational[][],
): number | undefined {
  let cls: number | undefined;
  for (const v of vertices) {
    const k = certifiedArgmax(scores, v);
    if (k === undefined || (cls !== undefined && k !== cls)) return undefined;
    cls = k;
  }
  return cls;
}

/** z_j ≤ z_k as the row (A_j − A_k)·x ≤ c_k − c_j. */
function comparisonRow(scores: AffineMap, k: number, j: number): HalfspaceRow {
  return {
    a: scores.A[j]!.map((x, i) => x.sub(scores.A[k]![i]!)),
    b: scores.c[k]!.sub(scores.c[j]!),
  };
}

/**
 * The class pieces of a cell with the affine output `output` on it (one output: z = (0, f)), and the
 * decision boundary faces inside it. Sign decisions follow `predicates` (identical results).
 */
export function cellDecision(
  cell: Polytope,
  output: AffineMap,
  options: { predicates?: Predicates } = {},
): CellDecision {
  const predicates = options.predicates ?? 'exact';
  const scores = classScores(output);
  const m = scores.A.length;
  const d = cell.ambientDimension;
  // fast path: a class strictly above every other at every vertex is above on all of C (affine);
  // certified in float64 first (running error bound), exactly when the floats cannot tell
  const vertices = cell.vertices();
  const certain = constantClassFloat(scores, vertices);
  if (certain !== undefined) return constantClassCell(cell, certain);
  const atVertices = vertices.map((v) => evaluateAffine(scores, v));
  const first = argmaxLowest(atVertices[0]!);
  if (atVertices.every((z) => z.every((zj, j) => j === first || z[first]!.gt(zj))))
    return constantClassCell(cell, first);

  const cellRows = cell.facets();
  const pieces: CellPiece[] = [];
  for (let k = 0; k < m; k++) {
    const rows: HalfspaceRow[] = [...cellRows];
    let empty = false;
    for (let j = 0; j < m && !empty; j++) {
      if (j === k) continue;
      const row = comparisonRow(scores, k, j);
      if (row.a.every((x) => x.isZero())) {
        // z_j − z_k is the constant −b on C: it decides the whole cell at once
        const s = row.b.neg().sign();
        if (s > 0 || (s === 0 && j < k)) empty = true;
        continue;
      }
      rows.push(row);
    }
    if (empty) continue;
    const piece = Polytope.fromHRep(
      rows.map((r) => r.a),
      rows.map((r) => r.b),
      { predicates },
    );
    if (piece.dimension() < d) continue;
    pieces.push({ class: k, polytope: piece });
  }
  const boundary: CellBoundaryFace[] = [];
  for (const { class: k, polytope } of pieces) {
    polytope.facets().forEach((facet, f) => {
      if (cellRows.some((r) => sameHalfspace(r, facet))) return; // on ∂C: not inside the cell
      // the classes j with z_j − z_k = λ_j·(a·x − b): beyond the facet the largest λ_j wins
      let other = -1;
      let best: Rational | undefined;
      for (let j = 0; j < m; j++) {
        if (j === k) continue;
        const lambda = positiveMultiple(comparisonRow(scores, k, j), facet);
        if (lambda !== undefined && (best === undefined || lambda.gt(best))) {
          best = lambda;
          other = j;
        }
      }
      if (other < 0 || other < k) return; // counted once, from the lower class's piece
      boundary.push({
        classes: [k, other],
        hyperplane: { w: facet.a, c: facet.b.neg() },
        piece: polytope,
        facet: f,
      });
    });
  }
  return { pieces, boundary };
}
