/**
 * A float64 training loop for 2-class JSON MLPs (one output f, class 1 iff f > 0): mean logistic
 * loss, full-batch Adam, and optional terms — a SPEC §6 penalty on the activation regions (2-input
 * networks), weight decay ½λ‖W‖², and a Jacobian-norm penalty mean_x ‖∇_x f‖² (on a ReLU network
 * ∇_x f is the output row A_L of the point's cell, so its gradient chains through the cell maps).
 */
import { seededRandom } from '@mlgeo/exact-arith';
import { DiffFormsError } from './errors.js';
import {
  type FloatMlp,
  type MlpGradient,
  backpropCellMaps,
  floatCellMaps,
  forward,
  labelOfPattern,
  unitFactor,
  zeroGradient,
  zeroMapGradient,
} from './float-net.js';
import { type PenaltyOptions, networkPenalty } from './penalties.js';
import type { PlaneBox } from './plane-cells.js';

/** Points with 0/1 labels. */
export interface LabelledData {
  points: readonly (readonly number[])[];
  labels: readonly number[];
}

/** Options of {@link trainMlp}. */
export interface TrainOptions {
  epochs: number;
  /** Adam step size (default 0.01). */
  learningRate?: number;
  /** A SPEC §6 penalty with its weight (2-input networks). */
  penalty?: PenaltyOptions & { weight: number; box?: PlaneBox };
  /** λ of ½λ Σ W² (biases are not decayed). */
  weightDecay?: number;
  /** μ of μ · mean_x ‖∇_x f(x)‖². */
  jacobianPenalty?: number;
  /**
   * Lazy regularization: evaluate the geometric `penalty` only every k-th step, with its weight
   * multiplied by k (so its average pull is unchanged), and train on the data loss alone in between
   * (default 1: every step). A step then costs the data loss plus 1/k of a penalty on average.
   */
  penaltyEvery?: number;
  /** Called after every epoch. */
  onEpoch?: (epoch: number, stats: EpochStats) => void;
}

/** What one epoch measured (before its update). */
export interface EpochStats {
  loss: number;
  penalty: number;
  accuracy: number;
}

/** He-initialised MLP of the given layer sizes (input first), seeded; biases 0 except layer 1. */
export function initMlp(seed: number, sizes: readonly number[]): FloatMlp {
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return {
    inputDimension: sizes[0]!,
    layers: sizes.slice(1).map((out, l) => {
      const fanIn = sizes[l]!;
      const weights = Array.from({ length: out }, () =>
        Array.from({ length: fanIn }, () => gauss() * Math.sqrt(2 / fanIn)),
      );
      // first-layer lines through random points of the unit square, so that they cut the data
      const bias = weights.map((w) =>
        l === 0 ? -w.reduce((s, wi) => s + wi * rnd(), 0) : 0.1 * gauss(),
      );
      return { weights, bias };
    }),
  };
}

function checkData(net: FloatMlp, data: LabelledData): void {
  const bad = (field: string, message: string) => {
    throw new DiffFormsError(
      'DATA_SHAPE',
      message,
      field,
      'give one 0/1 label per point and d coordinates per point',
    );
  };
  if (data.points.length !== data.labels.length)
    bad('labels', `${data.labels.length} labels for ${data.points.length} points`);
  data.points.forEach((p, i) => {
    if (p.length !== net.inputDimension)
      bad(
        `points[${i}]`,
        `point has ${p.length} coordinates, the network ${net.inputDimension} inputs`,
      );
  });
  data.labels.forEach((y, i) => {
    if (y !== 0 && y !== 1) bad(`labels[${i}]`, `label ${y} is not 0 or 1`);
  });
  if (net.layers[net.layers.length - 1]!.bias.length !== 1)
    bad('net.layers', 'the training loop needs a network with one output');
}

/** Fraction of points whose class (f > 0) equals the label. */
export function accuracy(net: FloatMlp, data: LabelledData): number {
  let ok = 0;
  data.points.forEach((x, i) => {
    const pre = forward(net, x);
    if ((pre[pre.length - 1]![0]! > 0 ? 1 : 0) === data.labels[i]) ok++;
  });
  return data.points.length ? ok / data.points.length : 0;
}

/** Mean logistic loss log(1 + e^{−y f}), y = ±1, and its gradient (backpropagation). */
export function logisticLoss(
  net: FloatMlp,
  data: LabelledData,
): { value: number; gradient: MlpGradient } {
  const grad = zeroGradient(net);
  const N = data.points.length;
  let value = 0;
  data.points.forEach((x, n) => {
    const pre = forward(net, x);
    const f = pre[pre.length - 1]![0]!;
    const y = data.labels[n] === 1 ? 1 : -1;
    const m = -y * f;
    value += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) / N;
    // d/df log(1 + e^{−yf}) = −y σ(−yf)
    let delta = [-y / (1 + Math.exp(-m)) / N];
    for (let l = net.layers.length - 1; l >= 0; l--) {
      // h = D z below layer l: D[k] = 1 (active), the slope (leaky) or 0 (ReLU) when inactive
      const slopes = l === 0 ? undefined : net.layers[l - 1]!.negativeSlopes;
      const input = l === 0 ? x : pre[l - 1]!.map((v, k) => v * unitFactor(v > 0, slopes, k));
      const W = net.layers[l]!.weights;
      delta.forEach((dj, j) => {
        grad.bias[l]![j]! += dj;
        const gw = grad.weights[l]![j]!;
        for (let i = 0; i < input.length; i++) gw[i]! += dj * input[i]!;
      });
      if (l === 0) break;
      const below = pre[l - 1]!;
      delta = below.map((z, k) => {
        const f = unitFactor(z > 0, slopes, k);
        return f === 0 ? 0 : f * delta.reduce((s, dj, j) => s + dj * W[j]![k]!, 0);
      });
    }
  });
  return { value, gradient: grad };
}

/** mean_x ‖∇_x f(x)‖² and its gradient: ∇_x f = A_L on the point's cell (SPEC §5 maps). */
export function jacobianNormPenalty(
  net: FloatMlp,
  points: readonly (readonly number[])[],
): { value: number; gradient: MlpGradient } {
  const grad = zeroGradient(net);
  const groups = new Map<string, { pattern: boolean[][]; n: number }>();
  for (const x of points) {
    const pattern = forward(net, x)
      .slice(0, -1)
      .map((z) => z.map((v) => v > 0));
    const key = labelOfPattern(pattern);
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { pattern, n: 1 });
  }
  let value = 0;
  const N = points.length;
  for (const { pattern, n } of groups.values()) {
    const maps = floatCellMaps(net, pattern);
    const L = maps.A.length - 1;
    const row = maps.A[L]![0]!;
    value += (n / N) * row.reduce((s, v) => s + v * v, 0);
    const g = zeroMapGradient(maps);
    g.A[L]![0] = row.map((v) => (2 * n * v) / N);
    backpropCellMaps(net, pattern, maps, g, grad);
  }
  return { value, gradient: grad };
}

function addScaled(into: MlpGradient, g: MlpGradient, s: number): void {
  for (let l = 0; l < into.weights.length; l++) {
    const L = into.weights[l]!;
    const G = g.weights[l]!;
    for (let j = 0; j < L.length; j++) {
      const row = L[j]!;
      const grow = G[j]!;
      for (let i = 0; i < row.length; i++) row[i]! += s * grow[i]!;
    }
    const b = into.bias[l]!;
    const gb = g.bias[l]!;
    for (let j = 0; j < b.length; j++) b[j]! += s * gb[j]!;
  }
}

/** The training objective and its gradient (data loss + the requested terms). */
export function objective(
  net: FloatMlp,
  data: LabelledData,
  options: Omit<TrainOptions, 'epochs' | 'onEpoch' | 'learningRate'>,
  /** Multiplies the geometric penalty's gradient (lazy regularization); 0 skips the penalty. */
  penaltyScale = 1,
): { loss: number; penalty: number; gradient: MlpGradient; geometric?: number } {
  const { value: loss, gradient } = logisticLoss(net, data);
  let penalty = 0;
  let geometric: number | undefined;
  if (options.penalty && options.penalty.weight > 0 && penaltyScale > 0) {
    const p = networkPenalty(net, { ...options.penalty, points: data.points });
    geometric = options.penalty.weight * p.value;
    penalty += geometric;
    addScaled(gradient, p.gradient, options.penalty.weight * penaltyScale);
  }
  if (options.weightDecay) {
    const lambda = options.weightDecay;
    net.layers.forEach((layer, l) =>
      layer.weights.forEach((row, j) =>
        row.forEach((w, i) => {
          penalty += 0.5 * lambda * w * w;
          gradient.weights[l]![j]![i]! += lambda * w;
        }),
      ),
    );
  }
  if (options.jacobianPenalty) {
    const j = jacobianNormPenalty(net, data.points);
    penalty += options.jacobianPenalty * j.value;
    addScaled(gradient, j.gradient, options.jacobianPenalty);
  }
  return { loss, penalty, gradient, ...(geometric !== undefined ? { geometric } : {}) };
}

/** Full-batch Adam on the objective; the net is updated in place and returned. */
export function trainMlp(net: FloatMlp, data: LabelledData, options: TrainOptions): FloatMlp {
  checkData(net, data);
  if (!(Number.isInteger(options.epochs) && options.epochs >= 0))
    throw new DiffFormsError(
      'OPTION_INVALID',
      `epochs ${options.epochs} is not a whole number ≥ 0`,
      'epochs',
      'give a number of epochs',
    );
  const every = options.penaltyEvery ?? 1;
  if (!(Number.isInteger(every) && every >= 1))
    throw new DiffFormsError(
      'OPTION_INVALID',
      `penaltyEvery ${every} is not a whole number ≥ 1`,
      'penaltyEvery',
      'give e.g. 1 (every step) or 16',
    );
  const lr = options.learningRate ?? 0.01;
  // the geometric penalty of the last step that evaluated it (reported in the epochs between)
  let lastGeometric = 0;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const m = zeroGradient(net);
  const v = zeroGradient(net);
  for (let t = 1; t <= options.epochs; t++) {
    const lazy = (t - 1) % every === 0 ? every : 0;
    const result = objective(net, data, options, lazy);
    const { loss, gradient } = result;
    let { penalty } = result;
    // between evaluations the geometric part is reported as last evaluated
    if (result.geometric !== undefined) lastGeometric = result.geometric;
    else penalty += lastGeometric;
    options.onEpoch?.(t, { loss, penalty, accuracy: accuracy(net, data) });
    const step = (param: number[], g: number[], mm: number[], vv: number[]) => {
      for (let i = 0; i < param.length; i++) {
        mm[i] = b1 * mm[i]! + (1 - b1) * g[i]!;
        vv[i] = b2 * vv[i]! + (1 - b2) * g[i]! * g[i]!;
        const mh = mm[i]! / (1 - b1 ** t);
        const vh = vv[i]! / (1 - b2 ** t);
        param[i]! -= (lr * mh) / (Math.sqrt(vh) + eps);
      }
    };
    net.layers.forEach((layer, l) => {
      layer.weights.forEach((row, j) =>
        step(row, gradient.weights[l]![j]!, m.weights[l]![j]!, v.weights[l]![j]!),
      );
      step(layer.bias, gradient.bias[l]!, m.bias[l]!, v.bias[l]!);
    });
  }
  return net;
}

/** Hidden units whose pre-activation is ≤ 0 at every point (they never fire on the data). */
export function deadUnits(net: FloatMlp, points: readonly (readonly number[])[]): number {
  const alive = net.layers.slice(0, -1).map((l) => l.bias.map(() => false));
  for (const x of points)
    forward(net, x)
      .slice(0, -1)
      .forEach((z, l) => z.forEach((v, j) => v > 0 && (alive[l]![j] = true)));
  return alive.flat().filter((a) => !a).length;
}
