/**
 * Issue 15: the CPU time of one regularized training step (objective + gradient) of a 2→32→32→1
 * ReLU net against an unregularized step, side by side in the same process (alternating, after a
 * warm-up), for each SPEC §6 penalty; the data are the regularization example's training points
 * (200) or, with --points N, N seeded uniform points. Prints a Markdown table of medians and ratios.
 *
 * With --every k the geometric penalties are lazy (TrainOptions.penaltyEvery): one step in k
 * evaluates the penalty (weight × k), the others only the data loss; a "step" is then the mean of
 * k consecutive steps, against the mean of k unregularized ones.
 *
 * npx tsx --conditions=@mlgeo/source tools/bench/regularize-bench.ts [--points N] [--rounds 7] [--widths 32,32] [--every k]
 */
import { readFileSync } from 'node:fs';
import { type TrainOptions, initMlp, objective, planeCells } from '@mlgeo/diff-forms';
import { seededRandom } from '@mlgeo/exact-arith';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const rounds = Number(arg('rounds', '7'));
const widths = arg('widths', '32,32').split(',').map(Number);
const nPoints = Number(arg('points', '0'));
const every = Number(arg('every', '1'));

function data(): { points: number[][]; labels: number[] } {
  if (nPoints > 0) {
    const rnd = seededRandom(15);
    const points = Array.from({ length: nPoints }, () => [rnd(), rnd()]);
    return { points, labels: points.map(([x, y]) => (y! > 0.5 + 0.2 * Math.sin(6 * x!) ? 1 : 0)) };
  }
  const text = readFileSync(
    new URL('../examples/regularize/moons-noisy.csv', import.meta.url),
    'utf8',
  );
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((r) => r[3] === 'train');
  return {
    points: rows.map((r) => [Number(r[0]), Number(r[1])]),
    labels: rows.map((r) => Number(r[2])),
  };
}

const cpu = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const d = data();
const net = initMlp(1, [2, ...widths, 1]);
const cells = planeCells(net).length;
const runs: [string, Omit<TrainOptions, 'epochs'>][] = [
  ['angle', { penalty: { kind: 'angle', thetaMin: Math.PI / 12, weight: 0.02 } }],
  ['sliver', { penalty: { kind: 'sliver', vMin: 0.004, weight: 500 } }],
  ['boundary', { penalty: { kind: 'boundary', weight: 0.01 } }],
  ['boundary-mass', { penalty: { kind: 'boundary', weighting: 'mass', weight: 0.1 } }],
  ['weight decay', { weightDecay: 0.001 }],
  ['jacobian', { jacobianPenalty: 0.001 }],
];
for (let i = 0; i < 3; i++) for (const [, o] of runs) objective(net, d, o); // warm-up
console.log(
  `2→${widths.join('→')}→1, ${cells} cells in [0,1]², ${d.points.length} points, ${rounds} alternating rounds (median CPU ms${every > 1 ? `, mean of ${every} steps, geometric penalties every ${every}th step` : ''})\n`,
);
/** k steps as trainMlp takes them with penaltyEvery k: the first with the penalty (× k). */
const block = (o: Omit<TrainOptions, 'epochs'>) => () => {
  for (let t = 0; t < every; t++) objective(net, d, o, t === 0 ? every : 0);
};
// warm the measured blocks too (without this the first term measured, angle, came out slower)
for (const [, o] of runs) block(o)();
block({})();
console.log('| term | unregularized step | regularized step | ratio |\n|---|---|---|---|');
// rounds outermost: every round measures every term (plain, then regularized), so garbage
// collections and load spikes spread over the terms instead of hitting the first one measured
const plain = runs.map((): number[] => []);
const reg = runs.map((): number[] => []);
for (let r = 0; r < rounds; r++)
  runs.forEach(([, o], k) => {
    plain[k]!.push(cpu(block({})) / every);
    reg[k]!.push(cpu(block(o)) / every);
  });
runs.forEach(([name], k) => {
  const [p, q] = [median(plain[k]!), median(reg[k]!)];
  console.log(`| ${name} | ${p.toFixed(2)} | ${q.toFixed(2)} | ${(q / p).toFixed(2)} |`);
});
