/**
 * Pullbacks through a cell's layer maps (SPEC §5): covectors a ↦ Aᵀa, hyperplanes
 * {a·z + β = 0} ↦ {(Aᵀa)·x + a·c + β = 0}, constant k-forms through the k-th exterior power of J
 * (coefficients are k×k minors of J), the pullback metric g = JᵀJ and layer volumes √det(g)·vol_d(C).
 * Written once over a Field: exact on RationalField, float on Float64Field.
 */
import { type Field, Rational, RationalField, SqrtRational, determinant } from '@mlgeo/exact-arith';
import { DiffFormsError } from './errors.js';

/** A constant k-form Σ_K ω_K dz_K on an n-dimensional space (K increasing index sets, 0-based). */
export interface ConstantForm<T = Rational> {
  degree: number;
  dimension: number;
  /** Terms with distinct increasing index sets of length `degree`; missing sets have coefficient 0. */
  terms: { indices: number[]; coefficient: T }[];
}

function checkShape(ok: boolean, message: string, field: string): void {
  if (!ok)
    throw new DiffFormsError('FORM_SHAPE', message, field, 'pass sizes that fit the layer map');
}

/** Aᵀa: the pullback of a covector a on the layer's output space through z = A x + c. */
export function pullbackCovector<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  a: readonly T[],
): T[] {
  checkShape(
    a.length === A.length,
    `covector of length ${a.length}, map has ${A.length} outputs`,
    'a',
  );
  const d = A[0]?.length ?? 0;
  const out = new Array<T>(d).fill(F.zero);
  A.forEach((row, j) => {
    if (F.isZero(a[j]!)) return;
    for (let i = 0; i < d; i++) out[i] = F.add(out[i]!, F.mul(a[j]!, row[i]!));
  });
  return out;
}

/** The hyperplane {a·z + β = 0} pulled back through z = A x + c: {w·x + γ = 0}. */
export function pullbackHyperplane<T>(
  F: Field<T>,
  map: { A: readonly (readonly T[])[]; c: readonly T[] },
  a: readonly T[],
  beta: T,
): { w: T[]; c: T } {
  const w = pullbackCovector(F, map.A, a);
  let c = beta;
  a.forEach((aj, j) => (c = F.add(c, F.mul(aj, map.c[j]!))));
  return { w, c };
}

/** All increasing k-subsets of {0..n−1}, in lexicographic order. */
export function increasingSubsets(n: number, k: number): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (start: number) => {
    if (cur.length === k) {
      out.push(cur.slice());
      return;
    }
    for (let i = start; i <= n - (k - cur.length); i++) {
      cur.push(i);
      rec(i + 1);
      cur.pop();
    }
  };
  rec(0);
  return out;
}

/** det J[K, I]: the minor of J with rows K and columns I. */
export function minor<T>(
  F: Field<T>,
  J: readonly (readonly T[])[],
  K: readonly number[],
  I: readonly number[],
): T {
  if (K.length === 0) return F.one;
  return determinant(
    F,
    K.map((r) => I.map((c) => J[r]![c]!)),
  );
}

/**
 * F*ω for ω a constant k-form on the output space of x ↦ J x (+ constant): the coefficient of dx_I
 * is Σ_K ω_K det J[K, I] (SPEC §5). Terms with zero coefficient are left out.
 */
export function pullbackForm<T>(
  F: Field<T>,
  J: readonly (readonly T[])[],
  form: ConstantForm<T>,
): ConstantForm<T> {
  const m = J.length;
  const d = J[0]?.length ?? 0;
  checkShape(
    form.dimension === m,
    `form on a ${form.dimension}-space, map has ${m} outputs`,
    'form.dimension',
  );
  const k = form.degree;
  checkShape(Number.isInteger(k) && k >= 0 && k <= m, `degree ${k} outside 0..${m}`, 'form.degree');
  form.terms.forEach((t, n) =>
    checkShape(
      t.indices.length === k &&
        t.indices.every(
          (v, i) => Number.isInteger(v) && v >= 0 && v < m && (i === 0 || v > t.indices[i - 1]!),
        ),
      `indices [${t.indices.join(',')}] are not an increasing ${k}-subset of 0..${m - 1}`,
      `form.terms[${n}].indices`,
    ),
  );
  const terms: ConstantForm<T>['terms'] = [];
  if (k <= d)
    for (const I of increasingSubsets(d, k)) {
      let s = F.zero;
      for (const t of form.terms) {
        if (F.isZero(t.coefficient)) continue;
        s = F.add(s, F.mul(t.coefficient, minor(F, J, t.indices, I)));
      }
      if (!F.isZero(s)) terms.push({ indices: I, coefficient: s });
    }
  return { degree: k, dimension: d, terms };
}

/** g = JᵀJ, the pullback of the Euclidean metric of the layer's output space. */
export function pullbackMetric<T>(F: Field<T>, J: readonly (readonly T[])[]): T[][] {
  const d = J[0]?.length ?? 0;
  const g: T[][] = [];
  for (let a = 0; a < d; a++) {
    g.push([]);
    for (let b = 0; b < d; b++) {
      let s = F.zero;
      for (const row of J) s = F.add(s, F.mul(row[a]!, row[b]!));
      g[a]!.push(s);
    }
  }
  return g;
}

/**
 * The layer volume √det(JᵀJ) · vol_d(C) of a cell (SPEC §5), exact as r·√q; zero when J loses rank.
 */
export function layerVolume(
  J: readonly (readonly Rational[])[],
  cellVolume: Rational,
): SqrtRational {
  const det = determinant(RationalField, pullbackMetric(RationalField, J));
  return SqrtRational.sqrt(det).mul(cellVolume);
}

/** The same in float64. */
export function layerVolumeFloat(
  F: Field<number>,
  J: readonly (readonly number[])[],
  cellVolume: number,
): number {
  const det = determinant(F, pullbackMetric(F, J));
  return Math.sqrt(Math.max(0, det)) * cellVolume;
}
