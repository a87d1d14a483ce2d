/**
 * Bends of the decision boundary (SPEC §5): two boundary pieces between the same two classes, in two
 * cells that share a facet, meeting in a (d−2)-dimensional face; the bend is arccos(n_1·n_2) with
 * n_i the unit normals pointing to the higher class (0 where the boundary goes straight on).
 */
import { Rational, SqrtRational, angleFromCos } from '@mlgeo/exact-arith';
import { Polytope, type Predicates } from '@mlgeo/exact-polytope';
import type { Partition } from '../partition.js';
import { dot } from './halfspace.js';
import type { DecisionBoundaryPiece } from './regions.js';

/** A bend between boundary pieces `between[0] < between[1]` (indices into the boundary list). */
export interface DecisionBend {
  between: [number, number];
  /** The angle in radians, float (from the exact cosine, atan2 form). */
  angle: number;
  /** n_1·n_2: exact r·√q, or float64 with `measures: 'float'`. */
  cos: SqrtRational | number;
}

/** n_1·n_2 = w_1·w_2 / √(|w_1|²|w_2|²), exact. */
export function unitNormalCos(w1: readonly Rational[], w2: readonly Rational[]): SqrtRational {
  const norms = SqrtRational.sqrt(dot(w1, w1).mul(dot(w2, w2)));
  return SqrtRational.fromRational(dot(w1, w2)).div(norms);
}

interface Box {
  lo: number[];
  hi: number[];
}

function boxOf(vertices: readonly (readonly Rational[])[]): Box {
  const d = vertices[0]?.length ?? 0;
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  for (const v of vertices)
    v.forEach((x, i) => {
      const f = x.toNumber();
      lo[i] = Math.min(lo[i]!, f);
      hi[i] = Math.max(hi[i]!, f);
    });
  return { lo, hi };
}

/** Float boxes that may touch (with a relative slack, only a pre-filter for the exact test). */
function boxesMeet(a: Box, b: Box): boolean {
  return a.lo.every((lo, i) => {
    const slack = 1e-9 * (1 + Math.abs(lo) + Math.abs(a.hi[i]!));
    return lo <= b.hi[i]! + slack && b.lo[i]! <= a.hi[i]! + slack;
  });
}

/** dim(P ∩ Q) exactly. */
function intersectionDimension(p: Polytope, q: Polytope): number {
  return p.intersect(q).dimension();
}

/** The bends between the boundary pieces of neighbouring cells. */
export function boundaryBends(
  partition: Partition,
  boundary: readonly DecisionBoundaryPiece[],
  options: { predicates: Predicates; exact: boolean },
): DecisionBend[] {
  const d = partition.inputDimension;
  if (d < 2) return [];
  const boxes = boundary.map((b) => boxOf(b.vertices));
  const bends: DecisionBend[] = [];
  const adjacent = new Map<string, boolean>();
  // sweep along the first coordinate: pairs whose boxes are apart there are never tested
  const order = boundary.map((_, i) => i).sort((a, b) => boxes[a]!.lo[0]! - boxes[b]!.lo[0]!);
  const pairs: [number, number][] = [];
  for (let s = 0; s < order.length; s++) {
    const a = boxes[order[s]!]!;
    const slack = 1e-9 * (1 + Math.abs(a.lo[0]!) + Math.abs(a.hi[0]!));
    for (let t = s + 1; t < order.length; t++) {
      if (boxes[order[t]!]!.lo[0]! > a.hi[0]! + slack) break;
      const [i, j] = [order[s]!, order[t]!];
      pairs.push(i < j ? [i, j] : [j, i]);
    }
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [i, j] of pairs) {
    const bi = boundary[i]!;
    const bj = boundary[j]!;
    if (bi.cell === bj.cell) continue;
    if (bi.classes[0] !== bj.classes[0] || bi.classes[1] !== bj.classes[1]) continue;
    if (!boxesMeet(boxes[i]!, boxes[j]!)) continue;
    if (intersectionDimension(bi.face, bj.face) !== d - 2) continue;
    const key = `${bi.cell},${bj.cell}`;
    let shared = adjacent.get(key);
    if (shared === undefined) {
      const a = partition.cells[bi.cell]!.polytope;
      const b = partition.cells[bj.cell]!.polytope;
      shared = intersectionDimension(a, b) === d - 1;
      adjacent.set(key, shared);
    }
    if (!shared) continue;
    const cos = unitNormalCos(bi.hyperplane.w, bj.hyperplane.w);
    bends.push({
      between: [i, j],
      angle: angleFromCos(cos),
      cos: options.exact ? cos : cos.toNumber(),
    });
  }
  return bends;
}
