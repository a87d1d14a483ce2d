/**
 * Issue 11, session 6: the float partition and the tight float64 baseline (JS), each timed in a
 * fresh child process per run, side by side with Berzins' edge subdivision (ES), in one invocation.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/float-partition-child.ts --peer DIR
 *       [--nets 2-32-32-1,3-16-16-1,2-64-64-64-1] [--lo 0] [--hi 1] [--seed 1] [--rounds 3]
 *       [--warmup 15] [--reps 3] [--skip peer]
 *
 * Why children: in one benchmark process the float column pays for the garbage collector of
 * everything the other columns left on the heap. Here every run is a new Node process (`--child`
 * mode of this file, `--expose-gc`): it builds the net, warms the code up on the net itself
 * (--warmup calls: V8 optimises the hot loops only after a few calls, as for JS), then times
 * --reps calls, each after a full `gc()` and a 50 ms pause (so that V8's background sweeping and
 * compiler threads are idle when the clock starts), by `process.cpuUsage()` around the call alone (user +
 * system of the whole process, V8's GC threads included) and reports the smallest. The child's
 * total CPU time (getrusage of the child, start-up and warm-up included) is printed as well.
 * ES runs under /usr/bin/python3 with one thread via tools/bench/edge_subdivision_driver.py (its
 * own `time.process_time()` around the algorithm, smallest of 3 runs), as in
 * relu-nets-vs-edge-subdivision.ts. Rounds alternate ES, JS and float; each column is the
 * smallest over the rounds. The load average is printed with every round.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { box, partitionOf, type ReluMlpModel } from '@mlgeo/model-partitions';
import { countCells, edgeSubdivision, type FloatMlp } from './edge-subdivision-float.js';
import { tsxChildJson } from './child-cpu.js';
import { randomMlp } from './random-nets.js';
import { fmtRatio, fmtSeconds, machineLine, markdownTable } from './stats.js';

const SELF = fileURLToPath(import.meta.url);
const DRIVER = fileURLToPath(new URL('./edge_subdivision_driver.py', import.meta.url));

function floatNet(model: ReluMlpModel): FloatMlp {
  return {
    sizes: [model.inputDimension, ...model.layers.map((l) => l.bias.length)],
    weights: model.layers.map((l) => Float64Array.from(l.weights.flat().map((x) => x.toNumber()))),
    bias: model.layers.map((l) => Float64Array.from(l.bias.map((x) => x.toNumber()))),
  };
}

interface ChildResult {
  seconds: number;
  all: number[];
  cells: number;
  fallbacks?: number;
  tests?: number;
}

function child(argv: string[]): void {
  const [what, netSpec, lo, hi, seed, warmup, reps] = argv;
  const sizes = netSpec!.split('-').map(Number);
  const model = randomMlp(sizes, Number(seed));
  const d = sizes[0]!;
  const l = Number(lo);
  const h = Number(hi);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  // `run` is the timed computation; `count` reads its result afterwards (not timed)
  let run: () => unknown;
  let count: (r: unknown) => { cells: number; fallbacks?: number; tests?: number };
  if (what === 'float') {
    const domain = box(new Array(d).fill(l), new Array(d).fill(h));
    run = () => partitionOf(model, { domain, predicates: 'filtered' });
    count = (r) => {
      const p = r as ReturnType<typeof partitionOf>;
      return {
        cells: p.cells.length,
        fallbacks: p.filterStats.exactFallbacks,
        tests: p.filterStats.signTests,
      };
    };
  } else {
    const net = floatNet(model);
    run = () => edgeSubdivision(net, { lo: l, hi: h });
    count = (r) => ({ cells: countCells(r as ReturnType<typeof edgeSubdivision>, true) });
  }
  for (let i = 0; i < Number(warmup); i++) run();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const all: number[] = [];
  let last = count(run());
  for (let i = 0; i < Number(reps); i++) {
    gc();
    // let V8's background threads (concurrent sweeping, compiler jobs) finish before timing: their
    // CPU time would otherwise land in the timed window
    Atomics.wait(pause, 0, 0, 50);
    const t0 = process.cpuUsage();
    const r = run();
    const t = process.cpuUsage(t0);
    all.push((t.user + t.system) / 1e6);
    last = count(r);
  }
  const res: ChildResult = { seconds: Math.min(...all), all, ...last };
  process.stdout.write(JSON.stringify(res) + '\n');
}

function runChild(args: string[]): ChildResult {
  return tsxChildJson<ChildResult>(SELF, ['--child', ...args], ['--expose-gc']);
}

function runPeer(peer: string, file: string, lo: number, hi: number): number {
  const args = [DRIVER, '--peer', peer, '--model', file, '--lo', String(lo), '--hi', String(hi)];
  args.push('--repeat', '3');
  const r = spawnSync('/usr/bin/python3', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{'))
    throw new Error(`edge subdivision driver failed (${r.status}):\n${r.stderr?.slice(-3000)}`);
  return (JSON.parse(last) as { seconds: number }).seconds;
}

function modelFileText(model: ReluMlpModel): string {
  return JSON.stringify({
    format: 'mlgeo-mlp',
    version: 1,
    inputDimension: model.inputDimension,
    layers: model.layers.map((l) => ({
      weights: l.weights.map((row) => row.map((x) => x.toNumber())),
      bias: l.bias.map((x) => x.toNumber()),
    })),
  });
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv.slice(1));
  let peer: string | undefined;
  let nets = ['2-32-32-1', '3-16-16-1', '2-64-64-64-1'];
  let lo = 0;
  let hi = 1;
  let seed = 1;
  let rounds = 3;
  let warmup = 15;
  let reps = 3;
  const skip = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = () => argv[++i] ?? '';
    if (k === '--peer') peer = resolve(v());
    else if (k === '--nets') nets = v().split(',');
    else if (k === '--lo') lo = Number(v());
    else if (k === '--hi') hi = Number(v());
    else if (k === '--seed') seed = Number(v());
    else if (k === '--rounds') rounds = Number(v());
    else if (k === '--warmup') warmup = Number(v());
    else if (k === '--reps') reps = Number(v());
    else if (k === '--skip') for (const s of v().split(',')) skip.add(s);
    else throw new Error(`unknown option ${k}`);
  }
  if (!peer && !skip.has('peer'))
    throw new Error('--peer DIR (a relu_edge_subdivision checkout) or --skip peer');
  console.log(machineLine());
  console.log(
    `domain [${lo}, ${hi}]^d, seed ${seed}, ${rounds} round(s), warm-up ${warmup}, reps ${reps}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'mlgeo-fpc-'));
  const rows: string[][] = [];
  for (const net of nets) {
    const file = join(dir, `net-${net}.json`);
    writeFileSync(file, modelFileText(randomMlp(net.split('-').map(Number), seed)));
    const t: Record<string, number[]> = { ES: [], JS: [], float: [] };
    const loads: string[] = [];
    let info = '';
    for (let r = 0; r < rounds; r++) {
      loads.push(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!);
      if (!skip.has('peer')) t.ES!.push(runPeer(peer!, file, lo, hi));
      const common = [net, String(lo), String(hi), String(seed), String(warmup), String(reps)];
      const js = runChild(['js', ...common]);
      t.JS!.push(js.seconds);
      const fl = runChild(['float', ...common]);
      t.float!.push(fl.seconds);
      if (fl.cells !== js.cells) throw new Error(`${net}: float ${fl.cells} cells, JS ${js.cells}`);
      info = `${fl.cells} cells, ${fl.fallbacks} fallbacks / ${fl.tests} sign tests`;
      console.log(
        `${net} round ${r + 1} (load ${loads[r]}): ES ${t.ES!.at(-1) ?? '-'} JS ${js.all.join(' ')} float ${fl.all.join(' ')}`,
      );
    }
    const min = (k: string) => (t[k]!.length ? Math.min(...t[k]!) : NaN);
    rows.push([
      net.replaceAll('-', '→') + ` on [${lo},${hi}]^${net.split('-')[0]}`,
      info,
      loads.join(', '),
      fmtSeconds(min('ES')),
      fmtSeconds(min('JS')),
      fmtSeconds(min('float')),
      fmtRatio(min('float') / min('ES')),
      fmtRatio(min('float') / min('JS')),
    ]);
  }
  console.log(
    markdownTable(
      [
        'net',
        'cells, fallbacks',
        'load (1 min) per round',
        'ES',
        'JS',
        'float',
        'float / ES (≤ 0.5)',
        'float / JS (≤ 3)',
      ],
      rows,
    ),
  );
}

main();
