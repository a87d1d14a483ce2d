/**
 * Issue 2 benchmark: vertex enumeration of seeded random bounded H-polytopes, d = 3…8,
 * m = 2d, 4d, 6d facets, the same inputs for every tool.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/polytope-vs-lrs-qhull.ts [--dims 3,4,5] [--seeds 5]
 *       [--factors 2,4,6] [--timeout 60] [--markdown]
 *
 * All times are CPU times (issue 11): ours by `process.cpuUsage()` around the in-process
 * computation, lrs's and qhalf's by getrusage of the child processes (tools/bench/child-cpu.ts).
 * Every measurement is the smallest of repeated runs — until 100 ms in total, at least 3 when one
 * run is under 1 s, at most 15.
 * Columns per size (medians over the seeds of those per-polytope times):
 * - exact: `Polytope.fromHRep(A, b).vertices()` (BigInt), in-process (a fresh Polytope per run,
 *   after a JIT warm-up);
 * - lrs: `lrs` as a process on the same .ine text; its whole CPU time (reading, start-up included:
 *   the CPU time of lrs on a triangle is printed for scale);
 * - filtered: `Polytope.fromHRep(A, b, { predicates: 'filtered' }).floatVertices()` — the same
 *   combinatorics (float signs with a proven filter, exact fallback; float rays with a proven bound,
 *   exact rays computed lazily where a decision needs them) and the vertices in float64 with a
 *   proven error bound, as qhalf prints float vertices (issue 11; until session 4 this column
 *   called `vertices()`, i.e. exact Rationals);
 * - qhalf: `qhalf Fp` as a process (halfspace intersection, float), given the interior point our
 *   polytope computes (`interiorPoint()`, not timed);
 * - pure float: tools/bench/float-dd.ts, a float64 double description with ε-tests and no filter.
 * Every vertex count is cross-checked (ours vs lrs vs qhalf vs pure float).
 * Inputs: rows a·x ≤ R² with a = random directions of norm R = 100, rounded to integers, inside the
 * box |x_i| ≤ R (tools/fixtures/random-polytopes.ts `randomSphereHPolytope`).
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope, formatIne } from '@mlgeo/exact-polytope';
import { randomSphereHPolytope } from '../fixtures/random-polytopes.js';
import { warmUpPolytopes } from './polytope-warmup.js';
import { childCpu, cpuTimed } from './child-cpu.js';
import { floatVertices } from './float-dd.js';
import { fmtRatio, fmtSeconds, machineLine, markdownTable, median } from './stats.js';

/** How many runs: until 100 ms in total, at least 3 when a run is under 1 s, at most 15. */
function repeatsFor(first: number): number {
  return Math.min(15, Math.max(Math.ceil(0.1 / Math.max(first, 1e-6)), first < 1 ? 3 : 1));
}

/** Smallest CPU time of repeated in-process runs of f (the rule of `repeatsFor`). */
function cpuRepeated<T>(f: () => T): { seconds: number; value: T } {
  const first = cpuTimed(f);
  let best = first.seconds;
  for (let i = 1; i < repeatsFor(first.seconds); i++) best = Math.min(best, cpuTimed(f).seconds);
  return { seconds: best, value: first.value };
}

/** Smallest CPU time of repeated runs of a tool (same rule); Infinity if the first run timed out. */
function toolRepeated(program: string, args: string[], input: string, timeout: number) {
  const first = childCpu(program, args, { input, timeoutSeconds: timeout });
  if (first.timedOut) return first;
  const n = repeatsFor(first.seconds) - 1;
  if (n < 1) return first;
  const more = childCpu(program, args, { input, repeat: n, timeoutSeconds: timeout });
  return { ...first, seconds: Math.min(first.seconds, more.seconds) };
}

interface Args {
  dims: number[];
  factors: number[];
  seeds: number;
  timeout: number;
  markdown: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    dims: [3, 4, 5, 6, 7, 8],
    factors: [2, 4, 6],
    seeds: 5,
    timeout: 60,
    markdown: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = () => argv[++i] ?? '';
    if (k === '--dims') a.dims = v().split(',').map(Number);
    else if (k === '--factors') a.factors = v().split(',').map(Number);
    else if (k === '--seeds') a.seeds = Number(v());
    else if (k === '--timeout') a.timeout = Number(v());
    else if (k === '--markdown') a.markdown = true;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

function qhalfInput(A: number[][], b: number[], interior: number[]): string {
  const d = A[0]!.length;
  const rows = A.map((a, i) => [...a, -b[i]!].join(' '));
  return `${d} 1\n${interior.join(' ')}\n${d + 1}\n${A.length}\n${rows.join('\n')}\n`;
}

/** CPU seconds of a tool on a trivial problem (a triangle): the smallest of 15 runs, for scale. */
function startupCpu(program: string, args: string[], input: string): number {
  return childCpu(program, args, { input, repeat: 15 }).seconds;
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const tri = {
    A: [
      [-1, 0],
      [0, -1],
      [1, 1],
    ],
    b: [0, 0, 1],
  };
  const lrsStart = startupCpu('lrs', [], formatIne(tri));
  const qhalfStart = startupCpu('qhalf', ['Fp'], qhalfInput(tri.A, tri.b, [0.25, 0.25]));
  console.log(
    `CPU time on a triangle (start-up, included in the tools' times): lrs ${fmtSeconds(lrsStart)}, qhalf ${fmtSeconds(qhalfStart)}`,
  );
  console.log(machineLine());
  // warm up the JIT (polytope-warmup.ts says why so long and on which polytopes)
  warmUpPolytopes((A, b, filtered) => {
    if (filtered) Polytope.fromHRep(A, b, { predicates: 'filtered' }).floatVertices();
    else Polytope.fromHRep(A, b).vertices();
  });
  const header = [
    'd',
    'm',
    'vertices',
    'exact',
    'lrs',
    'exact/lrs',
    'filtered',
    'qhalf',
    'filtered/qhalf',
    'pure float',
    'filtered/pure',
    'exact/filtered',
    'checks',
  ];
  const rows: string[][] = [];
  for (const d of o.dims) {
    for (const f of o.factors) {
      const m = f * d;
      const t = {
        exact: [] as number[],
        lrs: [] as number[],
        filt: [] as number[],
        qh: [] as number[],
        pure: [] as number[],
      };
      const counts: number[] = [];
      const problems: string[] = [];
      for (let s = 0; s < o.seeds; s++) {
        const p = randomSphereHPolytope(d, m, 1000 * d + 10 * m + s, 100);
        const ex = cpuRepeated(() => Polytope.fromHRep(p.A, p.b).vertices());
        t.exact.push(ex.seconds);
        const nv = ex.value.length;
        counts.push(nv);
        // float vertices with a proven bound, as qhalf outputs float vertices (exact on demand)
        const fl = cpuRepeated(
          () => Polytope.fromHRep(p.A, p.b, { predicates: 'filtered' }).floatVertices().points,
        );
        t.filt.push(fl.seconds);
        if (fl.value.length !== nv) problems.push(`filtered ${fl.value.length}≠${nv}`);
        const pu = cpuRepeated(() => floatVertices(p.A, p.b));
        t.pure.push(pu.seconds);
        if (pu.value.length !== nv) problems.push(`pure float ${pu.value.length}≠${nv}`);
        const l = toolRepeated('lrs', [], formatIne({ A: p.A, b: p.b }), o.timeout);
        if (l.timedOut) {
          t.lrs.push(Infinity);
          problems.push(`lrs > ${o.timeout} s`);
        } else {
          t.lrs.push(l.seconds);
          const lv = /vertices=(\d+)/.exec(l.stdout)?.[1];
          if (Number(lv) !== nv) problems.push(`lrs ${lv}≠${nv}`);
        }
        const ip = Polytope.fromHRep(p.A, p.b)
          .interiorPoint()
          .map((x: Rational) => x.toNumber());
        const q = toolRepeated('qhalf', ['Fp'], qhalfInput(p.A, p.b, ip), o.timeout);
        if (q.timedOut) {
          t.qh.push(Infinity);
          problems.push(`qhalf > ${o.timeout} s`);
        } else {
          t.qh.push(q.seconds);
          const qv = Number(q.stdout.split('\n')[1]);
          if (qv !== nv) problems.push(`qhalf ${qv}≠${nv}`);
        }
      }
      const med = {
        exact: median(t.exact),
        lrs: median(t.lrs),
        filt: median(t.filt),
        qh: median(t.qh),
        pure: median(t.pure),
      };
      const row = [
        String(d),
        String(m),
        String(median(counts)),
        fmtSeconds(med.exact),
        fmtSeconds(med.lrs),
        fmtRatio(med.exact / med.lrs),
        fmtSeconds(med.filt),
        fmtSeconds(med.qh),
        fmtRatio(med.filt / med.qh),
        fmtSeconds(med.pure),
        fmtRatio(med.filt / med.pure),
        fmtRatio(med.exact / med.filt),
        problems.length ? [...new Set(problems)].join('; ') : 'all agree',
      ];
      rows.push(row);
      console.log(row.join('\t'));
    }
  }
  console.log(`\n${o.seeds} seeds per size; medians of CPU times.\n`);
  console.log(markdownTable(header, rows));
}

main();
