/**
 * Affine maps of a ReLU MLP on an activation region (SPEC §2, §5), in integer form:
 * z_l(x) = (A_l x + c_l) / S_l with A_1 = W_1, c_1 = b_1 and
 * A_{l+1} = W_{l+1} D_l A_l, c_{l+1} = W_{l+1} D_l c_l + b_{l+1}, each layer's W, b brought to a
 * common denominator so that the hot loop is BigInt multiply–add without gcds.
 */
import {
  Rational,
  UNDERFLOW_SLACK,
  UNIT_ROUNDOFF,
  commonDenominator,
  roundRational,
} from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { AffineMap } from '../partition.js';

/** One layer as integers: W = Wn / s, b = bn / s. */
export interface IntLayer {
  W: bigint[][];
  b: bigint[];
  s: bigint;
  /**
   * The leaky activation after this (hidden) layer: slope_j = num[j] / den on the inactive side;
   * absent for ReLU (slope 0, den 1). See {@link maskFactor}.
   */
  leak?: { num: bigint[]; den: bigint };
}

/**
 * D_l as integers over {@link leakDen}: unit j of a hidden layer passes z_j·factor / den, where the
 * factor is den on the active side and the slope's numerator on the inactive side (ReLU: 1 and 0).
 */
export function maskFactor(layer: IntLayer, bit: boolean | undefined, j: number): bigint {
  if (!layer.leak) return bit ? 1n : 0n;
  return bit ? layer.leak.den : layer.leak.num[j]!;
}

/** The common denominator of a hidden layer's slopes (1 for ReLU). */
export function leakDen(layer: IntLayer): bigint {
  return layer.leak?.den ?? 1n;
}

/** True when some hidden unit of the model has a nonzero slope on its inactive side. */
export function hasLeak(model: ReluMlpModel): boolean {
  return model.layers.some((l) => l.negativeSlopes?.some((a) => !a.isZero()) ?? false);
}

/** `{ negativeSlopes }` of a cell's {@link MlpCellMaps} for a leaky net (hidden layers), else `{}`. */
export function cellMapSlopes(model: ReluMlpModel): {
  negativeSlopes?: (Rational[] | undefined)[];
} {
  if (!hasLeak(model)) return {};
  return { negativeSlopes: model.layers.slice(0, -1).map((l) => l.negativeSlopes) };
}

/**
 * Float copies of every layer's inactive-side slopes (undefined for ReLU layers); each is the
 * correctly rounded double of the exact slope (roundRational: NaN below the normal range, so a
 * float filter that multiplies by it never certifies).
 */
export function floatSlopes(model: ReluMlpModel): (Float64Array | undefined)[] {
  return model.layers.map((l) =>
    l.negativeSlopes?.some((a) => !a.isZero())
      ? Float64Array.from(l.negativeSlopes, roundRational)
      : undefined,
  );
}

/** z(x) = (A x + c) / S on a cell. */
export interface IntMap {
  A: bigint[][];
  c: bigint[];
  S: bigint;
}

/**
 * A leaky unit's output α·z on the inactive side with its error bound: α is the correctly rounded
 * float of the exact slope (|α − α̂| ≤ u|α̂|), z carries `err`, and the product rounds once, so
 * |α_true z_true − fl(α̂ z)| ≤ |α̂|(1 + 2u)·err + 3u·|fl(α̂ z)| (+ the underflow slack). A slope that
 * is not a filter operand (NaN) makes the value NaN, which is never certified.
 */
export function leakyWithError(alpha: number, z: number, err: number): [number, number] {
  const v = alpha * z;
  return [
    v,
    Math.abs(alpha) * (1 + 2 * UNIT_ROUNDOFF) * err +
      3 * UNIT_ROUNDOFF * Math.abs(v) +
      UNDERFLOW_SLACK,
  ];
}

/**
 * The lcm of a layer's denominators (weights, then biases); when all are powers of two (float
 * weights) it is the largest, found without a gcd per entry. Repeated denominators are skipped; no
 * list of the entries is made unless some denominator is not a power of two.
 */
function lcmOfDenominators(
  weights: readonly (readonly Rational[])[],
  bias: readonly Rational[],
): bigint {
  let max = 1n;
  let last = 1n;
  for (let r = 0; r <= weights.length; r++) {
    const row = r < weights.length ? weights[r]! : bias;
    for (let k = 0; k < row.length; k++) {
      const d = row[k]!.den;
      if (d === last) continue;
      last = d;
      if ((d & (d - 1n)) !== 0n) {
        const dens: bigint[] = [];
        for (const w of weights) for (const v of w) dens.push(v.den);
        for (const v of bias) dens.push(v.den);
        return commonDenominator(dens);
      }
      if (d > max) max = d;
    }
  }
  return max;
}

/**
 * v·lcm as integers (v.num · (lcm / v.den)), one BigInt per entry at most: the numerator itself
 * when den = lcm, else one product, the quotient lcm / den made once per denominator (`factors`:
 * float weights share a few dozen power-of-two denominators).
 */
function scaledNumerators(
  values: readonly Rational[],
  lcm: bigint,
  factors: Map<bigint, bigint>,
): bigint[] {
  const out = new Array<bigint>(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v.den === lcm) {
      out[k] = v.num;
      continue;
    }
    let f = factors.get(v.den);
    if (f === undefined) factors.set(v.den, (f = lcm / v.den));
    out[k] = v.num * f;
  }
  return out;
}

/** Brings every layer to integers over a common denominator. */
export function integerLayers(model: ReluMlpModel): IntLayer[] {
  return model.layers.map((layer) => {
    const lcm = lcmOfDenominators(layer.weights, layer.bias);
    const slopes = layer.negativeSlopes;
    const leakDen = slopes?.some((a) => !a.isZero())
      ? commonDenominator(slopes.map((v) => v.den))
      : undefined;
    // lcm / den by den
    const factors = new Map<bigint, bigint>();
    const W = new Array<bigint[]>(layer.weights.length);
    for (let j = 0; j < W.length; j++) W[j] = scaledNumerators(layer.weights[j]!, lcm, factors);
    return {
      W,
      b: scaledNumerators(layer.bias, lcm, factors),
      s: lcm,
      ...(leakDen !== undefined && slopes
        ? { leak: { num: slopes.map((v) => v.num * (leakDen / v.den)), den: leakDen } }
        : {}),
    };
  });
}

/** z_1 = W_1 x + b_1. */
export function firstMap(layer: IntLayer): IntMap {
  return { A: layer.W.map((r) => r.slice()), c: layer.b.slice(), S: layer.s };
}

/**
 * z_{l+1} from z_l and the bits of layer l (SPEC §2 recursion), `prevLayer` being layer l (its
 * activation: ReLU, or a leaky slope on the inactive units).
 */
export function nextMap(
  prev: IntMap,
  bits: readonly boolean[],
  layer: IntLayer,
  prevLayer?: IntLayer,
): IntMap {
  const d = prev.A[0]?.length ?? 0;
  const out = layer.W.length;
  const A: bigint[][] = new Array(out);
  const c: bigint[] = new Array(out);
  const q = prevLayer ? leakDen(prevLayer) : 1n;
  for (let j = 0; j < out; j++) {
    const w = layer.W[j]!;
    const row = new Array<bigint>(d).fill(0n);
    let cj = layer.b[j]! * prev.S * q;
    for (let k = 0; k < w.length; k++) {
      if (w[k] === 0n) continue;
      const f = prevLayer ? maskFactor(prevLayer, bits[k], k) : bits[k] ? 1n : 0n;
      if (f === 0n) continue;
      const wk = w[k]! * f;
      const Ak = prev.A[k]!;
      for (let i = 0; i < d; i++) row[i]! += wk * Ak[i]!;
      cj += wk * prev.c[k]!;
    }
    A[j] = row;
    c[j] = cj;
  }
  return { A, c, S: prev.S * layer.s * q };
}

/** The rational affine map of an integer map. */
export function toAffineMap(m: IntMap): AffineMap {
  return {
    A: m.A.map((row) => row.map((v) => Rational.of(v, m.S))),
    c: m.c.map((v) => Rational.of(v, m.S)),
  };
}

/** Evaluates the map at a rational point. */
export function evaluateMap(m: IntMap, x: readonly Rational[]): Rational[] {
  return m.A.map((row, j) => {
    let s = Rational.of(m.c[j]!, 1n);
    row.forEach((a, i) => {
      if (a !== 0n) s = s.add(x[i]!.mul(Rational.of(a, 1n)));
    });
    return s.div(Rational.of(m.S, 1n));
  });
}
