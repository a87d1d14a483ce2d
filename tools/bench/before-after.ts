/**
 * Before/after CPU time of benchmark scripts in two checkouts of mlgeo (this one and another commit
 * with its own `npm ci`), run alternately in the same invocation so that both see the same machine
 * load. CPU time is the child's user + system time from getrusage (tools/bench/child-cpu.ts, the
 * benchmarks' shared helper), so start-up is included on both sides alike.
 *
 * Run: npx tsx --conditions=@mlgeo/source tools/bench/before-after.ts --base=/path/to/old/checkout
 *      [--rounds=3] [--base-condition=source] [--only=partitions,complex,polytopes,data64]
 *
 * The old checkout resolves its packages through its own export condition (`source` before issue
 * 9, `@mlgeo/source` after); `--base-condition` names it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childCpu } from './child-cpu.js';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'];
  }),
);
const base = args.get('base');
if (base === undefined || !existsSync(`${base}/package.json`)) {
  console.error('before-after: --base=DIR must name another mlgeo checkout with node_modules');
  process.exit(2);
}
const rounds = Number(args.get('rounds') ?? 3);
const baseCondition = args.get('base-condition') ?? 'source';
const here = fileURLToPath(new URL('../..', import.meta.url));

/** The benchmarks compared: a name and the script's arguments (same in both checkouts). */
const BENCHES: Record<string, string[]> = {
  partitions: ['tools/bench/partitions-bench.ts', '--only=2d,3d'],
  data64: ['tools/bench/partitions-bench.ts', '--only=64d'],
  complex: ['tools/bench/complex-bench.ts', '--only=2d'],
  polytopes: [
    'tools/bench/polytope-vs-lrs-qhull.ts',
    '--dims',
    '4,6,8',
    '--factors',
    '2,4',
    '--seeds',
    '2',
  ],
};
const only = (args.get('only') ?? Object.keys(BENCHES).join(',')).split(',');

interface Run {
  cpu: number;
}

function run(dir: string, condition: string, script: string[]): Run {
  const r = childCpu(
    process.execPath,
    [`--conditions=${condition}`, '--import', 'tsx', ...script],
    {
      cwd: dir,
    },
  );
  if (r.status !== 0 || r.timedOut || !Number.isFinite(r.seconds))
    throw new Error(`${dir}: ${script.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  return { cpu: r.seconds };
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`before: ${base} (condition ${baseCondition}); after: ${here}; ${rounds} rounds`);
console.log('| benchmark | before CPU s | after CPU s | after/before (medians) |');
console.log('|---|---|---|---|');
for (const name of only) {
  const script = BENCHES[name];
  if (!script) throw new Error(`unknown benchmark ${name}`);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < rounds; i++) {
    before.push(run(base, baseCondition, script).cpu);
    after.push(run(here, '@mlgeo/source', script).cpu);
  }
  const ratio = median(after) / median(before);
  console.log(`| ${name} | ${fmt(before)} | ${fmt(after)} | ${ratio.toFixed(2)} |`);
}
