/**
 * Issue 15: the CPU time of one regularized training step of a 2→32→32→1 ReLU net against an
 * unregularized step on the same backend, side by side in one process, for each SPEC §6 penalty.
 * A step is the objective and its gradient plus the Adam update of the weights, so both nets train
 * while they are timed (the regularized one on its own copy: its cells change from step to step).
 * Plain and regularized steps alternate one by one after a warm-up; each step is timed alone
 * (process.cpuUsage, user + system) and the table gives medians over all steps and their ratio.
 *
 * Backends:
 * - `js`: @mlgeo/diff-forms' float64 loop (`objective` + Adam as in `trainMlp`);
 * - `tfjs`: @tensorflow/tfjs-core 4.22 with the pure-JS CPU backend (float32): the logistic loss in
 *   tf ops, `tf.train.adam`, and the penalty as a `tf.customGrad` term (`tfPenalty`).
 *
 * The data are the regularization example's training points (200) or, with --points N, N seeded
 * uniform points. With --fixed every timed step starts again from the initial weights (restored
 * outside the timed region): the same cells at every step instead of the training run's. With --every k (js only) the geometric penalties are lazy (penaltyEvery k): one
 * step in k evaluates the penalty, and a "step" is the mean of k consecutive steps.
 *
 * npx tsx --conditions=@mlgeo/source tools/bench/regularize-bench.ts [--backend js|tfjs|both]
 *   [--steps 101] [--points N] [--widths 32,32] [--every k] [--terms angle,sliver,…] [--fixed]
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type TrainOptions, cloneMlp, initMlp, objective, planeCells } from '@mlgeo/diff-forms';
import { seededRandom } from '@mlgeo/exact-arith';
import { readMoons } from '../examples/regularize/moons-data.js';
import { adamUpdater } from './adam.js';
import { flag, opt as arg } from './bench-args.js';
import { benchPenalties } from './bench-penalties.js';
import { median } from './stats.js';

const steps = Number(arg('steps', '101'));
const widths = arg('widths', '32,32').split(',').map(Number);
const nPoints = Number(arg('points', '0'));
const every = Number(arg('every', '1'));
const backend = arg('backend', 'both');
/** --fixed: every timed step starts from the initial weights (the same 920 cells every step). */
const fixed = flag('fixed');

function data(): { points: number[][]; labels: number[] } {
  if (nPoints > 0) {
    const rnd = seededRandom(15);
    const points = Array.from({ length: nPoints }, () => [rnd(), rnd()]);
    return { points, labels: points.map(([x, y]) => (y! > 0.5 + 0.2 * Math.sin(6 * x!) ? 1 : 0)) };
  }
  return readMoons().train;
}

const cpuMs = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const load = () => loadavg()[0]!.toFixed(1);

const d = data();
const net0 = initMlp(1, [2, ...widths, 1]);
const runs: [string, Omit<TrainOptions, 'epochs'>][] = [
  ['angle', { penalty: benchPenalties.angle }],
  ['sliver', { penalty: benchPenalties.sliver }],
  ['boundary', { penalty: benchPenalties.boundary }],
  ['boundary-mass', { penalty: benchPenalties['boundary-mass'] }],
  ['weight decay', { weightDecay: 0.001 }],
  ['jacobian', { jacobianPenalty: 0.001 }],
];
const only = arg('terms', '');
const terms = only ? runs.filter(([n]) => only.split(',').includes(n)) : runs;

/** A training run on the js backend: one call = k steps (penalty on the first, × k). */
function jsTrainer(options: Omit<TrainOptions, 'epochs'>) {
  const net = cloneMlp(net0);
  const update = adamUpdater(net);
  return {
    net,
    reset: () =>
      net.layers.forEach((layer, l) => {
        layer.weights.forEach((row, j) =>
          row.splice(0, row.length, ...net0.layers[l]!.weights[j]!),
        );
        layer.bias.splice(0, layer.bias.length, ...net0.layers[l]!.bias);
      }),
    step: () => {
      for (let t = 0; t < every; t++)
        update(objective(net, d, options, t === 0 ? every : 0).gradient);
    },
  };
}

function table(rows: [string, number, number, string][]): void {
  console.log(
    '| term | unregularized step (ms) | regularized step (ms) | ratio | cells (start → end) |',
  );
  console.log('|---|---|---|---|---|');
  for (const [name, p, q, cells] of rows)
    console.log(
      `| ${name} | ${p.toFixed(2)} | ${q.toFixed(2)} | ${(q / p).toFixed(2)} | ${cells} |`,
    );
}

function measure(
  name: string,
  plain: () => void,
  reg: () => void,
  cells: () => number,
  reset: () => void,
): [string, number, number, string] {
  for (let i = 0; i < 10; i++) {
    plain();
    reg();
  }
  if (fixed) reset();
  const start = cells();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < steps; i++) {
    if (fixed) reset(); // outside the timed region
    // alternate which goes first, so a load spike or a collection hits both sides alike
    if (i % 2 === 0) {
      a.push(cpuMs(plain));
      b.push(cpuMs(reg));
    } else {
      b.push(cpuMs(reg));
      a.push(cpuMs(plain));
    }
  }
  return [name, median(a) / every, median(b) / every, `${start} → ${cells()}`];
}

console.log(
  `2→${widths.join('→')}→1, ${planeCells(net0).length} cells in [0,1]² at the start, ${d.points.length} points, ${steps} alternating steps per term (median CPU ms per step${fixed ? ', every step from the initial weights' : ''}${every > 1 ? `, mean of ${every} steps, geometric penalties every ${every}th step` : ''}); load ${load()} at the start`,
);

if (backend === 'js' || backend === 'both') {
  console.log('\n**js backend** (float64 `objective` + Adam)\n');
  const rows = terms.map(([name, o]) => {
    const plain = jsTrainer({});
    const reg = jsTrainer(o);
    return measure(
      name,
      plain.step,
      reg.step,
      () => planeCells(reg.net).length,
      () => {
        plain.reset();
        reg.reset();
      },
    );
  });
  table(rows);
  console.log(`\nload ${load()} at the end`);
}

if (backend === 'tfjs' || backend === 'both') {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  // tfjs-core's node bundle registers no gradients, and its ESM register_all_gradients only loads
  // through a bundler (directory imports): bundle it with esbuild (vite's) and import the result; the
  // gradient registry is global, so the bundled copy registers into this tfjs-core
  const { buildSync } = await import('esbuild');
  const bundle = buildSync({
    stdin: {
      contents: "import '@tensorflow/tfjs-core/dist/register_all_gradients.js';",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  await import(
    `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0]!.text).toString('base64')}`
  );
  const { tfPenalty, floatMlpOfTensors } = await import('@mlgeo/diff-forms/tfjs');
  await tf.setBackend('cpu');
  console.log(
    `\n**tfjs backend** (@tensorflow/tfjs-core ${tf.version_core}, ${tf.getBackend()}, float32; loss in tf ops, tf.train.adam)\n`,
  );
  const X = tf.tensor2d(d.points);
  const Y = tf.tensor1d(d.labels.map((y) => (y === 1 ? 1 : -1)));
  const trainer = (
    term:
      | ((...p: import('@tensorflow/tfjs-core').Tensor[]) => import('@tensorflow/tfjs-core').Scalar)
      | undefined,
    weight: number,
  ) => {
    const vars = net0.layers.flatMap((layer) => {
      const out = layer.weights.length;
      const inp = layer.weights[0]!.length;
      const k = new Float32Array(inp * out);
      for (let j = 0; j < out; j++)
        for (let i = 0; i < inp; i++) k[i * out + j] = layer.weights[j]![i]!;
      return [
        tf.variable(tf.tensor2d(k, [inp, out])) as import('@tensorflow/tfjs-core').Variable,
        tf.variable(tf.tensor1d(layer.bias)) as import('@tensorflow/tfjs-core').Variable,
      ];
    });
    const opt = tf.train.adam(0.01);
    const loss = () => {
      let h: import('@tensorflow/tfjs-core').Tensor = X;
      for (let l = 0; l < vars.length; l += 2) {
        h = tf.add(tf.matMul(h, vars[l]!), vars[l + 1]!);
        if (l + 2 < vars.length) h = tf.relu(h);
      }
      const f = tf.reshape(h, [-1]);
      const data = tf.mean(
        tf.softplus(tf.neg(tf.mul(Y, f))),
      ) as import('@tensorflow/tfjs-core').Scalar;
      return term
        ? (tf.add(data, tf.mul(weight, term(...vars))) as import('@tensorflow/tfjs-core').Scalar)
        : data;
    };
    const init = vars.map((v) => v.clone());
    return {
      vars,
      reset: () => vars.forEach((v, i) => v.assign(init[i]!)),
      step: () => {
        const c = opt.minimize(loss, true, vars);
        c?.dataSync();
        c?.dispose();
      },
    };
  };
  const rows = terms
    .filter(([, o]) => o.penalty)
    .map(([name, o]) => {
      const { weight, ...penalty } = o.penalty!;
      const plain = trainer(undefined, 0);
      const reg = trainer(tfPenalty(tf, { ...penalty, points: d.points }), weight);
      return measure(
        name,
        plain.step,
        reg.step,
        () => planeCells(floatMlpOfTensors(reg.vars)).length,
        () => {
          plain.reset();
          reg.reset();
        },
      );
    });
  table(rows);
  console.log(`\nload ${load()} at the end`);
}
