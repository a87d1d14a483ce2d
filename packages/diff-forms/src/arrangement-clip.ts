/**
 * Clipping a polygon of the arrangement's vertex pool by a line (as `clip` in plane-cells.ts) into
 * both parts, with each part's shoelace area and bounding box: clipBoth in general, clipRun (no
 * branch per vertex) in the usual case of one run of positive vertices and no vertex on the line.
 */
import { arena } from './arrangement-store.js';

/** The shoelace area of polygon (s, n) of the pool: Σ x_i y_{i+1} − y_i x_{i+1}, halved. */
export function polyArea(x: Float64Array, y: Float64Array, s: number, n: number): number {
  if (n === 0) return 0;
  let a = 0;
  const e = s + n - 1;
  for (let i = s; i < e; i++) a += x[i]! * y[i + 1]! - y[i]! * x[i + 1]!;
  // the closing term last, as in the order i = 0 … n − 1
  a += x[e]! * y[s]! - y[e]! * x[s]!;
  return a / 2;
}

/**
 * The results of clipBoth / clipRun: [area, centre x, centre y, half-size x, half-size y] of the
 * positive part, then the same of the negative part; clipCounts: the two parts' vertex counts.
 */
export const clipInfo = new Float64Array(10);
export const clipCounts = new Int32Array(2);

/**
 * Appends to the vertex pool the parts of polygon (s, n) where σ(w·x + c) ≥ 0 for σ = +1 and
 * σ = −1 (the positive part first, the negative one right behind it), given the vertex values
 * h = w·v + c (0 where |h| ≤ eps) in arena.h; new edges get the tag `cut` (as `clip` in
 * plane-cells.ts, both sides in one pass over the edges: a crossing point x_a + t (x_b − x_a),
 * t = h_a/(h_a − h_b), is computed once, the same number for both sides). Writes each part's
 * shoelace area (the terms of polyArea in the same order, summed while the vertices are written)
 * and, with `boxes`, its bounding box (enlarged by 1e-9 relative and 1e-12 · its coordinates) to
 * clipInfo, the vertex counts to clipCounts. The caller reserved 4n entries of the pool.
 */
export function clipBoth(s: number, n: number, cut: number, boxes: boolean): void {
  const A = arena;
  const h = A.h.a;
  const X = A.x.a;
  const Y = A.y.a;
  const T = A.tag.a;
  const ps = A.x.n;
  const ns0 = ps + 2 * n;
  let p = ps;
  let q = ns0;
  let ppx = 0;
  let ppy = 0;
  let pa = 0;
  let px0 = Infinity;
  let px1 = -Infinity;
  let py0 = Infinity;
  let py1 = -Infinity;
  let qpx = 0;
  let qpy = 0;
  let qa = 0;
  let qx0 = Infinity;
  let qx1 = -Infinity;
  let qy0 = Infinity;
  let qy1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const ha = h[i]!;
    const hb = h[i + 1 === n ? 0 : i + 1]!;
    const x = X[s + i]!;
    const y = Y[s + i]!;
    const tg = T[s + i]!;
    if (ha >= 0) {
      X[p] = x;
      Y[p] = y;
      T[p] = ha === 0 && hb < 0 ? cut : tg;
      if (p > ps) pa += ppx * y - ppy * x;
      ppx = x;
      ppy = y;
      if (boxes) {
        if (x < px0) px0 = x;
        if (x > px1) px1 = x;
        if (y < py0) py0 = y;
        if (y > py1) py1 = y;
      }
      p++;
    }
    if (ha <= 0) {
      X[q] = x;
      Y[q] = y;
      T[q] = ha === 0 && hb > 0 ? cut : tg;
      if (q > ns0) qa += qpx * y - qpy * x;
      qpx = x;
      qpy = y;
      if (boxes) {
        if (x < qx0) qx0 = x;
        if (x > qx1) qx1 = x;
        if (y < qy0) qy0 = y;
        if (y > qy1) qy1 = y;
      }
      q++;
    }
    if ((ha > 0 && hb < 0) || (ha < 0 && hb > 0)) {
      const j = i + 1 === n ? s : s + i + 1;
      const t = ha / (ha - hb);
      const cx = x + t * (X[j]! - x);
      const cy = y + t * (Y[j]! - y);
      X[p] = cx;
      Y[p] = cy;
      T[p] = ha > 0 ? cut : tg;
      if (p > ps) pa += ppx * cy - ppy * cx;
      ppx = cx;
      ppy = cy;
      if (boxes) {
        if (cx < px0) px0 = cx;
        if (cx > px1) px1 = cx;
        if (cy < py0) py0 = cy;
        if (cy > py1) py1 = cy;
      }
      p++;
      X[q] = cx;
      Y[q] = cy;
      T[q] = ha < 0 ? cut : tg;
      if (q > ns0) qa += qpx * cy - qpy * cx;
      qpx = cx;
      qpy = cy;
      if (boxes) {
        if (cx < qx0) qx0 = cx;
        if (cx > qx1) qx1 = cx;
        if (cy < qy0) qy0 = cy;
        if (cy > qy1) qy1 = cy;
      }
      q++;
    }
  }
  if (p > ps) pa += ppx * Y[ps]! - ppy * X[ps]!;
  if (q > ns0) qa += qpx * Y[ns0]! - qpy * X[ns0]!;
  const ns = p;
  for (let k = ns0; k < q; k++) {
    X[p] = X[k]!;
    Y[p] = Y[k]!;
    T[p++] = T[k]!;
  }
  let tiny = 1e-12 * (Math.abs(px0) + Math.abs(px1) + Math.abs(py0) + Math.abs(py1));
  clipInfo[0] = pa / 2;
  clipInfo[1] = 0.5 * (px0 + px1);
  clipInfo[2] = 0.5 * (py0 + py1);
  clipInfo[3] = 0.5 * (px1 - px0) * (1 + 1e-9) + tiny;
  clipInfo[4] = 0.5 * (py1 - py0) * (1 + 1e-9) + tiny;
  tiny = 1e-12 * (Math.abs(qx0) + Math.abs(qx1) + Math.abs(qy0) + Math.abs(qy1));
  clipInfo[5] = qa / 2;
  clipInfo[6] = 0.5 * (qx0 + qx1);
  clipInfo[7] = 0.5 * (qy0 + qy1);
  clipInfo[8] = 0.5 * (qx1 - qx0) * (1 + 1e-9) + tiny;
  clipInfo[9] = 0.5 * (qy1 - qy0) * (1 + 1e-9) + tiny;
  A.x.n = A.y.n = A.tag.n = p;
  clipCounts[0] = ns - ps;
  clipCounts[1] = p - ns;
}

/** Copies vertices s + i0 … s + i1 − 1 of the pool to position p; returns the new p. */
function copyRun(
  X: Float64Array,
  Y: Float64Array,
  T: Int32Array,
  s: number,
  i0: number,
  i1: number,
  p: number,
): number {
  for (let i = i0; i < i1; i++) {
    X[p] = X[s + i]!;
    Y[p] = Y[s + i]!;
    T[p++] = T[s + i]!;
  }
  return p;
}

/** Bounding box of polygon (p, n) of the pool into clipInfo[at …] (as clipBoth computes it). */
function boxInto(X: Float64Array, Y: Float64Array, p: number, n: number, at: number): void {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = p; i < p + n; i++) {
    const x = X[i]!;
    const y = Y[i]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const tiny = 1e-12 * (Math.abs(x0) + Math.abs(x1) + Math.abs(y0) + Math.abs(y1));
  clipInfo[at] = 0.5 * (x0 + x1);
  clipInfo[at + 1] = 0.5 * (y0 + y1);
  clipInfo[at + 2] = 0.5 * (x1 - x0) * (1 + 1e-9) + tiny;
  clipInfo[at + 3] = 0.5 * (y1 - y0) * (1 + 1e-9) + tiny;
}

/**
 * clipBoth for the usual case, without a branch per vertex: no vertex value is 0, n ≤ 30, and the
 * positive vertices (bit i of `pos` for vertex i) form one run, so exactly one edge a goes from +
 * to − and one edge b from − to +. Writes the same vertices, tags, areas and boxes as clipBoth
 * (each part starts where clipBoth's starts: the first vertex or crossing met from vertex 0 on; the
 * areas are polyArea's sums over the written parts, the same terms in the same order as clipBoth's)
 * and returns true; returns false, writing nothing, when the signs are not of that shape.
 */
export function clipRun(s: number, n: number, cut: number, boxes: boolean, pos: number): boolean {
  const full = n === 32 ? -1 : (1 << n) - 1;
  // bit i of next: the sign of vertex i + 1
  const next = (pos >>> 1) | ((pos & 1) << (n - 1));
  const down = pos & ~next & full;
  const up = ~pos & next & full;
  if (down === 0 || up === 0 || (down & (down - 1)) !== 0 || (up & (up - 1)) !== 0) return false;
  const a = 31 - Math.clz32(down);
  const b = 31 - Math.clz32(up);
  const A = arena;
  const h = A.h.a;
  const X = A.x.a;
  const Y = A.y.a;
  const T = A.tag.a;
  // the crossing points of edges a (+ → −) and b (− → +), as clipBoth computes them
  const a1 = a + 1 === n ? 0 : a + 1;
  const b1 = b + 1 === n ? 0 : b + 1;
  let ha = h[a]!;
  let t = ha / (ha - h[a1]!);
  const xa = X[s + a]! + t * (X[s + a1]! - X[s + a]!);
  const ya = Y[s + a]! + t * (Y[s + a1]! - Y[s + a]!);
  ha = h[b]!;
  t = ha / (ha - h[b1]!);
  const xb = X[s + b]! + t * (X[s + b1]! - X[s + b]!);
  const yb = Y[s + b]! + t * (Y[s + b1]! - Y[s + b]!);
  const ta = T[s + a]!;
  const tb = T[s + b]!;
  const ps = A.x.n;
  let p = ps;
  // the positive part: vertices b+1 … a (cyclically), entered at X_b (tag of edge b), left at X_a
  // (the cut); the negative part: vertices a+1 … b, entered at X_a (tag of edge a), left at X_b
  if (b < a) {
    X[p] = xb;
    Y[p] = yb;
    T[p++] = tb;
    p = copyRun(X, Y, T, s, b + 1, a + 1, p);
    X[p] = xa;
    Y[p] = ya;
    T[p++] = cut;
  } else {
    p = copyRun(X, Y, T, s, 0, a + 1, p);
    X[p] = xa;
    Y[p] = ya;
    T[p++] = cut;
    X[p] = xb;
    Y[p] = yb;
    T[p++] = tb;
    p = copyRun(X, Y, T, s, b + 1, n, p);
  }
  const ns = p;
  if (a < b) {
    X[p] = xa;
    Y[p] = ya;
    T[p++] = ta;
    p = copyRun(X, Y, T, s, a + 1, b + 1, p);
    X[p] = xb;
    Y[p] = yb;
    T[p++] = cut;
  } else {
    p = copyRun(X, Y, T, s, 0, b + 1, p);
    X[p] = xb;
    Y[p] = yb;
    T[p++] = cut;
    X[p] = xa;
    Y[p] = ya;
    T[p++] = ta;
    p = copyRun(X, Y, T, s, a + 1, n, p);
  }
  clipInfo[0] = polyArea(X, Y, ps, ns - ps);
  clipInfo[5] = polyArea(X, Y, ns, p - ns);
  if (boxes) {
    boxInto(X, Y, ps, ns - ps, 1);
    boxInto(X, Y, ns, p - ns, 6);
  }
  A.x.n = A.y.n = A.tag.n = p;
  clipCounts[0] = ns - ps;
  clipCounts[1] = p - ns;
  return true;
}
