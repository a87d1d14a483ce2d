/**
 * Spectrum of Δ_0 = M_0⁻¹ K_0 (K_0 = B_1 M_1 B_1ᵀ) as the generalized symmetric problem
 * K_0 v = λ M_0 v (docs/math.md §7): float eigenvalues ascending, values below 1e-12·max reported
 * as 0, eigenvectors M_0-orthonormal, each pair with its residual ‖K_0 v − λ M_0 v‖₂.
 *
 * - `dense` (small complexes): the symmetric M_0^{-1/2} K_0 M_0^{-1/2} by Jacobi.
 * - `sparse`: the kernel of K_0 is known exactly — the indicator of each connected component of
 *   its graph — and is returned as the λ = 0 pairs without any iteration. The other smallest
 *   eigenvalues are the largest of T = K_0⁺ M_0 on the M_0-orthogonal complement of the kernel
 *   (shift-invert at σ = 0 with the kernel deflated): K_0 restricted to that complement is solved by
 *   a sparse LDLᵀ (nested-dissection ordering) of K_0 with one vertex per component grounded,
 *   followed by the M_0-orthogonal projection off the kernel. Lanczos in the M_0 inner product
 *   with full reorthogonalisation; Ritz pairs are accepted when their residual bound is below
 *   `tolerance`·θ. No spurious null modes can appear: the iteration never sees the kernel.
 */
import { CsrMatrix, type Field, isFloat64Field, seededRandom } from '@mlgeo/exact-arith';
import { symmetricEigen } from './dense-eigen.js';
import { LaplacianInputError } from './errors.js';
import { hodgeLaplacian } from './laplacians.js';
import { ldlFactorFloat } from './ldl.js';
import { symmetricTridiagonalEigen } from './tridiagonal-eigen.js';
import { type AnyWeightedComplex, FLOAT64, type WeightedComplex } from './weighted-complex.js';

/** One eigenpair of K v = λ M v. */
export interface Eigenpair {
  value: number;
  /** M-orthonormal eigenvector (one entry per cell). */
  vector: Float64Array;
  /** ‖K v − λ M v‖₂. */
  residual: number;
}

/** Options of {@link laplacianSpectrum}. */
export interface SpectrumOptions {
  /** How many of the smallest eigenpairs (default all for dense, 10 for sparse). */
  count?: number;
  /** `auto` (default: dense up to 400 cells), `dense` or `sparse`. */
  method?: 'auto' | 'dense' | 'sparse';
  /** Relative residual bound for Lanczos convergence (default 1e-10). */
  tolerance?: number;
  /** Largest Krylov dimension (default max(4·count, 60), at most n). */
  maxKrylov?: number;
  /** Seed of the Lanczos start vector (default 1). */
  seed?: number;
}

/** The result: eigenpairs ascending, plus how they were found. */
export interface Spectrum {
  method: 'dense' | 'sparse';
  pairs: Eigenpair[];
  /** Number of connected components of the graph of K_0 (= multiplicity of λ = 0). */
  components: number;
  /** Sparse: Krylov dimension used and nonzeros of the LDLᵀ factor. */
  krylovDimension?: number;
  factorNonzeros?: number;
  /** Sparse: whether every requested pair met the tolerance. */
  converged: boolean;
}

/** K and M as float64 (CSR K, M diagonal), from a complex. */
export function floatStiffnessAndMass<T>(c: WeightedComplex<T>): {
  K: CsrMatrix<number>;
  M: Float64Array;
} {
  const F: Field<T> = c.field;
  const K0 = hodgeLaplacian(c, 0).upStiffness;
  const K = isFloat64Field(F)
    ? (K0 as unknown as CsrMatrix<number>)
    : K0.map(FLOAT64, (x) => F.toNumber(x));
  const M = Float64Array.from(c.mass[0]!, (x) => F.toNumber(x));
  for (let i = 0; i < M.length; i++)
    if (!(M[i]! > 0))
      throw new LaplacianInputError(
        'MASS_ZERO',
        `cell ${i} has M_0 = ${M[i]}, the spectrum of M_0⁻¹ K needs M_0 > 0`,
        `mass[0][${i}]`,
        'leave out cells of zero volume or use the `mass` weights',
      );
  return { K, M };
}

/** Connected components of the graph of a symmetric matrix (off-diagonal nonzeros). */
export function matrixComponents(K: CsrMatrix<unknown>): { count: number; label: Int32Array } {
  const n = K.rows;
  const label = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1) continue;
    let top = 0;
    stack[top++] = s;
    label[s] = count;
    while (top > 0) {
      const v = stack[--top]!;
      for (let p = K.rowStart[v]!; p < K.rowStart[v + 1]!; p++) {
        const u = K.colIndex[p]!;
        if (label[u] === -1) {
          label[u] = count;
          stack[top++] = u;
        }
      }
    }
    count++;
  }
  return { count, label };
}

/** ‖K v − λ M v‖₂. */
function residualOf(
  K: CsrMatrix<number>,
  M: Float64Array,
  v: Float64Array,
  lambda: number,
): number {
  const Kv = K.mulVecFloat(v);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (Kv[i]! - lambda * M[i]! * v[i]!) ** 2;
  return Math.sqrt(s);
}

/** Kernel pairs: M-normalised component indicators, λ = 0. */
function kernelPairs(M: Float64Array, comps: { count: number; label: Int32Array }): Float64Array[] {
  const mass = new Float64Array(comps.count);
  for (let i = 0; i < M.length; i++) mass[comps.label[i]!]! += M[i]!;
  return Array.from({ length: comps.count }, (_, c) => {
    const v = new Float64Array(M.length);
    const h = 1 / Math.sqrt(mass[c]!);
    for (let i = 0; i < M.length; i++) if (comps.label[i] === c) v[i] = h;
    return v;
  });
}

function zeroSmall(values: number[]): number[] {
  const max = Math.max(0, ...values.map(Math.abs));
  return values.map((x) => (Math.abs(x) < 1e-12 * max ? 0 : x));
}

/** Dense: the symmetric M^{-1/2} K M^{-1/2} by Jacobi. */
function denseSpectrum(K: CsrMatrix<number>, M: Float64Array, count: number): Spectrum {
  const n = K.rows;
  const h = M.map((m) => 1 / Math.sqrt(m));
  const S = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let p = K.rowStart[i]!; p < K.rowStart[i + 1]!; p++) {
      const j = K.colIndex[p]!;
      S[i]![j] = h[i]! * (K.values[p] as number) * h[j]!;
    }
  const { values, vectors } = symmetricEigen(S);
  const shown = zeroSmall(values);
  const pairs = shown.slice(0, count).map((value, i) => {
    const vector = vectors[i]!.map((w, k) => w * h[k]!);
    return { value, vector, residual: residualOf(K, M, vector, value) };
  });
  return { method: 'dense', pairs, components: matrixComponents(K).count, converged: true };
}

/** Sparse: exact kernel + shift-invert Lanczos on its M-orthogonal complement. */
function sparseSpectrum(
  K: CsrMatrix<number>,
  M: Float64Array,
  count: number,
  options: SpectrumOptions,
): Spectrum {
  const n = K.rows;
  const comps = matrixComponents(K);
  const kernel = kernelPairs(M, comps);
  const pairs: Eigenpair[] = kernel
    .slice(0, count)
    .map((vector) => ({ value: 0, vector, residual: residualOf(K, M, vector, 0) }));
  const want = Math.min(count, n) - pairs.length;
  if (want <= 0) return { method: 'sparse', pairs, components: comps.count, converged: true };
  // ground the first vertex of every component: its row and column become the identity
  const grounded = new Uint8Array(n);
  const seen = new Uint8Array(comps.count);
  for (let i = 0; i < n; i++)
    if (!seen[comps.label[i]!]) {
      seen[comps.label[i]!] = 1;
      grounded[i] = 1;
    }
  // K with the grounded rows and columns replaced by the identity, built row by row (columns stay
  // ascending; no value becomes zero)
  const gStart = new Int32Array(n + 1);
  const gCols = new Int32Array(K.colIndex.length + n);
  const gVals = new Float64Array(K.colIndex.length + n);
  let nz = 0;
  for (let i = 0; i < n; i++) {
    if (grounded[i]) {
      gCols[nz] = i;
      gVals[nz++] = 1;
    } else
      for (let p = K.rowStart[i]!; p < K.rowStart[i + 1]!; p++) {
        const j = K.colIndex[p]!;
        if (grounded[j]) continue;
        gCols[nz] = j;
        gVals[nz++] = K.values[p] as number;
      }
    gStart[i + 1] = nz;
  }
  const Kg = new CsrMatrix(FLOAT64, n, n, gStart, gCols.slice(0, nz), gVals.slice(0, nz));
  const factor = ldlFactorFloat(Kg);
  const mdot = (a: Float64Array, b: Float64Array): number => {
    let t = 0;
    for (let i = 0; i < n; i++) t += a[i]! * M[i]! * b[i]!;
    return t;
  };
  /** M-orthogonal projection off the kernel and off the locked vectors (M-orthonormal). */
  const projectOff = (x: Float64Array, basis: readonly Float64Array[]): void => {
    for (const k of basis) {
      const t = mdot(k, x);
      if (t !== 0) for (let i = 0; i < n; i++) x[i]! -= t * k[i]!;
    }
  };
  const rhs = new Float64Array(n);
  const tol = options.tolerance ?? 1e-10;
  const rand = seededRandom(options.seed ?? 1);
  let krylovTotal = 0;

  /**
   * One Lanczos run for the `wanted` largest θ of T on the complement of `locked`. With a
   * `threshold` (the multiplicity check), the run also stops as soon as its largest Ritz value has
   * converged at or below the threshold: then nothing larger is visible from this start vector.
   */
  const run = (
    locked: readonly Float64Array[],
    wanted: number,
    threshold = Infinity,
  ): { pairs: { theta: number; vector: Float64Array }[]; ok: boolean } => {
    const deflate = [...kernel, ...locked];
    const room = n - deflate.length;
    if (room <= 0 || wanted <= 0) return { pairs: [], ok: true };
    const maxK = Math.min(room, options.maxKrylov ?? Math.max(4 * wanted + 20, 60));
    // the basis Q and M·Q (so that every M-inner product with a basis vector is a plain dot)
    const Q: Float64Array[] = [];
    const MQ: Float64Array[] = [];
    const alpha: number[] = [];
    const beta: number[] = [];
    let q = Float64Array.from({ length: n }, () => rand() - 0.5);
    projectOff(q, deflate);
    projectOff(q, deflate);
    const n0 = Math.sqrt(mdot(q, q));
    for (let i = 0; i < n; i++) q[i]! /= n0;
    const coef = new Float64Array(maxK);
    /** Classical Gram–Schmidt of w against Q (M-inner product); returns ‖w‖_M afterwards. */
    const orthogonalise = (w: Float64Array): number => {
      const m = Q.length;
      for (let j = 0; j < m; j++) {
        const mq = MQ[j]!;
        let t = 0;
        for (let i = 0; i < n; i++) t += w[i]! * mq[i]!;
        coef[j] = t;
      }
      for (let j = 0; j < m; j++) {
        const qj = Q[j]!;
        const t = coef[j]!;
        for (let i = 0; i < n; i++) w[i]! -= t * qj[i]!;
      }
      projectOff(w, deflate);
      return Math.sqrt(mdot(w, w));
    };
    let best: { theta: number[]; s: Float64Array[]; ok: boolean } = { theta: [], s: [], ok: false };
    for (let j = 0; j < maxK; j++) {
      const mq = new Float64Array(n);
      for (let i = 0; i < n; i++) mq[i] = M[i]! * q[i]!;
      Q.push(q);
      MQ.push(mq);
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) rhs[i] = grounded[i] ? 0 : mq[i]!;
      factor.solveInto(rhs, w);
      projectOff(w, deflate);
      let a = 0;
      for (let i = 0; i < n; i++) a += w[i]! * mq[i]!;
      alpha.push(a);
      // full reorthogonalisation; a second pass only when the first cancelled much of w
      // (the Daniel–Gragg–Kaufman–Stewart criterion: ‖w‖ shrank below ‖w₀‖/√2)
      const before = Math.sqrt(mdot(w, w));
      let b = orthogonalise(w);
      if (b < 0.7071 * before) b = orthogonalise(w);
      const m = Q.length;
      const last = m === maxK || b <= 1e-14 * Math.abs(alpha[0]!);
      if (m >= Math.min(wanted, 2) || last) {
        const eig = symmetricTridiagonalEigen(alpha, beta.slice(0, m - 1));
        const theta = eig.values.slice().reverse().slice(0, wanted);
        const sv = eig.vectors.slice().reverse().slice(0, wanted);
        const conv = (r: number) => Math.abs(b * sv[r]![m - 1]!) <= tol * Math.abs(theta[r]!);
        const ok = m >= wanted && theta.every((_, r) => conv(r));
        best = { theta, s: sv, ok };
        if (ok) break;
        // the largest Ritz value is within its residual bound |b·s| of an eigenvalue; when even
        // that bound stays at or below the threshold, this run sees nothing larger
        if (
          threshold < Infinity &&
          theta.length > 0 &&
          theta[0]! + Math.abs(b * sv[0]![m - 1]!) <= threshold
        ) {
          best = { theta: [], s: [], ok: true };
          break;
        }
      }
      if (last) break;
      beta.push(b);
      q = w;
      for (let i = 0; i < n; i++) q[i]! /= b;
    }
    krylovTotal += Q.length;
    const pairs = best.theta.map((theta, r) => {
      const v = new Float64Array(n);
      const sr = best.s[r]!;
      for (let i = 0; i < sr.length; i++) {
        const qi = Q[i]!;
        const si = sr[i]!;
        for (let k = 0; k < n; k++) v[k]! += si * qi[k]!;
      }
      const norm = Math.sqrt(mdot(v, v));
      for (let k = 0; k < n; k++) v[k]! /= norm;
      return { theta, vector: v };
    });
    return { pairs, ok: best.ok };
  };

  // Lanczos from one start vector cannot separate the copies of a multiple eigenvalue; a second
  // run on the M-orthogonal complement of what was found reveals any smaller eigenvalue missed,
  // which then replaces the largest found one (repeated until nothing smaller is left).
  const first = run([], want);
  let found = first.pairs;
  let ok = first.ok;
  for (let round = 0; round < 8 && found.length > 0; round++) {
    const smallest = Math.min(...found.map((p) => p.theta));
    const check = run(
      found.map((p) => p.vector),
      Math.min(want, 3),
      smallest * (1 + 1e-9),
    );
    const better = check.pairs.filter((p) => p.theta > smallest * (1 + 1e-9));
    if (better.length === 0) break;
    ok = ok && check.ok;
    found = [...found, ...better].sort((a, b) => b.theta - a.theta).slice(0, want);
  }
  for (const p of found) {
    const value = 1 / p.theta;
    pairs.push({ value, vector: p.vector, residual: residualOf(K, M, p.vector, value) });
  }
  pairs.sort((a, b) => a.value - b.value);
  return {
    method: 'sparse',
    pairs,
    components: comps.count,
    krylovDimension: krylovTotal,
    factorNonzeros: factor.nnzL,
    converged: ok,
  };
}

/** The smallest eigenpairs of Δ_0 of a weighted complex (K_0 v = λ M_0 v). */
export function laplacianSpectrum(c: AnyWeightedComplex, options: SpectrumOptions = {}): Spectrum {
  const { K, M } = floatStiffnessAndMass(c as WeightedComplex<unknown>);
  return generalizedSpectrum(K, M, options);
}

/** The smallest eigenpairs of K v = λ M v for a graph-Laplacian-like K (kernel: components). */
export function generalizedSpectrum(
  K: CsrMatrix<number>,
  M: Float64Array,
  options: SpectrumOptions = {},
): Spectrum {
  const n = K.rows;
  const method = options.method ?? 'auto';
  const dense = method === 'dense' || (method === 'auto' && n <= 400);
  const count = options.count ?? (dense ? n : 10);
  if (!Number.isInteger(count) || count < 0)
    throw new LaplacianInputError(
      'OPTION_INVALID',
      `count ${count} is not a natural number`,
      'options.count',
      'ask for a number of eigenpairs ≥ 0',
    );
  return dense ? denseSpectrum(K, M, count) : sparseSpectrum(K, M, count, options);
}
