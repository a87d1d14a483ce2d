/** Small helpers shared by several model adapters (shape checks, bounds, classes). */
import { ShapeError, isRational } from '@mlgeo/exact-arith';
import type { Prediction } from './types.js';

/** Throws ShapeError unless `v` is an array of `n` exact Rationals. */
export function checkVector(v: unknown, n: number, field: string): void {
  if (!Array.isArray(v) || v.length !== n)
    throw new ShapeError(
      `expected ${n} entries, got ${Array.isArray(v) ? v.length : typeof v}`,
      field,
      `give exactly ${n} numbers`,
    );
  v.forEach((x, i) => {
    if (!isRational(x))
      throw new ShapeError(
        'expected an exact Rational',
        `${field}[${i}]`,
        'convert numbers with Rational.from',
      );
  });
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Most regions n hyperplanes cut R^d into: Σ_{i ≤ min(d, n)} C(n, i) (Zaslavsky). */
export function arrangementBound(n: number, d: number): number {
  let s = 0;
  for (let i = 0; i <= Math.min(d, n); i++) s += binomial(n, i);
  return s;
}

/**
 * Class of a prediction: a vector gives its argmax (lowest index on ties) and a one-value vector
 * "output > 0"; a single number goes through `scalar` (the kind's reading of it).
 */
export function classOf(
  prediction: Prediction | undefined,
  scalar: (value: number) => number | undefined,
): number | undefined {
  if (prediction === undefined) return undefined;
  if (!Array.isArray(prediction)) return scalar(prediction);
  if (prediction.length === 1) return prediction[0]! > 0 ? 1 : 0;
  let best = 0;
  prediction.forEach((v, i) => {
    if (v > prediction[best]!) best = i;
  });
  return best;
}

/** A kind whose single-number predictions name no class (trees, forests, arrangements). */
export const noScalarClass = (): undefined => undefined;
