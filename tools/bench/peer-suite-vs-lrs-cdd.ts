/**
 * Issue 6 benchmark: every file of the cddlib peer suite (the cddlib example files, passed by
 * path, read in place) through @mlgeo/exact-polytope in-process, against lrs and cdd's scdd_gmp as processes on
 * the same polyhedron, in the same invocation.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/peer-suite-vs-lrs-cdd.ts [--suite DIR] [--only NAME]
 *       [--timeout 60] [--ours-timeout 120] [--markdown]
 *
 * All times are CPU times (issue 11):
 * - ours: the peer-suite computation (H: emptiness, dimension, vertices, rays, lines; V: facets and
 *   affine hull), its `process.cpuUsage()` in-process inside a child process
 *   (tools/peer-suite/child.ts) that is killed after --ours-timeout seconds; files that take under
 *   2 s are run twice and the second (warm JIT) run is timed; the answer is also compared with
 *   expected.json.
 * - lrs, scdd_gmp: run as processes on a clean copy of the file (same rows, exact rationals, written
 *   by formatIne/formatExt; options after `end` dropped, because lrs solves an LP instead of
 *   enumerating when a file says `maximize`/`minimize`); their user + system time from getrusage of
 *   the child (tools/bench/child-cpu.ts), start-up included (their CPU time on a triangle is printed
 *   for scale); killed after --timeout seconds (shown "> 60 s").
 * Targets (issue 6): every file under 30 s; on the 10 files slowest for the faster reference, at
 * most 3× its time (median ratio); cross12 and sampleh8 ≥ 10× faster than the slower reference.
 */
import { formatExt, formatIne, parseExt, parseIne } from '@mlgeo/exact-polytope';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runChild } from '../peer-suite/child.js';
import { childCpu } from './child-cpu.js';
import {
  fmtRatio,
  fmtSeconds,
  machineLine,
  markdownTable,
  medianCountingTimeouts,
} from './stats.js';

interface Args {
  suite: string;
  only: string[];
  timeout: number;
  oursTimeout: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    suite: resolve(process.cwd(), '../shared/peer-suites/cddlib'),
    only: [],
    timeout: 60,
    oursTimeout: 120,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = () => argv[++i] ?? '';
    if (k === '--suite') a.suite = resolve(v());
    else if (k === '--only') a.only.push(v());
    else if (k === '--timeout') a.timeout = Number(v());
    else if (k === '--ours-timeout') a.oursTimeout = Number(v());
    else if (k === '--markdown') continue;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

/** The same polyhedron without options, names or decimals: what both references read. */
function cleanCopy(text: string, kind: 'ine' | 'ext'): string {
  if (kind === 'ine') {
    const p = parseIne(text);
    return formatIne({ A: p.A, b: p.b, equalities: p.equalities, dimension: p.dimension });
  }
  const p = parseExt(text);
  return formatExt({ points: p.points, rays: p.rays, lines: p.lines, dimension: p.dimension });
}

/** CPU seconds of lrs on an H- or V-file text (Infinity on timeout). */
function lrsCpu(text: string, timeout: number, repeat = 1): number {
  const r = childCpu('lrs', [], { input: text, timeoutSeconds: timeout, repeat });
  return r.timedOut ? Infinity : r.seconds;
}

/** CPU seconds of scdd_gmp on a file text (it writes its output next to the input file). */
function scddCpu(text: string, kind: 'ine' | 'ext', timeout: number, repeat = 1): number {
  const dir = mkdtempSync(join(tmpdir(), 'mlgeo-scdd-'));
  try {
    const input = join(dir, `p.${kind}`);
    writeFileSync(input, text);
    const r = childCpu('scdd_gmp', [input], { timeoutSeconds: timeout, repeat });
    return r.timedOut ? Infinity : r.seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function suiteFiles(suite: string): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(suite, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(suite, dir.name)))
      if (f.endsWith('.ine') || f.endsWith('.ext')) out.push(`${dir.name}/${f}`);
  }
  return out.sort();
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  let files = suiteFiles(o.suite);
  if (o.only.length) files = files.filter((f) => o.only.some((n) => f.includes(n)));
  const tri = formatIne({
    A: [
      [-1, 0],
      [0, -1],
      [1, 1],
    ],
    b: [0, 0, 1],
  });
  // for scale only: the tools' CPU time on a trivial problem (included in every time below)
  const startLrs = lrsCpu(tri, 10, 15);
  const startCdd = scddCpu(tri, 'ine', 10, 15);
  console.log(
    `CPU time on a triangle (start-up, included in the tools' times): lrs ${fmtSeconds(startLrs)}, scdd_gmp ${fmtSeconds(startCdd)}`,
  );
  console.log(machineLine());
  console.log(`reference timeout ${o.timeout} s, ours ${o.oursTimeout} s\n`);

  interface Row {
    file: string;
    ours: number;
    oursNote: string;
    lrs: number;
    cdd: number;
  }
  const rows: Row[] = [];
  const show = (s: number, limit: number) => (s === Infinity ? `> ${limit} s` : fmtSeconds(s));
  for (const f of files) {
    const kind = f.endsWith('.ext') ? 'ext' : 'ine';
    const clean = cleanCopy(readFileSync(join(o.suite, f), 'utf8'), kind);
    const ours = await runChild(f, o.suite, {
      timeout: o.oursTimeout,
      roundTrip: false,
      roundTripLimit: 0,
      warm: true,
    });
    const oursTime = ours.difference?.startsWith('timeout')
      ? Infinity
      : (ours.cpuSeconds ?? ours.seconds);
    const lrsTime = lrsCpu(clean, o.timeout);
    const cddTime = scddCpu(clean, kind, o.timeout);
    const row: Row = {
      file: f,
      ours: oursTime,
      oursNote: ours.agree ? 'agrees' : `DISAGREES: ${ours.difference}`,
      lrs: lrsTime,
      cdd: cddTime,
    };
    rows.push(row);
    console.log(
      `${f}\tours ${show(oursTime, o.oursTimeout)}\tlrs ${show(lrsTime, o.timeout)}\tscdd_gmp ${show(cddTime, o.timeout)}\t${row.oursNote}`,
    );
  }

  // reference times under 1 ms are noise: ratios use at least 1 ms
  const faster = (r: Row) => Math.max(Math.min(r.lrs, r.cdd), 0.001);
  const slower = (r: Row) => Math.max(r.lrs, r.cdd);
  const table = rows.map((r) => [
    r.file,
    show(r.ours, o.oursTimeout),
    show(r.lrs, o.timeout),
    show(r.cdd, o.timeout),
    fmtRatio(r.ours / faster(r)),
    r.oursNote,
  ]);
  console.log(
    '\n' + markdownTable(['file', 'ours', 'lrs', 'scdd_gmp', 'ours / faster ref', 'answer'], table),
  );

  // targets
  const over30 = rows.filter((r) => !(r.ours < 30));
  console.log(
    `\nTarget 1 — every file under 30 s: ${over30.length === 0 ? 'met' : `MISSED on ${over30.map((r) => r.file).join(', ')}`}`,
  );
  const slowest = rows
    .slice()
    .sort((a, b) => faster(b) - faster(a))
    .slice(0, 10);
  const ratios = slowest.map((r) => r.ours / faster(r));
  const med = medianCountingTimeouts(ratios);
  console.log(
    `Target 2 — 10 files slowest for the faster reference (${slowest
      .map((r) => `${r.file.split('/')[1]} ${fmtRatio(r.ours / faster(r))}`)
      .join(
        ', ',
      )}): median ours/faster = ${fmtRatio(med)} (target ≤ 3×; a timeout of ours counts as ∞) — ${med <= 3 ? 'met' : 'MISSED'}`,
  );
  for (const name of ['cross12', 'sampleh8']) {
    const r = rows.find((x) => x.file.includes(`${name}.`));
    if (!r) continue;
    const ratio = slower(r) / r.ours;
    const lowerBound = slower(r) === Infinity;
    console.log(
      `Target 3 — ${name}: ours ${show(r.ours, o.oursTimeout)}, slower reference ${show(slower(r), o.timeout)}: ${
        lowerBound ? `≥ ${fmtRatio(o.timeout / r.ours)} (reference timed out)` : fmtRatio(ratio)
      } faster (target ≥ 10×) — ${(lowerBound ? o.timeout / r.ours : ratio) >= 10 ? 'met' : 'MISSED'}`,
    );
  }
}

await main();
