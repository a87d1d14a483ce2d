/**
 * Scalar forms of float-values.ts's ball arithmetic for the 3-D float complex's hot paths (issue
 * 11): the same operations in the same order on (value, radius) pairs held in locals, so the
 * results equal the ball versions bit for bit (tested) without allocating a ball per operation.
 *
 * - {@link solve3}: float-points.ts's Cramer solve of three facet rows (a vertex from its tight
 *   rows), inputs within u relative;
 * - {@link volumeCentroid3}: float-values.ts's `polytopeVolumeCentroid3` (tetrahedra from a vertex
 *   to fans of the facet cycles) on points with one radius each.
 */
import type { Ball } from './float-values.js';

const U = 2 ** -53;
const U2 = 2 ** -52;

// the radius of the last operation (module scratch: no tuple per operation; a typed array, as a
// module-level `let` holding doubles allocates a heap number per write)
const R = new Float64Array(1);

function mulS(av: number, ar: number, bv: number, br: number): number {
  const v = av * bv;
  R[0] = Math.abs(av) * br + ar * Math.abs(bv) + ar * br + U2 * Math.abs(v);
  return v;
}
function addS(av: number, ar: number, bv: number, br: number): number {
  const v = av + bv;
  R[0] = ar + br + U2 * Math.abs(v);
  return v;
}
function subS(av: number, ar: number, bv: number, br: number): number {
  const v = av - bv;
  R[0] = ar + br + U2 * Math.abs(v);
  return v;
}
function divS(av: number, ar: number, bv: number, br: number): number {
  const v = av / bv;
  const den = Math.abs(bv) - br;
  R[0] = den > 0 ? (ar + Math.abs(v) * br) / den + U2 * Math.abs(v) : Infinity;
  return v;
}

/** sub(mul(x, y), mul(z, w)) of balls (one component of a cross product). */
function crossTerm(
  xv: number,
  xr: number,
  yv: number,
  yr: number,
  zv: number,
  zr: number,
  wv: number,
  wr: number,
): number {
  const p = mulS(xv, xr, yv, yr);
  const pr = R[0]!;
  const q = mulS(zv, zr, wv, wr);
  return subS(p, pr, q, R[0]!);
}

/**
 * float-points.ts's 3-D `solveBalls`: x with a_i·x = b_i for the rows (a_i, b_i) (each entry
 * within u relative), by Cramer's rule in ball arithmetic; null when the determinant's ball
 * contains 0.
 */
export function solve3(rows: readonly ArrayLike<number>[]): Ball[] | null {
  const A = rows[0]!;
  const C = rows[1]!;
  const F = rows[2]!;
  const a0 = A[0]!, a1 = A[1]!, a2 = A[2]!; // prettier-ignore
  const c0 = C[0]!, c1 = C[1]!, c2 = C[2]!; // prettier-ignore
  const f0 = F[0]!, f1 = F[1]!, f2 = F[2]!; // prettier-ignore
  const ra0 = U * Math.abs(a0), ra1 = U * Math.abs(a1), ra2 = U * Math.abs(a2); // prettier-ignore
  const rc0 = U * Math.abs(c0), rc1 = U * Math.abs(c1), rc2 = U * Math.abs(c2); // prettier-ignore
  const rf0 = U * Math.abs(f0), rf1 = U * Math.abs(f1), rf2 = U * Math.abs(f2); // prettier-ignore
  const b0 = A[3]!, b1 = C[3]!, b2 = F[3]!; // prettier-ignore
  const rb0 = U * Math.abs(b0), rb1 = U * Math.abs(b1), rb2 = U * Math.abs(b2); // prettier-ignore
  // cf = c × f, fa = f × a, ac = a × c
  const cf0 = crossTerm(c1, rc1, f2, rf2, c2, rc2, f1, rf1);
  const rcf0 = R[0]!;
  const cf1 = crossTerm(c2, rc2, f0, rf0, c0, rc0, f2, rf2);
  const rcf1 = R[0]!;
  const cf2 = crossTerm(c0, rc0, f1, rf1, c1, rc1, f0, rf0);
  const rcf2 = R[0]!;
  const fa0 = crossTerm(f1, rf1, a2, ra2, f2, rf2, a1, ra1);
  const rfa0 = R[0]!;
  const fa1 = crossTerm(f2, rf2, a0, ra0, f0, rf0, a2, ra2);
  const rfa1 = R[0]!;
  const fa2 = crossTerm(f0, rf0, a1, ra1, f1, rf1, a0, ra0);
  const rfa2 = R[0]!;
  const ac0 = crossTerm(a1, ra1, c2, rc2, a2, ra2, c1, rc1);
  const rac0 = R[0]!;
  const ac1 = crossTerm(a2, ra2, c0, rc0, a0, ra0, c2, rc2);
  const rac1 = R[0]!;
  const ac2 = crossTerm(a0, ra0, c1, rc1, a1, ra1, c0, rc0);
  const rac2 = R[0]!;
  // det = add(add(mul(a0, cf0), mul(a1, cf1)), mul(a2, cf2))
  let t = mulS(a0, ra0, cf0, rcf0);
  let tr = R[0]!;
  let u = mulS(a1, ra1, cf1, rcf1);
  t = addS(t, tr, u, R[0]!);
  tr = R[0]!;
  u = mulS(a2, ra2, cf2, rcf2);
  const det = addS(t, tr, u, R[0]!);
  const rdet = R[0]!;
  if (!(Math.abs(det) > rdet)) return null;
  const out: Ball[] = new Array(3);
  const cfv = [cf0, cf1, cf2];
  const cfr = [rcf0, rcf1, rcf2];
  const fav = [fa0, fa1, fa2];
  const far = [rfa0, rfa1, rfa2];
  const acv = [ac0, ac1, ac2];
  const acr = [rac0, rac1, rac2];
  for (let k = 0; k < 3; k++) {
    // div(add(add(mul(b0, cf_k), mul(b1, fa_k)), mul(b2, ac_k)), det)
    let s = mulS(b0, rb0, cfv[k]!, cfr[k]!);
    let sr = R[0]!;
    let w = mulS(b1, rb1, fav[k]!, far[k]!);
    s = addS(s, sr, w, R[0]!);
    sr = R[0]!;
    w = mulS(b2, rb2, acv[k]!, acr[k]!);
    s = addS(s, sr, w, R[0]!);
    sr = R[0]!;
    const x = divS(s, sr, det, rdet);
    out[k] = { v: x, r: R[0]! };
  }
  return out;
}

/** q_slot = x − apex per coordinate as balls (sub), into q/qr (no closure per facet). */
function setRelative(
  q: Float64Array,
  qr: Float64Array,
  slot: number,
  x: ArrayLike<number>,
  r: number,
  p: ArrayLike<number>,
  pr: number,
): void {
  q[slot * 3] = subS(x[0]!, r, p[0]!, pr);
  qr[slot * 3] = R[0]!;
  q[slot * 3 + 1] = subS(x[1]!, r, p[1]!, pr);
  qr[slot * 3 + 1] = R[0]!;
  q[slot * 3 + 2] = subS(x[2]!, r, p[2]!, pr);
  qr[slot * 3 + 2] = R[0]!;
}

/**
 * float-values.ts's `polytopeVolumeCentroid3` on float points xs[v] (3 coordinates each, within
 * radius[v] per coordinate), the apex vertex 0 and the facets as cycles of vertex indices: the
 * volume ball and the centroid balls.
 */
export function volumeCentroid3(
  xs: readonly ArrayLike<number>[],
  radius: ArrayLike<number>,
  cycles: readonly (readonly number[])[],
): { volume: Ball; centroid: Ball[] } {
  const p = xs[0]!;
  const pr = radius[0]!;
  let V = 0;
  let Vr = 0;
  const C = [0, 0, 0];
  const Cr = [0, 0, 0];
  const q = new Float64Array(9);
  const qr = new Float64Array(9);
  for (const poly of cycles) {
    setRelative(q, qr, 0, xs[poly[0]!]!, radius[poly[0]!]!, p, pr);
    for (let i = 1; i + 1 < poly.length; i++) {
      setRelative(q, qr, 1, xs[poly[i]!]!, radius[poly[i]!]!, p, pr);
      setRelative(q, qr, 2, xs[poly[i + 1]!]!, radius[poly[i + 1]!]!, p, pr);
      // cross3(q1, q2)
      const x0 = crossTerm(q[4]!, qr[4]!, q[8]!, qr[8]!, q[5]!, qr[5]!, q[7]!, qr[7]!);
      const xr0 = R[0]!;
      const x1 = crossTerm(q[5]!, qr[5]!, q[6]!, qr[6]!, q[3]!, qr[3]!, q[8]!, qr[8]!);
      const xr1 = R[0]!;
      const x2 = crossTerm(q[3]!, qr[3]!, q[7]!, qr[7]!, q[4]!, qr[4]!, q[6]!, qr[6]!);
      const xr2 = R[0]!;
      // dot(q0, ·) from ball(0): add(add(add(0, m0), m1), m2)
      let m = mulS(q[0]!, qr[0]!, x0, xr0);
      let s = addS(0, 0, m, R[0]!);
      let sr = R[0]!;
      m = mulS(q[1]!, qr[1]!, x1, xr1);
      s = addS(s, sr, m, R[0]!);
      sr = R[0]!;
      m = mulS(q[2]!, qr[2]!, x2, xr2);
      s = addS(s, sr, m, R[0]!);
      sr = R[0]!;
      const det = Math.abs(s);
      V = addS(V, Vr, det, sr);
      Vr = R[0]!;
      for (let k = 0; k < 3; k++) {
        // add(C_k, mul(det, add(add(q0_k, q1_k), q2_k)))
        let w = addS(q[k]!, qr[k]!, q[3 + k]!, qr[3 + k]!);
        w = addS(w, R[0]!, q[6 + k]!, qr[6 + k]!);
        const t = mulS(det, sr, w, R[0]!);
        C[k] = addS(C[k]!, Cr[k]!, t, R[0]!);
        Cr[k] = R[0]!;
      }
    }
  }
  // volume = div(V, ball(6)); den = scale(V, 4); centroid_k = add(apex_k, div(C_k, den))
  const vol = divS(V, Vr, 6, 0);
  const volume: Ball = { v: vol, r: R[0]! };
  const den = V * 4;
  const denr = Vr * 4 + U2 * Math.abs(den);
  const centroid: Ball[] = new Array(3);
  for (let k = 0; k < 3; k++) {
    const c = divS(C[k]!, Cr[k]!, den, denr);
    const v = addS(p[k]!, pr, c, R[0]!);
    centroid[k] = { v, r: R[0]! };
  }
  return { volume, centroid };
}

function sqrtS(av: number, ar: number): number {
  const v = Math.sqrt(Math.max(av, 0));
  if (av > ar) {
    const lo = Math.sqrt(av - ar);
    R[0] = ar / (lo + v) + U2 * v;
  } else R[0] = Math.sqrt(Math.max(av, 0) + ar) * (1 + U2);
  return v;
}

/** dot of float-values.ts for 3-vectors with common radii rx, ry (from ball(0)). */
function dot3S(
  x0: number,
  x1: number,
  x2: number,
  rx: number,
  y0: number,
  y1: number,
  y2: number,
  ry: number,
): number {
  let m = mulS(x0, rx, y0, ry);
  let s = addS(0, 0, m, R[0]!);
  let sr = R[0]!;
  m = mulS(x1, rx, y1, ry);
  s = addS(s, sr, m, R[0]!);
  sr = R[0]!;
  m = mulS(x2, rx, y2, ry);
  return addS(s, sr, m, R[0]!);
}

/**
 * angles.ts's `floatCosAngleBalls` for d = 3 on scalars: cos θ = −(a·b)/(|a||b|) as a ball (value
 * and radius, before the safety factor) and sin θ = |a × b|/(|a||b|) (float), for the rounded
 * facet normals a, b with radii ra, rb per coordinate.
 */
export function cosAngle3(
  a: ArrayLike<number>,
  ra: number,
  b: ArrayLike<number>,
  rb: number,
): { v: number; r: number; sin: number } {
  const a0 = a[0]!, a1 = a[1]!, a2 = a[2]!; // prettier-ignore
  const b0 = b[0]!, b1 = b[1]!, b2 = b[2]!; // prettier-ignore
  const aa = dot3S(a0, a1, a2, ra, a0, a1, a2, ra);
  const na = sqrtS(aa, R[0]!);
  const rna = R[0]!;
  const bb = dot3S(b0, b1, b2, rb, b0, b1, b2, rb);
  const nb = sqrtS(bb, R[0]!);
  const norms = mulS(na, rna, nb, R[0]!);
  const rnorms = R[0]!;
  const ab = dot3S(a0, a1, a2, ra, b0, b1, b2, rb);
  const num = subS(0, 0, ab, R[0]!);
  const c = divS(num, R[0]!, norms, rnorms);
  const r = R[0]!;
  // cross3 values (the balls' v) for sin
  const c0 = a1 * b2 - a2 * b1;
  const c1 = a2 * b0 - a0 * b2;
  const c2 = a0 * b1 - a1 * b0;
  const sin = Math.sqrt(c0 * c0 + c1 * c1 + c2 * c2) / norms;
  return { v: c, r, sin };
}

/**
 * float-values.ts's `polygonArea3` on scalars: ½|Σ (p_i − p_0) × (p_{i+1} − p_0)| for the points
 * xs[order[i]] (radius rs[order[i]] per coordinate) in cyclic order; the area ball.
 */
export function polygonArea3S(
  xs: readonly ArrayLike<number>[],
  rs: ArrayLike<number>,
  order: readonly number[],
): Ball {
  const n = order.length;
  if (n < 3) return { v: 0, r: 0 };
  const p = xs[order[0]!]!;
  const pr = rs[order[0]!]!;
  const q = new Float64Array(9);
  const qr = new Float64Array(9);
  let A0 = 0, A1 = 0, A2 = 0, Ar0 = 0, Ar1 = 0, Ar2 = 0; // prettier-ignore
  for (let i = 1; i + 1 < n; i++) {
    setRelative(q, qr, 1, xs[order[i]!]!, rs[order[i]!]!, p, pr);
    setRelative(q, qr, 2, xs[order[i + 1]!]!, rs[order[i + 1]!]!, p, pr);
    const c0 = crossTerm(q[4]!, qr[4]!, q[8]!, qr[8]!, q[5]!, qr[5]!, q[7]!, qr[7]!);
    A0 = addS(A0, Ar0, c0, R[0]!);
    Ar0 = R[0]!;
    const c1 = crossTerm(q[5]!, qr[5]!, q[6]!, qr[6]!, q[3]!, qr[3]!, q[8]!, qr[8]!);
    A1 = addS(A1, Ar1, c1, R[0]!);
    Ar1 = R[0]!;
    const c2 = crossTerm(q[3]!, qr[3]!, q[7]!, qr[7]!, q[4]!, qr[4]!, q[6]!, qr[6]!);
    A2 = addS(A2, Ar2, c2, R[0]!);
    Ar2 = R[0]!;
  }
  // scale(sqrt(dot(A, A)), 0.5)
  const s = sqrtS(dotA(A0, Ar0, A1, Ar1, A2, Ar2), R[0]!);
  const v = s * 0.5;
  return { v, r: R[0]! * 0.5 + U2 * Math.abs(v) };
}

/** dot(A, A) of balls with their own radii (from ball(0)). */
function dotA(a0: number, r0: number, a1: number, r1: number, a2: number, r2: number): number {
  let m = mulS(a0, r0, a0, r0);
  let s = addS(0, 0, m, R[0]!);
  let sr = R[0]!;
  m = mulS(a1, r1, a1, r1);
  s = addS(s, sr, m, R[0]!);
  sr = R[0]!;
  m = mulS(a2, r2, a2, r2);
  return addS(s, sr, m, R[0]!);
}
