/**
 * Writing reports larger than a JavaScript string (issue 11: 3-D reports failed with `Invalid string
 * length`; issue 10: atomic writes). Not a test; measurements go to tools/bench/README.md.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/report-write.ts synthetic --mb 650 --dir /tmp/x
 *     analyses a small 3-D net in-process, repeats its cells (shared objects, so the report object
 *     stays small in memory) until the report's text exceeds --mb megabytes, and writes it the way
 *     `mlgeo analyze --out` does (reportChunks → writeFileAtomic), sampling the resident memory;
 *     then checks the head and tail of the file against JSON.stringify of a short report with the
 *     same structure, and shows that JSON.stringify of the whole report fails.
 *   npx tsx --conditions=@mlgeo/source tools/bench/report-write.ts speed
 *     CPU time of serializing the 3→6→6→1 report: JSON.stringify against reportChunks, alternating.
 *   npx tsx --conditions=@mlgeo/source tools/bench/report-write.ts net --dir /tmp/x
 *     writes the benchmarks' 3→16→16→1 net (random-nets.ts, seed 1) as an mlgeo-mlp file, to run
 *     `mlgeo analyze net-3-16-16-1.json --domain box:-1,1 --out report.json` on it.
 */
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Rational } from '@mlgeo/exact-arith';
import { analyze, reportChunks, writeFileAtomic, type ReportJson } from '@mlgeo/cli';
import { randomMlp } from './random-nets.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    mb: { type: 'string', default: '650' },
    dir: { type: 'string', default: 'out/report-write' },
  },
});
const dir = values.dir;
mkdirSync(dir, { recursive: true });

function mlpFile(sizes: number[], seed: number): string {
  const model = randomMlp(sizes, seed);
  const text = (x: Rational) => x.toString();
  return JSON.stringify({
    format: 'mlgeo-mlp',
    version: 1,
    inputDimension: sizes[0],
    layers: model.layers.map((layer, l) => ({
      weights: layer.weights.map((row) => row.map(text)),
      bias: layer.bias.map(text),
      activation: l + 1 < model.layers.length ? 'relu' : 'linear',
    })),
  });
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function readAt(file: string, position: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const n = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

async function smallReport(): Promise<ReportJson> {
  const modelPath = join(dir, 'net-3-6-6-1.json');
  writeFileSync(modelPath, mlpFile([3, 6, 6, 1], 1));
  const { report } = await analyze(
    {
      model: modelPath,
      domain: 'box:-1,1',
      complex: 'adjacency',
      length: 'centroid',
      cells: 'all',
      maxCells: 20000,
      quiet: true,
    },
    { stdout: () => {}, stderr: (s) => void process.stderr.write(s), stderrIsTTY: false, cwd: '.' },
  );
  return report;
}

function speed(report: ReportJson, rounds: number): void {
  const stringify: number[] = [];
  const chunks: number[] = [];
  let length = 0;
  for (let r = 0; r < rounds; r++) {
    let c0 = cpuSeconds();
    length = JSON.stringify(report, null, 2).length + 1;
    stringify.push(cpuSeconds() - c0);
    c0 = cpuSeconds();
    let streamed = 0;
    for (const chunk of reportChunks(report)) streamed += chunk.length;
    chunks.push(cpuSeconds() - c0);
    if (streamed !== length) throw new Error('lengths differ');
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = (xs: number[]) => xs.map((x) => (x * 1000).toFixed(0)).join(', ');
  console.log(
    `${(length / 1e6).toFixed(1)} MB report: JSON.stringify ${ms(stringify)} ms CPU; ` +
      `reportChunks ${ms(chunks)} ms CPU; ratio of medians ${(median(chunks) / median(stringify)).toFixed(2)}`,
  );
}

async function synthetic(targetMb: number): Promise<void> {
  const report = await smallReport();
  const cells = report.partition.cells;
  // bytes of the cells at their depth in the report (three levels of two spaces)
  const cellBytes = cells.map(
    (c) => JSON.stringify(c, null, 2).replaceAll('\n', '\n      ').length + 8,
  );
  const perRound = cellBytes.reduce((a, b) => a + b, 0);
  const rounds = Math.ceil((targetMb * 1e6) / perRound);
  const big: ReportJson = {
    ...report,
    partition: {
      ...report.partition,
      cells: Array.from({ length: rounds }, () => cells).flat(),
    },
  };
  const small: ReportJson = { ...report, partition: { ...report.partition, cells } };
  console.log(
    `source report: 3→6→6→1 on [−1,1]³, ${cells.length} cells, ${(perRound / cells.length / 1e3).toFixed(1)} kB per cell; ` +
      `synthetic: ${big.partition.cells.length} cell entries (shared objects)`,
  );
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const target = join(dir, 'synthetic-report.json');
  const w0 = performance.now();
  const c0 = cpuSeconds();
  await writeFileAtomic(target, reportChunks(big));
  const wall = (performance.now() - w0) / 1000;
  const cpu = cpuSeconds() - c0;
  clearInterval(sampler);
  const size = statSync(target).size;
  console.log(
    `streamed ${mib(size)} MiB (${size} bytes) in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU; ` +
      `RSS before ${mib(before.rss)} MiB, peak ${mib(peakRss)} MiB (+${mib(peakRss - before.rss)}); ` +
      `heap used before ${mib(before.heapUsed)} MiB, peak ${mib(peakHeap)} MiB (+${mib(peakHeap - before.heapUsed)})`,
  );
  // head and tail against JSON.stringify of the same structure with one round of cells
  const reference = JSON.stringify(small, null, 2) + '\n';
  const cellsEnd = reference.indexOf('\n    ],\n    "volumeSum"');
  const head = Buffer.from(reference.slice(0, Math.min(cellsEnd, 1 << 20)));
  const tail = Buffer.from(reference.slice(cellsEnd));
  const headOk = readAt(target, 0, head.length).equals(head);
  const tailOk = readAt(target, size - tail.length, tail.length).equals(tail);
  console.log(
    `head (${head.length} bytes) identical: ${headOk}; tail (${tail.length} bytes) identical: ${tailOk}`,
  );
  try {
    JSON.stringify(big, null, 2);
    console.log('JSON.stringify of the whole report: succeeded (the report is below the limit)');
  } catch (error) {
    console.log(
      `JSON.stringify of the whole report: ${(error as Error).name}: ${(error as Error).message}`,
    );
  }
}

const mode = positionals[0] ?? 'synthetic';
if (mode === 'synthetic') await synthetic(Number(values.mb));
else if (mode === 'speed') speed(await smallReport(), 7);
else if (mode === 'net') {
  const path = join(dir, 'net-3-16-16-1.json');
  writeFileSync(path, mlpFile([3, 16, 16, 1], 1));
  console.log(`wrote ${path}`);
} else {
  console.error('usage: report-write.ts synthetic [--mb 650] [--dir d] | speed | net [--dir d]');
  process.exitCode = 2;
}
