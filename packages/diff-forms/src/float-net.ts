/**
 * A ReLU MLP in float64 for training: weights[l][j][i] (unit j of layer l+1, input i), biases; the
 * forward pass, per-cell affine maps z_l = A_l x + c_l (the SPEC §2 recursion in float), and the
 * reverse pass of that recursion, which chains gradients with respect to the maps (hyperplane
 * parameters of every layer on a cell) to the layer weights.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '@mlgeo/model-partitions';

/**
 * A ReLU MLP in float64 (relu after every layer but the last). A hidden layer with
 * `negativeSlopes` is leaky: an inactive unit passes α_j·z_j instead of 0 (LeakyReLU, PReLU).
 */
export interface FloatMlp {
  inputDimension: number;
  layers: { weights: number[][]; bias: number[]; negativeSlopes?: number[] }[];
}

/** D_l[k] of a hidden unit: 1 when active, its negative slope (0 for ReLU) when inactive. */
export function unitFactor(
  bit: boolean | undefined,
  slopes: readonly number[] | undefined,
  k: number,
) {
  return bit ? 1 : slopes === undefined ? 0 : slopes[k]!;
}

/** The first leaky hidden layer (0-based) of a float net, or −1 for a ReLU net. */
export function firstLeakyLayer(net: FloatMlp): number {
  return net.layers.findIndex((l) => l.negativeSlopes?.some((a) => a !== 0) ?? false);
}

/** Per-cell maps: A[l], c[l] of layer l+1 (0-based array index). */
export interface FloatMaps {
  A: number[][][];
  c: number[][];
}

/** Gradient of a scalar with respect to every weight and bias (same shapes as the net). */
export interface MlpGradient {
  weights: number[][][];
  bias: number[][];
}

/** The float64 copy of an exact model (each rational rounded to nearest). */
export function floatMlpOf(model: ReluMlpModel): FloatMlp {
  return {
    inputDimension: model.inputDimension,
    layers: model.layers.map((l) => ({
      weights: l.weights.map((r) => r.map((v) => v.toNumber())),
      bias: l.bias.map((v) => v.toNumber()),
      ...(l.negativeSlopes ? { negativeSlopes: l.negativeSlopes.map((v) => v.toNumber()) } : {}),
    })),
  };
}

/** The exact model a float net is (every double is the rational it exactly is, SPEC §1). */
export function modelOfFloatMlp(net: FloatMlp): ReluMlpModel {
  return {
    kind: 'mlp',
    inputDimension: net.inputDimension,
    layers: net.layers.map((l) => ({
      weights: l.weights.map((r) => r.map((v) => Rational.fromDouble(v))),
      bias: l.bias.map((v) => Rational.fromDouble(v)),
      ...(l.negativeSlopes
        ? { negativeSlopes: l.negativeSlopes.map((v) => Rational.fromDouble(v)) }
        : {}),
    })),
  };
}

/** A deep copy. */
export function cloneMlp(net: FloatMlp): FloatMlp {
  return {
    inputDimension: net.inputDimension,
    layers: net.layers.map((l) => ({
      weights: l.weights.map((r) => r.slice()),
      bias: l.bias.slice(),
      ...(l.negativeSlopes ? { negativeSlopes: l.negativeSlopes.slice() } : {}),
    })),
  };
}

/** Pre-activations of every layer at x (the last entry is the output). */
export function forward(net: FloatMlp, x: readonly number[]): number[][] {
  const pre: number[][] = [];
  let h: readonly number[] = x;
  net.layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) => {
      let s = layer.bias[j]!;
      for (let i = 0; i < row.length; i++) s += row[i]! * h[i]!;
      return s;
    });
    pre.push(z);
    const slopes = layer.negativeSlopes;
    if (l < net.layers.length - 1)
      h = z.map((v, j) => (v > 0 ? v : v * unitFactor(false, slopes, j)));
  });
  return pre;
}

/** Activation pattern at x (bit = 1 iff pre-activation > 0, SPEC §2). */
export function patternAt(net: FloatMlp, x: readonly number[]): boolean[][] {
  return forward(net, x)
    .slice(0, -1)
    .map((z) => z.map((v) => v > 0));
}

/** The SPEC §2 label of a pattern. */
export function labelOfPattern(pattern: readonly (readonly boolean[])[]): string {
  return pattern.map((b) => b.map((x) => (x ? '1' : '0')).join('')).join('');
}

/** z_l = A_l x + c_l on the region with the given pattern, for every layer (SPEC §2 recursion). */
export function floatCellMaps(net: FloatMlp, pattern: readonly (readonly boolean[])[]): FloatMaps {
  const first = net.layers[0]!;
  const maps: FloatMaps = { A: [first.weights.map((r) => r.slice())], c: [first.bias.slice()] };
  for (let l = 1; l < net.layers.length; l++) {
    const next = nextLayerMap(
      maps.A[l - 1]!,
      maps.c[l - 1]!,
      pattern[l - 1]!,
      net.layers[l]!,
      net.layers[l - 1]!.negativeSlopes,
    );
    maps.A.push(next.A);
    maps.c.push(next.c);
  }
  return maps;
}

/**
 * A_{l+1} = W D_l A_l, c_{l+1} = W D_l c_l + b from the maps and bits of layer l (`slopes`: layer
 * l's negative slopes when it is leaky).
 */
export function nextLayerMap(
  Ap: readonly (readonly number[])[],
  cp: readonly number[],
  bits: readonly boolean[],
  layer: { weights: readonly (readonly number[])[]; bias: readonly number[] },
  slopes?: readonly number[],
): { A: number[][]; c: number[] } {
  const d = Ap[0]?.length ?? 0;
  const out = layer.weights.length;
  const A: number[][] = new Array(out);
  const c: number[] = new Array(out);
  if (d === 2) {
    // the training loop's 2-input nets: the same sums with two scalars instead of a row array
    for (let j = 0; j < out; j++) {
      const row = layer.weights[j]!;
      let a0 = 0;
      let a1 = 0;
      let cj = layer.bias[j]!;
      for (let k = 0; k < row.length; k++) {
        const f = unitFactor(bits[k], slopes, k);
        if (f === 0 || row[k] === 0) continue;
        const w = f === 1 ? row[k]! : row[k]! * f;
        const Ak = Ap[k]!;
        a0 += w * Ak[0]!;
        a1 += w * Ak[1]!;
        cj += w * cp[k]!;
      }
      A[j] = [a0, a1];
      c[j] = cj;
    }
    return { A, c };
  }
  for (let j = 0; j < out; j++) {
    const row = layer.weights[j]!;
    const a = new Array<number>(d).fill(0);
    let cj = layer.bias[j]!;
    for (let k = 0; k < row.length; k++) {
      const f = unitFactor(bits[k], slopes, k);
      if (f === 0 || row[k] === 0) continue;
      const w = f === 1 ? row[k]! : row[k]! * f;
      const Ak = Ap[k]!;
      for (let i = 0; i < d; i++) a[i]! += w * Ak[i]!;
      cj += w * cp[k]!;
    }
    A[j] = a;
    c[j] = cj;
  }
  return { A, c };
}

/** A zero gradient shaped like the net. */
export function zeroGradient(net: FloatMlp): MlpGradient {
  return {
    weights: net.layers.map((l) => l.weights.map((r) => r.map(() => 0))),
    bias: net.layers.map((l) => l.bias.map(() => 0)),
  };
}

/** Zero map gradients shaped like the maps of a cell. */
export function zeroMapGradient(maps: FloatMaps): FloatMaps {
  return {
    A: maps.A.map((m) => m.map((r) => r.map(() => 0))),
    c: maps.c.map((v) => v.map(() => 0)),
  };
}

/**
 * Adds to `into` the gradient with respect to the weights of a scalar whose gradient with respect to
 * the cell's maps is `g` (g.A[l][j][i] = ∂/∂A_l[j][i], g.c[l][j] = ∂/∂c_l[j]); `g` is consumed. The
 * reverse of A_{l+1} = W_{l+1} D_l A_l, c_{l+1} = W_{l+1} D_l c_l + b_{l+1}.
 */
export function backpropCellMaps(
  net: FloatMlp,
  pattern: readonly (readonly boolean[])[],
  maps: FloatMaps,
  g: FloatMaps,
  into: MlpGradient,
): void {
  const d = net.inputDimension;
  for (let l = net.layers.length - 1; l >= 1; l--) {
    const W = net.layers[l]!.weights;
    const bits = pattern[l - 1]!;
    const slopes = net.layers[l - 1]!.negativeSlopes;
    const Ap = maps.A[l - 1]!;
    const cp = maps.c[l - 1]!;
    const gA = g.A[l]!;
    const gc = g.c[l]!;
    const gAp = g.A[l - 1]!;
    const gcp = g.c[l - 1]!;
    W.forEach((row, j) => {
      const gAj = gA[j]!;
      const gcj = gc[j]!;
      let any = gcj !== 0;
      for (let i = 0; i < d && !any; i++) any = gAj[i] !== 0;
      if (!any) return;
      into.bias[l]![j]! += gcj;
      const gWj = into.weights[l]![j]!;
      row.forEach((w0, k) => {
        // A_{l+1}[j] = Σ_k W[j][k] f_k A_l[k] with f_k = D_l[k] (1, 0 or a leaky slope)
        const f = unitFactor(bits[k], slopes, k);
        if (f === 0) return;
        const w = f === 1 ? w0 : w0 * f;
        let s = gcj * cp[k]!;
        const Ak = Ap[k]!;
        const gAk = gAp[k]!;
        for (let i = 0; i < d; i++) {
          s += gAj[i]! * Ak[i]!;
          gAk[i]! += w * gAj[i]!;
        }
        gWj[k]! += f === 1 ? s : s * f;
        gcp[k]! += w * gcj;
      });
    });
  }
  g.A[0]!.forEach((row, j) => {
    into.bias[0]![j]! += g.c[0]![j]!;
    row.forEach((v, i) => (into.weights[0]![j]![i]! += v));
  });
}
