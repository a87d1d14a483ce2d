/**
 * Issue 11 (s6-cx): the complex built on a partition — adjacency complex, shared-face areas,
 * dihedral angles and the metric — on the float and the exact path, side by side with Berzins'
 * edge subdivision (ICML 2023; its public repository arturs-berzins/relu_edge_subdivision, checked
 * out outside this project and passed by path), in one invocation, by CPU time.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/complex-vs-edge-subdivision.ts --peer DIR
 *       [--nets 2-32-32-1,3-16-16-1,2-64-64-64-1] [--seed 1] [--rounds 3] [--repeat 3] [--warmup 3]
 *       [--skip peer,exact,report] [--python /usr/bin/python3] [--cli-timeout 900] [--in-process]
 *
 * Per net (He-initialised float32 weights from random-nets.ts, seed --seed, domain [0, 1]^d; the
 * weights written once to an `mlgeo-mlp` file that both sides read), each the smallest CPU time over
 * --rounds alternating rounds. Every column has the same number of samples, rounds × repeat: the
 * peer repeats its algorithm --repeat times inside its process, and so does each of our columns
 * inside its own — every round runs each column (float, float+cx, exact+cx) in a new Node process
 * that reads the model file, makes --warmup untimed runs on the net (so V8 has optimised the code)
 * and then times --repeat runs back to back. No collection is forced: each run pays for the garbage
 * of the runs before it in its column, and for no other column's (in one process the float column
 * paid for scavenges of the exact column's old-generation garbage). `--in-process` runs the three
 * columns in this process instead, as up to session 16. Below each row, every float+cx sample, and
 * the medians of ES, float+cx and exact+cx with their ratios (the smallest is the table's figure,
 * as for every peer in tools/bench; the medians show how much a young-generation scavenge in a
 * sample moves it):
 * - ES: the peer's `skeletal_subdivision` (torch on the CPU, 1 thread, float32), CPU time of the
 *   algorithm inside its Python process (tools/bench/edge_subdivision_driver.py);
 * - float: `partitionOf(…, { predicates: 'filtered', measures: 'float' })`;
 * - float+cx: that partition, `buildComplex(…, { measures: 'float' })` (adjacency complex, shared
 *   faces), every shared face's float area, the dihedral angles (2-D/3-D: part of buildComplex)
 *   and `floatMetric` — all float values with error bounds;
 * - exact+cx: `partitionOf(…, { predicates: 'exact' })`, `buildComplex` (exact), every shared
 *   face's exact area and the exact `metric`.
 * Our times by `process.cpuUsage()` (getrusage of the process that runs the column, V8's
 * threads included, around the work only).
 * Ratios: float+cx / ES (target ≤ 2), exact+cx / float+cx (target ≤ 5 on the 2-D nets).
 * Reports: the `mlgeo analyze --out` CLI on the same file, float and exact, as a child process
 * (getrusage: CPU time and peak resident memory, target < 1 GB), report bytes per cell.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { box, partitionOf, type ReluMlpModel } from '@mlgeo/model-partitions';
import { readModelFile } from '@mlgeo/model-readers/node';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { flag, opt } from './bench-args.js';
import { cpuTimed, tsxChildJson } from './child-cpu.js';
import { analyzeReportInChild } from './cli-report-child.js';
import { type PeerRun, runEdgeSubdivision } from './edge-subdivision-peer.js';
import { modelFileText, randomMlp } from './random-nets.js';
import { machineLine, markdownTable, median } from './stats.js';

const peer = opt('peer', '');
const python = opt('python', '/usr/bin/python3');
const nets = opt('nets', '2-32-32-1,3-16-16-1,2-64-64-64-1')
  .split(',')
  .map((s) => s.split('-').map(Number));
const seed = Number(opt('seed', '1'));
const rounds = Number(opt('rounds', '3'));
const warmup = Number(opt('warmup', '3'));
const repeat = Number(opt('repeat', '3'));
const skip = new Set(opt('skip', '').split(',').filter(Boolean));
const cliTimeout = Number(opt('cli-timeout', '900'));
const inProcess = flag('in-process');
const SELF = fileURLToPath(import.meta.url);

type Options = Record<string, unknown>;
const partitionOpts = (o: Options) => o as Parameters<typeof partitionOf>[1];
const complexOpts = (o: Options) => o as Parameters<typeof buildComplex>[1];

/** ES on the model file: CPU seconds of each of --repeat runs of skeletal_subdivision, cell count. */
function runPeer(file: string): PeerRun {
  return runEdgeSubdivision({ python, peer, file, lo: 0, hi: 1, repeat, outputSplit: true });
}

/** --repeat CPU-timed runs of `f`: every sample's seconds and the last value. */
function samples<T>(f: () => T): { seconds: number[]; value: T } {
  const seconds: number[] = [];
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    const t = cpuTimed(f);
    seconds.push(t.seconds);
    value = t.value;
  }
  return { seconds, value };
}

/** Float partition + complex + face areas + angles + metric; returns the cell count. */
function floatComplex(model: ReluMlpModel, d: number): number {
  const p = partitionOf(
    model,
    partitionOpts({
      domain: box(new Array(d).fill(0), new Array(d).fill(1)),
      predicates: 'filtered',
      measures: 'float',
    }),
  );
  const cx = buildComplex(p, complexOpts({ measures: 'float' }));
  let s = 0;
  for (const f of cx.sharedFaces) s += f.floatVolume.value;
  for (const r of cx.ridges ?? []) s += r.sum;
  void cx.floatMetric;
  if (!Number.isFinite(s)) throw new Error('non-finite float area');
  return p.cells.length;
}

function exactComplex(model: ReluMlpModel, d: number): number {
  const p = partitionOf(
    model,
    partitionOpts({
      domain: box(new Array(d).fill(0), new Array(d).fill(1)),
      predicates: 'exact',
    }),
  );
  const cx = buildComplex(p, complexOpts({ measures: 'exact' }));
  for (const f of cx.sharedFaces) void f.volume;
  for (const r of cx.ridges ?? []) void r.sum;
  void cx.metric;
  return p.cells.length;
}

function floatPartition(model: ReluMlpModel, d: number): number {
  return partitionOf(
    model,
    partitionOpts({
      domain: box(new Array(d).fill(0), new Array(d).fill(1)),
      predicates: 'filtered',
      measures: 'float',
    }),
  ).cells.length;
}

function cliReport(
  file: string,
  float: boolean,
): { cpu: number; rss: number; bytes: number; ok: string } {
  const r = analyzeReportInChild(file, { float, domain: 'box:0,1', timeoutSeconds: cliTimeout });
  const ok = r.outcome ?? `stopped after ${cliTimeout} s`;
  return { cpu: r.seconds, rss: r.maxRssKb / 1024, bytes: r.bytes, ok };
}

type Column = 'float' | 'fcx' | 'ecx';
const columnRun: Record<Column, (model: ReluMlpModel, d: number) => number> = {
  float: floatPartition,
  fcx: floatComplex,
  ecx: exactComplex,
};

/**
 * `--child COLUMN FILE`: this file as one column's process — reads the model file, makes --warmup
 * untimed runs, then --repeat timed runs back to back; prints their CPU seconds and the cell count.
 */
async function child(column: Column, file: string): Promise<void> {
  const model = (await readModelFile(file)).model as ReluMlpModel;
  const d = model.inputDimension;
  const run = columnRun[column];
  for (let i = 0; i < warmup; i++) run(model, d);
  const s = samples(() => run(model, d));
  process.stdout.write(JSON.stringify({ seconds: s.seconds, cells: s.value }) + '\n');
}

/** One round of a column: in a new process (or in this one with --in-process). */
function columnSamples(column: Column, model: ReluMlpModel, d: number, file: string) {
  if (inProcess) return samples(() => columnRun[column](model, d));
  const args = ['--child', column, file, '--warmup', String(warmup), '--repeat', String(repeat)];
  const out = tsxChildJson<{ seconds: number[]; cells: number }>(SELF, args);
  return { seconds: out.seconds, value: out.cells };
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  await child(process.argv[childAt + 1] as Column, process.argv[childAt + 2]!);
  process.exit(0);
}

const ms = (s: number) => (Number.isFinite(s) ? `${(s * 1000).toFixed(s < 1 ? 1 : 0)} ms` : '-');
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '-';
const load = () =>
  (spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout ?? '')
    .trim()
    .split(' ')
    .slice(0, 3)
    .join(' ');

console.log(machineLine());
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cx-'));
// JIT warm-up on a small net (in-process columns)
for (let i = 0; i < (inProcess ? 3 : 0); i++) {
  const w = randomMlp([2, 8, 8, 1], 99 + i);
  floatComplex(w, 2);
  exactComplex(w, 2);
}
const table: string[][] = [];
const reports: string[][] = [];
for (const sizes of nets) {
  const name = sizes.join('→');
  const d = sizes[0]!;
  const file = join(dir, `net-${sizes.join('-')}-seed${seed}.json`);
  writeFileSync(
    file,
    modelFileText(randomMlp(sizes, seed), `${name}, random-nets.ts seed ${seed}`),
  );
  const model = (await readModelFile(file)).model as ReluMlpModel;
  for (let i = 0; i < (inProcess ? warmup : 0); i++) {
    floatComplex(model, d);
    // the exact column warm too, in 3-D as well: its code is no longer the float path's, so the
    // float warm-up does not warm it (with 3 warm-ups it measured 1.3× its warm time)
    if (!skip.has('exact')) exactComplex(model, d);
  }
  // every sample of every column, rounds × repeat each: the table keeps the smallest
  const all: Record<'ES' | 'float' | 'fcx' | 'ecx', number[]> = {
    ES: [],
    float: [],
    fcx: [],
    ecx: [],
  };
  let cells = 0;
  let esCells = '';
  const loads: string[] = [];
  for (let r = 0; r < rounds; r++) {
    loads.push(load());
    if (!skip.has('peer') && peer) {
      const es = runPeer(file);
      all.ES.push(...(es.cpu ?? [es.seconds]));
      esCells = `${es.cellsHidden}`;
    }
    all.float.push(...columnSamples('float', model, d, file).seconds);
    const fc = columnSamples('fcx', model, d, file);
    all.fcx.push(...fc.seconds);
    cells = fc.value;
    if (!skip.has('exact')) {
      const ec = columnSamples('ecx', model, d, file);
      all.ecx.push(...ec.seconds);
      if (ec.value !== cells) throw new Error(`${name}: exact ${ec.value} cells, float ${cells}`);
    }
  }
  const smallest = (x: number[]) => (x.length ? Math.min(...x) : Infinity);
  const best = {
    ES: smallest(all.ES),
    float: smallest(all.float),
    fcx: smallest(all.fcx),
    ecx: smallest(all.ecx),
  };
  const med = { ES: median(all.ES), fcx: median(all.fcx), ecx: median(all.ecx) };
  const row = [
    name,
    `${cells}${esCells ? ` (ES ${esCells})` : ''}`,
    ms(best.ES),
    ms(best.float),
    ms(best.fcx),
    ms(best.ecx),
    ratio(best.fcx, best.ES),
    ratio(best.ecx, best.fcx),
    loads.join('; '),
  ];
  console.log(row.join('\t'));
  console.log(`${name} float+cx samples: ${all.fcx.map(ms).join(', ')}`);
  console.log(
    `${name} medians of ${rounds * repeat} samples: ES ${ms(med.ES)}, float+cx ${ms(med.fcx)}, ` +
      `exact+cx ${ms(med.ecx)}; float+cx / ES ${ratio(med.fcx, med.ES)}, ` +
      `exact+cx / float+cx ${ratio(med.ecx, med.fcx)}`,
  );
  table.push(row);
  if (!skip.has('report'))
    for (const float of [true, false]) {
      const l = load();
      const r = cliReport(file, float);
      const rrow = [
        name,
        float ? '--float' : 'exact',
        ms(r.cpu),
        `${r.rss.toFixed(0)} MiB`,
        Number.isFinite(r.bytes) ? `${(r.bytes / cells / 1024).toFixed(1)} KiB` : '-',
        r.ok,
        l,
      ];
      console.log(rrow.join('\t'));
      reports.push(rrow);
    }
}
console.log();
console.log(
  markdownTable(
    [
      'net',
      'cells',
      'ES',
      'float',
      'float+cx',
      'exact+cx',
      'float+cx / ES',
      'exact+cx / float+cx',
      'load',
    ],
    table,
  ),
);
if (reports.length)
  console.log(
    '\n' +
      markdownTable(['net', 'CLI', 'CPU', 'peak RSS', 'report / cell', 'result', 'load'], reports),
  );
