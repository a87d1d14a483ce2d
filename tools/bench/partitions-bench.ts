/**
 * Benchmarks of @mlgeo/model-partitions (issue 3):
 *  1. full exact / float-filtered partition of a seeded random 2→32→32→1 ReLU MLP on [−1,1]²;
 *  2. the same for 3→16→16→1 on [−1,1]³;
 *  3. data-holding cells of 10,000 points in 64 D through 64→64→64→10, their data counts and facet
 *     adjacency (one LP per candidate face), with 1 and 2 worker threads.
 *
 * Run: npx tsx --conditions=@mlgeo/source tools/bench/partitions-bench.ts [--only=2d,3d,64d] [--points=N]
 */
import { seededRandom } from '@mlgeo/exact-arith';
import { box, dataHoldingPartition, facetAdjacency, partitionOf } from '@mlgeo/model-partitions';
import { facetAdjacencyParallel } from '@mlgeo/model-partitions/node';
import { randomMlp } from './random-nets.js';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'];
  }),
);
const only = new Set((args.get('only') ?? '2d,3d,64d').split(','));
const rows: string[][] = [];
const ms = (t0: number) => performance.now() - t0;

/** buildComplex of @mlgeo/riemannian-complex when it is available (adjacency, face volumes, angles). */
type BuildComplex = (p: unknown, o?: unknown) => unknown;
let buildComplex: BuildComplex | undefined;
try {
  const name = '@mlgeo/riemannian-complex';
  buildComplex = ((await import(name)) as { buildComplex?: BuildComplex }).buildComplex;
} catch {
  buildComplex = undefined;
}

function complexTime(p: unknown): string {
  if (!buildComplex) return 'n/a';
  try {
    const t0 = performance.now();
    buildComplex(p, { edgeLength: 'unit' });
    return `${ms(t0).toFixed(0)} ms`;
  } catch (e) {
    return `n/a (${(e as Error).message.slice(0, 60)})`;
  }
}

function fullBench(name: string, sizes: number[], lo: number, hi: number): void {
  const model = randomMlp(sizes, 1);
  const d = sizes[0]!;
  const domain = box(new Array(d).fill(lo), new Array(d).fill(hi));
  const times: Record<string, number> = {};
  let cells = 0;
  let complex = 'n/a';
  for (const predicates of ['exact', 'filtered'] as const) {
    partitionOf(model, { domain, predicates }); // warm-up
    const t0 = performance.now();
    const p = partitionOf(model, { domain, predicates });
    times[predicates] = ms(t0);
    cells = p.cells.length;
    const fs = p.filterStats;
    if (predicates === 'exact') {
      complex = complexTime(p);
      console.log(
        `${name}: riemannian-complex buildComplex (adjacency, face volumes, angles): ${complex}`,
      );
    }
    console.log(
      `${name} ${predicates}: ${cells} cells in ${times[predicates]!.toFixed(0)} ms` +
        ` (${(cells / (times[predicates]! / 1000)).toFixed(0)} cells/s; sign tests ${fs.signTests}, exact fallbacks ${fs.exactFallbacks})`,
    );
  }
  rows.push([
    name,
    String(cells),
    `${times.exact!.toFixed(0)} ms`,
    `${times.filtered!.toFixed(0)} ms`,
    (cells / (times.exact! / 1000)).toFixed(0),
    (cells / (times.filtered! / 1000)).toFixed(0),
    (times.exact! / times.filtered!).toFixed(2),
    complex,
  ]);
}

async function dataBench(): Promise<void> {
  const N = Number(args.get('points') ?? 10000);
  const model = randomMlp([64, 64, 64, 10], 7);
  const rnd = seededRandom(11);
  // data on a k-dimensional sheet through the cube (real data lie near low-dimensional manifolds;
  // uniform points in 64 D each get a cell of their own and no two cells share a facet):
  // x = 1/2 + Σ_i u_i·a_i for random directions a_i of length `spread`, u_i ∈ [−1/2, 1/2], plus noise
  const k = Number(args.get('sheet') ?? 3);
  const spread = Number(args.get('spread') ?? 2);
  const dir = () => {
    const v = Array.from({ length: 64 }, () => rnd() - 0.5);
    const n = Math.hypot(...v);
    return v.map((x) => (spread * x) / n);
  };
  const dirs = Array.from({ length: k }, dir);
  const uniform = args.get('data') === 'uniform';
  const points = Array.from({ length: N }, () => {
    if (uniform) return Array.from({ length: 64 }, () => rnd());
    const u = dirs.map(() => rnd() - 0.5);
    return Array.from({ length: 64 }, (_, c) => {
      let x = 0.5 + (rnd() - 0.5) * 1e-3;
      dirs.forEach((a, i) => (x += u[i]! * a[c]!));
      return Math.min(1, Math.max(0, x));
    });
  });
  let t0 = performance.now();
  const p = dataHoldingPartition(model, points);
  const tCells = ms(t0);
  console.log(
    `64-D: ${N} points → ${p.cells.length} data-holding cells in ${tCells.toFixed(0)} ms`,
  );
  t0 = performance.now();
  const adj1 = facetAdjacency(p, model);
  const tAdj1 = ms(t0);
  console.log(
    `64-D adjacency (1 thread): ${adj1.edges.length} edges of ${adj1.candidates} candidates` +
      ` (${adj1.certifiedByData} certified between data points, ${adj1.certifiedByPoint} by LP + exact point,` +
      ` ${adj1.exactLPs} exact LPs) in ${tAdj1.toFixed(0)} ms`,
  );
  t0 = performance.now();
  const adj2 = await facetAdjacencyParallel(p, model, { workers: 2 });
  const tAdj2 = ms(t0);
  if (JSON.stringify(adj2.edges) !== JSON.stringify(adj1.edges))
    throw new Error('1 and 2 workers disagree');
  console.log(`64-D adjacency (2 workers): ${adj2.edges.length} edges in ${tAdj2.toFixed(0)} ms`);
  rows.push([
    `64→64→64→10, ${N} points`,
    String(p.cells.length),
    `cells ${tCells.toFixed(0)} ms`,
    `adjacency 1 worker ${tAdj1.toFixed(0)} ms / 2 workers ${tAdj2.toFixed(0)} ms`,
    `${adj1.edges.length} edges / ${adj1.candidates} candidate faces`,
    `total ${(tCells + Math.min(tAdj1, tAdj2)).toFixed(0)} ms`,
    '',
    '',
  ]);
}

if (only.has('2d')) fullBench('2→32→32→1 on [−1,1]²', [2, 32, 32, 1], -1, 1);
if (only.has('3d')) fullBench('3→16→16→1 on [−1,1]³', [3, 16, 16, 1], -1, 1);
if (only.has('64d')) await dataBench();

console.log(
  '\n| benchmark | cells | exact | float | cells/s exact | cells/s float | exact/float | complex |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
