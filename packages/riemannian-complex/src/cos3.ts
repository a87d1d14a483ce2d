/**
 * Scalar forms of float-values.ts's ball arithmetic for the 3-D float complex's hot paths (issue
 * 11): the same operations in the same order on (value, radius) pairs held in locals, so the
 * results equal the ball versions bit for bit (tested) without allocating a ball per operation.
 *
 * - {@link solve3}: float-points.ts's Cramer solve of three facet rows (a vertex from its tight
 *   rows), inputs within u relative;
 * - {@link volumeCentroid3}: float-values.ts's `polytopeVolumeCentroid3` (tetrahedra from a vertex
 *   to fans of the facet cycles) on points with one radius each;
 * - {@link cosAngle3}: angles.ts's `floatCosAngleBalls` for d = 3;
 * - {@link polygonArea3S}: float-values.ts's `polygonArea3`;
 * - {@link distanceInto}: float-values.ts's `distanceF` (the float metric's centroid distances).
 *
 * Each has an `…Into` form writing its values and radii into a Float64Array (no object per call:
 * a double in an object field is a heap number of its own); the ball-returning forms wrap them.
 */
import { type Ball, toValue } from './float-values.js';

const U = 2 ** -53;
const U2 = 2 ** -52;

/**
 * float-values.ts's safety factor on radii, read from `toValue` (error = radius · SAFE): the error
 * of a radius r computed on scalars is r · SAFE, as toValue's.
 */
export const SAFE = toValue({ v: 0, r: 1 }).error;

// The ball operations of float-values.ts, written out inline at every use (the value, then its
// radius): mul v = a·b, r = |a|·r_b + r_a·|b| + r_a·r_b + 2u·|v|; add/sub v = a ± b,
// r = r_a + r_b + 2u·|v|; div v = a/b, r = (r_a + |v|·r_b)/(|b| − r_b) + 2u·|v| (∞ when
// |b| ≤ r_b); sqrt as float-values.ts. Not as helper calls: V8 does not inline them all in these
// long functions, and a double passed to or returned from a call that is not inlined is boxed (a
// heap number per argument: ≈ 6 KB of garbage per cell before session 10).

/** Scratch of {@link solve3}. */
const solved3 = new Float64Array(6);

/**
 * float-points.ts's 3-D `solveBalls`: x with a_i·x = b_i for the rows (a_i, b_i) (each entry
 * within u relative), by Cramer's rule in ball arithmetic; null when the determinant's ball
 * contains 0.
 */
export function solve3(rows: readonly ArrayLike<number>[]): Ball[] | null {
  const o = solved3;
  if (!solve3Into(rows[0]!, rows[1]!, rows[2]!, o)) return null;
  return [
    { v: o[0]!, r: o[1]! },
    { v: o[2]!, r: o[3]! },
    { v: o[4]!, r: o[5]! },
  ];
}

/**
 * {@link solve3} into out = (x0, r0, x1, r1, x2, r2) without objects; false when the determinant's
 * ball contains 0.
 */
export function solve3Into(
  A: ArrayLike<number>,
  C: ArrayLike<number>,
  F: ArrayLike<number>,
  out: Float64Array,
): boolean {
  const a0 = A[0]!;
  const a0r = U * Math.abs(a0);
  const a1 = A[1]!;
  const a1r = U * Math.abs(a1);
  const a2 = A[2]!;
  const a2r = U * Math.abs(a2);
  const c0 = C[0]!;
  const c0r = U * Math.abs(c0);
  const c1 = C[1]!;
  const c1r = U * Math.abs(c1);
  const c2 = C[2]!;
  const c2r = U * Math.abs(c2);
  const f0 = F[0]!;
  const f0r = U * Math.abs(f0);
  const f1 = F[1]!;
  const f1r = U * Math.abs(f1);
  const f2 = F[2]!;
  const f2r = U * Math.abs(f2);
  const b0 = A[3]!;
  const b0r = U * Math.abs(b0);
  const b1 = C[3]!;
  const b1r = U * Math.abs(b1);
  const b2 = F[3]!;
  const b2r = U * Math.abs(b2);
  // cf = c × f, fa = f × a, ac = a × c (crossTerm: sub(mul(x, y), mul(z, w)))
  const cf0p = c1 * f2;
  const cf0pr = Math.abs(c1) * f2r + c1r * Math.abs(f2) + c1r * f2r + U2 * Math.abs(cf0p);
  const cf0q = c2 * f1;
  const cf0qr = Math.abs(c2) * f1r + c2r * Math.abs(f1) + c2r * f1r + U2 * Math.abs(cf0q);
  const cf0 = cf0p - cf0q;
  const cf0r = cf0pr + cf0qr + U2 * Math.abs(cf0);
  const cf1p = c2 * f0;
  const cf1pr = Math.abs(c2) * f0r + c2r * Math.abs(f0) + c2r * f0r + U2 * Math.abs(cf1p);
  const cf1q = c0 * f2;
  const cf1qr = Math.abs(c0) * f2r + c0r * Math.abs(f2) + c0r * f2r + U2 * Math.abs(cf1q);
  const cf1 = cf1p - cf1q;
  const cf1r = cf1pr + cf1qr + U2 * Math.abs(cf1);
  const cf2p = c0 * f1;
  const cf2pr = Math.abs(c0) * f1r + c0r * Math.abs(f1) + c0r * f1r + U2 * Math.abs(cf2p);
  const cf2q = c1 * f0;
  const cf2qr = Math.abs(c1) * f0r + c1r * Math.abs(f0) + c1r * f0r + U2 * Math.abs(cf2q);
  const cf2 = cf2p - cf2q;
  const cf2r = cf2pr + cf2qr + U2 * Math.abs(cf2);
  const fa0p = f1 * a2;
  const fa0pr = Math.abs(f1) * a2r + f1r * Math.abs(a2) + f1r * a2r + U2 * Math.abs(fa0p);
  const fa0q = f2 * a1;
  const fa0qr = Math.abs(f2) * a1r + f2r * Math.abs(a1) + f2r * a1r + U2 * Math.abs(fa0q);
  const fa0 = fa0p - fa0q;
  const fa0r = fa0pr + fa0qr + U2 * Math.abs(fa0);
  const fa1p = f2 * a0;
  const fa1pr = Math.abs(f2) * a0r + f2r * Math.abs(a0) + f2r * a0r + U2 * Math.abs(fa1p);
  const fa1q = f0 * a2;
  const fa1qr = Math.abs(f0) * a2r + f0r * Math.abs(a2) + f0r * a2r + U2 * Math.abs(fa1q);
  const fa1 = fa1p - fa1q;
  const fa1r = fa1pr + fa1qr + U2 * Math.abs(fa1);
  const fa2p = f0 * a1;
  const fa2pr = Math.abs(f0) * a1r + f0r * Math.abs(a1) + f0r * a1r + U2 * Math.abs(fa2p);
  const fa2q = f1 * a0;
  const fa2qr = Math.abs(f1) * a0r + f1r * Math.abs(a0) + f1r * a0r + U2 * Math.abs(fa2q);
  const fa2 = fa2p - fa2q;
  const fa2r = fa2pr + fa2qr + U2 * Math.abs(fa2);
  const ac0p = a1 * c2;
  const ac0pr = Math.abs(a1) * c2r + a1r * Math.abs(c2) + a1r * c2r + U2 * Math.abs(ac0p);
  const ac0q = a2 * c1;
  const ac0qr = Math.abs(a2) * c1r + a2r * Math.abs(c1) + a2r * c1r + U2 * Math.abs(ac0q);
  const ac0 = ac0p - ac0q;
  const ac0r = ac0pr + ac0qr + U2 * Math.abs(ac0);
  const ac1p = a2 * c0;
  const ac1pr = Math.abs(a2) * c0r + a2r * Math.abs(c0) + a2r * c0r + U2 * Math.abs(ac1p);
  const ac1q = a0 * c2;
  const ac1qr = Math.abs(a0) * c2r + a0r * Math.abs(c2) + a0r * c2r + U2 * Math.abs(ac1q);
  const ac1 = ac1p - ac1q;
  const ac1r = ac1pr + ac1qr + U2 * Math.abs(ac1);
  const ac2p = a0 * c1;
  const ac2pr = Math.abs(a0) * c1r + a0r * Math.abs(c1) + a0r * c1r + U2 * Math.abs(ac2p);
  const ac2q = a1 * c0;
  const ac2qr = Math.abs(a1) * c0r + a1r * Math.abs(c0) + a1r * c0r + U2 * Math.abs(ac2q);
  const ac2 = ac2p - ac2q;
  const ac2r = ac2pr + ac2qr + U2 * Math.abs(ac2);
  // det = add(add(mul(a0, cf0), mul(a1, cf1)), mul(a2, cf2))
  const t1 = a0 * cf0;
  const t1r = Math.abs(a0) * cf0r + a0r * Math.abs(cf0) + a0r * cf0r + U2 * Math.abs(t1);
  const u1 = a1 * cf1;
  const u1r = Math.abs(a1) * cf1r + a1r * Math.abs(cf1) + a1r * cf1r + U2 * Math.abs(u1);
  const t2 = t1 + u1;
  const t2r = t1r + u1r + U2 * Math.abs(t2);
  const u2 = a2 * cf2;
  const u2r = Math.abs(a2) * cf2r + a2r * Math.abs(cf2) + a2r * cf2r + U2 * Math.abs(u2);
  const det = t2 + u2;
  const detr = t2r + u2r + U2 * Math.abs(det);
  if (!(Math.abs(det) > detr)) return false;
  // > 0 now (a > b ≥ 0 gives fl(a − b) > 0): div's ∞ branch is never taken
  const detd = Math.abs(det) - detr;
  // x_0 = div(add(add(mul(b0, cf0), mul(b1, fa0)), mul(b2, ac0)), det)
  const s1_0 = b0 * cf0;
  const s1_0r = Math.abs(b0) * cf0r + b0r * Math.abs(cf0) + b0r * cf0r + U2 * Math.abs(s1_0);
  const w1_0 = b1 * fa0;
  const w1_0r = Math.abs(b1) * fa0r + b1r * Math.abs(fa0) + b1r * fa0r + U2 * Math.abs(w1_0);
  const s2_0 = s1_0 + w1_0;
  const s2_0r = s1_0r + w1_0r + U2 * Math.abs(s2_0);
  const w2_0 = b2 * ac0;
  const w2_0r = Math.abs(b2) * ac0r + b2r * Math.abs(ac0) + b2r * ac0r + U2 * Math.abs(w2_0);
  const s3_0 = s2_0 + w2_0;
  const s3_0r = s2_0r + w2_0r + U2 * Math.abs(s3_0);
  const x0 = s3_0 / det;
  const x0r = (s3_0r + Math.abs(x0) * detr) / detd + U2 * Math.abs(x0);
  // x_1 = div(add(add(mul(b0, cf1), mul(b1, fa1)), mul(b2, ac1)), det)
  const s1_1 = b0 * cf1;
  const s1_1r = Math.abs(b0) * cf1r + b0r * Math.abs(cf1) + b0r * cf1r + U2 * Math.abs(s1_1);
  const w1_1 = b1 * fa1;
  const w1_1r = Math.abs(b1) * fa1r + b1r * Math.abs(fa1) + b1r * fa1r + U2 * Math.abs(w1_1);
  const s2_1 = s1_1 + w1_1;
  const s2_1r = s1_1r + w1_1r + U2 * Math.abs(s2_1);
  const w2_1 = b2 * ac1;
  const w2_1r = Math.abs(b2) * ac1r + b2r * Math.abs(ac1) + b2r * ac1r + U2 * Math.abs(w2_1);
  const s3_1 = s2_1 + w2_1;
  const s3_1r = s2_1r + w2_1r + U2 * Math.abs(s3_1);
  const x1 = s3_1 / det;
  const x1r = (s3_1r + Math.abs(x1) * detr) / detd + U2 * Math.abs(x1);
  // x_2 = div(add(add(mul(b0, cf2), mul(b1, fa2)), mul(b2, ac2)), det)
  const s1_2 = b0 * cf2;
  const s1_2r = Math.abs(b0) * cf2r + b0r * Math.abs(cf2) + b0r * cf2r + U2 * Math.abs(s1_2);
  const w1_2 = b1 * fa2;
  const w1_2r = Math.abs(b1) * fa2r + b1r * Math.abs(fa2) + b1r * fa2r + U2 * Math.abs(w1_2);
  const s2_2 = s1_2 + w1_2;
  const s2_2r = s1_2r + w1_2r + U2 * Math.abs(s2_2);
  const w2_2 = b2 * ac2;
  const w2_2r = Math.abs(b2) * ac2r + b2r * Math.abs(ac2) + b2r * ac2r + U2 * Math.abs(w2_2);
  const s3_2 = s2_2 + w2_2;
  const s3_2r = s2_2r + w2_2r + U2 * Math.abs(s3_2);
  const x2 = s3_2 / det;
  const x2r = (s3_2r + Math.abs(x2) * detr) / detd + U2 * Math.abs(x2);
  out[0] = x0;
  out[1] = x0r;
  out[2] = x1;
  out[3] = x1r;
  out[4] = x2;
  out[5] = x2r;
  return true;
}

/**
 * float-values.ts's `polytopeVolumeCentroid3` on float points x_v = xf[3v..3v+2] (one flat list,
 * within radius[v] per coordinate), the apex vertex 0 and the facets as cycles of vertex indices: the
 * volume ball and the centroid balls.
 */
export function volumeCentroid3(
  xf: ArrayLike<number>,
  radius: ArrayLike<number>,
  cycles: readonly (readonly number[])[],
): { volume: Ball; centroid: Ball[] } {
  const o = volumeCentroid3Scratch;
  volumeCentroid3Into(xf, radius, cycles, o);
  return {
    volume: { v: o[0]!, r: o[1]! },
    centroid: [
      { v: o[2]!, r: o[3]! },
      { v: o[4]!, r: o[5]! },
      { v: o[6]!, r: o[7]! },
    ],
  };
}

/** Scratch of {@link volumeCentroid3}. */
const volumeCentroid3Scratch = new Float64Array(8);

/**
 * {@link volumeCentroid3} into out = (volume, its radius, centroid_0, radius_0, centroid_1,
 * radius_1, centroid_2, radius_2) without objects.
 */
export function volumeCentroid3Into(
  xf: ArrayLike<number>,
  radius: ArrayLike<number>,
  cycles: readonly (readonly number[])[],
  out: Float64Array,
): void {
  const p0 = xf[0]!;
  const p1 = xf[1]!;
  const p2 = xf[2]!;
  const pr = radius[0]!;
  let V = 0;
  let Vr = 0;
  let C0 = 0;
  let C0r = 0;
  let C1 = 0;
  let C1r = 0;
  let C2 = 0;
  let C2r = 0;
  for (let f = 0; f < cycles.length; f++) {
    const poly = cycles[f]!;
    // q0 = x_{poly[0]} − apex (sub per coordinate)
    const xa = 3 * poly[0]!;
    const xar = radius[poly[0]!]!;
    const q00 = xf[xa]! - p0;
    const q00r = xar + pr + U2 * Math.abs(q00);
    const q01 = xf[xa + 1]! - p1;
    const q01r = xar + pr + U2 * Math.abs(q01);
    const q02 = xf[xa + 2]! - p2;
    const q02r = xar + pr + U2 * Math.abs(q02);
    for (let i = 1; i + 1 < poly.length; i++) {
      const xb = 3 * poly[i]!;
      const xbr = radius[poly[i]!]!;
      const xc = 3 * poly[i + 1]!;
      const xcr = radius[poly[i + 1]!]!;
      const q10 = xf[xb]! - p0;
      const q10r = xbr + pr + U2 * Math.abs(q10);
      const q11 = xf[xb + 1]! - p1;
      const q11r = xbr + pr + U2 * Math.abs(q11);
      const q12 = xf[xb + 2]! - p2;
      const q12r = xbr + pr + U2 * Math.abs(q12);
      const q20 = xf[xc]! - p0;
      const q20r = xcr + pr + U2 * Math.abs(q20);
      const q21 = xf[xc + 1]! - p1;
      const q21r = xcr + pr + U2 * Math.abs(q21);
      const q22 = xf[xc + 2]! - p2;
      const q22r = xcr + pr + U2 * Math.abs(q22);
      // x = cross3(q1, q2) (crossTerm per component)
      const x0p = q11 * q22;
      const x0pr = Math.abs(q11) * q22r + q11r * Math.abs(q22) + q11r * q22r + U2 * Math.abs(x0p);
      const x0q = q12 * q21;
      const x0qr = Math.abs(q12) * q21r + q12r * Math.abs(q21) + q12r * q21r + U2 * Math.abs(x0q);
      const x0 = x0p - x0q;
      const x0r = x0pr + x0qr + U2 * Math.abs(x0);
      const x1p = q12 * q20;
      const x1pr = Math.abs(q12) * q20r + q12r * Math.abs(q20) + q12r * q20r + U2 * Math.abs(x1p);
      const x1q = q10 * q22;
      const x1qr = Math.abs(q10) * q22r + q10r * Math.abs(q22) + q10r * q22r + U2 * Math.abs(x1q);
      const x1 = x1p - x1q;
      const x1r = x1pr + x1qr + U2 * Math.abs(x1);
      const x2p = q10 * q21;
      const x2pr = Math.abs(q10) * q21r + q10r * Math.abs(q21) + q10r * q21r + U2 * Math.abs(x2p);
      const x2q = q11 * q20;
      const x2qr = Math.abs(q11) * q20r + q11r * Math.abs(q20) + q11r * q20r + U2 * Math.abs(x2q);
      const x2 = x2p - x2q;
      const x2r = x2pr + x2qr + U2 * Math.abs(x2);
      // dot(q0, x) from ball(0): add(add(add(0, m0), m1), m2)
      const m0 = q00 * x0;
      const m0r = Math.abs(q00) * x0r + q00r * Math.abs(x0) + q00r * x0r + U2 * Math.abs(m0);
      const s0 = 0 + m0;
      const s0r = 0 + m0r + U2 * Math.abs(s0);
      const m1 = q01 * x1;
      const m1r = Math.abs(q01) * x1r + q01r * Math.abs(x1) + q01r * x1r + U2 * Math.abs(m1);
      const s1 = s0 + m1;
      const s1r = s0r + m1r + U2 * Math.abs(s1);
      const m2 = q02 * x2;
      const m2r = Math.abs(q02) * x2r + q02r * Math.abs(x2) + q02r * x2r + U2 * Math.abs(m2);
      const s2 = s1 + m2;
      const s2r = s1r + m2r + U2 * Math.abs(s2);
      const det = Math.abs(s2);
      const detr = s2r;
      V = V + det;
      Vr = Vr + detr + U2 * Math.abs(V);
      // C_0 += det·(q0_0 + q1_0 + q2_0)
      const w0 = q00 + q10;
      const w0r = q00r + q10r + U2 * Math.abs(w0);
      const v0 = w0 + q20;
      const v0r = w0r + q20r + U2 * Math.abs(v0);
      const t0 = det * v0;
      const t0r = Math.abs(det) * v0r + detr * Math.abs(v0) + detr * v0r + U2 * Math.abs(t0);
      C0 = C0 + t0;
      C0r = C0r + t0r + U2 * Math.abs(C0);
      // C_1 += det·(q0_1 + q1_1 + q2_1)
      const w1 = q01 + q11;
      const w1r = q01r + q11r + U2 * Math.abs(w1);
      const v1 = w1 + q21;
      const v1r = w1r + q21r + U2 * Math.abs(v1);
      const t1 = det * v1;
      const t1r = Math.abs(det) * v1r + detr * Math.abs(v1) + detr * v1r + U2 * Math.abs(t1);
      C1 = C1 + t1;
      C1r = C1r + t1r + U2 * Math.abs(C1);
      // C_2 += det·(q0_2 + q1_2 + q2_2)
      const w2 = q02 + q12;
      const w2r = q02r + q12r + U2 * Math.abs(w2);
      const v2 = w2 + q22;
      const v2r = w2r + q22r + U2 * Math.abs(v2);
      const t2 = det * v2;
      const t2r = Math.abs(det) * v2r + detr * Math.abs(v2) + detr * v2r + U2 * Math.abs(t2);
      C2 = C2 + t2;
      C2r = C2r + t2r + U2 * Math.abs(C2);
    }
  }
  // volume = div(V, ball(6)); den = scale(V, 4); centroid_k = add(apex_k, div(C_k, den))
  const vol = V / 6;
  const vold = Math.abs(6) - 0; // > 0: div's ∞ branch is never taken
  const volr = (Vr + Math.abs(vol) * 0) / vold + U2 * Math.abs(vol);
  const den = V * 4;
  const denr = Vr * 4 + U2 * Math.abs(den);
  const dd = Math.abs(den) - denr;
  const c0 = C0 / den;
  const c1 = C1 / den;
  const c2 = C2 / den;
  // ∞ assigned first, then the radii when den's ball excludes 0 (a conditional expression with
  // the constant ∞ as one arm boxed each radius in a heap number)
  let c0r = Infinity;
  let c1r = Infinity;
  let c2r = Infinity;
  if (dd > 0) {
    c0r = (C0r + Math.abs(c0) * denr) / dd + U2 * Math.abs(c0);
    c1r = (C1r + Math.abs(c1) * denr) / dd + U2 * Math.abs(c1);
    c2r = (C2r + Math.abs(c2) * denr) / dd + U2 * Math.abs(c2);
  }
  const g0 = p0 + c0;
  const g0r = pr + c0r + U2 * Math.abs(g0);
  const g1 = p1 + c1;
  const g1r = pr + c1r + U2 * Math.abs(g1);
  const g2 = p2 + c2;
  const g2r = pr + c2r + U2 * Math.abs(g2);
  out[0] = vol;
  out[1] = volr;
  out[2] = g0;
  out[3] = g0r;
  out[4] = g1;
  out[5] = g1r;
  out[6] = g2;
  out[7] = g2r;
}

/**
 * angles.ts's `floatCosAngleBalls` for d = 3 on scalars: cos θ = −(a·b)/(|a||b|) as a ball (value
 * and radius, before the safety factor) and sin θ = |a × b|/(|a||b|) (float), for the rounded
 * facet normals a, b with radii ra, rb per coordinate. The result is one shared object,
 * overwritten by the next call.
 */
export function cosAngle3(
  a: ArrayLike<number>,
  ra: number,
  b: ArrayLike<number>,
  rb: number,
): { readonly v: number; readonly r: number; readonly sin: number } {
  const o = cosAngle3Scratch;
  cosAngle3Into(a, ra, b, rb, o);
  const c = cosAngle3Result;
  c.v = o[0]!;
  c.r = o[1]!;
  c.sin = o[2]!;
  return c;
}

/** Scratch of {@link cosAngle3}. */
const cosAngle3Scratch = new Float64Array(3);

/**
 * {@link cosAngle3}'s result, one object rewritten by every call (valid until the next call; its
 * caller reads it at once): V8 keeps the three doubles in boxes of their own and overwrites them
 * in place, so a call that is not inlined allocates nothing (a new object per call: ≈ 100 bytes,
 * 0.25 MiB per 3→16→16→1 run when V8 did not inline it).
 */
const cosAngle3Result = { v: 0.5, r: 0.5, sin: 0.5 };

/** {@link cosAngle3} into out = (cos θ, its radius, sin θ) without an object. */
export function cosAngle3Into(
  a: ArrayLike<number>,
  ra: number,
  b: ArrayLike<number>,
  rb: number,
  out: Float64Array,
): void {
  const a0 = a[0]!, a1 = a[1]!, a2 = a[2]!; // prettier-ignore
  const b0 = b[0]!, b1 = b[1]!, b2 = b[2]!; // prettier-ignore
  const aam0 = a0 * a0;
  const aam0r = Math.abs(a0) * ra + ra * Math.abs(a0) + ra * ra + U2 * Math.abs(aam0);
  const aam1 = a1 * a1;
  const aam1r = Math.abs(a1) * ra + ra * Math.abs(a1) + ra * ra + U2 * Math.abs(aam1);
  const aam2 = a2 * a2;
  const aam2r = Math.abs(a2) * ra + ra * Math.abs(a2) + ra * ra + U2 * Math.abs(aam2);
  const aas0 = 0 + aam0;
  const aas0r = 0 + aam0r + U2 * Math.abs(aas0);
  const aas1 = aas0 + aam1;
  const aas1r = aas0r + aam1r + U2 * Math.abs(aas1);
  const aa = aas1 + aam2;
  const aar = aas1r + aam2r + U2 * Math.abs(aa);
  const na = Math.sqrt(Math.max(aa, 0));
  const nar =
    aa > aar
      ? aar / (Math.sqrt(aa - aar) + na) + U2 * na
      : Math.sqrt(Math.max(aa, 0) + aar) * (1 + U2);
  const bbm0 = b0 * b0;
  const bbm0r = Math.abs(b0) * rb + rb * Math.abs(b0) + rb * rb + U2 * Math.abs(bbm0);
  const bbm1 = b1 * b1;
  const bbm1r = Math.abs(b1) * rb + rb * Math.abs(b1) + rb * rb + U2 * Math.abs(bbm1);
  const bbm2 = b2 * b2;
  const bbm2r = Math.abs(b2) * rb + rb * Math.abs(b2) + rb * rb + U2 * Math.abs(bbm2);
  const bbs0 = 0 + bbm0;
  const bbs0r = 0 + bbm0r + U2 * Math.abs(bbs0);
  const bbs1 = bbs0 + bbm1;
  const bbs1r = bbs0r + bbm1r + U2 * Math.abs(bbs1);
  const bb = bbs1 + bbm2;
  const bbr = bbs1r + bbm2r + U2 * Math.abs(bb);
  const nb = Math.sqrt(Math.max(bb, 0));
  const nbr =
    bb > bbr
      ? bbr / (Math.sqrt(bb - bbr) + nb) + U2 * nb
      : Math.sqrt(Math.max(bb, 0) + bbr) * (1 + U2);
  const norms = na * nb;
  const normsr = Math.abs(na) * nbr + nar * Math.abs(nb) + nar * nbr + U2 * Math.abs(norms);
  const abm0 = a0 * b0;
  const abm0r = Math.abs(a0) * rb + ra * Math.abs(b0) + ra * rb + U2 * Math.abs(abm0);
  const abm1 = a1 * b1;
  const abm1r = Math.abs(a1) * rb + ra * Math.abs(b1) + ra * rb + U2 * Math.abs(abm1);
  const abm2 = a2 * b2;
  const abm2r = Math.abs(a2) * rb + ra * Math.abs(b2) + ra * rb + U2 * Math.abs(abm2);
  const abs0 = 0 + abm0;
  const abs0r = 0 + abm0r + U2 * Math.abs(abs0);
  const abs1 = abs0 + abm1;
  const abs1r = abs0r + abm1r + U2 * Math.abs(abs1);
  const ab = abs1 + abm2;
  const abr = abs1r + abm2r + U2 * Math.abs(ab);
  const num = 0 - ab;
  const numr = 0 + abr + U2 * Math.abs(num);
  const c = num / norms;
  const cd = Math.abs(norms) - normsr;
  let cr = Infinity; // (not a conditional expression with ∞: that boxed cr)
  if (cd > 0) cr = (numr + Math.abs(c) * normsr) / cd + U2 * Math.abs(c);
  // cross3 values (the balls' v) for sin
  const c0 = a1 * b2 - a2 * b1;
  const c1 = a2 * b0 - a0 * b2;
  const c2 = a0 * b1 - a1 * b0;
  const sin = Math.sqrt(c0 * c0 + c1 * c1 + c2 * c2) / norms;
  out[0] = c;
  out[1] = cr;
  out[2] = sin;
}

/**
 * float-values.ts's `polygonArea3` on scalars: ½|Σ (p_i − p_0) × (p_{i+1} − p_0)| for the points
 * x_{order[i]} = xf[3·order[i]..] (one flat list; radius rs[order[i]] per coordinate) in cyclic
 * order; the area ball.
 */
export function polygonArea3S(
  xf: ArrayLike<number>,
  rs: ArrayLike<number>,
  order: readonly number[],
): Ball {
  const o = polygonArea3Scratch;
  polygonArea3Into(xf, rs, order, o);
  return { v: o[0]!, r: o[1]! };
}

/** Scratch of {@link polygonArea3S}. */
const polygonArea3Scratch = new Float64Array(2);

/** {@link polygonArea3S} into out = (area, its radius) without an object. */
export function polygonArea3Into(
  xf: ArrayLike<number>,
  rs: ArrayLike<number>,
  order: readonly number[],
  out: Float64Array,
): void {
  const n = order.length;
  if (n < 3) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const p = 3 * order[0]!;
  const p0 = xf[p]!;
  const p1 = xf[p + 1]!;
  const p2 = xf[p + 2]!;
  const pr = rs[order[0]!]!;
  let A0 = 0, A1 = 0, A2 = 0, A0r = 0, A1r = 0, A2r = 0; // prettier-ignore
  for (let i = 1; i + 1 < n; i++) {
    const xb = 3 * order[i]!;
    const xbr = rs[order[i]!]!;
    const xc = 3 * order[i + 1]!;
    const xcr = rs[order[i + 1]!]!;
    const q10 = xf[xb]! - p0;
    const q10r = xbr + pr + U2 * Math.abs(q10);
    const q11 = xf[xb + 1]! - p1;
    const q11r = xbr + pr + U2 * Math.abs(q11);
    const q12 = xf[xb + 2]! - p2;
    const q12r = xbr + pr + U2 * Math.abs(q12);
    const q20 = xf[xc]! - p0;
    const q20r = xcr + pr + U2 * Math.abs(q20);
    const q21 = xf[xc + 1]! - p1;
    const q21r = xcr + pr + U2 * Math.abs(q21);
    const q22 = xf[xc + 2]! - p2;
    const q22r = xcr + pr + U2 * Math.abs(q22);
    const c0p = q11 * q22;
    const c0pr = Math.abs(q11) * q22r + q11r * Math.abs(q22) + q11r * q22r + U2 * Math.abs(c0p);
    const c0q = q12 * q21;
    const c0qr = Math.abs(q12) * q21r + q12r * Math.abs(q21) + q12r * q21r + U2 * Math.abs(c0q);
    const c0 = c0p - c0q;
    const c0r = c0pr + c0qr + U2 * Math.abs(c0);
    A0 = A0 + c0;
    A0r = A0r + c0r + U2 * Math.abs(A0);
    const c1p = q12 * q20;
    const c1pr = Math.abs(q12) * q20r + q12r * Math.abs(q20) + q12r * q20r + U2 * Math.abs(c1p);
    const c1q = q10 * q22;
    const c1qr = Math.abs(q10) * q22r + q10r * Math.abs(q22) + q10r * q22r + U2 * Math.abs(c1q);
    const c1 = c1p - c1q;
    const c1r = c1pr + c1qr + U2 * Math.abs(c1);
    A1 = A1 + c1;
    A1r = A1r + c1r + U2 * Math.abs(A1);
    const c2p = q10 * q21;
    const c2pr = Math.abs(q10) * q21r + q10r * Math.abs(q21) + q10r * q21r + U2 * Math.abs(c2p);
    const c2q = q11 * q20;
    const c2qr = Math.abs(q11) * q20r + q11r * Math.abs(q20) + q11r * q20r + U2 * Math.abs(c2q);
    const c2 = c2p - c2q;
    const c2r = c2pr + c2qr + U2 * Math.abs(c2);
    A2 = A2 + c2;
    A2r = A2r + c2r + U2 * Math.abs(A2);
  }
  // scale(sqrt(dot(A, A)), 0.5), dot from ball(0)
  const m0 = A0 * A0;
  const m0r = Math.abs(A0) * A0r + A0r * Math.abs(A0) + A0r * A0r + U2 * Math.abs(m0);
  const s0 = 0 + m0;
  const s0r = 0 + m0r + U2 * Math.abs(s0);
  const m1 = A1 * A1;
  const m1r = Math.abs(A1) * A1r + A1r * Math.abs(A1) + A1r * A1r + U2 * Math.abs(m1);
  const s1 = s0 + m1;
  const s1r = s0r + m1r + U2 * Math.abs(s1);
  const m2 = A2 * A2;
  const m2r = Math.abs(A2) * A2r + A2r * Math.abs(A2) + A2r * A2r + U2 * Math.abs(m2);
  const aa = s1 + m2;
  const aar = s1r + m2r + U2 * Math.abs(aa);
  const s = Math.sqrt(Math.max(aa, 0));
  let sr: number;
  if (aa > aar) {
    const lo = Math.sqrt(aa - aar);
    sr = aar / (lo + s) + U2 * s;
  } else sr = Math.sqrt(Math.max(aa, 0) + aar) * (1 + U2);
  const v = s * 0.5;
  out[0] = v;
  out[1] = sr * 0.5 + U2 * Math.abs(v);
}

/**
 * float-values.ts's `distanceF` on scalars: |p − q| of two float points of n coordinates, p_k =
 * p[pAt + k] within pr[prAt + k] and q_k = q[qAt + k] within qr[qrAt + k] (lists or a flat
 * store), into out = (value, radius), bit for bit, without a ball object (the float metric's
 * centroid distances).
 */
export function distanceInto(
  p: ArrayLike<number>,
  pAt: number,
  pr: ArrayLike<number>,
  prAt: number,
  q: ArrayLike<number>,
  qAt: number,
  qr: ArrayLike<number>,
  qrAt: number,
  n: number,
  out: Float64Array,
): void {
  let sv = 0;
  let sr = 0;
  for (let k = 0; k < n; k++) {
    const dv = p[pAt + k]! - q[qAt + k]!;
    const dr = pr[prAt + k]! + qr[qrAt + k]! + U2 * Math.abs(dv);
    const mv = dv * dv;
    const mr = Math.abs(dv) * dr + dr * Math.abs(dv) + dr * dr + U2 * Math.abs(mv);
    sv = sv + mv;
    sr = sr + mr + U2 * Math.abs(sv);
  }
  // sqrt({ v: sv, r: sr })
  const v = Math.sqrt(Math.max(sv, 0));
  out[0] = v;
  if (sv > sr) {
    const lo = Math.sqrt(sv - sr);
    out[1] = sr / (lo + v) + U2 * v;
  } else out[1] = Math.sqrt(Math.max(sv, 0) + sr) * (1 + U2);
}
