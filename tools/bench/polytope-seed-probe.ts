/**
 * Session-7 probe for the variability of the polytope benchmark: the CPU time of every repetition
 * of one size's seeded polytopes (the inputs of polytope-vs-lrs-qhull.ts), in one process, after
 * the same warm-up, with the DD counters of each seed.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/polytope-seed-probe.ts [--d 8] [--m 48]
 *       [--reps 5] [--path filtered|exact] [--no-warm] [--mark]
 *
 * `--mark` prints a line `MARK s<seed> rep<i>` before each timed run and `TIME …` after it, so
 * that the output of `node --trace-deopt` (run the script bundled, e.g. with esbuild) can be split
 * by run: which deoptimizations fall into which timed run.
 */
import { readFileSync } from 'node:fs';
import { Polytope } from '@mlgeo/exact-polytope';
import { randomSphereHPolytope } from '../fixtures/random-polytopes.js';
import { flag, optValue } from './bench-args.js';
import { warmUpPolytopes } from './polytope-warmup.js';

const d = Number(optValue('d') ?? '8');
const m = Number(optValue('m') ?? '48');
const reps = Number(optValue('reps') ?? '5');
const filtered = (optValue('path') ?? 'filtered') === 'filtered';
const mark = flag('mark');
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const run = (A: number[][], b: number[], asFiltered: boolean): Polytope => {
  const p = Polytope.fromHRep(A, b, asFiltered ? { predicates: 'filtered' } : {});
  if (asFiltered) p.floatVertices();
  else p.vertices();
  return p;
};

if (!flag('no-warm')) warmUpPolytopes(run);
const lines: string[] = [];
for (let s = 0; s < 3; s++) {
  const p = randomSphereHPolytope(d, m, 1000 * d + 10 * m + s, 100);
  const times: number[] = [];
  let stats = '';
  for (let i = 0; i < reps; i++) {
    if (mark) console.log(`MARK s${s} rep${i}`);
    const t0 = cpuMs();
    const P = run(p.A, p.b, filtered);
    const t = cpuMs() - t0;
    times.push(t);
    if (mark) console.log(`TIME s${s} rep${i} ${t.toFixed(1)}`);
    stats = JSON.stringify(P.stats);
  }
  lines.push(`seed ${s}: ${times.map((t) => t.toFixed(0)).join(' ')} ms; ${stats}`);
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`d = ${d}, m = ${m}, ${filtered ? 'filtered' : 'exact'}; load ${load}`);
for (const l of lines) console.log(l);
