/**
 * Affine maps of a ReLU MLP on an activation region (SPEC §2, §5), in integer form:
 * z_l(x) = (A_l x + c_l) / S_l with A_1 = W_1, c_1 = b_1 and
 * A_{l+1} = W_{l+1} D_l A_l, c_{l+1} = W_{l+1} D_l c_l + b_{l+1}, each layer's W, b brought to a
 * common denominator so that the hot loop is BigInt multiply–add without gcds.
 */
import { Rational, commonDenominator } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { AffineMap } from '../partition.js';

/** One layer as integers: W = Wn / s, b = bn / s. */
export interface IntLayer {
  W: bigint[][];
  b: bigint[];
  s: bigint;
}

/** z(x) = (A x + c) / S on a cell. */
export interface IntMap {
  A: bigint[][];
  c: bigint[];
  S: bigint;
}

/** Brings every layer to integers over a common denominator. */
export function integerLayers(model: ReluMlpModel): IntLayer[] {
  return model.layers.map((layer) => {
    const lcm = commonDenominator([...layer.weights.flat(), ...layer.bias].map((v) => v.den));
    return {
      W: layer.weights.map((row) => row.map((v) => v.num * (lcm / v.den))),
      b: layer.bias.map((v) => v.num * (lcm / v.den)),
      s: lcm,
    };
  });
}

/** z_1 = W_1 x + b_1. */
export function firstMap(layer: IntLayer): IntMap {
  return { A: layer.W.map((r) => r.slice()), c: layer.b.slice(), S: layer.s };
}

/** z_{l+1} from z_l and the bits of layer l (SPEC §2 recursion). */
export function nextMap(prev: IntMap, bits: readonly boolean[], layer: IntLayer): IntMap {
  const d = prev.A[0]?.length ?? 0;
  const out = layer.W.length;
  const A: bigint[][] = new Array(out);
  const c: bigint[] = new Array(out);
  for (let j = 0; j < out; j++) {
    const w = layer.W[j]!;
    const row = new Array<bigint>(d).fill(0n);
    let cj = layer.b[j]! * prev.S;
    for (let k = 0; k < w.length; k++) {
      if (!bits[k] || w[k] === 0n) continue;
      const wk = w[k]!;
      const Ak = prev.A[k]!;
      for (let i = 0; i < d; i++) row[i]! += wk * Ak[i]!;
      cj += wk * prev.c[k]!;
    }
    A[j] = row;
    c[j] = cj;
  }
  return { A, c, S: prev.S * layer.s };
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
