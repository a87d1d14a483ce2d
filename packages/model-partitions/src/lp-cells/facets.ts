/**
 * Chebyshev ball and irredundant facets of one cell by LP only (no vertices), docs/math.md "LP
 * tier". Every positive claim carries an exact rational certificate point; float LPs only propose.
 *
 * - Chebyshev ball: the float LP max r s.t. g_i(x) + ‖w_i‖₂ r ≤ 0 gives a centre; the centre is
 *   rounded to the rational it is and certified strictly inside, and the reported radius is the
 *   exact distance from that centre to the nearest row, min_i −g_i(c)/‖w_i‖ (an r·√q value), so the
 *   reported ball lies in the cell and touches a facet exactly; its optimality is float.
 * - Facets: row i is a facet iff some point has g_i = 0 and every other (distinct) row < 0. Cheap
 *   test first: the foot of the perpendicular from the centre onto g_i = 0, moved exactly onto the
 *   hyperplane and checked exactly. Then the max-margin LP on the hyperplane (float, its point
 *   certified exactly). A row that the float LP finds without a strictly interior point is reported
 *   redundant with tier `float`, or decided by the exact LP when `exactRedundancy` is set. Rows past
 *   the LP budget stay `undecided` (never guessed).
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import { maxMarginFloat } from '@mlgeo/exact-polytope';
import type { IntAffine } from '../engines/affine.js';
import type { FloatRow } from '../engines/cell-rows.js';
import { slackFloat, strictlyFeasibleExact } from '../engines/lp-bridge.js';
import { type HVertex, exactValue, vertexToRationals } from '../engines/vcell.js';
import { type RowTable, exactPoint, rowDot, rowTable, tableDot, tableValue } from './float-rows.js';
import type { CellSystem } from './system.js';
import { WarmSimplex } from './warm-simplex.js';

/** Status of one row of a cell. */
export type RowStatus = 'facet' | 'redundant' | 'duplicate' | 'undecided';

/** Chebyshev ball of a cell. */
export interface ChebyshevBall {
  /** The centre: a rational point (the float LP's centre, exactly), certified strictly inside. */
  centre: Rational[];
  /** Float copy of the centre. */
  centreFloat: number[];
  /** Exact distance from the centre to the cell's boundary (r·√q): the ball lies in the cell. */
  radius: SqrtRational;
  /** Float radius of the LP optimum (the largest ball, float tier). */
  radiusFloat: number;
  /** A row the exact ball touches (the nearest row; a facet). */
  touches: number;
}

/** Facets and row statuses of a cell. */
export interface CellFacets {
  status: RowStatus[];
  /** Row indices of the certified facets, increasing. */
  facets: number[];
  /**
   * For each facet row (found by the float tests): a point y (float64, so an exact rational) with
   * g_i(y) > 0 and every other row < 0, certified exactly. With the interior centre c, the segment
   * from c to y crosses g_i = 0 where every other row is < 0: row i is a facet.
   */
  certificates: Map<number, number[]>;
  /** For a duplicate row: the facet row with the same hyperplane. */
  duplicateOf: Map<number, number>;
  /** `exact` when every redundant row was proven by the exact LP, else `float`. */
  redundancyTier: 'exact' | 'float';
  stats: {
    foot: number;
    lp: number;
    floatRedundant: number;
    exactRedundant: number;
    exactLPs: number;
    undecided: number;
    /** Float LPs decided over the known facets only (Clarkson-style). */
    smallLP: number;
    /** Rows settled by the warm simplex (Clarkson), and its pivots. */
    warm: number;
    warmPivots: number;
  };
}

/** Options of {@link cellFacets}. */
export interface FacetOptions {
  /** Decide every float "redundant" by the exact LP (slow in high d). Default false. */
  exactRedundancy?: boolean;
  /** Float LPs allowed per cell after the cheap tests (default Infinity). */
  maxLPs?: number;
  /** Clarkson's redundancy removal on a warm simplex before the per-row LPs (default true). */
  warm?: boolean;
  /** Steps of the maximal-violation relaxation per row (default 0 with `warm`, else 2d + 10). */
  relaxationSteps?: number;
  /**
   * Called before each row's LP work (the warm simplex and the per-row LPs): a caller's budget
   * check inside one cell, whose LPs take minutes in 784-D (it may throw to stop).
   */
  onStep?: () => void;
}

/** Exact distance −g(x)/‖w‖ of a rational point to a row's hyperplane, as r·√q. */
export function exactRowDistance(g: IntAffine, x: HVertex): SqrtRational {
  let n2 = 0n;
  for (const v of g.w) n2 += v * v;
  // −g(x) = −(w·X + c D)/D; distance = (−g(x)/‖w‖²)·√‖w‖²
  const r = Rational.of(-exactValue(g, x), x.den * n2);
  return SqrtRational.of(r, n2);
}

/** The nearest row to x: float screen, then exact comparison of the near-ties (by r²q). */
export function nearestRow(
  sys: CellSystem,
  table: RowTable,
  x: HVertex,
  rowsToUse?: readonly number[],
): { row: number; distance: SqrtRational; distanceFloat: number } {
  const idx = rowsToUse ?? sys.rows.map((_, i) => i);
  const dist = idx.map((i) => -tableValue(table, i, x.xf) / table.norm[i]!);
  let min = Infinity;
  for (const v of dist) if (v < min) min = v;
  const tol = Math.abs(min) * 1e-7 + 1e-300;
  const near = idx.filter((_, k) => dist[k]! <= min + tol);
  if (near.length > 1) {
    // near-ties (the Chebyshev centre is equidistant from d + 1 rows): compare the squared
    // distances g(x)²/‖w‖² as rationals, and form the r·√q value of the winner only
    const sq = near.map((i) => {
      const g = sys.exactRow(i);
      let n2 = 0n;
      for (const v of g.w) n2 += v * v;
      const v = exactValue(g, x);
      return { i, v, sq: Rational.of(v * v, x.den * x.den * n2) };
    });
    if (sq.every((e) => e.v < 0n)) {
      let win = sq[0]!;
      for (const e of sq) if (e.sq.cmp(win.sq) < 0) win = e;
      const distance = exactRowDistance(sys.exactRow(win.i), x);
      return { row: win.i, distance, distanceFloat: distance.toNumber() };
    }
  }
  let best: { row: number; distance: SqrtRational } | undefined;
  near.forEach((i) => {
    const dd = exactRowDistance(sys.exactRow(i), x);
    if (!best || dd.cmp(best.distance) < 0) best = { row: i, distance: dd };
  });
  return { ...best!, distanceFloat: best!.distance.toNumber() };
}

/**
 * The Chebyshev ball (see the module comment). `scale` bounds the radius from above (the LP caps
 * r·/scale at 1; the bound is doubled until the cap is not active).
 */
export function chebyshevBall(
  sys: CellSystem,
  table: RowTable = rowTable(sys.rows),
  scale = 1,
): ChebyshevBall | undefined {
  const rows = sys.rows;
  let s = scale;
  for (let attempt = 0; attempt < 64; attempt++) {
    const r = maxMarginFloat(
      rows.map((g) => g.wf),
      Array.from(table.norm, (n) => (n > 0 ? n * s : 1)),
      rows.map((g) => -g.cf),
    );
    if (r.status !== 'optimal' || !r.x || !(r.t > 0)) return undefined;
    if (r.t >= 1 - 1e-9) {
      s /= 2;
      continue;
    }
    if (!sys.signsHold(r.x, new Set())) return undefined;
    const c = exactPoint(r.x);
    const near = nearestRow(sys, table, c);
    return {
      centre: vertexToRationals(c),
      centreFloat: Array.from(c.xf),
      radius: near.distance,
      radiusFloat: r.t / s,
      touches: near.row,
    };
  }
  return undefined;
}

const floatKey = (g: { wf: ArrayLike<number>; cf: number }): string => {
  let m = Math.abs(g.cf);
  for (let i = 0; i < g.wf.length; i++) m = Math.max(m, Math.abs(g.wf[i]!));
  const parts = [(g.cf / m).toPrecision(9)];
  for (let i = 0; i < g.wf.length; i++) parts.push((g.wf[i]! / m).toPrecision(9));
  return parts.join(',');
};

const sameRow = (a: IntAffine, b: IntAffine) => a.c === b.c && a.w.every((v, i) => v === b.w[i]);

/** Irredundant facets of the cell (see the module comment); `centre` is a float interior point. */
export function cellFacets(
  sys: CellSystem,
  centre: ArrayLike<number>,
  options: FacetOptions = {},
  table: RowTable = rowTable(sys.rows),
): CellFacets {
  const m = sys.rows.length;
  const status: RowStatus[] = new Array(m).fill('undecided');
  const certificates = new Map<number, number[]>();
  const duplicateOf = new Map<number, number>();
  const stats = {
    foot: 0,
    lp: 0,
    floatRedundant: 0,
    exactRedundant: 0,
    exactLPs: 0,
    undecided: 0,
    smallLP: 0,
    warm: 0,
    warmPivots: 0,
  };
  // constant rows (w = 0) are no facets; duplicates: same float key, confirmed exactly
  const groups = new Map<string, number[]>();
  const reps: number[] = [];
  for (let i = 0; i < m; i++) {
    if (table.norm[i] === 0) {
      status[i] = 'redundant';
      continue;
    }
    const key = floatKey(sys.rows[i]!);
    const g = groups.get(key);
    const same = g?.find((j) => sameRow(sys.exactRow(j), sys.exactRow(i)));
    if (same !== undefined) {
      duplicateOf.set(i, same);
      status[i] = 'duplicate';
      continue;
    }
    if (g) g.push(i);
    else groups.set(key, [i]);
    reps.push(i);
  }
  const skipOf = (i: number): Set<number> => {
    const s = new Set<number>([i]);
    for (const [k, v] of duplicateOf) if (v === i) s.add(k);
    return s;
  };
  const gc = Float64Array.from(sys.rows, (_, i) => tableValue(table, i, centre));
  // Gram columns w_k·w_j over the representative rows (cached; 1-sparse rows are O(1))
  const columns = new Map<number, Float64Array>();
  const column = (j: number): Float64Array => {
    let c = columns.get(j);
    if (!c) columns.set(j, (c = Float64Array.from(reps, (k) => rowDot(table, k, j))));
    return c;
  };
  const at = new Map(reps.map((k, n) => [k, n]));
  let scale = 0;
  for (let i = 0; i < centre.length; i++) scale = Math.max(scale, Math.abs(centre[i]!));
  const eps = 1e-9 * (scale + 1);
  // 1. foot of the perpendicular from the centre onto g_i = 0, then a few steps of the
  //    maximal-violation relaxation (Agmon–Motzkin) inside that hyperplane: cheap O(m) updates of
  //    the row values through Gram columns, no LP
  const pending: number[] = [];
  const R = reps.length;
  const invNorm = Float64Array.from(reps, (k) => 1 / table.norm[k]!);
  const vals = new Float64Array(R);
  // steps of the relaxation per row: most facets need a few; the rest go to the (small) LP
  const useWarm = options.warm ?? true;
  // with the warm simplex (step 2) the relaxation does not pay: it is the LP path's cheap test
  const maxSteps = options.relaxationSteps ?? (useWarm ? 0 : 2 * sys.d + 10);
  for (const i of reps) {
    if (maxSteps === 0) {
      pending.push(i);
      continue;
    }
    const ci = column(i);
    const iPos = at.get(i)!;
    const Gii = ci[iPos]!;
    const lam = gc[i]! / Gii;
    for (let n = 0; n < R; n++) vals[n] = gc[reps[n]!]! - lam * ci[n]!;
    const yf = Array.from(centre, (x, k) => x - lam * sys.rows[i]!.wf[k]!);
    let ok = false;
    for (let step = 0; step < maxSteps; step++) {
      let worst = -1;
      let worstV = 0;
      for (let n = 0; n < R; n++) {
        if (n === iPos) continue;
        const v = vals[n]! * invNorm[n]! + eps;
        if (v > worstV) {
          worstV = v;
          worst = n;
        }
      }
      if (worst < 0) {
        ok = true;
        break;
      }
      const j = reps[worst]!;
      const cj = column(j);
      const Gji = ci[worst]!;
      const r = Gji / Gii;
      const wju = cj[worst]! - r * Gji;
      if (!(wju > 1e-14 * cj[worst]!)) break;
      const t = (-2 * eps * table.norm[j]! - vals[worst]!) / wju;
      for (let n = 0; n < reps.length; n++) vals[n]! += t * (cj[n]! - r * ci[n]!);
      const wj = sys.rows[j]!.wf;
      const wi = sys.rows[i]!.wf;
      for (let k = 0; k < yf.length; k++) yf[k]! += t * (wj[k]! - r * wi[k]!);
    }
    if (ok) {
      // a point just beyond g_i = 0, strictly inside every other row
      const ni = table.norm[i]!;
      const wi = sys.rows[i]!.wf;
      const beyond = yf.map((x, k) => x + (0.5 * eps * wi[k]!) / ni);
      if (sys.signsHold(beyond, skipOf(i))) {
        status[i] = 'facet';
        certificates.set(i, beyond);
        stats.foot++;
        continue;
      }
    }
    pending.push(i);
  }
  // 2. Clarkson's redundancy removal on one warm simplex (warm-simplex.ts): maximise g_i over the
  //    region Q of the rows known to be facets (and the domain rows); max < 0 proves row i
  //    redundant (float tier, checked from the optimum's multipliers against the original rows);
  //    otherwise the segment from the centre to the maximiser leaves the cell first through a
  //    facet j (certified by an exact check of a point just beyond), i itself or a new one, which
  //    joins Q. Rows it cannot settle go on to the LPs of step 3.
  const warmFacets = (): number[] => {
    const left: number[] = [];
    const lp = new WarmSimplex(table, centre);
    const into = (j: number) => lp.addRow(j);
    for (const j of reps) if (status[j] === 'facet') if (!into(j)) return pending;
    const order = [...pending].sort(
      (a, b) => -gc[a]! / table.norm[a]! - -gc[b]! / table.norm[b]! || a - b,
    );
    const gv = new Float64Array(m);
    for (const i of order) {
      if (status[i] !== 'undecided') continue;
      options.onStep?.();
      let settled = false;
      for (let round = 0; round < 4 * R + 8 && !settled; round++) {
        // a vertex with g_i > tol is enough for the ray below; only "redundant" needs the optimum
        const tol = 1e-9 * table.norm[i]! * (scale + 1);
        const opt = lp.maximise(i, -table.c[i]! + 1e3 * tol);
        stats.warmPivots += opt.pivots;
        let v: Float64Array;
        if (opt.status === 'unbounded') {
          // a point of Q far enough along the ray to have g_i > 0
          const u = opt.ray!;
          const x0 = opt.x!;
          const slope = tableDot(table, i, u);
          if (!(slope > 0)) break;
          const s0 = (Math.abs(tableValue(table, i, x0)) + table.norm[i]! * (scale + 1)) / slope;
          v = x0.map((x, k) => x + s0 * u[k]!);
        } else if (opt.status === 'above') v = opt.x!;
        else if (opt.status !== 'optimal') break;
        else {
          v = opt.x!;
          // max over Q of g_i ≤ g_i(v) − Σ λ_j g_j(v) + r·(x − v), r = w_i − Σ λ_j w_j (g_j ≤ 0 on Q)
          const D = sys.d;
          const r = table.w.slice(i * D, (i + 1) * D);
          let lamG = 0;
          for (const [j, lam] of opt.duals!) {
            for (let k = 0; k < D; k++) r[k]! -= lam * table.w[j * D + k]!;
            lamG += lam * tableValue(table, j, v);
          }
          let rn = 0;
          let vn = 0;
          for (let k = 0; k < r.length; k++) {
            rn += r[k]! ** 2;
            vn = Math.max(vn, Math.abs(v[k]!));
          }
          const gi = tableValue(table, i, v);
          const bound = gi - lamG + Math.sqrt(rn) * 4 * Math.sqrt(sys.d) * (vn + scale + 1);
          if (bound < -tol) {
            // with exactRedundancy the exact LP of step 3 decides it
            if (options.exactRedundancy) break;
            status[i] = 'redundant';
            stats.floatRedundant++;
            stats.warm++;
            settled = true;
            break;
          }
          if (!(gi > tol)) break;
        }
        // the segment c → v: the first row to turn positive
        let first = -1;
        let tFirst = Infinity;
        let tSecond = Infinity;
        for (const j of reps) {
          const g = tableValue(table, j, v);
          gv[j] = g;
          if (!(g > 0)) continue;
          const t = -gc[j]! / (g - gc[j]!);
          if (t < tFirst) {
            tSecond = tFirst;
            tFirst = t;
            first = j;
          } else if (t < tSecond) tSecond = t;
        }
        if (first < 0 || !(tSecond - tFirst > 1e-9 * tFirst)) break;
        const t = tFirst + Math.min(tSecond - tFirst, 1 - tFirst) / 2;
        const y = Array.from(centre, (c, k) => c + t * (v[k]! - c));
        if (!sys.signsHold(y, skipOf(first))) break;
        status[first] = 'facet';
        certificates.set(first, y);
        stats.warm++;
        if (first === i) settled = true;
        if (!into(first)) return [...left, ...order.filter((k) => status[k] === 'undecided')];
      }
      if (!settled && status[i] === 'undecided') left.push(i);
    }
    return left;
  };
  const rest = useWarm ? warmFacets() : pending;
  // 3. max-margin LP on the hyperplane, its point certified exactly. Clarkson-style, the LP first
  //    runs over the known facets only (about half the rows): no strictly feasible point on g_i = 0
  //    against a subset of the rows means none against all of them (row i redundant, float tier as
  //    before); a point of the small LP that passes the exact test against ALL rows certifies the
  //    facet; only otherwise the LP over every other row is solved.
  const budget = options.maxLPs ?? Infinity;
  let lps = 0;
  const known = new Set<number>(certificates.keys());
  // the simplex may stop at the first point with a margin of a fraction of the centre's distance
  // to the boundary (a facet needs a strictly feasible point, not the largest margin); a point it
  // cannot certify, and every "no margin" answer, come from the LP solved to optimality
  let rCentre = Infinity;
  for (const k of reps) rCentre = Math.min(rCentre, -gc[k]! / table.norm[k]!);
  const stopAt = rCentre > 0 ? 0.05 * rCentre : Infinity;
  const lpFacet = (
    rowsL: readonly FloatRow[],
    i: number,
  ): { f: ReturnType<typeof slackFloat>; beyond?: number[] } => {
    const beyondOf = (f: ReturnType<typeof slackFloat>) => {
      // the LP point has every other row ≤ −t‖w‖_∞ ≤ −t‖w‖₂/√d: a step of t/(2√d) beyond keeps them
      const step = (0.5 * f.margin) / Math.sqrt(sys.d) / table.norm[i]!;
      const wi = sys.rows[i]!.wf;
      return f.point!.map((x, k) => x + step * wi[k]!);
    };
    let f = slackFloat(rowsL, [sys.rows[i]!], stopAt);
    if (f.feasible && f.margin >= stopAt && f.point) {
      const b = beyondOf(f);
      if (sys.signsHold(b, skipOf(i))) return { f, beyond: b };
      f = slackFloat(rowsL, [sys.rows[i]!]);
    }
    if (f.feasible && f.margin > 1e-9 && f.point) {
      const b = beyondOf(f);
      if (sys.signsHold(b, skipOf(i))) return { f, beyond: b };
    }
    return { f };
  };
  for (const i of rest) {
    if (status[i] !== 'undecided') continue;
    options.onStep?.();
    if (lps >= budget) {
      stats.undecided++;
      continue;
    }
    lps++;
    if (known.size > 0 && known.size < reps.length - 1) {
      const small = reps.filter((j) => j !== i && known.has(j)).map((j) => sys.rows[j]!);
      const { f: fs, beyond: bs } = lpFacet(small, i);
      if (bs) {
        status[i] = 'facet';
        certificates.set(i, bs);
        known.add(i);
        stats.lp++;
        stats.smallLP++;
        continue;
      }
      if (!(fs.feasible && fs.margin > 1e-9)) {
        if (!options.exactRedundancy) {
          status[i] = 'redundant';
          stats.floatRedundant++;
          stats.smallLP++;
          continue;
        }
        // the exact LP over the same subset: infeasible there proves redundancy exactly
        stats.exactLPs++;
        const sub = reps.filter((j) => j !== i && known.has(j)).map((j) => sys.exactRow(j));
        if (!strictlyFeasibleExact(sub, [sys.exactRow(i)])) {
          status[i] = 'redundant';
          stats.exactRedundant++;
          stats.smallLP++;
          continue;
        }
      }
    }
    const others = reps.filter((j) => j !== i).map((j) => sys.rows[j]!);
    const { f, beyond } = lpFacet(others, i);
    if (beyond) {
      status[i] = 'facet';
      certificates.set(i, beyond);
      known.add(i);
      stats.lp++;
      continue;
    }
    if (options.exactRedundancy || (f.feasible && f.margin > 1e-9)) {
      // exact LP: float said facet but no certificate, or exact redundancy requested
      stats.exactLPs++;
      const exactOthers = reps.filter((j) => j !== i).map((j) => sys.exactRow(j));
      const facet = strictlyFeasibleExact(exactOthers, [sys.exactRow(i)]);
      status[i] = facet ? 'facet' : 'redundant';
      if (!facet) stats.exactRedundant++;
      continue;
    }
    status[i] = 'redundant';
    stats.floatRedundant++;
  }
  const redundancyTier = stats.floatRedundant === 0 ? 'exact' : 'float';
  const facets = status.flatMap((s, i) => (s === 'facet' ? [i] : []));
  return { status, facets, certificates, duplicateOf, redundancyTier, stats };
}
