/**
 * Benchmarks of the LP tier (issue 12): `mlgeo analyze --cells data --geometry lp --float` end to end
 * through the CLI on the models and data of tools/fixtures (written to /work/data by default), one
 * child process per run under GNU time: CPU = user + system of the child, peak RSS, wall time, plus
 * the report's counts (cells, facets, ridges, edges, certified margins).
 *
 *   npx tsx tools/bench/lp-tier-bench.ts [--data-dir /work/data] [--only digits,ten,fashion]
 *     [--points N] [--timeout S] [--lp chebyshev,facets,…] [--workers N] [--exact-check]
 *
 * With `--points N` only the first N rows of each data file are used (a subset run; say so when
 * you report it). `--workers N` passes --workers to mlgeo (CPU time of the child still counts every
 * thread: getrusage of a child process sums its threads). When the report has margins, each point's
 * predicted class (mlgeo's exact class on its cell) is compared with `<data>.torch-argmax.txt`
 * (torch's argmax, written by the fixture scripts) where that file exists: the `classes` column.
 * `--exact-check` runs tools/bench/exact_forward_check.py on the report (an independent exact
 * forward pass: every point's pattern, class and the cell counts; needs the margins).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { flag, opt, optValue } from './bench-args.js';

const dataDir = opt('data-dir', '/work/data');
const only = opt('only', 'ten,digits,fashion').split(',');
const points = optValue('points') !== undefined ? Number(optValue('points')) : undefined;
const timeout = Number(opt('timeout', '1800'));
const lpParts = optValue('lp');
const workers = optValue('workers');
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'lp-bench-'));

interface Case {
  name: string;
  model: string;
  data: string;
  extra: string[];
}
const cases: Case[] = [
  { name: 'ten', model: 'ten-10-32-32-2.onnx', data: 'ten-1000.csv', extra: [] },
  { name: 'digits', model: 'digits-64-64-32-10.onnx', data: 'digits.csv', extra: [] },
  { name: 'fashion', model: 'fashion-784-128-128-10.onnx', data: 'fashion-test.csv', extra: [] },
];

function subset(file: string, n: number | undefined): string {
  if (n === undefined) return file;
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = join(work, `first-${n}-${file.split('/').pop()}`);
  writeFileSync(out, lines.slice(0, n + 1).join('\n') + '\n');
  return out;
}

for (const c of cases.filter((x) => only.includes(x.name))) {
  const data = subset(join(dataDir, c.data), points);
  const out = join(work, `${c.name}.json`);
  const cli = [
    '--conditions=@mlgeo/source',
    '--import',
    'tsx',
    join(root, 'packages/cli/src/bin.ts'),
    'analyze',
    join(dataDir, c.model),
    '--data',
    data,
    '--cells',
    'data',
    '--geometry',
    'lp',
    '--float',
    '--quiet',
    '--out',
    out,
    ...(lpParts ? ['--lp', lpParts] : []),
    ...(workers ? ['--workers', workers] : []),
    ...c.extra,
  ];
  const started = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...cli], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeout * 1000,
    maxBuffer: 1 << 26,
  });
  const wall = (Date.now() - started) / 1000;
  const timeLine = (r.stderr ?? '').trim().split('\n').pop() ?? '';
  const [u, s, m] = timeLine.split(' ').map(Number);
  const row: Record<string, unknown> = {
    case: c.name,
    points: points ?? 'all',
    status: r.status,
    cpu: u !== undefined && s !== undefined ? Math.round((u + s) * 100) / 100 : null,
    peakMB: m !== undefined ? Math.round(m / 1024) : null,
    wall,
  };
  if (r.status === 0) {
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    const lp = rep.lp;
    row.cells = rep.partition.cellCount;
    row.inCells = rep.data.inCells;
    row.facets = lp.cells.reduce((a: number, x: { facets: unknown[] }) => a + x.facets.length, 0);
    row.undecided = lp.cells.reduce((a: number, x: { undecided: number }) => a + x.undecided, 0);
    row.ridges = lp.cells.reduce(
      (a: number, x: { ridges?: { count: number } }) => a + (x.ridges?.count ?? 0),
      0,
    );
    row.edges = lp.adjacency.edges.length;
    if (lp.adjacency.undecided !== undefined) row.adjacencyUndecided = lp.adjacency.undecided;
    if (lp.adjacency.absent !== undefined) row.adjacencyAbsent = lp.adjacency.absent;
    row.margins = lp.margins?.length ?? 0;
    row.certified = (lp.margins ?? []).filter((x: { certified: boolean }) => x.certified).length;
    row.phases = rep.timing?.phases;
    // mlgeo's class per point against torch's argmax (the fixture script's file), where present
    const argmaxFile = join(dataDir, c.data.replace(/\.csv$/, '.torch-argmax.txt'));
    if (lp.margins && existsSync(argmaxFile)) {
      const torch = readFileSync(argmaxFile, 'utf8').trim().split('\n').map(Number);
      const ours = lp.margins as { point: number; predictedClass?: number }[];
      const agree = ours.filter((m) => m.predictedClass === torch[m.point]).length;
      row.classes = `${agree}/${ours.length} agree with torch argmax`;
    }
    // --exact-check: the counts against an independent exact forward pass (Python integers)
    if (flag('exact-check') && lp.margins) {
      const py = spawnSync(
        '/usr/bin/python3',
        [join(root, 'tools/bench/exact_forward_check.py'), join(dataDir, c.model), data, out],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      row.exactCheck = py.status === 0 ? JSON.parse(py.stdout) : `failed: ${py.stdout}${py.stderr}`;
    }
    if (lp.pointRidges) {
      const { list: _list, ...rest } = lp.pointRidges;
      row.pointRidges = rest;
    }
  } else row.error = (r.stderr ?? '').split('\n').slice(-3).join(' | ');
  console.log(JSON.stringify(row));
}
// machine load at the end (the CPU column is the child's own CPU time; wall time depends on load)
console.log(JSON.stringify({ load: execFileSync('uptime', { encoding: 'utf8' }).trim() }));
