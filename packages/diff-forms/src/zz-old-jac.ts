/**
 * The float64 fast path for high-dimensional inputs: group points by activation pattern (a float
 * forward pass) and compute, once per pattern, the output Jacobian J = W_L D_{L−1} W_{L−1} ⋯ D_1 W_1
 * right to left (m × d, O(m·Σ n_l n_{l−1}) per cell instead of the O(d·Σ n_l n_{l−1}) of the full
 * per-layer maps), i.e. the pulled-back output covectors of SPEC §5. Float patterns may differ from
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

/** The data-holding patterns of the points and the output Jacobian of each. */
export function outputJacobiansFloatOld(
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
      const z = new Float64Array(W.length);
      const bits: boolean[] = new Array(W.length);
      for (let j = 0; j < W.length; j++) {
        const row = W[j]!;
        let s = b[j]!;
        for (let k = 0; k < row.length; k++) s += row[k]! * h[k]!;
        bits[j] = s > 0;
        z[j] = s > 0 ? s : 0;
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
    let M = layers[L - 1]!.W.map((row) => Float64Array.from(row));
    for (let l = L - 2; l >= 0; l--) {
      const W = layers[l]!.W;
      const bits = g.pattern[l]!;
      const inp = W[0]?.length ?? 0;
      M = M.map((row) => {
        const out = new Float64Array(inp);
        for (let k = 0; k < row.length; k++) {
          const m = row[k]!;
          if (!bits[k] || m === 0) continue;
          const Wk = W[k]!;
          for (let i = 0; i < inp; i++) out[i]! += m * Wk[i]!;
        }
        return out;
      });
    }
    g.jacobian = M;
  }
  return [...groups.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
