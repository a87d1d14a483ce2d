/**
 * Margins of the data points of a cell (docs/math.md "LP tier"), no LP needed:
 *
 * - distance to the cell's boundary: for an interior point x of a polytope, min over all rows of
 *   −g_i(x)/‖w_i‖ (a redundant row's hyperplane is never nearer than a facet's, because the ball of
 *   the facet distance lies in the cell); exact as r·√q with r = −g(x)/‖w‖², q = ‖w‖²;
 * - distance to the decision boundary: on the cell the network is one affine map z(x) = A x + c. For
 *   the predicted class k (lowest index on ties, SPEC §5) the local boundary distance is
 *   δ = min_{j≠k} (z_k − z_j)(x)/‖a_k − a_j‖ (binary output f: |f(x)|/‖a‖). When δ ≤ the
 *   cell-boundary distance r, the ball of radius δ lies in the closed cell where the net is affine,
 *   so δ IS the distance to the decision boundary (`certified`); otherwise the net has no decision
 *   boundary within distance r of x and r is a certified lower bound. The comparison δ ≤ r is a
 *   filtered decision (float with a relative margin, exact on doubt).
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import type { AffineMap } from '../partition.js';
import type { HVertex } from '../engines/vcell.js';
import { type RowTable, rowValue } from './float-rows.js';
import type { CellSystem } from './system.js';

/** The margins of one data point. */
export interface PointMargin {
  /** Index of the point in the input list. */
  index: number;
  /** Distance to the cell's boundary (float). */
  boundary: number;
  /** The same exactly (with `exact`). */
  boundaryExact?: SqrtRational;
  /** The row (a facet of the cell) at that distance. */
  boundaryRow: number;
  /** Predicted class at the point (MLP outputs; binary: 1 iff f > 0). */
  predictedClass?: number;
  /** Distance to the cell's local decision boundary (float), and the nearest rival class. */
  decision?: number;
  decisionExact?: SqrtRational;
  rival?: number;
  /**
   * True when `decision` is the true distance to the model's decision boundary (δ ≤ boundary);
   * false when only `lowerBound` is certified.
   */
  certified: boolean;
  /** A certified lower bound of the distance to the decision boundary (= decision when certified). */
  lowerBound: number;
}

/** The output map of the cell in float (rows of A, c) and, lazily, exactly. */
export interface OutputMaps {
  A: ArrayLike<number>[];
  c: ArrayLike<number>;
  exact: () => AffineMap;
}

/**
 * The same float values without the maps (gram.ts): the outputs at a point and ‖a_k − a_j‖²
 * (binary: ‖a‖², j ignored).
 */
export interface OutputValues {
  at: (x: ArrayLike<number>) => ArrayLike<number>;
  norm2: (k: number, j: number) => number;
  /** The constant of the first output (scale of the binary near-tie test). */
  c0: number;
  exact: () => AffineMap;
}

const dotF = (a: ArrayLike<number>, x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * x[i]!;
  return s;
};

/** Exact (z_k − z_j)(x)/‖a_k − a_j‖ as r·√q (binary: f(x)/‖a‖ with the sign making it ≥ 0). */
function exactDecision(map: AffineMap, k: number, j: number, x: Rational[]): SqrtRational {
  const binary = map.A.length === 1;
  const a = binary ? map.A[0]! : map.A[k]!.map((v, i) => v.sub(map.A[j]![i]!));
  const c = binary ? map.c[0]! : map.c[k]!.sub(map.c[j]!);
  let v = c;
  a.forEach((ai, i) => (v = v.add(ai.mul(x[i]!))));
  if (binary && k === 0) v = v.neg();
  let n2 = Rational.ZERO;
  for (const ai of a) n2 = n2.add(ai.mul(ai));
  if (n2.isZero()) throw new RangeError('the two classes never meet on this cell');
  return SqrtRational.of(v.div(n2), n2);
}

/**
 * A data point of a cell: its doubles, and its exact value (homogeneous integers, rationals) formed
 * only when a decision needs it (in 784-D the exact vertex of every point costs more than its margin).
 */
export interface MarginPoint {
  index: number;
  xf: ArrayLike<number>;
  vertex: () => HVertex;
  exact: () => Rational[];
}

/** Margins of the points `indices` of a cell (see the module comment). */
export function pointMargins(
  sys: CellSystem,
  table: RowTable,
  points: readonly MarginPoint[],
  output: OutputMaps | undefined,
  options: { exact?: boolean; nearestRow: (x: HVertex) => { row: number; distance: SqrtRational } },
): PointMargin[] {
  const boundaryOf = (x: ArrayLike<number>) => {
    let boundary = Infinity;
    let row = -1;
    sys.rows.forEach((g, i) => {
      const n = table.norm[i]!;
      if (n === 0) return;
      const dist = -rowValue(g, x) / n;
      if (dist < boundary) {
        boundary = dist;
        row = i;
      }
    });
    return { boundary, row };
  };
  const values: OutputValues | undefined = output && {
    at: (x) => output.A.map((a, j) => dotF(a, x) + output.c[j]!),
    norm2: (k, j) => {
      let n2 = 0;
      if (output.A.length === 1) for (const v of Array.from(output.A[0]!)) n2 += v * v;
      else {
        const ak = output.A[k]!;
        const aj = output.A[j]!;
        for (let i = 0; i < ak.length; i++) n2 += (ak[i]! - aj[i]!) ** 2;
      }
      return n2;
    },
    c0: output.c[0] ?? 0,
    exact: output.exact,
  };
  return marginsOf(boundaryOf, points, values, options);
}

/**
 * Margins from float screens given as functions: the nearest row's distance at a point and the
 * output values (see the module comment; every decision is filtered, exact on doubt).
 */
export function marginsOf(
  boundaryOf: (x: ArrayLike<number>) => { boundary: number; row: number },
  points: readonly MarginPoint[],
  output: OutputValues | undefined,
  options: { exact?: boolean; nearestRow: (x: HVertex) => { row: number; distance: SqrtRational } },
): PointMargin[] {
  return points.map(({ index, xf, vertex, exact }) => {
    // distance to the cell boundary
    const { boundary, row: boundaryRow } = boundaryOf(xf);
    const out: PointMargin = { index, boundary, boundaryRow, certified: false, lowerBound: 0 };
    let boundaryExact: SqrtRational | undefined;
    const exactBoundary = () => {
      if (!boundaryExact) {
        const near = options.nearestRow(vertex());
        boundaryExact = near.distance;
        out.boundaryRow = near.row;
      }
      return boundaryExact;
    };
    if (options.exact) {
      out.boundaryExact = exactBoundary();
      out.boundary = out.boundaryExact.toNumber();
    }
    out.lowerBound = Math.max(0, out.boundary);
    if (!output) return out;
    const z = Array.from(output.at(xf));
    const binary = z.length === 1;
    let k: number;
    if (binary) k = z[0]! > 0 ? 1 : 0;
    else {
      k = 0;
      for (let j = 1; j < z.length; j++) if (z[j]! > z[k]!) k = j;
    }
    // near-ties of the class decide exactly
    const exactMap = (() => {
      let m: AffineMap | undefined;
      return () => (m ??= output.exact());
    })();
    const ambiguous = binary
      ? Math.abs(z[0]!) <= 1e-9 * (Math.abs(output.c0) + 1)
      : z.some((v, j) => j !== k && Math.abs(z[k]! - v) <= 1e-9 * (Math.abs(z[k]!) + 1));
    if (ambiguous) {
      const xe = exact();
      const map = exactMap();
      const ze = map.A.map((row, j) => row.reduce((s, a, i) => s.add(a.mul(xe[i]!)), map.c[j]!));
      if (binary) k = ze[0]!.sign() > 0 ? 1 : 0;
      else {
        k = 0;
        for (let j = 1; j < ze.length; j++) if (ze[j]!.gt(ze[k]!)) k = j;
      }
    }
    out.predictedClass = k;
    let best = Infinity;
    let rival = -1;
    const rivals = binary ? [1 - k] : z.map((_, j) => j).filter((j) => j !== k);
    for (const j of rivals) {
      const num = binary ? (k === 1 ? z[0]! : -z[0]!) : z[k]! - z[j]!;
      const n2 = output.norm2(k, j);
      const dist = n2 > 0 ? Math.max(0, num) / Math.sqrt(n2) : Infinity;
      if (dist < best) {
        best = dist;
        rival = j;
      }
    }
    if (!Number.isFinite(best)) return out;
    out.decision = best;
    out.rival = rival;
    let certified: boolean;
    if (best < out.boundary * (1 - 1e-7)) certified = true;
    else if (best > out.boundary * (1 + 1e-7)) certified = false;
    else {
      const de = exactDecision(exactMap(), k, rival, exact());
      out.decisionExact = de;
      certified = de.cmp(exactBoundary()) <= 0;
    }
    if (options.exact && !out.decisionExact) {
      out.decisionExact = exactDecision(exactMap(), k, rival, exact());
      out.decision = out.decisionExact.toNumber();
    }
    out.certified = certified;
    out.lowerBound = certified ? out.decision : out.lowerBound;
    return out;
  });
}
