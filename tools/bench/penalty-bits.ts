/**
 * Issue 15, bit-for-bit check: the penalties of two source trees of @mlgeo/diff-forms compared entry
 * by entry (Object.is) along training runs and on the cells of plain builds. For each penalty (and
 * net shape) a net trains with srcA's `objective` + Adam (as regularize-bench.ts); at every step both
 * trees evaluate `objective` on the same net (loss, penalty, every gradient entry) and `networkPenalty`
 * with data masses; every 25th step both build the arrangement without a penalty and compare every
 * cell (bits, vertices, area). Prints the counts and exits 1 when anything differs.
 *
 * npx tsx --conditions=@mlgeo/source tools/bench/penalty-bits.ts <srcA> <srcB> [--steps 200]
 * (srcA/srcB: paths of packages/diff-forms/src of two worktrees, e.g. main's and a branch's)
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readMoons } from '../examples/regularize/moons-data.js';
import { adamUpdater } from './adam.js';
import { benchPenalties } from './bench-penalties.js';
import { sourceTreeArgs } from './source-tree-args.js';

type Mod = typeof import('@mlgeo/diff-forms');
type Arr = typeof import('../../packages/diff-forms/src/plane-arrangement.js');
const { arg, srcA, srcB } = sourceTreeArgs();
const steps = Number(arg('steps', '200'));
const load = async (src: string): Promise<[Mod, Arr]> => [
  (await import(pathToFileURL(resolve(src, 'index.ts')).href)) as Mod,
  (await import(pathToFileURL(resolve(src, 'plane-arrangement.ts')).href)) as Arr,
];
const [A, arrA] = await load(srcA!);
const [B, arrB] = await load(srcB!);
const data = readMoons().train;

const penalties = {
  ...benchPenalties,
  'sliver-mass': { kind: 'sliver', vMin: 0.004, weighting: 'mass', weight: 500 },
} as const;

let compared = 0;
let differ = 0;
const same = (a: number, b: number) => {
  compared++;
  if (!Object.is(a, b)) differ++;
};
const sameGradient = (
  g: { weights: number[][][]; bias: number[][] },
  h: { weights: number[][][]; bias: number[][] },
) => {
  g.weights.forEach((L, l) =>
    L.forEach((row, j) => row.forEach((x, i) => same(x, h.weights[l]![j]![i]!))),
  );
  g.bias.forEach((b, l) => b.forEach((x, j) => same(x, h.bias[l]![j]!)));
};
let cells = 0;
const sameCells = (net: ReturnType<Mod['cloneMlp']>) => {
  const ca = arrA.arrangementCells(arrA.buildArrangement(net));
  const cb = arrB.arrangementCells(arrB.buildArrangement(net));
  same(ca.length, cb.length);
  ca.forEach((c, r) => {
    const d = cb[r];
    if (!d) return;
    cells++;
    same(c.area, d.area);
    same(c.vertices.length, d.vertices.length);
    c.vertices.forEach((v, i) => {
      same(v[0], d.vertices[i]?.[0] ?? NaN);
      same(v[1], d.vertices[i]?.[1] ?? NaN);
    });
    c.pattern.forEach((p, l) => p.forEach((x, k) => same(+x, +(d.pattern[l]![k] ?? NaN))));
  });
};

const shapes: [string, number[], number][] = [
  ['2-32-32-1', [2, 32, 32, 1], 1],
  ['2-40-36-1', [2, 40, 36, 1], 2],
  ['2-16-12-10-1', [2, 16, 12, 10, 1], 3],
  ['2-24-1', [2, 24, 1], 4],
];
for (const [shape, widths, seed] of shapes)
  for (const [name, pen] of Object.entries(penalties)) {
    const before = [compared, differ];
    const net = A.initMlp(seed, widths);
    const update = adamUpdater(net);
    for (let t = 1; t <= steps; t++) {
      const oa = A.objective(net, data, { penalty: pen });
      const ob = B.objective(net, data, { penalty: pen });
      same(oa.loss, ob.loss);
      same(oa.penalty, ob.penalty);
      sameGradient(oa.gradient, ob.gradient);
      if (t % 25 === 1) sameCells(net);
      update(oa.gradient);
    }
    console.log(
      `${shape} ${name}: ${compared - before[0]!} entries compared, ${differ - before[1]!} differ`,
    );
  }
console.log(`total: ${compared} entries (${cells} cells), ${differ} differ`);
process.exit(differ === 0 ? 0 : 1);
