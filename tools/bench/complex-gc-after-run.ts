/**
 * Issue 11 (s17): what of a finished run V8's young-generation collector still finds alive. Runs
 * the partition + complex of a seeded net --warmup times, then --runs times each followed by one
 * forced scavenge, and prints what those scavenges kept (`new_space_survived`) and promoted, read
 * from V8's own `--trace-gc-nvp` lines. A finished run should leave (almost) nothing: whatever a
 * dead run leaves reachable from old objects (a getter closure held by an old hidden class, a
 * WeakMap value) is copied and then promoted at every scavenge until a full collection.
 *
 *   node --expose-gc --trace-gc-nvp --conditions=@mlgeo/source --import tsx \
 *       tools/bench/complex-gc-after-run.ts [--net 3-16-16-1] [--measures float|exact]
 *       [--stop partition|complex|faces|ridges|metric] [--warmup 40] [--runs 3] 2>&1 |
 *     grep -E '^(run|gc=)|gc=s'
 */
import { box, partitionOf } from '@mlgeo/model-partitions';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { opt } from './bench-args.js';
import { randomMlp } from './random-nets.js';

const sizes = opt('net', '3-16-16-1').split('-').map(Number);
const measures = opt('measures', 'float') as 'float' | 'exact';
const stop = opt('stop', 'metric');
const warmup = Number(opt('warmup', '40'));
const runs = Number(opt('runs', '3'));
const gc = (globalThis as { gc?: (o?: { type: 'minor' | 'major' }) => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (see the header)');
const model = randomMlp(sizes, 1);
const d = sizes[0]!;

/** One run up to the phase --stop; returns a number so that nothing of it is kept. */
function run(): number {
  const p = partitionOf(model, {
    domain: box(new Array(d).fill(0), new Array(d).fill(1)),
    predicates: measures === 'float' ? 'filtered' : 'exact',
    ...(measures === 'float' ? { measures: 'float' } : {}),
  } as Parameters<typeof partitionOf>[1]);
  if (stop === 'partition') return p.cells.length;
  const cx = buildComplex(p, { measures });
  if (stop === 'complex') return cx.cells.length;
  let s = 0;
  for (const f of cx.sharedFaces) s += measures === 'float' ? f.floatVolume.value : 1;
  if (stop === 'faces') return s;
  for (const r of cx.ridges ?? []) s += r.sum;
  if (stop === 'ridges') return s;
  void (measures === 'float' ? cx.floatMetric : cx.metric);
  return s;
}

for (let i = 0; i < warmup; i++) run();
for (let i = 0; i < runs; i++) {
  run();
  // V8 prints the scavenge's trace line (new_space_survived=…, promoted=…) right after this one
  console.error(`run ${i + 1} of ${sizes.join('→')} (${measures}, to ${stop}) done; scavenge:`);
  gc({ type: 'minor' });
}
