/**
 * @mlgeo/curvature against POT (issue 14). The graph: the Delaunay graph (d3-delaunay, already a
 * dependency of the repository) of 10,000 seeded random sites in [0,1]², data counts from 50,000
 * seeded random points (nearest site), lazy walk α = 1/2, unit walk weights, hop metric.
 *
 * - POT: tools/bench/curvature-pot.py, one `ot.emd2` per edge on the full walk supports; its CPU
 *   time of the emd2 loop alone (time.process_time) and of the whole child process (GNU time:
 *   user + sys, start-up, imports and the python walk/distance preparation included).
 * - Ours: `ollivierCurvature` float on all edges (walks, local shortest paths and network simplex
 *   included), the exact mode (every certificate checked inside), Forman (weighted); CPU time by
 *   process.cpuUsage(). Rounds alternate ours and POT.
 *
 * Targets: float ≤ 0.5 × POT emd2, |Δκ| ≤ 1e-12, exact ≤ 10 × float, Forman < 0.1 s. Misses are
 * printed, not hidden; exit code 1 when a target is missed.
 *
 * Run: npx tsx --conditions=@mlgeo/source tools/bench/curvature-bench.ts [--python=/usr/bin/python3]
 *      [--rounds=2] [--sites=10000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formanCurvature, ollivierCurvature, type WeightedGraph } from '@mlgeo/curvature';
import { seededRandom } from '@mlgeo/exact-arith';
import { Delaunay } from 'd3-delaunay';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const python = arg('python', '/usr/bin/python3');
const rounds = Number(arg('rounds', '2'));
const sites = Number(arg('sites', '10000'));

function delaunayGraph(count: number, seed: number): WeightedGraph {
  const r = seededRandom(seed);
  const pts = Array.from({ length: count }, () => [r(), r()] as [number, number]);
  const d = Delaunay.from(pts);
  const seen = new Set<number>();
  const edges: [number, number][] = [];
  const { triangles, halfedges } = d;
  for (let e = 0; e < triangles.length; e++) {
    const i = triangles[e]!;
    const j = triangles[e % 3 === 2 ? e - 2 : e + 1]!;
    if (halfedges[e]! > e) continue; // each interior edge once (hull edges have halfedge −1)
    const key = Math.min(i, j) * count + Math.max(i, j);
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([Math.min(i, j), Math.max(i, j)]);
  }
  const counts = new Array<number>(count).fill(0);
  let last = 0;
  for (let k = 0; k < 5 * count; k++) {
    last = d.find(r(), r(), last);
    counts[last]!++;
  }
  return { vertexCount: count, edges, masses: counts };
}

const cpuSeconds = (f: () => void): number => {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1e6;
};

const graph = delaunayGraph(sites, 14);
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-curvature-bench-'));
const graphFile = join(dir, 'graph.json');
const outFile = join(dir, 'pot.json');
writeFileSync(
  graphFile,
  JSON.stringify({
    vertexCount: graph.vertexCount,
    edges: graph.edges,
    counts: graph.masses,
    alpha: 0.5,
  }),
);
const script = fileURLToPath(new URL('./curvature-pot.py', import.meta.url));
console.log(
  `Delaunay graph: ${graph.vertexCount} sites, ${graph.edges.length} edges; α = 1/2, hop metric`,
);

const ours: number[] = [];
const exactTimes: number[] = [];
const formanTimes: number[] = [];
const potEmd2: number[] = [];
const potChild: number[] = [];
let float = ollivierCurvature(graph);
let pot: { w1: number[]; emd2Cpu: number; prepCpu: number; pot: string } | undefined;
let exact = ollivierCurvature(graph, { mode: 'exact' });
for (let round = 0; round < rounds; round++) {
  ours.push(cpuSeconds(() => (float = ollivierCurvature(graph))));
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', python, script, graphFile, outFile], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(r.stderr);
    throw new Error(`${python} ${script} failed (is Debian's python3-pot installed?)`);
  }
  const [user, sys] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  potChild.push(user! + sys!);
  pot = JSON.parse(readFileSync(outFile, 'utf8')) as typeof pot;
  potEmd2.push(pot!.emd2Cpu);
  exactTimes.push(cpuSeconds(() => (exact = ollivierCurvature(graph, { mode: 'exact' }))));
  formanTimes.push(cpuSeconds(() => formanCurvature(graph)));
}

const min = (xs: number[]) => Math.min(...xs);
let maxDk = 0;
let maxDexact = 0;
graph.edges.forEach((_, e) => {
  const kPot = 1 - pot!.w1[e]! / float.distance[e]!;
  maxDk = Math.max(maxDk, Math.abs(float.kappa[e]! - kPot));
  maxDexact = Math.max(maxDexact, Math.abs(exact.exact!.kappa[e]!.toNumber() - float.kappa[e]!));
});
const fl = min(ours);
const ex = min(exactTimes);
const fo = min(formanTimes);
const pe = min(potEmd2);
const pc = min(potChild);
const rows: [string, string, string, boolean][] = [
  ['POT emd2 loop (CPU s)', pe.toFixed(3), '—', true],
  ['POT child process total (CPU s)', pc.toFixed(3), '—', true],
  [
    'ours float Ollivier, all edges (CPU s)',
    fl.toFixed(3),
    `${(fl / pe).toFixed(2)}× POT emd2 (≤ 0.5)`,
    fl <= 0.5 * pe,
  ],
  ['max |Δκ| float vs POT', maxDk.toExponential(2), '≤ 1e-12', maxDk <= 1e-12],
  [
    'ours exact, certified (CPU s)',
    ex.toFixed(3),
    `${(ex / fl).toFixed(2)}× float (≤ 10)`,
    ex <= 10 * fl,
  ],
  [
    'certified edges',
    String(exact.exact!.certified),
    `of ${graph.edges.length}`,
    exact.exact!.certified === graph.edges.length,
  ],
  ['max |Δκ| exact vs float', maxDexact.toExponential(2), '≤ 1e-12', maxDexact <= 1e-12],
  ['ours Forman, all edges (CPU s)', fo.toFixed(4), '< 0.1', fo < 0.1],
];
console.log(
  `POT ${pot!.pot}; best of ${rounds} alternating rounds; load: ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('| measure | value | target | met |');
console.log('| --- | --- | --- | --- |');
for (const [what, value, target, ok] of rows)
  console.log(`| ${what} | ${value} | ${target} | ${ok ? 'yes' : '**no**'} |`);
if (rows.some((r) => !r[3])) process.exitCode = 1;
