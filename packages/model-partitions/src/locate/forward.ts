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
  return floatForward(net, p, false)?.signs;
}

/**
 * The filtered forward pass: certified signs of every hidden unit, and with `output` the float
 * output scores with their error bounds; undefined when some hidden sign cannot be certified.
 */
function floatForward(
  net: PreparedMlp,
  p: DataPoint,
  output: boolean,
): { signs: Int8Array[]; z?: Float64Array; e?: Float64Array } | undefined {
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
  if (!output) return { signs: out };
  const m = net.sizes[L]!;
  const z = new Float64Array(m);
  const zErr = new Float64Array(m);
  if (!affineWithError(net.W[L - 1]!, net.b[L - 1]!, h, e, z, zErr)) return undefined;
  return { signs: out, z, e: zErr };
}

/**
 * The network's class at the point (SPEC §2: the argmax of the scores, lowest index on ties; one
 * output: 1 when f > 0), certified by the float pass — fl(ẑ_k − ẑ_j) > 2(e_k + e_j), as
 * decision/scores.ts `certifiedArgmax` — or undefined (then {@link exactClass} decides).
 */
export function floatClass(net: PreparedMlp, p: DataPoint): number | undefined {
  const f = floatForward(net, p, true);
  if (!f) return undefined;
  const z = f.z!;
  const e = f.e!;
  if (z.length === 1) {
    const s = signBeyond(z[0]!, e[0]!);
    return s === undefined ? undefined : s > 0 ? 1 : 0;
  }
  let k = 0;
  for (let j = 1; j < z.length; j++) if (z[j]! > z[k]!) k = j;
  for (let j = 0; j < z.length; j++)
    if (j !== k && !(z[k]! - z[j]! > 2 * (e[k]! + e[j]!))) return undefined;
  return k;
}

/** The class at the point by the exact integer forward pass (see {@link floatClass}). */
export function exactClass(net: PreparedMlp, p: DataPoint): number {
  const z = exactForward(net, p).output;
  if (z.length === 1) return z[0]! > 0n ? 1 : 0;
  let k = 0;
  for (let j = 1; j < z.length; j++) if (z[j]! > z[k]!) k = j;
  return k;
}

/** The model's class at a data point: float-filtered, exact when the filter cannot decide. */
export const classAtPoint: (net: PreparedMlp, p: DataPoint) => number = filtered(
  floatClass,
  exactClass,
);

/** Exact signs by the integer forward pass: z_l = (W h + b·S) / (s S), all numerators integers. */
export function exactHiddenSigns(net: PreparedMlp, p: DataPoint): Int8Array[] {
  return exactForward(net, p).signs;
}

/**
 * The integer forward pass: hidden signs, and the output scores' numerators over one common
 * positive denominator (so their order is the scores' order).
 */
function exactForward(net: PreparedMlp, p: DataPoint): { signs: Int8Array[]; output: bigint[] } {
  const v = p.vertex();
  let h = v.num.slice();
  let S = v.den; // h_true = h / S
  const out: Int8Array[] = [];
  const L = net.intLayers.length;
  const affine = (l: number) => {
    const { W, b } = net.intLayers[l]!;
    return b.map((bj, j) => {
      let z = bj * S;
      const w = W[j]!;
      for (let k = 0; k < w.length; k++) if (w[k] !== 0n && h[k] !== 0n) z += w[k]! * h[k]!;
      return z;
    });
  };
  for (let l = 0; l < L - 1; l++) {
    const layer = net.intLayers[l]!;
    const z = affine(l);
    const signs = new Int8Array(z.length);
    const nh = new Array<bigint>(z.length);
    z.forEach((zj, j) => {
      signs[j] = zj > 0n ? 1 : zj < 0n ? -1 : 0;
      nh[j] = zj * maskFactor(layer, zj > 0n, j);
    });
    out.push(signs);
    h = nh;
    S = S * layer.s * leakDen(layer);
  }
  return { signs: out, output: affine(L - 1) };
}
