/**
 * ReLU MLP forward pass at a point with a float filter (SPEC §1): pre-activations are computed in
 * float64 together with a running bound on their error; a unit's sign is accepted when |z| exceeds
 * its bound, and the exact integer forward pass is run only for points where some unit is too close
 * to zero to tell.
 *
 * Error bound per layer (u = 2^-53, n = fan-in, W̃, h̃ the float copies, e the error of h̃):
 * |z − z̃| ≤ (n + 2)·u·(Σ|W̃||h̃| + |b̃|) + (1 + (n + 2)u)·Σ|W̃| e; relu is 1-Lipschitz and exact at
 * decided negatives. We double the bound to cover the rounding of its own evaluation.
 */
import type { ReluMlpModel } from '../models.js';
import { type IntLayer, integerLayers } from '../engines/mlp-maps.js';
import type { DataPoint } from './point.js';

const U = 2 ** -53;

/** Float and integer copies of a network, prepared once. */
export interface PreparedMlp {
  sizes: number[];
  /** Row-major float weights per layer. */
  W: Float64Array[];
  b: Float64Array[];
  intLayers: IntLayer[];
}

export function prepareMlp(model: ReluMlpModel): PreparedMlp {
  return {
    sizes: [model.inputDimension, ...model.layers.map((l) => l.bias.length)],
    W: model.layers.map((l) => Float64Array.from(l.weights.flat(), (r) => r.toNumber())),
    b: model.layers.map((l) => Float64Array.from(l.bias, (r) => r.toNumber())),
    intLayers: integerLayers(model),
  };
}

/** Signs (−1, 0, 1) of every hidden unit's pre-activation at the point, layer by layer. */
export function hiddenSigns(net: PreparedMlp, p: DataPoint): Int8Array[] {
  return floatHiddenSigns(net, p) ?? exactHiddenSigns(net, p);
}

/** Float-filtered signs, or undefined when some sign cannot be certified. */
export function floatHiddenSigns(net: PreparedMlp, p: DataPoint): Int8Array[] | undefined {
  let h = p.xf;
  let e = new Float64Array(h.length);
  if (p.relError > 0) for (let i = 0; i < h.length; i++) e[i] = p.relError * Math.abs(h[i]!);
  const out: Int8Array[] = [];
  const L = net.W.length;
  for (let l = 0; l < L - 1; l++) {
    const n = net.sizes[l]!;
    const m = net.sizes[l + 1]!;
    const W = net.W[l]!;
    const b = net.b[l]!;
    const nh = new Float64Array(m);
    const ne = new Float64Array(m);
    const signs = new Int8Array(m);
    const k1 = (n + 2) * U;
    for (let j = 0; j < m; j++) {
      let z = b[j]!;
      let mag = Math.abs(b[j]!);
      let prop = 0;
      const off = j * n;
      for (let k = 0; k < n; k++) {
        const w = W[off + k]!;
        const t = w * h[k]!;
        z += t;
        mag += Math.abs(t);
        prop += Math.abs(w) * e[k]!;
      }
      const bound = 2 * (k1 * mag + (1 + k1) * prop) + 1e-300;
      if (!Number.isFinite(z) || !Number.isFinite(bound)) return undefined;
      if (z > bound) {
        signs[j] = 1;
        nh[j] = z;
        ne[j] = bound;
      } else if (z < -bound) {
        signs[j] = -1;
      } else return undefined;
    }
    out.push(signs);
    h = nh;
    e = ne;
  }
  return out;
}

/** Exact signs by the integer forward pass: z_l = (W h + b·S) / (s S), all numerators integers. */
export function exactHiddenSigns(net: PreparedMlp, p: DataPoint): Int8Array[] {
  const v = p.vertex();
  let h = v.X.slice();
  let S = v.D; // h_true = h / S
  const out: Int8Array[] = [];
  const L = net.intLayers.length;
  for (let l = 0; l < L - 1; l++) {
    const { W, b, s } = net.intLayers[l]!;
    const m = b.length;
    const signs = new Int8Array(m);
    const nh = new Array<bigint>(m);
    for (let j = 0; j < m; j++) {
      let z = b[j]! * S;
      const w = W[j]!;
      for (let k = 0; k < w.length; k++) if (w[k] !== 0n && h[k] !== 0n) z += w[k]! * h[k]!;
      signs[j] = z > 0n ? 1 : z < 0n ? -1 : 0;
      nh[j] = z > 0n ? z : 0n;
    }
    out.push(signs);
    h = nh;
    S = S * s;
  }
  return out;
}
