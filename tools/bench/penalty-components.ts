/**
 * Issue 15, components: `networkPenalty` alone (build + penalty + chain) of two source trees of
 * @mlgeo/diff-forms in one process, interleaved batches, CPU time (process.cpuUsage), medians.
 * Nets: the 2→32→32→1 bench net (920 cells) and "seq" — the nets of a sliver training run of the
 * regularize bench (steps 100, 110, …, 320), cycled so that no call sees the same net twice in a row.
 *
 * npx tsx --conditions=@mlgeo/source tools/bench/penalty-components.ts <srcA> <srcB>
 *   [--rounds 5] [--calls 200] [--terms sliver,angle,…] [--steps] [--seq-b]
 * With --steps: the regularized objective's time minus the unregularized one's, both on the net
 * (an Adam step's extra cost); --seq-b: the seq nets from srcB's training run instead of srcA's.
 * (srcA/srcB: paths of packages/diff-forms/src of two worktrees, e.g. main's and a branch's)
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readMoons } from '../examples/regularize/moons-data.js';
import { adamUpdater } from './adam.js';
import { benchPenalties } from './bench-penalties.js';
import { sourceTreeArgs } from './source-tree-args.js';
import { median } from './stats.js';

type Mod = typeof import('@mlgeo/diff-forms');
const { args, arg, srcA, srcB } = sourceTreeArgs();
const rounds = Number(arg('rounds', '5'));
const calls = Number(arg('calls', '200'));
/** --steps: time objective(penalty) − objective() instead of networkPenalty alone */
const steps = args.includes('--steps');
const load = (src: string): Promise<Mod> =>
  import(pathToFileURL(resolve(src, 'index.ts')).href) as Promise<Mod>;
const A = await load(srcA!);
const B = srcB ? await load(srcB) : undefined;

const data = readMoons().train;

const penalties = benchPenalties;

/** The nets of a sliver training run (objective + Adam, as the bench), steps 100 … 320 by 10. */
function sliverNets(M: Mod) {
  const net = M.initMlp(1, [2, 32, 32, 1]);
  const update = adamUpdater(net);
  const out: ReturnType<Mod['cloneMlp']>[] = [];
  for (let t = 1; t <= 320; t++) {
    update(M.objective(net, data, { penalty: penalties.sliver }).gradient);
    if (t >= 100 && t % 10 === 0) out.push(M.cloneMlp(net));
  }
  return out;
}
const seq = sliverNets(A);
if (args.includes('--seq-b') && B) seq.splice(0, seq.length, ...sliverNets(B));
const fixedNet = A.initMlp(1, [2, 32, 32, 1]);
const cpu = () => {
  const t = process.cpuUsage();
  return (t.user + t.system) / 1000;
};
const only = arg('terms', 'sliver,angle,boundary,boundary-mass').split(',');
const cases: [string, typeof seq, keyof typeof penalties][] = [];
for (const t of only) cases.push([`seq ${t}`, seq, t as keyof typeof penalties]);
for (const t of only) cases.push([`920-cell ${t}`, [fixedNet], t as keyof typeof penalties]);
console.log(
  `load ${loadavg()[0]!.toFixed(2)}; ${seq.length} seq nets; ${rounds} rounds × ${calls} calls`,
);
console.log('| case | A (ms) | B (ms) | B/A |\n|---|---|---|---|');
for (const [name, nets, term] of cases) {
  const o = { ...penalties[term], points: data.points };
  const times: [number[], number[]] = [[], []];
  const mods = B ? [A, B] : [A];
  for (let r = 0; r < rounds; r++)
    mods.forEach((M, mi) => {
      for (let i = 0; i < calls; i++) {
        const net = nets[i % nets.length]!;
        if (steps) {
          // as a training step: the unregularized objective first, then the regularized one's
          // extra time (objective with the penalty minus objective without)
          let t0 = cpu();
          M.objective(net, data, {});
          const plain = cpu() - t0;
          t0 = cpu();
          M.objective(net, data, { penalty: penalties[term] });
          times[mi]!.push(cpu() - t0 - plain);
          continue;
        }
        const t0 = cpu();
        M.networkPenalty(net, o as never);
        times[mi]!.push(cpu() - t0);
      }
    });
  const a = median(times[0]);
  const b = B ? median(times[1]) : NaN;
  console.log(`| ${name} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b / a).toFixed(3)} |`);
}
console.log(`load ${loadavg()[0]!.toFixed(2)} at the end`);
