/**
 * Issue 11 (s6-cx): the complex built on a partition — adjacency complex, shared-face areas,
 * dihedral angles and the metric — on the float and the exact path, side by side with Berzins'
 * edge subdivision (ICML 2023; its public repository arturs-berzins/relu_edge_subdivision, checked
 * out outside this project and passed by path), in one invocation, by CPU time.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/complex-vs-edge-subdivision.ts --peer DIR
 *       [--nets 2-32-32-1,3-16-16-1,2-64-64-64-1] [--seed 1] [--rounds 3] [--warmup 3]
 *       [--skip peer,exact,report] [--python /usr/bin/python3] [--cli-timeout 900]
 *
 * Per net (He-initialised float32 weights from random-nets.ts, seed --seed, domain [0, 1]^d; the
 * weights written once to an `mlgeo-mlp` file that both sides read), each the smallest CPU time over
 * --rounds alternating rounds (after --warmup untimed runs of the in-process columns on the net
 * itself, so V8 has optimised them; every round's float+cx is printed too, below the row):
 * - ES: the peer's `skeletal_subdivision` (torch on the CPU, 1 thread, float32), CPU time of the
 *   algorithm inside its Python process (tools/bench/edge_subdivision_driver.py), smallest of 3;
 * - float: `partitionOf(…, { predicates: 'filtered', measures: 'float' })`;
 * - float+cx: that partition, `buildComplex(…, { measures: 'float' })` (adjacency complex, shared
 *   faces), every shared face's float area, the dihedral angles (2-D/3-D: part of buildComplex)
 *   and `floatMetric` — all float values with error bounds;
 * - exact+cx: `partitionOf(…, { predicates: 'exact' })`, `buildComplex` (exact), every shared
 *   face's exact area and the exact `metric`.
 * In-process times by `process.cpuUsage()` (getrusage of this process, around the work only).
 * Ratios: float+cx / ES (target ≤ 2), exact+cx / float+cx (target ≤ 5 on the 2-D nets).
 * Reports: the `mlgeo analyze --out` CLI on the same file, float and exact, as a child process
 * (getrusage: CPU time and peak resident memory, target < 1 GB), report bytes per cell.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { box, partitionOf, type ReluMlpModel } from '@mlgeo/model-partitions';
import { readModelFile } from '@mlgeo/model-readers/node';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { cpuTimed } from './child-cpu.js';
import { analyzeReportInChild } from './cli-report-child.js';
import { runEdgeSubdivision } from './edge-subdivision-peer.js';
import { modelFileText, randomMlp } from './random-nets.js';
import { machineLine, markdownTable } from './stats.js';

function opt(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}
const peer = opt('peer', '');
const python = opt('python', '/usr/bin/python3');
const nets = opt('nets', '2-32-32-1,3-16-16-1,2-64-64-64-1')
  .split(',')
  .map((s) => s.split('-').map(Number));
const seed = Number(opt('seed', '1'));
const rounds = Number(opt('rounds', '3'));
const warmup = Number(opt('warmup', '3'));
const skip = new Set(opt('skip', '').split(',').filter(Boolean));
const cliTimeout = Number(opt('cli-timeout', '900'));

type Options = Record<string, unknown>;
const partitionOpts = (o: Options) => o as Parameters<typeof partitionOf>[1];
const complexOpts = (o: Options) => o as Parameters<typeof buildComplex>[1];

/** ES on the model file: CPU seconds of skeletal_subdivision (smallest of 3) and its cell count. */
function runPeer(file: string): { seconds: number; cells: number; cellsHidden: number } {
  return runEdgeSubdivision({ python, peer, file, lo: 0, hi: 1, repeat: 3, outputSplit: true });
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
// JIT warm-up on a small net
for (let i = 0; i < 3; i++) {
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
  for (let i = 0; i < warmup; i++) {
    floatComplex(model, d);
    // the exact column warm too, in 3-D as well: its code is no longer the float path's, so the
    // float warm-up does not warm it (with 3 warm-ups it measured 1.3× its warm time)
    if (!skip.has('exact')) exactComplex(model, d);
  }
  const best: Record<string, number> = {
    ES: Infinity,
    float: Infinity,
    fcx: Infinity,
    ecx: Infinity,
  };
  let cells = 0;
  let esCells = '';
  const loads: string[] = [];
  // every round's float+cx (the table keeps the smallest): a round with a young-generation
  // scavenge in it costs more, and the spread shows how often that happens
  const fcxRounds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    loads.push(load());
    if (!skip.has('peer') && peer) {
      const es = runPeer(file);
      best.ES = Math.min(best.ES!, es.seconds);
      esCells = `${es.cellsHidden}`;
    }
    const fp = cpuTimed(() => floatPartition(model, d));
    best.float = Math.min(best.float!, fp.seconds);
    const fc = cpuTimed(() => floatComplex(model, d));
    best.fcx = Math.min(best.fcx!, fc.seconds);
    fcxRounds.push(fc.seconds);
    cells = fc.value;
    if (!skip.has('exact')) {
      const ec = cpuTimed(() => exactComplex(model, d));
      best.ecx = Math.min(best.ecx!, ec.seconds);
      if (ec.value !== cells) throw new Error(`${name}: exact ${ec.value} cells, float ${cells}`);
    }
  }
  const row = [
    name,
    `${cells}${esCells ? ` (ES ${esCells})` : ''}`,
    ms(best.ES!),
    ms(best.float!),
    ms(best.fcx!),
    ms(best.ecx!),
    ratio(best.fcx!, best.ES!),
    ratio(best.ecx!, best.fcx!),
    loads.join('; '),
  ];
  console.log(row.join('\t'));
  console.log(`${name} float+cx by round: ${fcxRounds.map(ms).join(', ')}`);
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
