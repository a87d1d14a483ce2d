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
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import { readModelFile } from '@mlgeo/model-readers/node';
import { opt as arg } from './bench-args.js';

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
const cells = outputJacobiansFloat(net, points);
const t2 = cpu();
const sizes = net.layers.map((l) => l.bias.length);
console.log(
  `${modelFile}: ${net.inputDimension}→${sizes.join('→')}, ${points.length} points → ${cells.length} data-holding patterns\n` +
    `read ${(t1 - t0).toFixed(2)} s CPU; Jacobians (${cells[0]?.jacobian.length ?? 0}×${net.inputDimension} per cell) ${(t2 - t1).toFixed(2)} s CPU`,
);
