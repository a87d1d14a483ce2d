/**
 * Spectral filters of a function on the cells (docs/math.md §7):
 * - Tikhonov (I + tΔ_0)⁻¹ f = (M_0 + tK_0)⁻¹ M_0 f — the order-1 spline with every cell observed
 *   and λ = t, so it is exact on exact complexes (same solver);
 * - heat e^{−tΔ_0} f (float): by the dense eigendecomposition for small complexes, else by the
 *   Lanczos approximation in the M_0 inner product, f ≈ ‖f‖_M Q e^{−tT} e_1, with the Krylov
 *   dimension grown until two successive approximations agree to 1e-12 relative.
 */
import { type Rational, isRational } from '@mlgeo/exact-arith';
import { symmetricTridiagonalEigen } from './tridiagonal-eigen.js';
import { LaplacianInputError } from './errors.js';
import { simplicialSpline } from './spline.js';
import { floatStiffnessAndMass, generalizedSpectrum } from './spectrum.js';
import type { AnyWeightedComplex, WeightedComplex } from './weighted-complex.js';

function checkTime(t: number | Rational): void {
  const ok = isRational(t) ? t.sign() >= 0 : Number.isFinite(t) && t >= 0;
  if (!ok)
    throw new LaplacianInputError(
      'OPTION_INVALID',
      `filter time t = ${String(t)} is not a finite number ≥ 0`,
      't',
      'give t ≥ 0',
    );
}

/** (I + tΔ_0)⁻¹ f; exact Rationals on an exact complex. */
export function tikhonovFilter(
  c: AnyWeightedComplex,
  f: readonly (number | Rational)[],
  t: number | Rational,
): Rational[] | number[] {
  checkTime(t);
  return simplicialSpline(c, f, { lambda: t, order: 1 }).values;
}

/** e^{−tΔ_0} f (float). */
export function heatFilter(
  c: AnyWeightedComplex,
  f: readonly (number | Rational)[],
  t: number,
): number[] {
  checkTime(t);
  const { K, M } = floatStiffnessAndMass(c as WeightedComplex<unknown>);
  const n = K.rows;
  if (f.length !== n)
    throw new LaplacianInputError(
      'VALUES_SHAPE',
      `${f.length} values for ${n} cells`,
      'f',
      'give one value per cell',
    );
  const x = Float64Array.from(f, (v) => (isRational(v) ? v.toNumber() : v));
  if (n <= 400) {
    // f = Σ_i e^{−tλ_i} v_i (v_iᵀ M f), v_i M-orthonormal
    const { pairs } = generalizedSpectrum(K, M, { method: 'dense' });
    const out = new Float64Array(n);
    for (const p of pairs) {
      let s = 0;
      for (let i = 0; i < n; i++) s += p.vector[i]! * M[i]! * x[i]!;
      const w = Math.exp(-t * p.value) * s;
      for (let i = 0; i < n; i++) out[i]! += w * p.vector[i]!;
    }
    return Array.from(out);
  }
  // Lanczos on Δ_0 = M⁻¹K, self-adjoint in ⟨a, b⟩ = aᵀ M b
  const mdot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i]! * M[i]! * b[i]!;
    return s;
  };
  const norm = Math.sqrt(mdot(x, x));
  if (norm === 0) return new Array<number>(n).fill(0);
  const Q: Float64Array[] = [x.map((v) => v / norm)];
  const alpha: number[] = [];
  const beta: number[] = [];
  let previous: Float64Array | undefined;
  const w = new Float64Array(n);
  for (let m = 1; m <= Math.min(n, 300); m++) {
    const q = Q[m - 1]!;
    K.mulVecFloat(q, w);
    for (let i = 0; i < n; i++) w[i] = w[i]! / M[i]!;
    alpha.push(mdot(w, q));
    for (let pass = 0; pass < 2; pass++)
      for (const qi of Q) {
        const s = mdot(w, qi);
        for (let i = 0; i < n; i++) w[i]! -= s * qi[i]!;
      }
    const b = Math.sqrt(mdot(w, w));
    // y = ‖f‖ Q e^{−tT} e_1
    const { values, vectors } = symmetricTridiagonalEigen(alpha.slice(0, m), beta.slice(0, m - 1));
    const coef = new Float64Array(m);
    values.forEach((lam, k) => {
      const vk = vectors[k]!;
      const e = Math.exp(-t * lam) * vk[0]!;
      for (let r = 0; r < m; r++) coef[r]! += e * vk[r]!;
    });
    const y = new Float64Array(n);
    for (let r = 0; r < m; r++) {
      const qr = Q[r]!;
      const cr = coef[r]! * norm;
      for (let i = 0; i < n; i++) y[i]! += cr * qr[i]!;
    }
    if (previous) {
      let d = 0;
      let s = 0;
      for (let i = 0; i < n; i++) {
        d += (y[i]! - previous[i]!) ** 2;
        s += y[i]! ** 2;
      }
      if (d <= 1e-24 * s || b <= 1e-14 * norm) return Array.from(y);
    }
    previous = y;
    if (b === 0) return Array.from(y);
    beta.push(b);
    Q.push(w.map((v) => v / b));
  }
  return Array.from(previous!);
}
