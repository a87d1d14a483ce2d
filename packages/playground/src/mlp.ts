/**
 * The small ReLU MLP the page trains live: float64 weights, relu after every layer but the last,
 * one output f (class 1 iff f > 0, SPEC §5 for one output), logistic loss, Adam. Weights are kept
 * row-major (`weights[j][i]` from input i to unit j) as in the CLI's `mlgeo-mlp` JSON format, so
 * {@link mlpToJson} is the model file the exact analysis and `mlgeo analyze` read.
 */
import { seededRandom } from '@mlgeo/exact-arith';

/** Float64 weights of a dense layer: `weights[j][i]` from input i to unit j. */
export interface FloatLayer {
  weights: number[][];
  bias: number[];
}

/** A float64 ReLU MLP with one output. */
export interface FloatMlp {
  /** Layer widths, input first, e.g. [2, 16, 16, 1]. */
  sizes: number[];
  layers: FloatLayer[];
}

/** He-uniform initial weights from seededRandom(seed); biases uniform in [−0.1, 0.1]. */
export function initMlp(sizes: readonly number[], seed: number): FloatMlp {
  const random = seededRandom(seed);
  const layers: FloatLayer[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1]!;
    const limit = Math.sqrt(6 / fanIn);
    layers.push({
      weights: Array.from({ length: sizes[l]! }, () =>
        Array.from({ length: fanIn }, () => limit * (2 * random() - 1)),
      ),
      bias: Array.from({ length: sizes[l]! }, () => 0.1 * (2 * random() - 1)),
    });
  }
  return { sizes: [...sizes], layers };
}

/** The output f(x) and the pre-activations of every layer. */
export function forward(mlp: FloatMlp, x: readonly number[]): { f: number; pre: number[][] } {
  let h: readonly number[] = x;
  const pre: number[][] = [];
  mlp.layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) => row.reduce((s, w, i) => s + w * h[i]!, layer.bias[j]!));
    pre.push(z);
    h = l < mlp.layers.length - 1 ? z.map((v) => (v > 0 ? v : 0)) : z;
  });
  return { f: h[0]!, pre };
}

/** Gradients of the mean logistic loss log(1 + exp(−s f)), s = ±1, over a batch; and the loss. */
export function lossGradient(
  mlp: FloatMlp,
  xs: readonly (readonly number[])[],
  labels: readonly number[],
): { loss: number; gradW: number[][][]; gradB: number[][] } {
  const L = mlp.layers.length;
  const sizes = mlp.sizes;
  const gradW = mlp.layers.map((layer) => layer.weights.map((row) => row.map(() => 0)));
  const gradB = mlp.layers.map((layer) => layer.bias.map(() => 0));
  // activations h[0] = x, h[l] = relu(z[l−1]); pre-activations z[l]; deltas per layer
  const h = sizes.map((n) => new Float64Array(n));
  const z = sizes.slice(1).map((n) => new Float64Array(n));
  const delta = sizes.slice(1).map((n) => new Float64Array(n));
  const n = xs.length;
  let loss = 0;
  for (let p = 0; p < n; p++) {
    const x = xs[p]!;
    for (let i = 0; i < sizes[0]!; i++) h[0]![i] = x[i]!;
    for (let l = 0; l < L; l++) {
      const { weights, bias } = mlp.layers[l]!;
      const hin = h[l]!;
      const zl = z[l]!;
      for (let j = 0; j < zl.length; j++) {
        const row = weights[j]!;
        let s = bias[j]!;
        for (let i = 0; i < row.length; i++) s += row[i]! * hin[i]!;
        zl[j] = s;
        if (l < L - 1) h[l + 1]![j] = s > 0 ? s : 0;
      }
    }
    const f = z[L - 1]![0]!;
    const sign = labels[p] === 1 ? 1 : -1;
    const m = sign * f;
    // log(1 + e^{−m}) computed stably; d/df = −s σ(−m)
    loss += (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m))) / n;
    const sigma = m > 0 ? Math.exp(-m) / (1 + Math.exp(-m)) : 1 / (1 + Math.exp(m));
    delta[L - 1]![0] = (-sign * sigma) / n;
    for (let l = L - 1; l >= 0; l--) {
      const dl = delta[l]!;
      const hin = h[l]!;
      const gW = gradW[l]!;
      const gB = gradB[l]!;
      for (let j = 0; j < dl.length; j++) {
        const dj = dl[j]!;
        if (dj === 0) continue;
        gB[j]! += dj;
        const row = gW[j]!;
        for (let i = 0; i < hin.length; i++) row[i]! += dj * hin[i]!;
      }
      if (l > 0) {
        const below = z[l - 1]!;
        const W = mlp.layers[l]!.weights;
        const db = delta[l - 1]!;
        for (let i = 0; i < below.length; i++) {
          let s = 0;
          if (below[i]! > 0) for (let j = 0; j < dl.length; j++) s += W[j]![i]! * dl[j]!;
          db[i] = s;
        }
      }
    }
  }
  return { loss, gradW, gradB };
}

/** Adam (Kingma & Ba 2015) state for one MLP. */
export interface AdamState {
  step: number;
  mW: number[][][];
  vW: number[][][];
  mB: number[][];
  vB: number[][];
}

export function adamState(mlp: FloatMlp): AdamState {
  const zerosW = () => mlp.layers.map((l) => l.weights.map((r) => r.map(() => 0)));
  const zerosB = () => mlp.layers.map((l) => l.bias.map(() => 0));
  return { step: 0, mW: zerosW(), vW: zerosW(), mB: zerosB(), vB: zerosB() };
}

/** A gradient with the shapes of the net's weights and biases (e.g. a regularizer's). */
export interface WeightGradient {
  weights: number[][][];
  bias: number[][];
}

/**
 * One full-batch Adam step (β₁ = 0.9, β₂ = 0.999, ε = 1e−8) on the logistic loss plus
 * `extraWeight` × a term whose gradient is `extra`; returns the loss before the step.
 */
export function adamStep(
  mlp: FloatMlp,
  state: AdamState,
  xs: readonly (readonly number[])[],
  labels: readonly number[],
  learningRate: number,
  extra?: WeightGradient,
  extraWeight = 1,
): number {
  const { loss, gradW, gradB } = lossGradient(mlp, xs, labels);
  if (extra) {
    gradW.forEach((layer, l) =>
      layer.forEach((row, j) =>
        row.forEach((_, i) => (row[i]! += extraWeight * extra.weights[l]![j]![i]!)),
      ),
    );
    gradB.forEach((b, l) => b.forEach((_, j) => (b[j]! += extraWeight * extra.bias[l]![j]!)));
  }
  state.step++;
  const b1 = 0.9;
  const b2 = 0.999;
  const c1 = 1 - b1 ** state.step;
  const c2 = 1 - b2 ** state.step;
  const update = (value: number, g: number, m: number[], v: number[], k: number) => {
    m[k] = b1 * m[k]! + (1 - b1) * g;
    v[k] = b2 * v[k]! + (1 - b2) * g * g;
    return value - (learningRate * (m[k]! / c1)) / (Math.sqrt(v[k]! / c2) + 1e-8);
  };
  mlp.layers.forEach((layer, l) => {
    layer.weights.forEach((row, j) =>
      row.forEach((w, i) => {
        row[i] = update(w, gradW[l]![j]![i]!, state.mW[l]![j]!, state.vW[l]![j]!, i);
      }),
    );
    layer.bias.forEach((b, j) => {
      layer.bias[j] = update(b, gradB[l]![j]!, state.mB[l]!, state.vB[l]!, j);
    });
  });
  return loss;
}

/** Training accuracy: the share of points whose sign of f matches the label. */
export function accuracy(
  mlp: FloatMlp,
  xs: readonly (readonly number[])[],
  labels: readonly number[],
): number {
  let right = 0;
  xs.forEach((x, p) => {
    if ((forward(mlp, x).f > 0 ? 1 : 0) === labels[p]) right++;
  });
  return right / xs.length;
}

/** The model file in the CLI's `mlgeo-mlp` JSON format (read by @mlgeo/model-readers). */
export function mlpToJson(mlp: FloatMlp, description: string): string {
  const layers = mlp.layers.map((layer, l) => ({
    weights: layer.weights,
    bias: layer.bias,
    activation: l < mlp.layers.length - 1 ? 'relu' : 'linear',
  }));
  return (
    JSON.stringify(
      { format: 'mlgeo-mlp', version: 1, description, inputDimension: mlp.sizes[0], layers },
      null,
      2,
    ) + '\n'
  );
}
