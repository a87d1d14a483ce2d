/**
 * Issue 11 benchmark: cells of seeded random ReLU nets, side by side with Berzins' edge subdivision
 * (ICML 2023; its public repository arturs-berzins/relu_edge_subdivision, checked out outside this
 * project and passed by path), in one invocation, by CPU time.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/relu-nets-vs-edge-subdivision.ts --peer DIR
 *       [--python /usr/bin/python3] [--nets 2-32-32-1,3-16-16-1,2-64-64-64-1] [--seed 1]
 *       [--lo 0] [--hi 1] [--rounds 1] [--skip exact,complex,peer] [--report] [--cli]
 *       [--cli-timeout 600] [--peer-repeat 3] [--float-warmup 15] [--reps 1] [--out-dir DIR]
 *
 * Per net (layer sizes; He-initialised float32 weights from tools/bench/random-nets.ts, seed
 * --seed; domain [lo, hi]^d) the weights are written once to an `mlgeo-mlp` JSON file (numbers: the
 * float32 values) that every side reads. Columns, each the smallest CPU time over --rounds rounds
 * (the rounds run the columns alternately, so all see the same machine load):
 * - ES: the peer's `skeletal_subdivision` under /usr/bin/python3 with torch on the CPU, 1 thread,
 *   float32 as the peer builds it, via tools/bench/edge_subdivision_driver.py (time.process_time()
 *   around the algorithm only, smallest of --peer-repeat runs in one Python process); ES−f: the
 *   same with the output unit left out of the loop;
 * - JS: tools/bench/edge-subdivision-float.ts, our own float64 code of the same algorithm (warmed
 *   up on the net itself: V8 optimises it only after about ten calls);
 * - float: mlgeo `partitionOf(…, { predicates: 'filtered', measures: 'float' })`, warmed up on the
 *   net itself by --float-warmup calls like JS (the first, cold call is reported as a note);
 *   JS and float each take the smallest of --reps calls per round (as ES takes the smallest of
 *   --peer-repeat runs);
 * - float+cx: that partition, then `buildComplex(…, { measures: 'float' })` (adjacency complex,
 *   shared-face areas, dihedral angles) and its `metric`;
 * - exact: `partitionOf(…, { predicates: 'exact' })`; exact+cx: with `buildComplex` and `metric`.
 * mlgeo runs in-process (`process.cpuUsage()`, after a JIT warm-up on a small net).
 * Options the packages do not know yet (`measures`) are passed through unchanged.
 *
 * Same cells: edge subdivision also cuts along the output's zero set f = 0, mlgeo does not. The
 * check compares ES's and JS's counts with and without the output columns against mlgeo's cells
 * and mlgeo's cells plus the number of cells on which the output changes sign.
 * --report: size of `complexToJson` of both complexes (bytes per cell); --cli: the `mlgeo analyze`
 * CLI on the same file (`--float` and exact), report bytes per cell, its CPU time and peak memory
 * (a CLI run is stopped after --cli-timeout seconds of wall time).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Rational } from '@mlgeo/exact-arith';
import { box, partitionOf, type Partition, type ReluMlpModel } from '@mlgeo/model-partitions';
import { readModelFile } from '@mlgeo/model-readers/node';
import { buildComplex, complexToJson } from '@mlgeo/riemannian-complex';
import { cpuTimed } from './child-cpu.js';
import { analyzeReportInChild } from './cli-report-child.js';
import { type PeerRun, runEdgeSubdivision } from './edge-subdivision-peer.js';
import { countCells, edgeSubdivision, type FloatMlp } from './edge-subdivision-float.js';
import { modelFileText, randomMlp } from './random-nets.js';
import { fmtRatio, fmtSeconds, machineLine, markdownTable } from './stats.js';

interface Args {
  peer?: string;
  python: string;
  nets: number[][];
  seed: number;
  lo: number;
  hi: number;
  rounds: number;
  skip: Set<string>;
  report: boolean;
  cli: boolean;
  cliTimeout: number;
  peerRepeat: number;
  floatWarmup: number;
  reps: number;
  outDir?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    python: '/usr/bin/python3',
    nets: [
      [2, 32, 32, 1],
      [3, 16, 16, 1],
      [2, 64, 64, 64, 1],
    ],
    seed: 1,
    lo: 0,
    hi: 1,
    rounds: 1,
    skip: new Set(),
    report: false,
    cli: false,
    cliTimeout: 600,
    peerRepeat: 3,
    floatWarmup: 15,
    reps: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const v = () => inline ?? argv[++i] ?? '';
    if (k === '--peer') a.peer = resolve(v());
    else if (k === '--python') a.python = v();
    else if (k === '--nets')
      a.nets = v()
        .split(',')
        .map((n) => n.split('-').map(Number));
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--lo') a.lo = Number(v());
    else if (k === '--hi') a.hi = Number(v());
    else if (k === '--rounds') a.rounds = Number(v());
    else if (k === '--skip') for (const s of v().split(',')) a.skip.add(s);
    else if (k === '--report') a.report = true;
    else if (k === '--cli') a.cli = true;
    else if (k === '--cli-timeout') a.cliTimeout = Number(v());
    else if (k === '--out-dir') a.outDir = resolve(v());
    else if (k === '--peer-repeat') a.peerRepeat = Number(v());
    else if (k === '--float-warmup') a.floatWarmup = Number(v());
    else if (k === '--reps') a.reps = Math.max(1, Number(v()));
    else throw new Error(`unknown option ${k}`);
  }
  if (a.peer === undefined && !a.skip.has('peer'))
    throw new Error(
      '--peer DIR: a checkout of github.com/arturs-berzins/relu_edge_subdivision (or --skip peer)',
    );
  return a;
}

/** The smallest CPU time of `reps` calls (and the last call's value). */
function smallestOf<T>(reps: number, f: () => T): { seconds: number; value: T } {
  let best = cpuTimed(f);
  for (let i = 1; i < reps; i++) {
    const r = cpuTimed(f);
    best = { seconds: Math.min(best.seconds, r.seconds), value: r.value };
  }
  return best;
}

function floatNet(model: ReluMlpModel): FloatMlp {
  return {
    sizes: [model.inputDimension, ...model.layers.map((l) => l.bias.length)],
    weights: model.layers.map((l) => Float64Array.from(l.weights.flat().map((x) => x.toNumber()))),
    bias: model.layers.map((l) => Float64Array.from(l.bias.map((x) => x.toNumber()))),
  };
}

/** A coordinate as a float: exact partitions hold Rationals, a float path may hold numbers. */
const num = (x: Rational | number): number => (typeof x === 'number' ? x : x.toNumber());

/** Cells of an MLP partition on which the (single) output changes sign at the vertices. */
function outputCrossings(p: Partition): number | undefined {
  let n = 0;
  for (const cell of p.cells) {
    const out = cell.mlp?.output;
    const vs = cell.vertices;
    if (!out || !vs) return undefined;
    const A = out.A[0]!.map(num);
    const c = num(out.c[0]!);
    let pos = false;
    let neg = false;
    for (const v of vs) {
      let s = c;
      for (let i = 0; i < A.length; i++) s += A[i]! * num(v[i]!);
      if (s > 0) pos = true;
      else if (s < 0) neg = true;
    }
    if (pos && neg) n++;
  }
  return n;
}

function runPeer(o: Args, file: string, outputSplit: boolean): PeerRun {
  const { python, lo, hi, peerRepeat: repeat } = o;
  return runEdgeSubdivision({ python, peer: o.peer!, file, lo, hi, repeat, outputSplit });
}

type Options = Record<string, unknown>;
const partitionOpts = (o: Options) => o as Parameters<typeof partitionOf>[1];
const complexOpts = (o: Options) => o as Parameters<typeof buildComplex>[1];

function kb(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} GiB` : `${(n / 1024).toFixed(0)} MiB`;
}
function bytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

interface Row {
  net: string;
  cells?: number;
  crossings?: number;
  times: Record<string, number[]>;
  checks: string[];
  notes: string[];
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = o.outDir ?? mkdtempSync(join(tmpdir(), 'mlgeo-es-'));
  mkdirSync(dir, { recursive: true });
  console.log(machineLine());
  console.log(
    `domain [${o.lo}, ${o.hi}]^d, seed ${o.seed}, ${o.rounds} round(s); model files in ${dir}`,
  );

  // JIT warm-up of every in-process path on a small net
  for (let i = 0; i < 3; i++) {
    const w = randomMlp([2, 8, 8, 1], 99 + i);
    const domain = box([o.lo, o.lo], [o.hi, o.hi]);
    for (const predicates of ['filtered', 'exact'] as const) {
      const p = partitionOf(w, partitionOpts({ domain, predicates, measures: 'float' }));
      void buildComplex(p, complexOpts({ measures: 'float' })).metric;
    }
    countCells(edgeSubdivision(floatNet(w), { lo: o.lo, hi: o.hi }), true);
  }

  const rows: Row[] = [];
  const cliRows: string[][] = [];
  for (const sizes of o.nets) {
    const name = sizes.join('→');
    const d = sizes[0]!;
    const file = join(dir, `net-${sizes.join('-')}-seed${o.seed}.json`);
    writeFileSync(
      file,
      modelFileText(
        randomMlp(sizes, o.seed),
        `${name}, He-initialised float32 weights, tools/bench/random-nets.ts seed ${o.seed}`,
      ),
    );
    const model = (await readModelFile(file)).model as ReluMlpModel;
    const domain = box(new Array(d).fill(o.lo), new Array(d).fill(o.hi));
    const row: Row = { net: name, times: {}, checks: [], notes: [] };
    const push = (k: string, s: number) => (row.times[k] ??= []).push(s);
    const counts: Record<string, number | undefined> = {};
    for (let round = 0; round < o.rounds; round++) {
      if (!o.skip.has('peer')) {
        const es = runPeer(o, file, true);
        push('ES', es.seconds);
        counts.ES = es.cells;
        counts.ESh = es.cellsHidden;
        counts.ESeuler = es.eulerCells;
        if (round === 0)
          row.notes.push(
            `ES: torch ${es.torch}, ${es.threads} thread, ${es.dtype}, ${es.vertices} vertices, peak RSS ${kb(es.maxRssKb)}`,
          );
        const es2 = runPeer(o, file, false);
        push('ES−f', es2.seconds);
        counts.ESnof = es2.cells;
      }
      {
        const net = floatNet(model);
        // the baseline is one big function: V8 optimises it only after ~10 calls (40–60 ms each
        // before, 2 ms after on 2→32→32→1), so it is warmed up on the net itself
        if (round === 0) for (let i = 0; i < 15; i++) edgeSubdivision(net, { lo: o.lo, hi: o.hi });
        const js = smallestOf(o.reps, () => edgeSubdivision(net, { lo: o.lo, hi: o.hi }));
        push('JS', js.seconds);
        counts.JS = countCells(js.value, false);
        counts.JSh = countCells(js.value, true);
        if (js.value.badPairs) row.checks.push(`JS: ${js.value.badPairs} bad face pairs`);
        if (d === 2) counts.JSeuler = js.value.edgeCount - js.value.vertexCount + 1;
      }
      {
        const floatPartition = () =>
          partitionOf(model, partitionOpts({ domain, predicates: 'filtered', measures: 'float' }));
        if (round === 0) {
          // like JS, the float path is timed warm (V8 optimises its hot loops after a few calls);
          // the first, cold call is reported as a note
          const cold = cpuTimed(floatPartition);
          row.notes.push(
            `float: first (cold) call ${fmtSeconds(cold.seconds)}, then ${o.floatWarmup} warm-up call(s); ` +
              `${cold.value.filterStats.exactFallbacks} exact fallback(s) of ${cold.value.filterStats.signTests} sign tests`,
          );
          for (let i = 0; i < o.floatWarmup; i++) floatPartition();
        }
        const fp = smallestOf(o.reps, floatPartition);
        push('float', fp.seconds);
        counts.float = fp.value.cells.length;
        if (!o.skip.has('complex')) {
          const fc = cpuTimed(() => {
            const cx = buildComplex(fp.value, complexOpts({ measures: 'float' }));
            void cx.metric;
            return cx;
          });
          push('float+cx', fp.seconds + fc.seconds);
          if (o.report && round === 0) reportSize(row, 'float', fc.value, fp.value.cells.length);
        }
        if (round === 0) counts.crossings = outputCrossings(fp.value);
      }
      if (!o.skip.has('exact')) {
        const ep = cpuTimed(() =>
          partitionOf(model, partitionOpts({ domain, predicates: 'exact' })),
        );
        push('exact', ep.seconds);
        counts.exact = ep.value.cells.length;
        if (!o.skip.has('complex')) {
          const ec = cpuTimed(() => {
            const cx = buildComplex(ep.value);
            void cx.metric;
            return cx;
          });
          push('exact+cx', ep.seconds + ec.seconds);
          if (o.report && round === 0) reportSize(row, 'exact', ec.value, ep.value.cells.length);
        }
      }
      row.notes.push(
        `after round ${round + 1}: process peak RSS ${kb(process.resourceUsage().maxRSS)}`,
      );
    }
    // same cells?
    row.cells = counts.float;
    row.crossings = counts.crossings;
    const ours = counts.float!;
    const withF = counts.crossings === undefined ? undefined : ours + counts.crossings;
    const agree = (label: string, theirs: number | undefined, mine: number | undefined) => {
      if (theirs === undefined || mine === undefined) return;
      row.checks.push(`${label} ${theirs} ${theirs === mine ? '=' : '≠'} ${mine}`);
    };
    if (counts.exact !== undefined && counts.exact !== ours)
      row.checks.push(`exact ${counts.exact} ≠ float ${ours}`);
    agree('ES cells', counts.ES, withF);
    agree('ES hidden', counts.ESh, ours);
    agree('ES−f cells', counts.ESnof, ours);
    agree('ES Euler', counts.ESeuler, counts.ES);
    agree('JS cells', counts.JS, withF);
    agree('JS hidden', counts.JSh, ours);
    agree('JS Euler', counts.JSeuler, counts.JS);
    rows.push(row);
    printRow(row);

    if (o.cli)
      for (const float of [true, false])
        cliRows.push(runCliReport(o, file, name, float, row.cells ?? NaN));
  }

  const min = (xs?: number[]) => (xs?.length ? Math.min(...xs) : NaN);
  console.log(`\nCPU times, smallest of ${o.rounds} round(s):\n`);
  console.log(
    markdownTable(
      ['net', 'cells', 'ES', 'ES−f', 'JS', 'float', 'float+cx', 'exact', 'exact+cx'],
      rows.map((r) => [
        r.net,
        `${r.cells ?? '?'} (+${r.crossings ?? '?'} cut by f = 0)`,
        ...['ES', 'ES−f', 'JS', 'float', 'float+cx', 'exact', 'exact+cx'].map((k) =>
          fmtSeconds(min(r.times[k])),
        ),
      ]),
    ),
  );
  console.log('\nRatios against the targets of issue 11:\n');
  console.log(
    markdownTable(
      [
        'net',
        'float / ES (≤ 0.5)',
        'float / JS (≤ 3)',
        'float+cx / ES (≤ 2)',
        'exact+cx / float+cx (≤ 5, 2-D)',
        'exact / float',
        'JS / ES',
        'cells agree',
      ],
      rows.map((r) => {
        const t = (k: string) => min(r.times[k]);
        const mark = (x: number, target: number) =>
          Number.isFinite(x) ? `${fmtRatio(x)} ${x <= target ? 'met' : 'MISSED'}` : '-';
        return [
          r.net,
          mark(t('float') / t('ES'), 0.5),
          mark(t('float') / t('JS'), 3),
          mark(t('float+cx') / t('ES'), 2),
          r.net.startsWith('2→')
            ? mark(t('exact+cx') / t('float+cx'), 5)
            : fmtRatio(t('exact+cx') / t('float+cx')),
          fmtRatio(t('exact') / t('float')),
          fmtRatio(t('JS') / t('ES')),
          r.checks.some((c) => c.includes('≠') || c.includes('bad')) ? 'NO' : 'yes',
        ];
      }),
    ),
  );
  if (cliRows.length) {
    console.log('\nmlgeo analyze (CLI) on the same files:\n');
    console.log(
      markdownTable(
        ['net', 'path', 'CPU (with start-up)', 'peak RSS', 'report', 'per cell', 'result'],
        cliRows,
      ),
    );
  }
}

function reportSize(
  row: Row,
  path: string,
  cx: ReturnType<typeof buildComplex>,
  cells: number,
): void {
  try {
    const r = cpuTimed(() =>
      Buffer.byteLength(JSON.stringify(complexToJson(cx, { checks: false }))),
    );
    row.notes.push(
      `${path} complexToJson: ${bytes(r.value)} (${bytes(r.value / cells)}/cell) in ${fmtSeconds(r.seconds)} CPU`,
    );
  } catch (e) {
    row.notes.push(`${path} complexToJson failed: ${(e as Error).message.slice(0, 80)}`);
  }
}

function runCliReport(
  o: Args,
  file: string,
  name: string,
  float: boolean,
  cells: number,
): string[] {
  const domain = `box:${o.lo},${o.hi}`;
  const r = analyzeReportInChild(file, { float, domain, timeoutSeconds: o.cliTimeout });
  const size = r.bytes;
  const result =
    r.outcome === 'written' ? 'report written' : (r.outcome ?? `> ${o.cliTimeout} s wall, stopped`);
  const row = [
    name,
    float ? '--float' : 'exact',
    r.timedOut ? '-' : fmtSeconds(r.seconds),
    kb(r.maxRssKb),
    Number.isFinite(size) ? bytes(size) : '-',
    Number.isFinite(size) ? `${(size / cells / 1024).toFixed(1)} KiB` : '-',
    result,
  ];
  console.log(`CLI ${row.join('\t')}`);
  return row;
}

function printRow(r: Row): void {
  const t = Object.entries(r.times)
    .map(([k, v]) => `${k} ${v.map(fmtSeconds).join('/')}`)
    .join(', ');
  console.log(`\n${r.net}: ${r.cells} cells; ${t}`);
  for (const c of r.checks) console.log(`  check: ${c}`);
  for (const n of r.notes) console.log(`  ${n}`);
}

await main();
