/**
 * The float64 fast path for high-dimensional inputs: group points by activation pattern (a float
 * forward pass) and compute, once per pattern, the output Jacobian J = W_L D_{L−1} W_{L−1} ⋯ D_1 W_1
 * right to left (m × d, O(m·Σ n_l n_{l−1}) per cell instead of the O(d·Σ n_l n_{l−1}) of the full
 * per-layer maps), i.e. the pulled-back output covectors of SPEC §5; on a leaky layer D_l holds the
 * inactive units' slopes (docs/math.md §2). Float patterns may differ from
 * the exact labels for a point within rounding of a unit's hyperplane; exact labels are
 * model-partitions' dataHoldingPartition.
 */
import { type FloatMlp, labelOfPattern } from './float-net.js';

/** One activation pattern that holds data, with its output Jacobian. */
export interface PatternJacobian {
  label: string;
  pattern: boolean[][];
  /** Indices of the points with this pattern. */
  points: number[];
  /** ∂z_L/∂x on the cell: m × d (row j = the pullback of the covector e_j of the output space). */
  jacobian: Float64Array[];
}

/**
 * (M D) W for the 0/1 diagonal D of `bits`: rows of M four at a time, so each row of W is read once
 * per four output rows (the loop is memory-bound: W_1 of a 784-input net is 0.8 MB).
 */
function multiplyMasked(
  M: readonly Float64Array[],
  bits: readonly boolean[],
  W: readonly Float64Array[],
  inp: number,
): Float64Array[] {
  const out = M.map(() => new Float64Array(inp));
  const K = M[0]?.length ?? 0;
  let r = 0;
  for (; r + 3 < M.length; r += 4) {
    const m0 = M[r]!;
    const m1 = M[r + 1]!;
    const m2 = M[r + 2]!;
    const m3 = M[r + 3]!;
    const o0 = out[r]!;
    const o1 = out[r + 1]!;
    const o2 = out[r + 2]!;
    const o3 = out[r + 3]!;
    // active columns with a non-zero entry in one of the four rows, two at a time
    const active: number[] = [];
    for (let k = 0; k < K; k++)
      if (bits[k] && (m0[k] !== 0 || m1[k] !== 0 || m2[k] !== 0 || m3[k] !== 0)) active.push(k);
    let t = 0;
    for (; t + 1 < active.length; t += 2) {
      const k = active[t]!;
      const q = active[t + 1]!;
      const a0 = m0[k]!;
      const a1 = m1[k]!;
      const a2 = m2[k]!;
      const a3 = m3[k]!;
      const b0 = m0[q]!;
      const b1 = m1[q]!;
      const b2 = m2[q]!;
      const b3 = m3[q]!;
      const Wk = W[k]!;
      const Wq = W[q]!;
      for (let i = 0; i < inp; i++) {
        const w = Wk[i]!;
        const v = Wq[i]!;
        o0[i]! += a0 * w + b0 * v;
        o1[i]! += a1 * w + b1 * v;
        o2[i]! += a2 * w + b2 * v;
        o3[i]! += a3 * w + b3 * v;
      }
    }
    if (t < active.length) {
      const k = active[t]!;
      const a0 = m0[k]!;
      const a1 = m1[k]!;
      const a2 = m2[k]!;
      const a3 = m3[k]!;
      const Wk = W[k]!;
      for (let i = 0; i < inp; i++) {
        const w = Wk[i]!;
        o0[i]! += a0 * w;
        o1[i]! += a1 * w;
        o2[i]! += a2 * w;
        o3[i]! += a3 * w;
      }
    }
  }
  for (; r < M.length; r++) {
    const row = M[r]!;
    const o = out[r]!;
    for (let k = 0; k < K; k++) {
      const a = row[k]!;
      if (!bits[k] || a === 0) continue;
      const Wk = W[k]!;
      for (let i = 0; i < inp; i++) o[i]! += a * Wk[i]!;
    }
  }
  return out;
}

/** The data-holding patterns of the points and the output Jacobian of each. */
export function outputJacobiansFloat(
  net: FloatMlp,
  points: readonly (readonly number[])[],
): PatternJacobian[] {
  // weights as typed rows once (the hot loops below run 10^9–10^10 multiply–adds on real nets)
  const layers = net.layers.map((l) => ({
    W: l.weights.map((row) => Float64Array.from(row)),
    b: Float64Array.from(l.bias),
  }));
  const groups = new Map<string, PatternJacobian>();
  points.forEach((x, i) => {
    const pattern: boolean[][] = [];
    let h: ArrayLike<number> = x;
    for (let l = 0; l < layers.length - 1; l++) {
      const { W, b } = layers[l]!;
      const slopes = net.layers[l]!.negativeSlopes;
      const z = new Float64Array(W.length);
      const bits: boolean[] = new Array(W.length);
      for (let j = 0; j < W.length; j++) {
        const row = W[j]!;
        let s = b[j]!;
        for (let k = 0; k < row.length; k++) s += row[k]! * h[k]!;
        bits[j] = s > 0;
        z[j] = s > 0 ? s : slopes === undefined ? 0 : s * slopes[j]!;
      }
      pattern.push(bits);
      h = z;
    }
    const label = labelOfPattern(pattern);
    const g = groups.get(label);
    if (g) g.points.push(i);
    else groups.set(label, { label, pattern, points: [i], jacobian: [] });
  });
  const L = net.layers.length;
  for (const g of groups.values()) {
    // M = W_L, then M ← (M D_l) W_l for l = L−1 … 1
    let M: Float64Array[] = layers[L - 1]!.W.map((row) => Float64Array.from(row));
    for (let l = L - 2; l >= 0; l--) {
      const W = layers[l]!.W;
      const bits = g.pattern[l]!;
      const inp = W[0]?.length ?? 0;
      const slopes = net.layers[l]!.negativeSlopes;
      if (slopes === undefined) M = multiplyMasked(M, bits, W, inp);
      else {
        // leaky layer: D_l[k] = α_k for an inactive unit — scale those columns of M, keep them
        M = M.map((row) => row.map((v, k) => (bits[k] ? v : v * slopes[k]!)));
        M = multiplyMasked(
          M,
          bits.map((b, k) => b || slopes[k] !== 0),
          W,
          inp,
        );
      }
    }
    g.jacobian = M;
  }
  return [...groups.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
