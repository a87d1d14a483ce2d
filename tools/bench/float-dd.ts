/**
 * A plain float64 double description vertex enumeration (no filter, no exact fallback): the
 * "pure float" baseline of polytope-vs-lrs-qhull.ts. Same algorithm shape as the core's engine —
 * incremental row insertion in lexicographic row order; adjacent pairs of simple rays found by
 * hashing their zero sets, other pairs by the cardinality test and then the cheaper of the
 * combinatorial test (bitset zero sets) and the algebraic rank test — but every sign is decided by |g·r| ≤ ε·‖g‖·‖r‖ in float64, so degenerate inputs can go
 * wrong. Benchmark use only.
 */

/** Vertices of the bounded {x : A x ≤ b} in float64 (rays are dropped). */
export function floatVertices(
  A: readonly (readonly number[])[],
  b: readonly number[],
  eps = 1e-9,
): number[][] {
  const d = A[0]!.length;
  const n = d + 1;
  // homogeneous rows g·(t, x) ≥ 0: (b_i, −a_i), plus t ≥ 0
  const G: Float64Array[] = A.map((a, i) => Float64Array.from([b[i]!, ...a.map((x) => -x)]));
  G.push(Float64Array.from([1, ...new Array<number>(d).fill(0)]));
  const m = G.length;
  const norms = G.map((g) => Math.hypot(...g));
  const order = Array.from({ length: m }, (_, i) => i).sort((p, q) => {
    for (let k = 0; k < n; k++) if (G[p]![k] !== G[q]![k]) return G[p]![k]! - G[q]![k]!;
    return p - q;
  });
  const words = (m + 31) >>> 5;

  // initial basis: n independent rows (Gaussian elimination with partial pivoting)
  const chosen: number[] = [];
  const reduced: Float64Array[] = [];
  const pivCols: number[] = [];
  for (const i of order) {
    if (chosen.length === n) break;
    const v = Float64Array.from(G[i]!);
    reduced.forEach((r, k) => {
      const f = v[pivCols[k]!]! / r[pivCols[k]!]!;
      for (let j = 0; j < n; j++) v[j]! -= f * r[j]!;
    });
    let best = -1;
    for (let j = 0; j < n; j++) if (best < 0 || Math.abs(v[j]!) > Math.abs(v[best]!)) best = j;
    if (Math.abs(v[best]!) <= eps * norms[i]!) continue;
    chosen.push(i);
    reduced.push(v);
    pivCols.push(best);
  }
  if (chosen.length < n)
    throw new Error('floatVertices: rows do not span (unbounded or lower-dimensional)');
  // rays = columns of inverse(G_chosen): solve G_chosen R = I
  const M = chosen.map((i, r) => [
    ...G[i]!,
    ...Array.from({ length: n }, (_, c) => (c === r ? 1 : 0)),
  ]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const piv = M[c]![c]!;
    for (let j = 0; j < 2 * n; j++) M[c]![j]! /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) M[r]![j]! -= f * M[c]![j]!;
    }
  }
  interface Ray {
    v: Float64Array;
    zero: Uint32Array;
    count: number;
  }
  let rays: Ray[] = [];
  for (let a = 0; a < n; a++) {
    const v = Float64Array.from({ length: n }, (_, r) => M[r]![n + a]!);
    const zero = new Uint32Array(words);
    chosen.forEach((row, k) => {
      if (k !== a) zero[row >>> 5]! |= 1 << (row & 31);
    });
    rays.push({ v, zero, count: n - 1 });
  }
  const done = new Set(chosen);
  const tmp = new Uint32Array(words);
  const popcount = (x: number) => {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  };
  for (const i of order) {
    if (done.has(i)) continue;
    const g = G[i]!;
    const pos: Ray[] = [];
    const neg: Ray[] = [];
    const zer: Ray[] = [];
    const val = new Map<Ray, number>();
    for (const r of rays) {
      let s = 0;
      let nr = 0;
      for (let k = 0; k < n; k++) {
        s += g[k]! * r.v[k]!;
        nr += r.v[k]! * r.v[k]!;
      }
      if (Math.abs(s) <= eps * norms[i]! * Math.sqrt(nr)) {
        r.zero[i >>> 5]! |= 1 << (i & 31);
        r.count++;
        zer.push(r);
      } else {
        (s > 0 ? pos : neg).push(r);
        val.set(r, s);
      }
    }
    const created: Ray[] = [];
    const makeRay = (p: Ray, q: Ray, c: number) => {
      const sp = val.get(p)!;
      const sq = val.get(q)!;
      const v = new Float64Array(n);
      let mx = 0;
      for (let k = 0; k < n; k++) {
        v[k] = sp * q.v[k]! - sq * p.v[k]!;
        mx = Math.max(mx, Math.abs(v[k]!));
      }
      for (let k = 0; k < n; k++) v[k]! /= mx;
      const zero = Uint32Array.from(tmp);
      zero[i >>> 5]! |= 1 << (i & 31);
      created.push({ v, zero, count: c + 1 });
    };
    // Simple rays (exactly n − 1 tight rows, which are then independent): p and q are adjacent iff
    // they share n − 2 tight rows, found by hashing Z(r) \ {j} (no pair scan).
    const simpleNeg = new Map<string, Ray[]>();
    for (const q of neg) {
      if (q.count !== n - 1) continue;
      const z = bitsOf(q.zero, m);
      for (let j = 0; j < z.length; j++) {
        const k = z.filter((_, t) => t !== j).join(',');
        const list = simpleNeg.get(k);
        if (list) list.push(q);
        else simpleNeg.set(k, [q]);
      }
    }
    for (const p of pos) {
      if (p.count !== n - 1) continue;
      const z = bitsOf(p.zero, m);
      for (let j = 0; j < z.length; j++) {
        for (const q of simpleNeg.get(z.filter((_, t) => t !== j).join(',')) ?? []) {
          for (let w = 0; w < words; w++) tmp[w] = p.zero[w]! & q.zero[w]!;
          makeRay(p, q, n - 2);
        }
      }
    }
    // Pairs with a degenerate ray: cardinality test, then the cheaper exact-style adjacency test.
    const degNeg = neg.filter((q) => q.count !== n - 1);
    for (const p of pos) {
      for (const q of p.count === n - 1 ? degNeg : neg) {
        let c = 0;
        for (let w = 0; w < words; w++) c += popcount((tmp[w] = p.zero[w]! & q.zero[w]!));
        if (c < n - 2) continue;
        let adjacent = true;
        if (c * n * n * 4 < rays.length * words) {
          adjacent =
            floatRank(
              bitsOf(tmp, m).map((row) => G[row]!),
              n,
              eps,
            ) ===
            n - 2;
        } else
          for (const o of rays) {
            if (o === p || o === q) continue;
            let sub = true;
            for (let w = 0; w < words && sub; w++)
              if ((tmp[w]! & o.zero[w]!) !== tmp[w]) sub = false;
            if (sub) {
              adjacent = false;
              break;
            }
          }
        if (adjacent) makeRay(p, q, c);
      }
    }
    rays = [...pos, ...zer, ...created];
  }
  return rays
    .filter((r) => r.v[0]! > eps)
    .map((r) => Array.from(r.v.subarray(1), (x) => x / r.v[0]!));
}

function bitsOf(set: Uint32Array, m: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) if (set[i >>> 5]! & (1 << (i & 31))) out.push(i);
  return out;
}

/** Rank of float rows by Gaussian elimination with partial pivoting, relative tolerance eps. */
function floatRank(rows: Float64Array[], n: number, eps: number): number {
  const a = rows.map((r) => Float64Array.from(r));
  let rank = 0;
  for (let c = 0; c < n && rank < a.length; c++) {
    let p = rank;
    for (let r = rank + 1; r < a.length; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    const scale = Math.max(...a.map((r) => Math.abs(r[c]!)), 1);
    if (Math.abs(a[p]![c]!) <= eps * scale) continue;
    [a[rank], a[p]] = [a[p]!, a[rank]!];
    const piv = a[rank]!;
    for (let r = rank + 1; r < a.length; r++) {
      const f = a[r]![c]! / piv[c]!;
      if (f !== 0) for (let j = c; j < n; j++) a[r]![j]! -= f * piv[j]!;
    }
    rank++;
  }
  return rank;
}
