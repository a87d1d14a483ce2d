/**
 * The training loop's gradients against central differences (data loss, weight decay, Jacobian
 * norm in 3-D, a SPEC §6 penalty), and a run that learns a separable problem.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '@mlgeo/exact-arith';
import {
  type FloatMlp,
  type MlpGradient,
  cloneMlp,
  forward,
  modelOfFloatMlp,
} from './float-net.js';
import {
  type TrainOptions,
  accuracy,
  deadUnits,
  initMlp,
  jacobianNormPenalty,
  logisticLoss,
  objective,
  trainMlp,
} from './train.js';
import { exactPreActivations, leakyFloatMlp, randomFloatMlp } from './test-helpers.js';

function numeric(net: FloatMlp, f: (n: FloatMlp) => number, h = 1e-6): number[] {
  const out: number[] = [];
  const bump = (mutate: (n: FloatMlp, s: number) => void) => {
    const [p, m] = [cloneMlp(net), cloneMlp(net)];
    mutate(p, h);
    mutate(m, -h);
    out.push((f(p) - f(m)) / (2 * h));
  };
  net.layers.forEach((l, li) =>
    l.weights.forEach((row, j) =>
      row.forEach((_, i) => bump((n, s) => (n.layers[li]!.weights[j]![i]! += s))),
    ),
  );
  net.layers.forEach((l, li) =>
    l.bias.forEach((_, j) => bump((n, s) => (n.layers[li]!.bias[j]! += s))),
  );
  return out;
}
const flat = (g: MlpGradient) => [...g.weights.flat(2), ...g.bias.flat()];
function expectClose(a: number[], n: number[]) {
  const scale = Math.max(1e-3, ...n.map(Math.abs));
  a.forEach((v, i) =>
    expect(Math.abs(v - n[i]!), `entry ${i}: ${v} vs ${n[i]}`).toBeLessThan(1e-6 * scale),
  );
}

const grid = (d: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    Array.from({ length: d }, (_, k) => (((i + 1) * (37 + 17 * k)) % 101) / 101),
  );

describe('gradients equal central differences', () => {
  it('logistic loss', () => {
    const net = randomFloatMlp(4, 3, [4, 3]);
    const points = grid(3, 40);
    const data = { points, labels: points.map((p) => (p[0]! + p[1]! > 1 ? 1 : 0)) };
    expectClose(
      flat(logisticLoss(net, data).gradient),
      numeric(net, (n) => logisticLoss(n, data).value),
    );
  });

  it('leaky hidden layers: the loss is the exact network loss, its gradient the central differences', () => {
    const net = leakyFloatMlp(randomFloatMlp(4, 3, [4, 3]));
    const points = grid(3, 40);
    const data = { points, labels: points.map((p) => (p[0]! + p[1]! > 1 ? 1 : 0)) };
    // the float forward pass (leaky) against the exact one written from the layers
    const model = modelOfFloatMlp(net);
    for (const x of points) {
      const f = exactPreActivations(
        model,
        x.map((v) => Rational.fromDouble(v)),
      ).at(-1)![0]!;
      expect(forward(net, x).at(-1)![0]).toBeCloseTo(f.toNumber(), 12);
    }
    expectClose(
      flat(logisticLoss(net, data).gradient),
      numeric(net, (n) => logisticLoss(n, data).value),
    );
    const analytic = jacobianNormPenalty(net, points);
    expectClose(
      flat(analytic.gradient),
      numeric(net, (n) => jacobianNormPenalty(n, points).value),
    );
  });

  it('Jacobian norm mean ‖∇f‖² in 3-D', () => {
    const net = randomFloatMlp(5, 3, [4, 3]);
    const points = grid(3, 40);
    const analytic = jacobianNormPenalty(net, points);
    expect(analytic.value).toBeGreaterThan(0);
    expectClose(
      flat(analytic.gradient),
      numeric(net, (n) => jacobianNormPenalty(n, points).value),
    );
  });

  it('the whole objective: loss + angle penalty + weight decay + Jacobian norm', () => {
    const net = randomFloatMlp(6, 2, [4, 3]);
    const points = grid(2, 50);
    const data = { points, labels: points.map((p) => (p[1]! > 0.5 ? 1 : 0)) };
    const opts: Omit<TrainOptions, 'epochs'> = {
      penalty: { kind: 'angle', thetaMin: 1.2, weight: 0.3 },
      weightDecay: 0.01,
      jacobianPenalty: 0.02,
    };
    const total = (n: FloatMlp) => {
      const o = objective(n, data, opts);
      return o.loss + o.penalty;
    };
    expectClose(flat(objective(net, data, opts).gradient), numeric(net, total));
  });
});

describe('trainMlp', () => {
  it('learns a linearly separable problem; the angle penalty keeps its term small', () => {
    const points = grid(2, 120);
    const data = { points, labels: points.map((p) => (p[0]! - p[1]! > 0.05 ? 1 : 0)) };
    const net = initMlp(3, [2, 6, 1]);
    const history: number[] = [];
    trainMlp(net, data, {
      epochs: 150,
      learningRate: 0.03,
      penalty: { kind: 'angle', thetaMin: 0.2, weight: 0.1 },
      onEpoch: (_, s) => history.push(s.loss),
    });
    expect(history[history.length - 1]!).toBeLessThan(history[0]! / 2);
    expect(accuracy(net, data)).toBeGreaterThan(0.95);
  });

  it('dead units: a unit with w = 0 and b < 0 never fires', () => {
    const net = initMlp(1, [2, 3, 1]);
    net.layers[0]!.weights[1] = [0, 0];
    net.layers[0]!.bias[1] = -1;
    expect(deadUnits(net, grid(2, 30))).toBeGreaterThanOrEqual(1);
  });

  it('bad data is a typed error', () => {
    const net = initMlp(1, [2, 3, 1]);
    expect(() => trainMlp(net, { points: [[0, 0]], labels: [2] }, { epochs: 1 })).toThrow(
      /label 2 is not 0 or 1/,
    );
    expect(() => trainMlp(net, { points: [[0]], labels: [1] }, { epochs: 1 })).toThrow(
      /1 coordinates/,
    );
  });
});

describe('lazy regularization (penaltyEvery)', () => {
  const points = Array.from({ length: 64 }, (_, i) => [
    (i % 8) / 8 + 1 / 16,
    Math.floor(i / 8) / 8 + 1 / 16,
  ]);
  const data = { points, labels: points.map(([x, y]) => (x! + y! > 1 ? 1 : 0)) };
  const angle = { kind: 'angle' as const, thetaMin: Math.PI / 4 };

  it('k = 1 is the default; k > 1 evaluates the penalty on steps 1, k + 1, … with weight × k', () => {
    const a = initMlp(1, [2, 6, 1]);
    const b = cloneMlp(a);
    trainMlp(a, data, { epochs: 6, learningRate: 0.02, penalty: { ...angle, weight: 0.5 } });
    trainMlp(b, data, {
      epochs: 6,
      learningRate: 0.02,
      penalty: { ...angle, weight: 0.5 },
      penaltyEvery: 1,
    });
    expect(b).toEqual(a);
    // the same steps by hand: objective with the penalty scaled by 3 on steps 1 and 4, off otherwise
    const lazy = initMlp(1, [2, 6, 1]);
    const manual = cloneMlp(lazy);
    const reported: number[] = [];
    trainMlp(lazy, data, {
      epochs: 6,
      learningRate: 0.02,
      penalty: { ...angle, weight: 0.5 },
      penaltyEvery: 3,
      onEpoch: (_, stats) => reported.push(stats.penalty),
    });
    const m = zeroLike(manual);
    const v = zeroLike(manual);
    for (let t = 1; t <= 6; t++) {
      const { gradient } = objective(
        manual,
        data,
        { penalty: { ...angle, weight: 0.5 } },
        (t - 1) % 3 === 0 ? 3 : 0,
      );
      adamStep(manual, gradient, m, v, t, 0.02);
    }
    expect(lazy).toEqual(manual);
    // between evaluations the reported penalty is the last evaluated one
    expect(reported[1]).toBe(reported[0]);
    expect(reported[2]).toBe(reported[0]);
    expect(reported[3]).not.toBe(reported[0]);
  });

  it('still does its job: the angle penalty ends lower than without it', () => {
    const run = (weight: number, every: number) => {
      const net = initMlp(1, [2, 6, 1]);
      trainMlp(net, data, {
        epochs: 64,
        learningRate: 0.02,
        penalty: { ...angle, weight },
        penaltyEvery: every,
      });
      return objective(net, data, { penalty: { ...angle, weight: 1 } }).penalty;
    };
    expect(run(0.5, 8)).toBeLessThan(0.5 * run(0, 1));
  });

  it('a bad k is a typed error', () => {
    expect(() => trainMlp(initMlp(1, [2, 3, 1]), data, { epochs: 1, penaltyEvery: 0 })).toThrow(
      /penaltyEvery/,
    );
  });
});

function zeroLike(net: FloatMlp): MlpGradient {
  return {
    weights: net.layers.map((l) => l.weights.map((r) => r.map(() => 0))),
    bias: net.layers.map((l) => l.bias.map(() => 0)),
  };
}

/** One Adam step as documented (β = 0.9, 0.999, ε = 1e-8), written out independently. */
function adamStep(
  net: FloatMlp,
  g: MlpGradient,
  m: MlpGradient,
  v: MlpGradient,
  t: number,
  lr: number,
): void {
  const update = (p: number[], gg: number[], mm: number[], vv: number[]) =>
    p.forEach((_, i) => {
      mm[i] = 0.9 * mm[i]! + (1 - 0.9) * gg[i]!;
      vv[i] = 0.999 * vv[i]! + (1 - 0.999) * gg[i]! * gg[i]!;
      p[i]! -= (lr * (mm[i]! / (1 - 0.9 ** t))) / (Math.sqrt(vv[i]! / (1 - 0.999 ** t)) + 1e-8);
    });
  net.layers.forEach((l, li) => {
    l.weights.forEach((row, j) =>
      update(row, g.weights[li]![j]!, m.weights[li]![j]!, v.weights[li]![j]!),
    );
    update(l.bias, g.bias[li]!, m.bias[li]!, v.bias[li]!);
  });
}
