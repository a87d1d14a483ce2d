/**
 * Benchmark of @mlgeo/riemannian-complex on real ReLU MLP partitions (issue 3, Performance): the
 * seeded random nets of partitions-bench.ts (float32 weights, converted exactly to rationals with
 * denominators like 2^55), timed stage by stage:
 *   partitionOf (exact) → buildComplex (adjacency, shared-face volumes, angles) → metric (M_1 with
 *   `centroid` lengths, what the CLI computes) → complexToJson (with the `verify` self-checks).
 *
 * Run: npx tsx --conditions=@mlgeo/source tools/bench/complex-bench.ts [--only=2d,3d] [--repeat=N]
 *      [--checks=false]
 */
import { buildComplex, complexToJson } from '@mlgeo/riemannian-complex';
import { box, partitionOf } from '@mlgeo/model-partitions';
import { randomMlp } from './random-nets.js';

// The nets of partitions-bench.ts: the same seeds give the same float32 weights (random-nets.ts).
const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'];
  }),
);
const only = new Set((args.get('only') ?? '2d,3d').split(','));
const repeat = Number(args.get('repeat') ?? 1);
const checks = args.get('checks') !== 'false';

const rows: string[][] = [];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function stage<T>(times: Map<string, number[]>, name: string, run: () => T): T {
  const w0 = performance.now();
  const c0 = cpuMs();
  const out = run();
  const list = times.get(name) ?? [];
  list.push(performance.now() - w0, cpuMs() - c0);
  times.set(name, list);
  return out;
}

function bench(name: string, sizes: number[], lo: number, hi: number): void {
  const model = randomMlp(sizes, 1);
  const d = sizes[0]!;
  const domain = box(new Array(d).fill(lo), new Array(d).fill(hi));
  for (let r = 0; r < repeat; r++) {
    const times = new Map<string, number[]>();
    const p = stage(times, 'partitionOf', () =>
      partitionOf(model, { domain, predicates: 'exact' }),
    );
    const c = stage(times, 'buildComplex', () => buildComplex(p, { edgeLength: 'centroid' }));
    const m = stage(times, 'metric (centroid M_1)', () => c.metric);
    const json = stage(times, `complexToJson${checks ? ' + verify' : ''}`, () =>
      complexToJson(c, { checks }),
    );
    const failed = (json.checks ?? []).filter((k) => k.applicable && !k.ok).map((k) => k.name);
    let wall = 0;
    let cpu = 0;
    const parts: string[] = [];
    for (const [k, [w, u]] of times) {
      wall += w!;
      cpu += u!;
      parts.push(`${k} ${w!.toFixed(0)} ms (CPU ${u!.toFixed(0)} ms)`);
    }
    console.log(
      `${name} run ${r + 1}: ${p.cells.length} cells, ${c.fVector.join('/')} simplices, ` +
        `${c.ridges?.length ?? 0} ridges, ${m.M1.length} M_1 entries; ${parts.join(', ')}; ` +
        `total ${wall.toFixed(0)} ms wall / ${cpu.toFixed(0)} ms CPU` +
        (failed.length ? `; FAILED CHECKS: ${failed.join(', ')}` : checks ? '; checks ok' : ''),
    );
    if (r === repeat - 1)
      rows.push([
        name,
        String(p.cells.length),
        ...[...times.values()].map(
          ([w, u]) => `${(w! / 1000).toFixed(2)} s (${(u! / 1000).toFixed(2)})`,
        ),
        `${(wall / 1000).toFixed(2)} s`,
        `${(cpu / 1000).toFixed(2)} s`,
      ]);
  }
}

if (only.has('2d')) bench('2→32→32→1 on [−1,1]²', [2, 32, 32, 1], -1, 1);
if (only.has('3d')) bench('3→16→16→1 on [−1,1]³', [3, 16, 16, 1], -1, 1);

console.log('\nwall time, CPU time in parentheses (the machine may be shared):');
console.log(
  `| net | cells | partitionOf | buildComplex | metric | complexToJson${checks ? ' + verify' : ''} | total wall | total CPU |`,
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
