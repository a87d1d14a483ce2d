/**
 * The SPEC §6 penalty terms as scalar kernels, shared by the 2-D penalties (penalties.ts, the
 * typed-array path of plane-arrangement.ts) and the n-D ones (penalties-nd.ts): one
 * implementation of each hinge, its derivative, the derivative of a normals' cosine with respect
 * to a hyperplane's normal vector, and the option checks.
 */
import { DiffFormsError } from './errors.js';

/** Which SPEC §6 penalty. */
export type PenaltyKind = 'angle' | 'sliver' | 'boundary';

/** The default smallest angle not penalised (π/6). */
export const DEFAULT_THETA_MIN = Math.PI / 6;

/**
 * The angle hinge at a ridge whose facets have outward unit normals with cosine `u`:
 * weight · max(0, θ_min − θ)², θ = π − arccos(u). Returns the value and writes dP/du to out[0]
 * (0 when the hinge is inactive).
 */
export function angleHinge(u: number, thetaMin: number, weight: number, out: Float64Array): number {
  const uc = Math.min(1, Math.max(-1, u));
  const gap = thetaMin - (Math.PI - Math.acos(uc));
  if (gap <= 0) {
    out[0] = 0;
    return 0;
  }
  // dP/du = dP/dθ · dθ/du = (−2 weight gap) · 1/√(1 − u²)
  out[0] = (-2 * weight * gap) / Math.sqrt(Math.max(1e-24, 1 - uc * uc));
  return weight * gap * gap;
}

/**
 * The sliver hinge weight · max(0, v_min − volume)²; returns the value and writes dP/dvolume to
 * out[0] (0 when inactive).
 */
export function sliverHinge(
  volume: number,
  vMin: number,
  weight: number,
  out: Float64Array,
): number {
  const gap = vMin - volume;
  if (gap <= 0) {
    out[0] = 0;
    return 0;
  }
  out[0] = -2 * weight * gap;
  return weight * gap * gap;
}

/**
 * ∂(n_self·n_other)/∂w for the hyperplane w·x + c = 0 whose outward unit normal is n_self = s w/|w|
 * (s = −σ): (s/|w|)(n_other − (n_self·n_other) n_self), times `scale`, added to into[at + i].
 */
export function addCosineGradient(
  d: number,
  scale: number,
  s: number,
  norm: number,
  self: ArrayLike<number>,
  other: ArrayLike<number>,
  into: { [i: number]: number },
  at = 0,
): void {
  let proj = 0;
  for (let i = 0; i < d; i++) proj += self[i]! * other[i]!;
  const f = (scale * s) / norm;
  for (let i = 0; i < d; i++) into[at + i] = into[at + i]! + f * (other[i]! - proj * self[i]!);
}

/** One clear error for bad penalty options (shared by every penalty entry point). */
export function checkPenaltyOptions(
  o: {
    kind: PenaltyKind;
    thetaMin?: number | undefined;
    vMin?: number | undefined;
    weighting?: 'uniform' | 'mass' | undefined;
    masses?: readonly number[] | undefined;
  },
  cells: number | undefined,
  what: { volume: string } = { volume: 'area' },
): void {
  const bad = (field: string, message: string, fix: string) => {
    throw new DiffFormsError('OPTION_INVALID', message, field, fix);
  };
  if (!['angle', 'sliver', 'boundary'].includes(o.kind))
    bad('kind', `unknown penalty ${String(o.kind)}`, 'use angle, sliver or boundary');
  if (o.thetaMin !== undefined && !(o.thetaMin > 0 && o.thetaMin < Math.PI))
    bad(
      'thetaMin',
      `thetaMin ${o.thetaMin} is outside (0, π)`,
      'give an angle in radians in (0, π)',
    );
  if (o.kind === 'sliver' && !(o.vMin !== undefined && o.vMin > 0))
    bad(
      'vMin',
      'the sliver penalty needs vMin > 0',
      `give the smallest cell ${what.volume} not penalised`,
    );
  if (cells !== undefined && o.weighting === 'mass' && o.masses?.length !== cells)
    bad(
      'masses',
      'mass weighting needs one mass per cell',
      'pass masses (n_C/n per cell), e.g. from cellMasses',
    );
}
