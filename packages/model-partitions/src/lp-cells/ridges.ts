/**
 * Cell ridge angles in any d (SPEC §4 "Cell ridge angles (any d)"): for facets a, b of one cell,
 * whether F_a ∩ F_b is (d−2)-dimensional — a point with g_a = g_b = 0 and every other row < 0 — and
 * the interior angle there, θ = π − arccos(n_a·n_b), with cos θ = −n_a·n_b = −(w_a·w_b)/(‖w_a‖‖w_b‖)
 * exact as r·√q.
 *
 * Certificate (exact, no point on the ridge needed): the map x ↦ (g_a(x), g_b(x)) sends the open
 * convex set {every other row < 0} to an open convex set of the plane; if that set has points in all
 * four open quadrants it contains (0, 0) (the segment between the (+,+) and (+,−) points crosses the
 * positive g_a-axis, the one between (−,+) and (−,−) the negative one), i.e. some point has
 * g_a = g_b = 0 and every other row < 0. The centre is (−,−), facet a's certificate (+,−), facet b's
 * (−,+); the pair needs one point with g_a > 0, g_b > 0, every other row < 0, checked exactly (float
 * with error bounds, exact on doubt). It is looked for
 *  1. cheaply: from the point of g_a = g_b = 0 nearest to the centre (and to each facet's
 *     certificate), screened in float from precomputed row values and Gram entries (O(m) per pair),
 *     then stepped off along n_a + n_b;
 *  2. by the max-margin LP on both hyperplanes (float; its point stepped off likewise). A pair the
 *     float LP rejects is "no ridge" with tier `float` (or decided by the exact LP on request);
 *     pairs past the LP budget stay undecided.
 * A facet without a float certificate (found by the exact LP) falls back to an exact point on both
 * hyperplanes (ontoTwoHyperplanes) checked exactly.
 */
import { Rational, SqrtRational, angleFromCos } from '@mlgeo/exact-arith';
import { slackFloat, strictlyFeasibleExact } from '../engines/lp-bridge.js';
import type { CellFacets } from './facets.js';
import { type RowTable, ontoTwoHyperplanes, rowDot, rowTable, rowValue } from './float-rows.js';
import type { CellSystem } from './system.js';

/** One ridge of a cell: facets a < b (row indices), the cell's angle there. */
export interface CellRidge {
  a: number;
  b: number;
  /** cos θ = −n_a·n_b (float). */
  cosFloat: number;
  /** θ ∈ (0, π) in radians (float, from the exact cosine when `exactCos`). */
  angle: number;
  /** cos θ exactly as r·√q (with `exactCos`). */
  cos?: SqrtRational;
  /** The (+,+) certificate point: g_a > 0, g_b > 0, every other row < 0 (float64 = exact rational). */
  point?: number[];
}

/** Options of {@link cellRidges}. */
export interface RidgeOptions {
  /**
   * Facets taken into account: all (default) or the `maxFacets` nearest to the centre (the pairs
   * among them are decided; stated in the result as `facetsUsed`).
   */
  maxFacets?: number;
  /** Float LPs allowed per cell after the cheap test (default Infinity). */
  maxLPs?: number;
  /** Decide pairs the float LP rejects by the exact LP. */
  exactNegatives?: boolean;
  /** Compute cos θ exactly (r·√q; normal forms of large radicands cost time). */
  exactCos?: boolean;
  /** Called before each pair's LP (a caller's budget check inside one cell; may throw). */
  onStep?: () => void;
}

/** Ridges of one cell with counters of how the pairs were decided. */
export interface CellRidges {
  ridges: CellRidge[];
  /** Facet rows whose pairs were examined. */
  facetsUsed: number[];
  pairs: number;
  stats: { cheap: number; lp: number; floatNo: number; exactNo: number; undecided: number };
  /** `exact` when every "no ridge" was proven by the exact LP, else `float`. */
  negativesTier: 'exact' | 'float';
}

/** cos θ = −(w_a·w_b)/(‖w_a‖‖w_b‖) exactly. */
export function exactRidgeCos(sys: CellSystem, a: number, b: number): SqrtRational {
  const wa = sys.exactRow(a).w;
  const wb = sys.exactRow(b).w;
  let dot = 0n;
  let na = 0n;
  let nb = 0n;
  for (let i = 0; i < wa.length; i++) {
    dot += wa[i]! * wb[i]!;
    na += wa[i]! * wa[i]!;
    nb += wb[i]! * wb[i]!;
  }
  const q = na * nb;
  return SqrtRational.of(Rational.of(-dot, q), q);
}

/** The ridges among the cell's facets (see the module comment). */
export function cellRidges(
  sys: CellSystem,
  facets: CellFacets,
  centre: ArrayLike<number>,
  options: RidgeOptions = {},
  table: RowTable = rowTable(sys.rows),
): CellRidges {
  const m = sys.rows.length;
  // rows a certificate keeps strictly negative: the facets (and undecided rows, conservatively);
  // redundant rows are no constraint of the polytope and may pass through its ridges
  const active: number[] = [];
  const ignore = new Set<number>();
  for (let i = 0; i < m; i++)
    if ((facets.status[i] === 'facet' || facets.status[i] === 'undecided') && table.norm[i]! > 0)
      active.push(i);
    else ignore.add(i);
  const gc = Float64Array.from(sys.rows, (g) => rowValue(g, centre));
  let used = facets.facets;
  if (options.maxFacets !== undefined && used.length > options.maxFacets) {
    const dist = (i: number) => -gc[i]! / table.norm[i]!;
    used = [...used]
      .sort((x, y) => dist(x) - dist(y) || x - y)
      .slice(0, options.maxFacets)
      .sort((x, y) => x - y);
  }
  // Gram entries w_j·w_a for the facets used
  const gram = new Map<number, Float64Array>();
  for (const a of used)
    gram.set(
      a,
      Float64Array.from(active, (j) => rowDot(table, j, a)),
    );
  const pos = new Map(active.map((j, k) => [j, k]));
  const dups = (i: number) => [...facets.duplicateOf].filter(([, v]) => v === i).map(([k]) => k);
  const skipOf = (a: number, b: number) => new Set([a, b, ...dups(a), ...dups(b)]);
  const stats = { cheap: 0, lp: 0, floatNo: 0, exactNo: 0, undecided: 0 };
  const ridges: CellRidge[] = [];
  const budget = options.maxLPs ?? Infinity;
  let lps = 0;
  const atCert = new Map<number, Float64Array>();
  for (const a of used) {
    const y = facets.certificates.get(a);
    if (y)
      atCert.set(
        a,
        Float64Array.from(sys.rows, (g) => rowValue(g, y)),
      );
  }
  let scale = 0;
  for (let i = 0; i < centre.length; i++) scale = Math.max(scale, Math.abs(centre[i]!));
  const eps = 1e-9 * (scale + 1);
  /** p stepped along n_a + n_b by δ. */
  const offRidge = (a: number, b: number, p: ArrayLike<number>, delta: number): number[] => {
    const wa = sys.rows[a]!.wf;
    const wb = sys.rows[b]!.wf;
    const na = table.norm[a]!;
    const nb = table.norm[b]!;
    return Array.from(p, (x, k) => x + delta * (wa[k]! / na + wb[k]! / nb));
  };
  const tryFrom = (
    a: number,
    b: number,
    x: ArrayLike<number>,
    gx: Float64Array,
  ): number[] | undefined => {
    const ga = gram.get(a)!;
    const gb = gram.get(b)!;
    const Gaa = ga[pos.get(a)!]!;
    const Gbb = gb[pos.get(b)!]!;
    const Gab = ga[pos.get(b)!]!;
    const det = Gaa * Gbb - Gab * Gab;
    if (!(Math.abs(det) > 1e-14 * Gaa * Gbb)) return undefined;
    // μ solves G μ = (g_a(x), g_b(x)); p = x − μ_a w_a − μ_b w_b
    const va = gx[a]!;
    const vb = gx[b]!;
    const mua = (Gbb * va - Gab * vb) / det;
    const mub = (Gaa * vb - Gab * va) / det;
    for (let k = 0; k < active.length; k++) {
      const j = active[k]!;
      if (j === a || j === b) continue;
      const v = gx[j]! - mua * ga[k]! - mub * gb[k]!;
      if (!(v < -2 * eps * table.norm[j]!)) return undefined;
    }
    const wa = sys.rows[a]!.wf;
    const wb = sys.rows[b]!.wf;
    const p = Array.from(x, (xi, k) => xi - mua * wa[k]! - mub * wb[k]!);
    const y = offRidge(a, b, p, 0.5 * eps);
    return sys.signsHold(y, skipOf(a, b), ignore) ? y : undefined;
  };
  let pairs = 0;
  for (let ia = 0; ia < used.length; ia++)
    for (let ib = ia + 1; ib < used.length; ib++) {
      const a = used[ia]!;
      const b = used[ib]!;
      pairs++;
      // the four-quadrant certificate needs both facets' own certificates
      const quad = atCert.has(a) && atCert.has(b);
      let point = quad ? tryFrom(a, b, centre, gc) : undefined;
      if (!point && quad) point = tryFrom(a, b, facets.certificates.get(a)!, atCert.get(a)!);
      if (!point && quad) point = tryFrom(a, b, facets.certificates.get(b)!, atCert.get(b)!);
      let isRidge = point !== undefined;
      if (isRidge) stats.cheap++;
      else {
        if (lps >= budget) {
          stats.undecided++;
          continue;
        }
        lps++;
        options.onStep?.();
        const skip = skipOf(a, b);
        const others = active.filter((j) => !skip.has(j)).map((j) => sys.rows[j]!);
        const f = slackFloat(others, [sys.rows[a]!, sys.rows[b]!]);
        if (f.feasible && f.margin > 1e-9 && f.point) {
          if (quad) {
            // every other row ≤ −t‖w‖_∞ ≤ −t‖w‖₂/√d at the LP point; a step of t/(4√d) keeps it
            const y = offRidge(a, b, f.point, (0.25 * f.margin) / Math.sqrt(sys.d));
            if (sys.signsHold(y, skip, ignore)) point = y;
          } else {
            const y = ontoTwoHyperplanes(sys.exactRow(a), sys.exactRow(b), f.point);
            if (y && sys.strictlyInside(y, new Set([...skip, ...ignore]))) isRidge = true;
          }
        }
        if (point || isRidge) {
          isRidge = true;
          stats.lp++;
        } else if (options.exactNegatives || (f.feasible && f.margin > 1e-9)) {
          const exactOthers = active.filter((j) => !skip.has(j)).map((j) => sys.exactRow(j));
          isRidge = strictlyFeasibleExact(exactOthers, [sys.exactRow(a), sys.exactRow(b)]);
          if (!isRidge) stats.exactNo++;
          else stats.lp++;
        } else stats.floatNo++;
      }
      if (!isRidge) continue;
      const dot = gram.get(a)![pos.get(b)!]!;
      const cosFloat = -dot / (table.norm[a]! * table.norm[b]!);
      const ridge: CellRidge = {
        a,
        b,
        cosFloat,
        angle: Math.acos(Math.max(-1, Math.min(1, cosFloat))),
      };
      if (options.exactCos) {
        ridge.cos = exactRidgeCos(sys, a, b);
        ridge.angle = angleFromCos(ridge.cos);
      }
      if (point) ridge.point = point;
      ridges.push(ridge);
    }
  return {
    ridges,
    facetsUsed: used,
    pairs,
    stats,
    negativesTier: stats.floatNo === 0 ? 'exact' : 'float',
  };
}
