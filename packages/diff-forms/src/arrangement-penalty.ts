/**
 * The SPEC §6 penalties on the cells of the typed-array arrangement (plane-arrangement.ts): per
 * cell the line gradients of its edges (the formulas of planePenalty, through penalty-core), added
 * to the map gradient of the region that owns each line, then chained level by level to the weights
 * (the reverse of the SPEC §2 recursion, once per region instead of once per cell).
 *
 * A cell is evaluated by penaltyOfCell, either during the build right after its region's last cut
 * (uniform weighting: the cell's vertices are still in cache) or after the build (data masses).
 */
import { type Level, TAG, TAG_BITS, arena, wordsOf } from './arrangement-store.js';
import type { FloatMlp, MlpGradient } from './float-net.js';
import {
  DEFAULT_THETA_MIN,
  type PenaltyKind,
  addCosineGradient,
  angleHinge,
  sliverHinge,
} from './penalty-core.js';

/** Options of a penalty on the arrangement. */
export interface ArrangementPenaltyOptions {
  kind: PenaltyKind;
  thetaMin?: number;
  vMin?: number;
  weighting?: 'uniform' | 'mass';
}

/** Growable scratch of per-edge values. */
class Scratch {
  w0 = new Float64Array(64);
  w1 = new Float64Array(64);
  c = new Float64Array(64);
  sig = new Float64Array(64);
  nrm = new Float64Array(64);
  gw0 = new Float64Array(64);
  gw1 = new Float64Array(64);
  gc = new Float64Array(64);
  gvx = new Float64Array(64);
  gvy = new Float64Array(64);
  reserve(n: number): void {
    if (n <= this.w0.length) return;
    let len = this.w0.length;
    while (len < n) len *= 2;
    for (const k of ['w0', 'w1', 'c', 'sig', 'nrm', 'gw0', 'gw1', 'gc', 'gvx', 'gvy'] as const)
      this[k] = new Float64Array(len);
  }
}

/** The state of one penalty evaluation (module-level: one evaluation at a time). */
const P = {
  kind: 'angle' as PenaltyKind,
  thetaMin: DEFAULT_THETA_MIN,
  /** angle: cosines u ≥ uSkip give a zero hinge (see beginPenalty) */
  uSkip: 0,
  vMin: 0,
  mass: false,
  H: 0,
  value: 0,
  /** per level: maps, their gradients, words, words per region, width */
  LM: [] as Float64Array[],
  LG: [] as Float64Array[],
  LB: [] as Int32Array[],
  LNW: new Int32Array(0),
  LW: new Int32Array(0),
  /** anc[l] = the region of level l containing the cell being evaluated (anc[H] = the cell) */
  anc: new Int32Array(0),
};
const S = new Scratch();
const hingeOut = new Float64Array(1);
const ua = new Float64Array(2);
const ub = new Float64Array(2);
const gwa = new Float64Array(2);
const gwb = new Float64Array(2);

/**
 * Starts an evaluation: zeroes the map gradients of levels 0 … H − 1 (complete when called) and
 * looks up their arrays once; LB[H] (the cells' words) is set by refreshCells. With `fused` (during
 * the build, H = 2) the map gradients of level H − 1 are zeroed and chained region by region by
 * beginRegion / chainTopRegion instead.
 */
export function beginPenalty(
  net: FloatMlp,
  widths: readonly number[],
  options: ArrangementPenaltyOptions,
  fused: boolean,
): void {
  const A = arena;
  const H = widths.length;
  for (let l = 0; l < H; l++) {
    const lev = A.levels[l]!;
    const size = 3 * widths[l]! * lev.count;
    lev.gmaps.n = 0;
    lev.gmaps.reserve(size);
    if (!(fused && l === H - 1)) lev.gmaps.a.fill(0, 0, size);
    lev.gmaps.n = size;
  }
  chainBegin(net, widths);
  P.kind = options.kind;
  P.thetaMin = options.thetaMin ?? DEFAULT_THETA_MIN;
  // the angle hinge is 0 (and angleHinge returns 0 with derivative 0) when the normals' cosine
  // u ≥ −cos θ_min: then θ = π − arccos u ≤ θ_min. With the margin 1e-12, far above the rounding of
  // arccos and cos (|d arccos/du| ≥ 1), every vertex with u ≥ uSkip is such a vertex, so skipping
  // it without evaluating arccos changes nothing
  P.uSkip = -Math.cos(P.thetaMin) + 1e-12;
  P.vMin = options.vMin ?? 0;
  P.mass = options.weighting === 'mass';
  P.H = H;
  P.value = 0;
  P.LM = A.levels.slice(0, H + 1).map((lev) => lev.maps.a);
  P.LG = A.levels.slice(0, H + 1).map((lev) => lev.gmaps.a);
  P.LB = A.levels.slice(0, H + 1).map((lev) => lev.words.a);
  P.LW = Int32Array.from(widths);
  P.LNW = Int32Array.from(widths, wordsOf);
  if (P.anc.length < H + 1) P.anc = new Int32Array(H + 1);
}

/** The cells' words may have moved (the last level grows while it is built). */
export function refreshCells(): void {
  P.LB[P.H] = arena.levels[P.H]!.words.a;
}

/** The ancestors of every level ≥ 1 of the cells being evaluated (anc[0] = 0, the box). */
export const penaltyAnc = (): Int32Array => P.anc;

/** The value accumulated so far. */
export const penaltyValue = (): number => P.value;

/** The sign of line j of layer l on the cell: +1 where its bit (region anc[l + 1]) is 1. */
function sigOf(l: number, j: number): number {
  const w = P.LB[l + 1]![P.anc[l + 1]! * P.LNW[l]! + (j >>> 5)]!;
  return (w >>> (j & 31)) & 1 ? 1 : -1;
}

/**
 * Adds the penalty of the cell whose polygon is (s, n) in the pool, with area `area` and weight
 * `wt`, to the value, and its line gradients to the map gradients (P.anc holds its ancestors).
 */
export function penaltyOfCell(s: number, n: number, area: number, wt: number): void {
  if (wt === 0) return;
  const A = arena;
  const X = A.x.a;
  const Y = A.y.a;
  const TG = A.tag.a;
  const { LM, LG, LW, anc } = P;
  const kind = P.kind;
  if (kind === 'sliver') {
    // an inactive hinge (area ≥ v_min): nothing to add, no edge to look at
    const p = sliverHinge(area, P.vMin, wt, hingeOut);
    if (p === 0 && hingeOut[0] === 0) return;
    P.value += p;
    sliverEdges(s, n, hingeOut[0]!, sliverBaseOf());
    return;
  }
  S.reserve(n);
  const lw0 = S.w0;
  const lw1 = S.w1;
  const sig = S.sig;
  const nrm = S.nrm;
  const gw0 = S.gw0;
  const gw1 = S.gw1;
  const gc = S.gc;
  const angle = kind === 'angle';
  for (let e = 0; e < n; e++) {
    const t = TG[s + e]!;
    if (t >= 0) {
      const l = (t / TAG) | 0;
      const j = t - l * TAG;
      const M = LM[l]!;
      const mo = 3 * (LW[l]! * anc[l]! + j);
      lw0[e] = M[mo]!;
      lw1[e] = M[mo + 1]!;
      sig[e] = sigOf(l, j);
    } else {
      const side = -1 - t;
      const axis = side >> 1;
      const sgn = side % 2 === 0 ? 1 : -1;
      lw0[e] = axis === 0 ? sgn : 0;
      lw1[e] = axis === 1 ? sgn : 0;
      sig[e] = 1;
    }
    if (angle) nrm[e] = Math.sqrt(lw0[e]! * lw0[e]! + lw1[e]! * lw1[e]!);
    gw0[e] = gw1[e] = gc[e] = 0;
  }
  if (angle) {
    // outward unit normals −σ w/|w| of the edges (in gvx, gvy)
    const nx = S.gvx;
    const ny = S.gvy;
    for (let e = 0; e < n; e++) {
      nx[e] = (-sig[e]! * lw0[e]!) / nrm[e]!;
      ny[e] = (-sig[e]! * lw1[e]!) / nrm[e]!;
    }
    // whether a line gradient may be non-zero (set at an active vertex)
    let touched = false;
    const thetaMin = P.thetaMin;
    const uSkip = P.uSkip;
    for (let v = 0; v < n; v++) {
      const a = v === 0 ? n - 1 : v - 1;
      const b = v;
      const u = nx[a]! * nx[b]! + ny[a]! * ny[b]!;
      if (u >= uSkip) continue;
      ua[0] = nx[a]!;
      ua[1] = ny[a]!;
      ub[0] = nx[b]!;
      ub[1] = ny[b]!;
      const p = angleHinge(u, thetaMin, wt, hingeOut);
      if (p === 0 && hingeOut[0] === 0) continue;
      P.value += p;
      touched = true;
      gwa[0] = gwa[1] = gwb[0] = gwb[1] = 0;
      addCosineGradient(2, hingeOut[0]!, -sig[a]!, nrm[a]!, ua, ub, gwa);
      addCosineGradient(2, hingeOut[0]!, -sig[b]!, nrm[b]!, ub, ua, gwb);
      gw0[a] = gw0[a]! + gwa[0];
      gw1[a] = gw1[a]! + gwa[1];
      gw0[b] = gw0[b]! + gwb[0];
      gw1[b] = gw1[b]! + gwb[1];
    }
    if (!touched) return;
  } else {
    // boundary: ½ (or n_C/(2n)) of the length of the cell's edges on lines of units
    const k = P.mass ? wt / 2 : 0.5;
    const gvx = S.gvx;
    const gvy = S.gvy;
    for (let v = 0; v < n; v++) gvx[v] = gvy[v] = 0;
    for (let e = 0; e < n; e++) {
      if (TG[s + e]! < 0) continue;
      const e1 = e + 1 === n ? 0 : e + 1;
      const dx = X[s + e1]! - X[s + e]!;
      const dy = Y[s + e1]! - Y[s + e]!;
      const len = Math.sqrt(dx * dx + dy * dy);
      P.value += k * len;
      if (len === 0) continue;
      gvx[e1] = gvx[e1]! + (k * dx) / len;
      gvy[e1] = gvy[e1]! + (k * dy) / len;
      gvx[e] = gvx[e]! - (k * dx) / len;
      gvy[e] = gvy[e]! - (k * dy) / len;
    }
    // the vertex v = lines a ∩ b moves with them: λ = −M⁻ᵀ g, (w, c) += (λ v, λ) (penalties.ts)
    for (let v = 0; v < n; v++) {
      const g0 = gvx[v]!;
      const g1 = gvy[v]!;
      if (g0 === 0 && g1 === 0) continue;
      const a = v === 0 ? n - 1 : v - 1;
      const det = lw0[a]! * lw1[v]! - lw1[a]! * lw0[v]!;
      if (det === 0) continue;
      const la = -(lw1[v]! * g0 - lw0[v]! * g1) / det;
      const lb = -(-lw1[a]! * g0 + lw0[a]! * g1) / det;
      const vx = X[s + v]!;
      const vy = Y[s + v]!;
      gw0[a] = gw0[a]! + la * vx;
      gw1[a] = gw1[a]! + la * vy;
      gc[a] = gc[a]! + la;
      gw0[v] = gw0[v]! + lb * vx;
      gw1[v] = gw1[v]! + lb * vy;
      gc[v] = gc[v]! + lb;
    }
  }
  // line gradients → the map gradient of the region owning each line
  for (let e = 0; e < n; e++) {
    const t = TG[s + e]!;
    if (t < 0) continue;
    const l = (t / TAG) | 0;
    const j = t - l * TAG;
    const G = LG[l]!;
    const go = 3 * (LW[l]! * anc[l]! + j);
    G[go] = G[go]! + gw0[e]!;
    G[go + 1] = G[go + 1]! + gw1[e]!;
    G[go + 2] = G[go + 2]! + gc[e]!;
  }
}

/** The offsets 3 · width · region of the maps of each level's region holding the cells (P.anc). */
let sliverBase = new Int32Array(4);

/** sliverBase filled from P.anc[0 … H − 1]. */
export function sliverBaseOf(): Int32Array {
  const H = P.H;
  if (sliverBase.length < H) sliverBase = new Int32Array(2 * H);
  const base = sliverBase;
  const { LW, anc } = P;
  for (let l = 0; l < H; l++) base[l] = 3 * LW[l]! * anc[l]!;
  return base;
}

/**
 * The sliver penalty's edge gradients of the cell (s, n) with ∂P/∂area = dPdA, added to the map
 * gradients of the regions holding it (their map offsets in `base`, see sliverBaseOf). Box sides
 * carry no gradient: only the edges on lines of units are read. ∂area/∂c of the edge's line is
 * σ len/|w| (SPEC §6); the cell is counter-clockwise with outward normal −σ w/|w| on this edge, so
 * the edge vector is e = σ len (w1, −w0)/|w| and σ len/|w| = (e_x w1 − e_y w0)/|w|² — no square
 * root and no bit lookup (the same number up to rounding: e is parallel to the line up to the
 * rounding of its endpoints); ∂/∂w = ∂/∂c times the edge's midpoint.
 */
function sliverEdges(s: number, n: number, dPdA: number, base: Int32Array): void {
  const A = arena;
  const X = A.x.a;
  const Y = A.y.a;
  const TG = A.tag.a;
  const { LM, LG } = P;
  for (let e = 0; e < n; e++) {
    const t = TG[s + e]!;
    if (t < 0) continue;
    const l = t >>> TAG_BITS;
    const mo = base[l]! + 3 * (t & (TAG - 1));
    const M = LM[l]!;
    const w0 = M[mo]!;
    const w1 = M[mo + 1]!;
    const q = e + 1 === n ? s : s + e + 1;
    const px = X[s + e]!;
    const py = Y[s + e]!;
    const qx = X[q]!;
    const qy = Y[q]!;
    const f = (dPdA * ((qx - px) * w1 - (qy - py) * w0)) / (w0 * w0 + w1 * w1);
    const G = LG[l]!;
    G[mo] = G[mo]! + f * 0.5 * (px + qx);
    G[mo + 1] = G[mo + 1]! + f * 0.5 * (py + qy);
    G[mo + 2] = G[mo + 2]! + f;
  }
}

/**
 * The sliver penalty (uniform weighting) of a cell (s, n) of area `area` of the last level, in the
 * region P.anc[0 … H − 1] whose map offsets are `base` (sliverBaseOf, once per region): the same
 * terms in the same order as penaltyOfCell (the hinge of sliverHinge with weight 1 written out), so
 * the same value and gradients bit for bit.
 */
export function sliverCell(s: number, n: number, area: number, base: Int32Array): void {
  // sliverHinge(area, vMin, 1): 0 (no edge to look at) unless gap = vMin − area > 0
  const gap = P.vMin - area;
  if (gap <= 0) return;
  P.value += 1 * gap * gap;
  sliverEdges(s, n, -2 * 1 * gap, base);
}

/** The 1 bits of region r of `lev` (nw words each), in increasing order, into `on`; their count. */
function onBits(lev: Level, r: number, nw: number, on: Int32Array): number {
  const W = lev.words.a;
  let m = 0;
  for (let i = 0; i < nw; i++) {
    let x = W[r * nw + i]!;
    while (x !== 0) {
      on[m++] = 32 * i + 31 - Math.clz32(x & -x);
      x &= x - 1;
    }
  }
  return m;
}

/** The chain's state from chainBegin to chainEnd. */
const C = {
  net: undefined as FloatMlp | undefined,
  widths: [] as readonly number[],
  gradient: undefined as MlpGradient | undefined,
  on: new Int32Array(64),
};

/** Starts the chain to the weights: a zero gradient, and (level H − 1 = 1) the sums T zeroed. */
function chainBegin(net: FloatMlp, widths: readonly number[]): void {
  const H = widths.length;
  C.net = net;
  C.widths = widths;
  C.gradient = {
    weights: net.layers.map((l) => l.weights.map((r) => new Array<number>(r.length).fill(0))),
    bias: net.layers.map((l) => new Array<number>(l.bias.length).fill(0)),
  };
  const wmax = Math.max(0, ...widths);
  if (C.on.length < wmax) C.on = new Int32Array(wmax);
  if (H === 2) level1Begin();
}

/** The level-1 sums of sumLevel1 zeroed: T, the running sums S_j and the last bits of each row. */
function level1Begin(): void {
  const A = arena;
  const w = C.widths[1]!;
  const size = 3 * w * C.widths[0]!;
  A.t.reserve(size);
  A.t.a.fill(0, 0, size);
  A.runSum.reserve(3 * w);
  A.runSum.a.fill(0, 0, 3 * w);
  const rw = w * wordsOf(C.widths[0]!);
  A.runBits.reserve(rw);
  A.runBits.a.fill(0, 0, rw);
}

/**
 * Zeroes the map gradients of region r of level H − 1 on its candidate lines rows[0 … nr − 1] (the
 * only ones its cells' edges can lie on), before its cells are evaluated during the build.
 */
export function beginRegion(r: number, rows: Int32Array, nr: number): void {
  const H = P.H;
  const w = C.widths[H - 1]!;
  const G = arena.levels[H - 1]!.gmaps.a;
  for (let i = 0; i < nr; i++) {
    const go = 3 * (w * r + rows[i]!);
    G[go] = G[go + 1] = G[go + 2] = 0;
  }
}

/**
 * Chains the map gradients of region r of level H − 1 (H ≥ 2; complete when called) one level down: rows[0 … nr − 1]
 * (increasing), or every row when rows is null. For level 1 the parent is the box, whose maps
 * (W_0, b_0) every region shares: the row gradients are summed over the regions with bit k first,
 * T[j][k] = Σ_{regions, bit k} g_j, and multiplied once in chainEnd.
 */
export function chainTopRegion(r: number, rows: Int32Array | null, nr: number): void {
  const l = C.widths.length - 1;
  if (l === 1) sumLevel1(r, rows, rows === null ? C.widths[1]! : nr);
  else chainRows(l, r, rows, rows === null ? C.widths[l]! : nr);
}

/**
 * Level 1: the row gradients of region r (rows, or all) added to T (see chainTopRegion), by runs:
 * T[j][k] = Σ_{regions with bit k} g_j is, over the regions with a non-zero g_j in the order they
 * come, Σ over each run of consecutive such regions with bit k of (S_after − S_before), S the
 * running sum of g_j. So a region adds g_j to S_j once and touches T[j][k] only for the bits k in
 * which it differs from the previous region with row j (−S_j where bit k starts, +S_j where it
 * ends; the runs still open are closed in closeLevel1). Regions with the same row j are mostly
 * neighbours (the row is a line crossing them), so few bits differ: far fewer terms than adding
 * g_j to every 1 bit of every region (the same sums up to rounding).
 */
function sumLevel1(r: number, rows: Int32Array | null, n: number): void {
  const A = arena;
  const lev = A.levels[1]!;
  const w = C.widths[1]!;
  const wp = C.widths[0]!;
  const nw = wordsOf(wp);
  const G = lev.gmaps.a;
  const W = lev.words.a;
  const gb = C.gradient!.bias[1]!;
  const T = A.t.a;
  const S = A.runSum.a;
  const last = A.runBits.a;
  for (let ri = 0; ri < n; ri++) {
    const j = rows === null ? ri : rows[ri]!;
    const go = 3 * (w * r + j);
    const g0 = G[go]!;
    const g1 = G[go + 1]!;
    const g2 = G[go + 2]!;
    if (g0 === 0 && g1 === 0 && g2 === 0) continue;
    gb[j]! += g2;
    const s0 = S[3 * j]!;
    const s1 = S[3 * j + 1]!;
    const s2 = S[3 * j + 2]!;
    const to = 3 * wp * j;
    for (let i = 0; i < nw; i++) {
      const now = W[r * nw + i]!;
      let x = now ^ last[j * nw + i]!;
      last[j * nw + i] = now;
      while (x !== 0) {
        const b = 31 - Math.clz32(x & -x);
        x &= x - 1;
        const q = to + 3 * (32 * i + b);
        // −S where the bit starts (now 1), +S where it ends (× ±1 is exact)
        const sg = 1 - 2 * ((now >>> b) & 1);
        T[q] = T[q]! + sg * s0;
        T[q + 1] = T[q + 1]! + sg * s1;
        T[q + 2] = T[q + 2]! + sg * s2;
      }
    }
    S[3 * j] = s0 + g0;
    S[3 * j + 1] = s1 + g1;
    S[3 * j + 2] = s2 + g2;
  }
}

/** Level 1: the runs still open after the last region closed (+S_j for each 1 bit left). */
function closeLevel1(): void {
  const A = arena;
  const w = C.widths[1]!;
  const wp = C.widths[0]!;
  const nw = wordsOf(wp);
  const T = A.t.a;
  const S = A.runSum.a;
  const last = A.runBits.a;
  for (let j = 0; j < w; j++) {
    const to = 3 * wp * j;
    for (let i = 0; i < nw; i++) {
      let x = last[j * nw + i]!;
      while (x !== 0) {
        const q = to + 3 * (32 * i + 31 - Math.clz32(x & -x));
        x &= x - 1;
        T[q] = T[q]! + S[3 * j]!;
        T[q + 1] = T[q + 1]! + S[3 * j + 1]!;
        T[q + 2] = T[q + 2]! + S[3 * j + 2]!;
      }
    }
  }
}

/** Level 1: T times the box's maps, to the weights of layer 1 and the map gradients of the box. */
function multiplyLevel1(): void {
  const A = arena;
  const w = C.widths[1]!;
  const wp = C.widths[0]!;
  const Gp = A.levels[0]!.gmaps.a;
  const Mp = A.levels[0]!.maps.a;
  const T = A.t.a;
  const W = C.net!.layers[1]!.weights;
  const gW = C.gradient!.weights[1]!;
  for (let j = 0; j < w; j++) {
    const row = W[j]!;
    const gWj = gW[j]!;
    const to = 3 * wp * j;
    for (let k = 0; k < wp; k++) {
      const q = to + 3 * k;
      const t0 = T[q]!;
      const t1 = T[q + 1]!;
      const t2 = T[q + 2]!;
      if (t0 === 0 && t1 === 0 && t2 === 0) continue;
      gWj[k]! += t0 * Mp[3 * k]! + t1 * Mp[3 * k + 1]! + t2 * Mp[3 * k + 2]!;
      const wjk = row[k]!;
      Gp[3 * k] = Gp[3 * k]! + wjk * t0;
      Gp[3 * k + 1] = Gp[3 * k + 1]! + wjk * t1;
      Gp[3 * k + 2] = Gp[3 * k + 2]! + wjk * t2;
    }
  }
}

/** Level l ≥ 2: the row gradients of region r (rows, or all) to the weights and its parent's maps. */
function chainRows(l: number, r: number, rows: Int32Array | null, n: number): void {
  const A = arena;
  const widths = C.widths;
  const lev = A.levels[l]!;
  const par = A.levels[l - 1]!;
  const w = widths[l]!;
  const wp = widths[l - 1]!;
  const nw = wordsOf(wp);
  const G = lev.gmaps.a;
  const Gp = par.gmaps.a;
  const Mp = par.maps.a;
  const W = C.net!.layers[l]!.weights;
  const gW = C.gradient!.weights[l]!;
  const gb = C.gradient!.bias[l]!;
  const on = C.on;
  const po = 3 * wp * lev.parent.a[r]!;
  let m = -1;
  for (let ri = 0; ri < n; ri++) {
    const j = rows === null ? ri : rows[ri]!;
    const go = 3 * (w * r + j);
    const g0 = G[go]!;
    const g1 = G[go + 1]!;
    const g2 = G[go + 2]!;
    if (g0 === 0 && g1 === 0 && g2 === 0) continue;
    if (m < 0) m = onBits(lev, r, nw, on);
    gb[j]! += g2;
    const row = W[j]!;
    const gWj = gW[j]!;
    for (let i = 0; i < m; i++) {
      const k = on[i]!;
      const q = po + 3 * k;
      gWj[k]! += g0 * Mp[q]! + g1 * Mp[q + 1]! + g2 * Mp[q + 2]!;
      const wjk = row[k]!;
      Gp[q] = Gp[q]! + wjk * g0;
      Gp[q + 1] = Gp[q + 1]! + wjk * g1;
      Gp[q + 2] = Gp[q + 2]! + wjk * g2;
    }
  }
}

/**
 * Finishes the chain (the reverse of the SPEC §2 recursion; level l ≥ 1 maps are A_l = W_l D_{l−1}
 * A_{l−1}, c_l = W_l D c_{l−1} + b_l) once every region of level H − 1 went through chainTopRegion:
 * the level-1 sums times the box's maps, the levels H − 2 … 1 region by region, then layer 0.
 */
function chainEnd(): MlpGradient {
  const A = arena;
  const widths = C.widths;
  const H = widths.length;
  const gradient = C.gradient!;
  // level H − 1 went through chainTopRegion; levels H − 2 … 2 region by region; level 1 by T
  for (let l = H - 2; l >= 2; l--) {
    const count = A.levels[l]!.count;
    for (let r = 0; r < count; r++) chainRows(l, r, null, widths[l]!);
  }
  if (H >= 3) {
    level1Begin();
    const count = A.levels[1]!.count;
    for (let r = 0; r < count; r++) sumLevel1(r, null, widths[1]!);
  }
  if (H >= 2) {
    closeLevel1();
    multiplyLevel1();
  }
  if (H >= 1) {
    const G = A.levels[0]!.gmaps.a;
    for (let j = 0; j < widths[0]!; j++) {
      gradient.weights[0]![j]![0]! += G[3 * j]!;
      gradient.weights[0]![j]![1]! += G[3 * j + 1]!;
      gradient.bias[0]![j]! += G[3 * j + 2]!;
    }
  }
  C.net = undefined;
  C.gradient = undefined;
  return gradient;
}

/**
 * The map gradients of every level chained to the weights: for a penalty evaluated after the
 * build (level H − 1 region by region here), or to finish one evaluated during it.
 */
export function chainToWeights(fusedTop: boolean): MlpGradient {
  const H = C.widths.length;
  if (!fusedTop && H >= 2) {
    const count = arena.levels[H - 1]!.count;
    // two hidden layers: in the order the build cut them (arena.order, see spatialOrder)
    const order = H === 2 ? arena.order.a : null;
    for (let r = 0; r < count; r++) chainTopRegion(order === null ? r : order[r]!, null, 0);
  }
  return chainEnd();
}
