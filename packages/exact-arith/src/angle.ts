/**
 * Angles from exact cosines (SPEC §1, §4): θ ∈ [0, π] via atan2(√(1 − cos²), cos). 1 − cos² is
 * computed exactly, so θ is accurate to a few ulps also near 0 and π, where arccos loses half the
 * digits (an angle of 1e-9 has cos rounding to 1 and arccos giving 0).
 */
import { Rational } from './rational.js';
import type { SqrtRational } from './sqrt-rational.js';

/** θ ∈ [0, π] with cos θ = `cos` (an exact r·√q value in [−1, 1]), in float64. */
export function angleFromCos(cos: SqrtRational): number {
  const sin = Math.sqrt(Math.max(0, Rational.ONE.sub(cos.squared()).toNumber()));
  return Math.atan2(sin, cos.toNumber());
}
