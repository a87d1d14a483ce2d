/**
 * Issue 11 (s9-cx3): where the float complex spends its time, per phase, on one seeded net.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/complex-phase-profile.ts [--net 3-16-16-1]
 *       [--seed 1] [--warmup 12] [--rounds 5] [--measures float|exact|float,exact]
 *
 * Phases (each the smallest CPU time over --rounds after --warmup untimed runs): the partition
 * (`partitionOf`, filtered predicates, float measures), `buildComplex` (cells, shared faces,
 * simplices, ridges with their angles), every shared face's float (or exact) area, and the float
 * (or exact) metric; `--measures float,exact` interleaves both in every warm-up and round (as
 * complex-vs-edge-subdivision.ts does). Last, V8's collections in the timed rounds per run (count and
 * wall time, v8.GCProfiler). Run under `node --cpu-prof` (through tsx) for a CPU profile of the same work.
 */
import { GCProfiler } from 'node:v8';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { opt } from './bench-args.js';
import { randomMlp } from './random-nets.js';
import { unitBoxPartition } from './unit-box-partition.js';

const sizes = opt('net', '3-16-16-1').split('-').map(Number);
const seed = Number(opt('seed', '1'));
const warmup = Number(opt('warmup', '12'));
const rounds = Number(opt('rounds', '5'));
const measuresList = opt('measures', 'float').split(',') as ('float' | 'exact')[];
const d = sizes[0]!;
const model = randomMlp(sizes, seed);

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function once(measures: 'float' | 'exact'): Record<string, number> {
  const t: Record<string, number> = {};
  let t0 = cpu();
  const lap = (name: string) => {
    const t1 = cpu();
    t[name] = t1 - t0;
    t0 = t1;
  };
  const p = unitBoxPartition(model, d, measures);
  lap('partition');
  // buildComplex's own phases (onProgress): cells (with the point index), faces, simplices, angles
  let phase = '';
  let phaseStart = cpu();
  const cx = buildComplex(p, {
    measures,
    onProgress: ({ phase: next }) => {
      if (next === phase) return;
      const now = cpu();
      if (phase) t[`  ${phase}`] = (t[`  ${phase}`] ?? 0) + now - phaseStart;
      phase = next;
      phaseStart = now;
    },
  });
  if (phase) t[`  ${phase}`] = (t[`  ${phase}`] ?? 0) + cpu() - phaseStart;
  lap('buildComplex');
  let s = 0;
  for (const f of cx.sharedFaces) s += measures === 'float' ? f.floatVolume.value : 0;
  if (measures === 'exact') for (const f of cx.sharedFaces) void f.volume;
  lap('face areas');
  for (const r of cx.ridges ?? []) s += r.sum;
  lap('ridge sums');
  if (measures === 'float') void cx.floatMetric;
  else void cx.metric;
  lap('metric');
  if (!Number.isFinite(s)) throw new Error('non-finite');
  t.total = Object.entries(t).reduce((a, [k, v]) => (k.startsWith(' ') ? a : a + v), 0);
  t.cells = p.cells.length;
  t.faces = cx.sharedFaces.length;
  t.ridges = cx.ridges?.length ?? 0;
  return t;
}

// several measures: interleaved in every round (as the issue-11 bench runs them)
for (let i = 0; i < warmup; i++) for (const m of measuresList) once(m);
const best = measuresList.map(() => ({}) as Record<string, number>);
// V8's collections during the timed rounds (wall time; the parallel scavenger's helper threads
// add CPU that process.cpuUsage counts)
const gcProfiler = new GCProfiler();
gcProfiler.start();
for (let r = 0; r < rounds; r++)
  measuresList.forEach((m, i) => {
    const t = once(m);
    for (const [k, v] of Object.entries(t)) best[i]![k] = Math.min(best[i]![k] ?? Infinity, v);
  });
const gcRuns = gcProfiler.stop()?.statistics ?? [];
const gcKinds = new Map<string, { count: number; ms: number }>();
for (const g of gcRuns) {
  const k = gcKinds.get(g.gcType) ?? { count: 0, ms: 0 };
  k.count++;
  k.ms += g.cost / 1000;
  gcKinds.set(g.gcType, k);
}
const load = (await import('node:os')).loadavg().map((x) => x.toFixed(2));
measuresList.forEach((measures, i) => {
  console.log(`net ${sizes.join('→')} seed ${seed} ${measures}, load ${load.join(' ')}`);
  for (const [k, v] of Object.entries(best[i]!))
    console.log(
      `${k.padEnd(14)} ${['cells', 'faces', 'ridges'].includes(k) ? v : `${(v * 1000).toFixed(1)} ms`}`,
    );
});
const perRun = rounds * measuresList.length;
for (const [kind, { count, ms }] of gcKinds)
  console.log(
    `gc ${kind}: ${(count / perRun).toFixed(2)} per run, ${(ms / perRun).toFixed(1)} ms wall (v8.GCProfiler cost) per run`,
  );
