/**
 * Float rays computed fresh from their zero set (issue 11, session 6).
 *
 * In double description every extreme ray z is determined, up to a positive factor, by the rows
 * tight on it: the rows of its zero set have rank k − 1 and z spans their null space. The filtered
 * path therefore computes a new ray's float copy from its zero set — a (k − 1) × k null-space solve
 * in float64, O(k³) — instead of combining its parents' float copies (sp·z⁻ − sn·z⁺), whose error
 * grows with every generation through cancellation. The error of the fresh copy depends only on
 * the conditioning of the zero set's rows, never on the ray's history.
 *
 * Method. Let A be the zero set's rows (integers, exactly representable: |a| < 2^53), j a column
 * (the largest entry of an approximation `hint` of the ray), A_S a choice of k − 1 of the rows
 * (all of them when the ray is simple, else chosen by elimination with partial pivoting), M the
 * (k − 1) × (k − 1) matrix A_S without column j and b = −(column j of A_S). With R ≈ M⁻¹ (Gauss–
 * Jordan with partial pivoting) the float solution is x̂ = fl(R b) and ŷ = (x̂ with ŷ_j = 1).
 *
 * Proven bound (a posteriori, Rump-style verification). Let C = I − R M (R as stored, exactly)
 * and α ≥ ‖C‖∞ an upper bound computed below. If α < 1 then R M = I − C is invertible, so M is
 * invertible, A_S has rank k − 1, and its null space is the line of the ray z: z = μ·y for the
 * vector y with y_j = 1 and M y' = b (y' = y without entry j), with μ = z_j ≠ 0. For the residual
 * ρ = M x̂ − b = A_S ŷ (exact value):
 *   x̂ − y' = M⁻¹ ρ = (R M)⁻¹ R ρ,  so  ‖x̂ − y'‖∞ ≤ ‖R ρ‖∞ / (1 − α) ≤ max_i Σ_l |R_il|·r_l / (1 − α),
 * where r_l ≥ |ρ_l|. Since ŷ_j = y_j = 1 this bounds |ŷ_t − y_t| for every t.
 * - r_l: ρ̂_l = fl(Σ_t a_lt ŷ_t) is a float sum of k products of exact operands, so
 *   |ρ_l − ρ̂_l| ≤ sumErrorBound(k, Σ_t |a_lt ŷ_t|) (Higham §3.1, error-bound.ts) and
 *   r_l = |ρ̂_l| + that bound.
 * - α: Ĉ_il = fl(δ_il − Σ_m R_im M_ml) is a float sum of k terms (δ_il and k − 1 products of
 *   exact operands), so |C_il| ≤ |Ĉ_il| + sumErrorBound(k, |δ_il| + Σ_m |R_im M_ml|), and
 *   |δ_il| + Σ_m |R_im M_ml| ≤ 1 + ‖R_i‖₁·max|M| (sumErrorBound is increasing in its magnitude),
 *   so one bound per row serves every l (session 7: the n³ loop no longer sums magnitudes).
 * Every bound is a sum or product of non-negative floats computed in float64; the result is
 * enlarged by the factor 1 + 2^-40, which exceeds the relative rounding of those O(k) operations
 * (each at most 1 + u, u = 2^-53, and k ≤ 2^10 here), and 1e-300 covers underflow.
 *
 * Orientation: the solve fixes the line, not the direction. A row g known to be positive on the
 * ray (g·z > 0, e.g. a row tight on exactly one of the two parents) decides it: with
 * ŝ = fl(g·ŷ) and δ = sumErrorBound(k, Σ|g_t ŷ_t|) + e·Σ|g_t|, ŝ > δ proves g·y > 0, hence μ > 0;
 * ŝ < −δ proves μ < 0 and ŷ is negated (exact). Otherwise no float ray is returned.
 *
 * The caller receives f = ŷ·2^p (a power-of-two scaling, exact) and e·2^p + 1e-300 with
 * |f_t − λ z_t| ≤ e for λ = 2^p/|μ| > 0, the contract of ray.ts. Whenever a step cannot be proved
 * (α ≥ 1/2, a zero pivot, a non-finite value, an undecided orientation) `undefined` is returned and
 * the caller computes the ray exactly.
 */
import { UNDERFLOW_SLACK, UNIT_ROUNDOFF, sumErrorBound } from '@mlgeo/exact-arith';

const INFLATE = 1 + 2 ** -40;
/** The verification is accepted only with ‖I − R M‖∞ ≤ this (a comfortable contraction). */
const MAX_CONTRACTION = 0.5;

/** Scratch arrays reused by every solve of one run (k fixed). */
export class FreshSolver {
  readonly k: number;
  private readonly n: number;
  private readonly m: Float64Array; // n × n
  private readonly r: Float64Array; // n × n (R)
  private readonly aug: Float64Array; // n × 2n (Gauss–Jordan)
  private readonly b: Float64Array;
  private readonly y: Float64Array;
  private readonly rho: Float64Array;
  private sel: Int32Array;
  private elim: Float64Array;
  /** A reusable list for the caller's zero-set rows. */
  readonly rowList: Float64Array[] = [];
  /** Reusable arrays (length k) for the caller's hint and result. */
  readonly hint: Float64Array;
  readonly out: Float64Array;
  /** Solves attempted / refused (for the statistics). */
  solves = 0;
  refused = 0;

  constructor(k: number) {
    this.k = k;
    const n = k - 1;
    this.n = n;
    this.m = new Float64Array(n * n);
    this.r = new Float64Array(n * n);
    this.aug = new Float64Array(n * 2 * n);
    this.b = new Float64Array(n);
    this.y = new Float64Array(k);
    this.rho = new Float64Array(n);
    this.sel = new Int32Array(n);
    this.elim = new Float64Array(0);
    this.hint = new Float64Array(k);
    this.out = new Float64Array(k);
  }

  /**
   * The float ray of the zero set `rows` (exact float copies of integer rows, each of length k,
   * rank k − 1 expected), oriented by `orient` (g·z > 0 for the true ray z). Writes f into `out`
   * and returns its bound e (see the module comment), or undefined when nothing could be proved.
   */
  solve(
    rows: readonly Float64Array[],
    hint: Float64Array,
    orient: Float64Array,
    orientL1: number,
    out: Float64Array,
  ): number | undefined {
    this.solves++;
    const e = this.run(rows, hint, orient, orientL1, out);
    if (e === undefined) this.refused++;
    return e;
  }

  private run(
    rows: readonly Float64Array[],
    hint: Float64Array,
    orient: Float64Array,
    orientL1: number,
    out: Float64Array,
  ): number | undefined {
    const { k, n, m: M, r: R, aug, b, y, rho } = this;
    const c = rows.length;
    if (c < n || n < 1) return undefined;
    // free column j: the largest entry of the approximation
    let j = 0;
    let best = -1;
    for (let t = 0; t < k; t++) {
      const a = Math.abs(hint[t]!);
      if (a > best) {
        best = a;
        j = t;
      }
    }
    if (!(best > 0)) return undefined;
    // k − 1 rows: all of a simple zero set, else by elimination with partial pivoting
    const sel = this.sel;
    if (c === n) for (let i = 0; i < n; i++) sel[i] = i;
    else if (!this.selectRows(rows, j)) return undefined;
    // M (columns ≠ j) and b = −column j, row by row; [M | I] for Gauss–Jordan
    const w = 2 * n;
    for (let i = 0; i < n; i++) {
      const row = rows[sel[i]!]!;
      let l = 0;
      for (let t = 0; t < k; t++) {
        if (t === j) continue;
        const v = row[t]!;
        M[i * n + l] = v;
        aug[i * w + l] = v;
        l++;
      }
      b[i] = -row[j]!;
      for (let l2 = 0; l2 < n; l2++) aug[i * w + n + l2] = i === l2 ? 1 : 0;
    }
    for (let col = 0; col < n; col++) {
      let p = col;
      let pv = Math.abs(aug[col * w + col]!);
      for (let i = col + 1; i < n; i++) {
        const a = Math.abs(aug[i * w + col]!);
        if (a > pv) {
          pv = a;
          p = i;
        }
      }
      if (!(pv > 0)) return undefined;
      if (p !== col)
        for (let t = 0; t < w; t++) {
          const tmp = aug[col * w + t]!;
          aug[col * w + t] = aug[p * w + t]!;
          aug[p * w + t] = tmp;
        }
      const inv = 1 / aug[col * w + col]!;
      for (let t = col; t < w; t++) aug[col * w + t] = aug[col * w + t]! * inv;
      for (let i = 0; i < n; i++) {
        if (i === col) continue;
        const f = aug[i * w + col]!;
        if (f === 0) continue;
        for (let t = col; t < w; t++) aug[i * w + t] = aug[i * w + t]! - f * aug[col * w + t]!;
      }
    }
    for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) R[i * n + l] = aug[i * w + n + l]!;
    // x̂ = R b, ŷ = (x̂ with 1 at j)
    let l = 0;
    for (let t = 0; t < k; t++) {
      if (t === j) {
        y[t] = 1;
        continue;
      }
      let s = 0;
      for (let q = 0; q < n; q++) s += R[l * n + q]! * b[q]!;
      y[t] = s;
      l++;
    }
    // r_i ≥ |(A_S ŷ)_i|
    for (let i = 0; i < n; i++) {
      const row = rows[sel[i]!]!;
      let s = 0;
      let a = 0;
      for (let t = 0; t < k; t++) {
        const p = row[t]! * y[t]!;
        s += p;
        a += p < 0 ? -p : p;
      }
      rho[i] = Math.abs(s) + sumErrorBound(k, a);
    }
    // α ≥ ‖I − R M‖∞, with one rounding bound per row: Σ_t |R_it M_tq| ≤ ‖R_i‖₁·max|M|
    let mMax = 0;
    for (let t = 0; t < n * n; t++) {
      const v = M[t]!;
      const av = v < 0 ? -v : v;
      if (av > mMax) mMax = av;
    }
    let alpha = 0;
    for (let i = 0; i < n; i++) {
      let rowSum = 0;
      let r1 = 0;
      for (let t = 0; t < n; t++) {
        const v = R[i * n + t]!;
        r1 += v < 0 ? -v : v;
      }
      for (let q = 0; q < n; q++) {
        let s = i === q ? 1 : 0;
        for (let t = 0; t < n; t++) s -= R[i * n + t]! * M[t * n + q]!;
        rowSum += Math.abs(s);
      }
      rowSum += n * sumErrorBound(k, 1 + r1 * mMax);
      if (rowSum > alpha) alpha = rowSum;
    }
    alpha *= INFLATE;
    if (!(alpha <= MAX_CONTRACTION)) return undefined;
    // ‖R ρ‖∞ / (1 − α)
    let rr = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let q = 0; q < n; q++) s += Math.abs(R[i * n + q]!) * rho[q]!;
      if (s > rr) rr = s;
    }
    let e = ((rr * INFLATE) / (1 - alpha)) * INFLATE + UNDERFLOW_SLACK;
    // orientation
    let s = 0;
    let a = 0;
    let mx = 0;
    for (let t = 0; t < k; t++) {
      const yt = y[t]!;
      const p = orient[t]! * yt;
      s += p;
      a += p < 0 ? -p : p;
      const ay = yt < 0 ? -yt : yt;
      if (ay > mx) mx = ay;
    }
    const delta = (sumErrorBound(k, a) + e * orientL1) * INFLATE;
    let sign: number;
    if (s > delta) sign = 1;
    else if (s < -delta) sign = -1;
    else return undefined;
    if (!Number.isFinite(e) || !Number.isFinite(mx) || !(mx > 0)) return undefined;
    // scale by a power of two (exact): max |f| in [1, 2)
    const scale = sign * 2 ** -Math.floor(Math.log2(mx));
    for (let t = 0; t < k; t++) out[t] = y[t]! * scale;
    e = e * Math.abs(scale) + UNDERFLOW_SLACK;
    if (!(e <= 2 ** -20)) return undefined; // precision guard: such a copy would rarely certify
    return e;
  }

  /** Chooses k − 1 independent-looking rows (columns ≠ j) by partial pivoting into `sel`. */
  private selectRows(rows: readonly Float64Array[], j: number): boolean {
    const { k, n } = this;
    const c = rows.length;
    if (this.elim.length < c * n) this.elim = new Float64Array(c * n);
    const E = this.elim;
    for (let i = 0; i < c; i++) {
      const row = rows[i]!;
      let l = 0;
      for (let t = 0; t < k; t++) if (t !== j) E[i * n + l++] = row[t]!;
    }
    const used = new Uint8Array(c);
    for (let col = 0; col < n; col++) {
      let p = -1;
      let pv = 0;
      for (let i = 0; i < c; i++) {
        if (used[i] === 1) continue;
        const v = Math.abs(E[i * n + col]!);
        if (v > pv) {
          pv = v;
          p = i;
        }
      }
      if (p < 0) return false;
      used[p] = 1;
      this.sel[col] = p;
      const inv = 1 / E[p * n + col]!;
      for (let i = 0; i < c; i++) {
        if (used[i] === 1) continue;
        const f = E[i * n + col]! * inv;
        if (f === 0) continue;
        for (let t = col; t < n; t++) E[i * n + t] = E[i * n + t]! - f * E[p * n + t]!;
      }
    }
    return true;
  }
}

/** Unit roundoff, re-exported for the tests' independent checks. */
export const U = UNIT_ROUNDOFF;
