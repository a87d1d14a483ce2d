/**
 * `npm run example:regularize` — the same small ReLU MLP (2→8→8→1) trained on the bundled noisy
 * two-moons set (moons-noisy.csv) with no penalty, each SPEC §6 penalty, and two conventional
 * baselines (weight decay, a Jacobian-norm penalty), over several seeds. Per run it records the
 * accuracy, the smallest and mean dihedral angle of the cells (the angles θ_C(R) < π of the exact
 * Riemannian complex of the trained network's partition), cell-area quantiles, the number of
 * data-holding cells and dead units, as JSON and SVG histograms under out/regularize/.
 *
 * Options: --seeds 1,2,3  --epochs 300  --out out/regularize  --only <run>  --penalty-every k (lazy regularization: the
 * geometric penalty every k-th step with weight × k)  --track N (the geometry
 * of every N-th epoch's checkpoint, trackGeometry, as <run>-seed<k>-track.csv)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type FloatMlp,
  type TrainOptions,
  accuracy,
  cloneMlp,
  geometryCsv,
  trackGeometry,
  deadUnits,
  initMlp,
  labelOfPattern,
  modelOfFloatMlp,
  networkPenalty,
  patternAt,
  trainMlp,
} from '@mlgeo/diff-forms';
import { partitionOf } from '@mlgeo/model-partitions';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { readMoons, type MoonsData } from './moons-data.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const epochs = Number(arg('epochs', '300'));
const outDir = arg('out', 'out/regularize');
const only = arg('only', '');
const track = Number(arg('track', '0'));
// lazy regularization (TrainOptions.penaltyEvery): the geometric penalty every k-th step, weight × k
const penaltyEvery = Number(arg('penalty-every', '1'));
const SIZES = [2, 8, 8, 1];
const LEARNING_RATE = 0.02;

/** The runs: name and the extra terms of the objective. */
const CONFIGS: [string, Omit<TrainOptions, 'epochs'>][] = [
  ['none', {}],
  ['angle', { penalty: { kind: 'angle', thetaMin: Math.PI / 12, weight: 0.02 } }],
  ['sliver', { penalty: { kind: 'sliver', vMin: 0.004, weight: 500 } }],
  ['boundary', { penalty: { kind: 'boundary', weight: 0.01 } }],
  ['boundary-mass', { penalty: { kind: 'boundary', weighting: 'mass', weight: 0.1 } }],
  ['weight-decay', { weightDecay: 0.001 }],
  ['jacobian', { jacobianPenalty: 0.001 }],
];

const quantile = (sorted: number[], q: number) => {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
};
const deg = (rad: number) => (rad * 180) / Math.PI;
const round = (v: number, digits = 4) => Number(v.toPrecision(digits));

/** Geometry of the trained network from its exact partition and complex. */
function geometry(net: FloatMlp, train: MoonsData) {
  const partition = partitionOf(modelOfFloatMlp(net), { predicates: 'filtered' });
  const complex = buildComplex(partition, { edgeLength: 'unit' });
  const cellAngles = complex.ridges!.flatMap((r) => r.angles.filter((a) => a.kind === 'ridge'));
  const angles = cellAngles.map((a) => deg(a.angle)).sort((a, b) => a - b);
  // each cell's smallest angle (the mean over all angles is 90° in 2-D by the angle sums of §4)
  const smallest = new Map<number, number>();
  for (const a of cellAngles)
    smallest.set(a.cell, Math.min(smallest.get(a.cell) ?? Infinity, deg(a.angle)));
  const cellMin = [...smallest.values()];
  const areas = partition.cells
    .map((c) => c.polytope.volume({ measures: 'float' }))
    .sort((a, b) => a - b);
  const dataCells = new Set(train.points.map((x) => labelOfPattern(patternAt(net, x)))).size;
  return { cells: partition.cells.length, angles, cellMin, areas, dataCells };
}

/** A histogram as an SVG bar chart. */
function histogramSvg(title: string, values: number[], lo: number, hi: number, bins = 24): string {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values)
    counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)))]!++;
  const max = Math.max(1, ...counts);
  const [W, H, pad] = [360, 160, 28];
  const bw = (W - 2 * pad) / bins;
  const bars = counts
    .map((c, i) => {
      const h = ((H - 2 * pad) * c) / max;
      return `<rect x="${(pad + i * bw).toFixed(1)}" y="${(H - pad - h).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#4c72b0"/>`;
    })
    .join('');
  return (
    `<g><text x="${pad}" y="16" font-size="12">${title} (n = ${values.length}, max bin ${max})</text>${bars}` +
    `<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#000"/>` +
    `<text x="${pad}" y="${H - 10}" font-size="10">${lo}</text>` +
    `<text x="${W - pad}" y="${H - 10}" font-size="10" text-anchor="end">${hi}</text></g>`
  );
}

function main() {
  const { train, test } = readMoons();
  mkdirSync(outDir, { recursive: true });
  const summary: Record<string, unknown>[] = [];
  const started = process.cpuUsage();
  for (const [name, terms] of CONFIGS) {
    if (only && name !== only) continue;
    for (const seed of seeds) {
      const net = initMlp(seed, SIZES);
      const checkpoints: { name: string; model: ReturnType<typeof modelOfFloatMlp> }[] = [];
      trainMlp(net, train, {
        epochs,
        learningRate: LEARNING_RATE,
        penaltyEvery,
        ...terms,
        onEpoch: (epoch) => {
          // onEpoch runs before the epoch's update: the checkpoint is the net after epoch − 1 steps
          if (track > 0 && (epoch - 1) % track === 0)
            checkpoints.push({ name: `epoch-${epoch - 1}`, model: modelOfFloatMlp(cloneMlp(net)) });
        },
      });
      if (track > 0) {
        checkpoints.push({ name: `epoch-${epochs}`, model: modelOfFloatMlp(net) });
        const rows = trackGeometry(checkpoints, train.points);
        writeFileSync(join(outDir, `${name}-seed${seed}-track.csv`), geometryCsv(rows));
      }
      const g = geometry(net, train);
      const penalties = {
        angle: networkPenalty(net, { kind: 'angle', thetaMin: Math.PI / 12 }).value,
        sliver: networkPenalty(net, { kind: 'sliver', vMin: 0.004 }).value,
        boundary: networkPenalty(net, { kind: 'boundary' }).value,
      };
      const record = {
        config: name,
        seed,
        epochs,
        trainAccuracy: accuracy(net, train),
        testAccuracy: accuracy(net, test),
        cells: g.cells,
        dataHoldingCells: g.dataCells,
        deadUnits: deadUnits(net, train.points),
        angleDegrees: {
          min: round(g.angles[0] ?? NaN),
          mean: round(g.angles.reduce((s, v) => s + v, 0) / g.angles.length),
          count: g.angles.length,
          meanOfCellMinima: round(g.cellMin.reduce((s, v) => s + v, 0) / g.cellMin.length),
          below15: g.angles.filter((a) => a < 15).length,
        },
        cellArea: Object.fromEntries(
          [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1].map((q) => [
            `q${q * 100}`,
            round(quantile(g.areas, q)),
          ]),
        ),
        penaltiesAtEnd: Object.fromEntries(
          Object.entries(penalties).map(([k, v]) => [k, round(v)]),
        ),
      };
      summary.push(record);
      writeFileSync(
        join(outDir, `${name}-seed${seed}.json`),
        JSON.stringify({ ...record, net }, null, 2),
      );
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="320" font-family="sans-serif">` +
        histogramSvg(`${name} seed ${seed}: cell angles (degrees)`, g.angles, 0, 180) +
        `<g transform="translate(0,160)">${histogramSvg('log10 cell area', g.areas.map(Math.log10), -8, 0)}</g></svg>`;
      writeFileSync(join(outDir, `${name}-seed${seed}.svg`), svg);
      console.log(
        `${name.padEnd(14)} seed ${seed}: test acc ${record.testAccuracy.toFixed(3)} train ${record.trainAccuracy.toFixed(3)}` +
          ` cells ${g.cells} data cells ${g.dataCells} dead ${record.deadUnits}` +
          ` angle min ${record.angleDegrees.min}° mean ${record.angleDegrees.mean}° mean cell-min ${record.angleDegrees.meanOfCellMinima}°` +
          ` area q10 ${record.cellArea.q10} q50 ${record.cellArea.q50}`,
      );
    }
  }
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
  const cpu = process.cpuUsage(started);
  console.log(`CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; wrote ${outDir}/summary.json`);
}

main();
