/**
 * Exact 2-D slices of a 784-D network (issue 12, SplineCam's figure): `mlgeo analyze --slice
 * rows:i,j,k` through three Fashion-MNIST test images of the 784→128→128→10 network, with the SVG,
 * end to end through the CLI as a user runs it, `--float` and exact. CPU time (user + system of the
 * child, getrusage) and peak RSS per run, the plane's cell count and phase wall times from the
 * report. Appends nothing by itself: copy the printed table into tools/bench/README.md.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/slice-bench.ts \
 *     [--model /work/data/fashion-784-128-128-10.onnx] [--data /work/data/fashion-test.csv] \
 *     [--rows 0,1,2] [--modes float,exact,library] [--random] [--timeout 900]
 *
 * `library` adds an in-process row: only what the figure needs (the slice, the plane's cells and
 * decision regions with float measures; no complex, no report), CPU seconds per step.
 *
 * The model and data come from tools/fixtures (helper h12-data: Debian python3-torch and
 * dataset-fashion-mnist); `--random` instead writes a seeded random 784→128→128→10 net (float32
 * He-initialised weights, random-nets.ts) and three random images with values k/255 to 4 decimals.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import {
  decisionPartition,
  partitionOf,
  pointsNearPlane,
  restrictToPlane,
  sliceDomain,
  slicePlane,
} from '@mlgeo/model-partitions';
import { readModelBytes, readPointsCsv } from '@mlgeo/model-readers';
import { boxHRep } from '@mlgeo/exact-polytope';
import { flag, opt as arg } from './bench-args.js';
import { childCpu, cpuTimed } from './child-cpu.js';
import { randomMlp } from './random-nets.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-slice-bench-'));
let model = arg('model', '/work/data/fashion-784-128-128-10.onnx');
let data = arg('data', '/work/data/fashion-test.csv');
const rows = arg('rows', '0,1,2');
const modes = arg('modes', 'float,exact').split(',');
const timeout = Number(arg('timeout', '900'));

if (flag('random')) {
  const net = randomMlp([784, 128, 128, 10], 20261203);
  model = join(dir, 'random-784-128-128-10.json');
  writeFileSync(
    model,
    JSON.stringify({
      format: 'mlgeo-mlp',
      version: 1,
      inputDimension: 784,
      layers: net.layers.map((l, i) => ({
        weights: l.weights.map((r) => r.map(String)),
        bias: l.bias.map(String),
        activation: i < net.layers.length - 1 ? 'relu' : 'linear',
      })),
    }),
  );
  const rnd = seededRandom(7);
  data = join(dir, 'random-images.csv');
  const image = () =>
    Array.from({ length: 784 }, () =>
      rnd() < 0.5 ? '0' : (Math.floor(rnd() * 256) / 255).toFixed(4),
    ).join(',');
  writeFileSync(data, [image(), image(), image()].join('\n') + '\n');
}

const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const bin = join(ROOT, 'packages/cli/src/bin.ts');
console.log(`model ${model}, data ${data}, --slice rows:${rows}`);
console.log('| mode | CPU s | peak RSS MB | cells | phases (wall s) | status |');
console.log('|---|---|---|---|---|---|');
for (const mode of modes.filter((m) => m !== 'library')) {
  const out = join(dir, `slice-${mode}.json`);
  const svg = join(dir, `slice-${mode}.svg`);
  const run = childCpu(
    process.execPath,
    [
      '--conditions=@mlgeo/source',
      '--import',
      tsx,
      bin,
      'analyze',
      model,
      '--data',
      data,
      '--slice',
      `rows:${rows}`,
      ...(mode === 'float' ? ['--float'] : []),
      '--svg',
      svg,
      '--out',
      out,
      '--quiet',
    ],
    { timeoutSeconds: timeout },
  );
  let cells = '–';
  let phases = '';
  if (!run.timedOut && run.status === 0) {
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      partition: { cellCount: number };
      timing?: { phases: Record<string, number> };
    };
    cells = String(report.partition.cellCount);
    phases = Object.entries(report.timing?.phases ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  }
  const status = run.timedOut ? `timed out (${timeout} s wall)` : `exit ${run.status}`;
  console.log(
    `| ${mode} | ${run.timedOut ? `> ${timeout} wall` : run.seconds.toFixed(1)} | ${(run.maxRssKb / 1024).toFixed(0)} | ${cells} | ${phases} | ${status} |`,
  );
  if (run.status !== 0 && !run.timedOut) console.log(run.stderr.slice(-2000));
}
console.log(`outputs in ${dir}`);

// in-process: only what the figure needs — the slice, the plane's cells and decision regions
// (float measures), no complex and no report; CPU seconds per step (process.cpuUsage)
if (modes.includes('library')) {
  const steps: string[] = [];
  const step = <T>(name: string, f: () => T): T => {
    const { seconds, value } = cpuTimed(f);
    steps.push(`${name} ${seconds.toFixed(2)} s`);
    return value;
  };
  const read = await readModelBytes(model, readFileSync(model));
  const d = read.model.inputDimension;
  const text = readFileSync(data, 'utf8');
  const header = text.split('\n', 1)[0]!.split(',');
  const labelColumn = header.findIndex((c) => c.trim().toLowerCase() === 'label');
  const points = step(
    'read CSV',
    () =>
      readPointsCsv(text, { dimension: d, ...(labelColumn >= 0 ? { labelColumn } : {}) }).points,
  );
  const [i, j, k] = rows.split(',').map(Number);
  const plane = step('plane', () => slicePlane(points[i!]!, points[j!]!, points[k!]!, d));
  const restricted = step('restrict', () => restrictToPlane(read.model, plane));
  const box = boxHRep(new Array(d).fill(Rational.ZERO), new Array(d).fill(Rational.ONE));
  const domain = step('X ∩ plane', () => sliceDomain(plane, box.A, box.b));
  const near = step('data near the plane', () => pointsNearPlane(plane, points, 0));
  const partition = step('cells', () =>
    partitionOf(restricted, {
      domain: { kind: 'hrep', A: domain.A, b: domain.b },
      predicates: 'filtered',
    }),
  );
  const decision = step('decision regions', () =>
    decisionPartition(partition, restricted, { predicates: 'filtered', measures: 'float' }),
  );
  console.log(
    `library (in-process): ${partition.cells.length} cells, ${decision?.regions.length} classes, ${near.length} points on the plane; ${steps.join(', ')}`,
  );
}
