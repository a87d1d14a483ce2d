/**
 * Issue 15: per-cell output Jacobians (the pulled-back output covectors of SPEC §5) on the
 * data-holding cells of a real network, float fast path (`outputJacobiansFloat`). Default: the
 * Fashion-MNIST 784→128→128→10 network and its 10,000 test points written by
 * tools/fixtures (issue 12) into /work/data. Prints CPU seconds of reading and of the Jacobians.
 *
 * npx tsx --conditions=@mlgeo/source tools/bench/jacobians-bench.ts [--model FILE.onnx] [--data FILE.csv] [--limit N]
 */
import { readFileSync } from 'node:fs';
import { floatMlpOf, outputJacobiansFloat } from '@mlgeo/diff-forms';
import { outputJacobiansFloatOld } from '../../packages/diff-forms/src/zz-old-jac.ts';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import { readModelFile } from '@mlgeo/model-readers/node';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const modelFile = arg('model', '/work/data/fashion-784-128-128-10.onnx');
const dataFile = arg('data', '/work/data/fashion-test.csv');
const limit = Number(arg('limit', '0'));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const t0 = cpu();
const { model } = await readModelFile(modelFile);
if (model.kind !== 'mlp') throw new Error(`${modelFile} is not a ReLU MLP`);
const net = floatMlpOf(model as ReluMlpModel);
const lines = readFileSync(dataFile, 'utf8').trim().split('\n');
const header = lines[0]!.split(',');
const features = header.map((h, i) => (h === 'label' ? -1 : i)).filter((i) => i >= 0);
let points = lines.slice(1).map((l) => {
  const v = l.split(',');
  return features.map((i) => Number(v[i]));
});
if (limit > 0) points = points.slice(0, limit);
const t1 = cpu();
const cpuOf = (f: () => unknown) => { const t = process.cpuUsage(); const r = f(); const d = process.cpuUsage(t); return { s: (d.user + d.system) / 1e6, r }; };
for (let round = 0; round < 2; round++) {
  const a = cpuOf(() => outputJacobiansFloatOld(net, points));
  const b = cpuOf(() => outputJacobiansFloat(net, points));
  const ra = a.r as { jacobian: Float64Array[] }[]; const rb = b.r as { jacobian: Float64Array[] }[];
  let maxRel = 0;
  ra.forEach((g, i) => g.jacobian.forEach((row, j) => row.forEach((v, k) => { const w = rb[i]!.jacobian[j]![k]!; maxRel = Math.max(maxRel, Math.abs(v - w) / (1e-300 + Math.abs(v) + 1e-12)); })));
  console.log(`round ${round}: ${points.length} points, old ${a.s.toFixed(2)} s, new ${b.s.toFixed(2)} s, ratio ${(a.s / b.s).toFixed(2)}, max rel diff ${maxRel.toExponential(1)}`);
}
