/**
 * Issue 11 (s14): what one float partition + complex allocates, by the function that allocates
 * it (V8's sampling heap profiler, objects later collected by the young and old generation
 * collectors included). Allocation drives the young-generation scavenges, and each scavenge copies
 * whatever the run keeps alive at that moment: bytes allocated per run is the number to cut.
 *
 *   node --import tsx --conditions=@mlgeo/source tools/bench/complex-alloc-profile.ts
 *       [--net 3-16-16-1] [--seed 1] [--measures float|exact] [--runs 10] [--top 40]
 *       [--interval 1024] [--survivors]
 *
 * `--survivors`: only what survived a young-generation scavenge (copied, then mostly promoted to
 * the old generation), the bytes each scavenge pays for. Objects a scavenge found dead are dropped
 * from the count, those the old generation's collector later freed stay in. On 3→16→16→1 this was
 * 2.9 of the 5.7 MiB a run allocates: a scavenge in the middle of a run copies what the run has
 * built so far, and the containers it promotes then keep everything the run adds to them alive
 * through the next scavenge too (the scavenger treats old objects as live), after the run ended.
 * Fewer objects that hold pointers (flat typed arrays) is what makes this number small.
 *
 * The run is the one the issue-11 bench times (complex-vs-edge-subdivision.ts float+cx): the
 * partition, buildComplex, every shared face's area, the ridge sums and the metric. Printed: the
 * mean bytes allocated per run, then per function (self: the allocations in that function's own
 * frame), largest first. Samples are random (one per --interval bytes on average): ±1–2 % between
 * invocations.
 */
import { Session } from 'node:inspector/promises';
import { flag, opt } from './bench-args.js';
import { randomMlp } from './random-nets.js';
import { unitBoxComplexRun } from './unit-box-partition.js';

const sizes = opt('net', '3-16-16-1').split('-').map(Number);
const seed = Number(opt('seed', '1'));
const measures = opt('measures', 'float') as 'float' | 'exact';
const runs = Number(opt('runs', '10'));
const top = Number(opt('top', '40'));
const interval = Number(opt('interval', '1024'));
const survivors = flag('survivors');
const model = randomMlp(sizes, seed);
const d = sizes[0]!;

function once(): number {
  return unitBoxComplexRun(model, d, measures).sum;
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

// warm: the optimised code allocates less than the first runs
for (let i = 0; i < 10; i++) once();
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
// the garbage too (Node 20's V8 takes these two flags, @types/node does not list them yet;
// without them only the objects still alive at the end are counted)
const samplingParams: object = {
  samplingInterval: interval,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: !survivors,
};
await session.post('HeapProfiler.startSampling', samplingParams);
for (let i = 0; i < runs; i++) once();
// the last run's garbage is still in the young generation: allocate it out with a scavenge of
// its own (a transient array larger than the young generation would go to the large-object
// space; these small ones do not survive)
if (survivors) for (let i = 0; i < 1 << 16; i++) new Array(64).fill(i);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as {
  profile: { head: SamplingNode };
};
session.disconnect();

const byFunction = new Map<string, number>();
let total = 0;
const stack: SamplingNode[] = [profile.head];
while (stack.length > 0) {
  const n = stack.pop()!;
  const f = n.callFrame;
  const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  total += n.selfSize;
  byFunction.set(name, (byFunction.get(name) ?? 0) + n.selfSize);
  stack.push(...n.children);
}
const kib = (b: number) => (b / runs / 1024).toFixed(0).padStart(8);
console.log(
  `net ${sizes.join('→')} seed ${seed} ${measures}: ${(total / runs / 2 ** 20).toFixed(2)} MiB ${survivors ? 'survived a scavenge' : 'allocated'} per run (${runs} runs)`,
);
for (const [name, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${kib(bytes)} KiB  ${name}`);
