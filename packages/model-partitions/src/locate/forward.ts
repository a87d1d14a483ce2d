/**
 * ReLU MLP forward pass at a point with a float filter (SPEC §1): pre-activations are computed in
 * float64 together with a running bound on their error (exact-arith's `affineWithError`, whose
 * doc comment derives it); a unit's sign is accepted when |z| exceeds its bound, and the exact
 * integer forward pass is run only for points where some unit is too close to zero to tell.
 */
import {
  affineWithError,
  filtered,
  roundRational,
  roundingErrors,
  signBeyond,
} from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import {
  type IntLayer,
  floatSlopes,
  integerLayers,
  leakDen,
  leakyWithError,
  maskFactor,
} from '../engines/mlp-maps.js';
import type { DataPoint } from './point.js';

/** Float and integer copies of a network, prepared once. */
export interface PreparedMlp {
  sizes: number[];
  /** Row-major float weights per layer. */
  W: Float64Array[];
  b: Float64Array[];
  /** Float inactive-side slopes per layer (undefined: ReLU). */
  slopes: (Float64Array | undefined)[];
  intLayers: IntLayer[];
}

export function prepareMlp(model: ReluMlpModel): PreparedMlp {
  return {
    sizes: [model.inputDimension, ...model.layers.map((l) => l.bias.length)],
    // filter operands (roundRational: NaN, hence never certified, below the normal range)
    W: model.layers.map((l) => Float64Array.from(l.weights.flat(), roundRational)),
    b: model.layers.map((l) => Float64Array.from(l.bias, roundRational)),
    slopes: floatSlopes(model),
    intLayers: integerLayers(model),
  };
}

/** Signs (−1, 0, 1) of every hidden unit's pre-activation at the point, layer by layer. */
export const hiddenSigns: (net: PreparedMlp, p: DataPoint) => Int8Array[] = filtered(
  floatHiddenSigns,
  exactHiddenSigns,
);

/** Float-filtered signs, or undefined when some sign cannot be certified. */
export function floatHiddenSigns(net: PreparedMlp, p: DataPoint): Int8Array[] | undefined {
  if (!p.filterable) return undefined;
  let h: Float64Array = p.xf;
  let e = roundingErrors(h, p.relError);
  const out: Int8Array[] = [];
  const L = net.W.length;
  for (let l = 0; l < L - 1; l++) {
    const m = net.sizes[l + 1]!;
    const z = new Float64Array(m);
    const zErr = new Float64Array(m);
    if (!affineWithError(net.W[l]!, net.b[l]!, h, e, z, zErr)) return undefined;
    const signs = new Int8Array(m);
    const slope = net.slopes[l];
    for (let j = 0; j < m; j++) {
      const s = signBeyond(z[j]!, zErr[j]!);
      if (s === undefined) return undefined;
      signs[j] = s;
      if (s < 0) {
        if (slope && slope[j] !== 0) [z[j], zErr[j]] = leakyWithError(slope[j]!, z[j]!, zErr[j]!);
        else {
          // relu of a certified negative is 0 exactly
          z[j] = 0;
          zErr[j] = 0;
        }
      }
    }
    out.push(signs);
    h = z;
    e = zErr;
  }
  return out;
}

/** Exact signs by the integer forward pass: z_l = (W h + b·S) / (s S), all numerators integers. */
export function exactHiddenSigns(net: PreparedMlp, p: DataPoint): Int8Array[] {
  const v = p.vertex();
  let h = v.num.slice();
  let S = v.den; // h_true = h / S
  const out: Int8Array[] = [];
  const L = net.intLayers.length;
  for (let l = 0; l < L - 1; l++) {
    const layer = net.intLayers[l]!;
    const { W, b, s } = layer;
    const m = b.length;
    const signs = new Int8Array(m);
    const nh = new Array<bigint>(m);
    for (let j = 0; j < m; j++) {
      let z = b[j]! * S;
      const w = W[j]!;
      for (let k = 0; k < w.length; k++) if (w[k] !== 0n && h[k] !== 0n) z += w[k]! * h[k]!;
      signs[j] = z > 0n ? 1 : z < 0n ? -1 : 0;
      nh[j] = z * maskFactor(layer, z > 0n, j);
    }
    out.push(signs);
    h = nh;
    S = S * s * leakDen(layer);
  }
  return out;
}
