/**
 * Runs cddlib's example files (the peer suite, passed by path with --suite, read in place,
 * never copied) through @mlgeo/exact-polytope and compares with the suite's expected.json.
 *
 *   npx tsx --conditions=@mlgeo/source tools/peer-suite/run.ts [--suite DIR] [--only NAME] [--timeout S]
 *       [--in-process] [--no-roundtrip] [--roundtrip-limit N] [--json FILE] [--warm] [--markdown]
 *
 * Each file runs in its own child process (so a timeout can stop it); the time printed is measured
 * inside that process around the computation only (with --warm: a second run, after a first one
 * that warmed up the JIT, when the first took under 2 s). Exit code 1 on any disagreement, error or timeout.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFile, type FileOutcome } from './check.js';
import { runChild } from './child.js';

interface Options {
  suite: string;
  only: string[];
  timeout: number;
  inProcess: boolean;
  roundTrip: boolean;
  roundTripLimit: number;
  json: string | undefined;
  worker: string | undefined;
  warm: boolean;
  markdown: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    suite: resolve(process.cwd(), '../shared/peer-suites/cddlib'),
    only: [],
    timeout: 120,
    inProcess: false,
    roundTrip: true,
    roundTripLimit: 2000,
    json: undefined,
    worker: undefined,
    warm: false,
    markdown: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--suite') o.suite = resolve(next());
    else if (a === '--only') o.only.push(next());
    else if (a === '--timeout') o.timeout = Number(next());
    else if (a === '--in-process') o.inProcess = true;
    else if (a === '--no-roundtrip') o.roundTrip = false;
    else if (a === '--roundtrip-limit') o.roundTripLimit = Number(next());
    else if (a === '--json') o.json = next();
    else if (a === '--worker') o.worker = next();
    else if (a === '--warm') o.warm = true;
    else if (a === '--markdown') o.markdown = true;
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** Suite files (relative paths, the keys of expected.json), sorted. */
function suiteFiles(suite: string): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(suite, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(suite, dir.name))) {
      if (f.endsWith('.ine') || f.endsWith('.ext')) out.push(`${dir.name}/${f}`);
    }
  }
  return out.sort();
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(o.suite, 'expected.json'))) {
    console.error(`no expected.json in ${o.suite} (use --suite DIR)`);
    process.exit(2);
  }
  const expected = JSON.parse(readFileSync(join(o.suite, 'expected.json'), 'utf8'));
  if (o.worker !== undefined) {
    const emit = (r: FileOutcome) => process.stdout.write(JSON.stringify(r) + '\n');
    emit(runFile(o.suite, o.worker, expected[o.worker], { ...o, timeoutSeconds: o.timeout }, emit));
    return;
  }
  let files = suiteFiles(o.suite);
  if (o.only.length) files = files.filter((f) => o.only.some((n) => f.includes(n)));
  const missing = files.filter((f) => !(f in expected));
  if (missing.length) console.error(`no expected answer for: ${missing.join(', ')}`);
  console.log(`peer suite: ${relative(process.cwd(), o.suite) || o.suite} (${files.length} files)`);
  console.log(
    `${pad('file', 34)} ${pad('agree', 6)} ${pad('time', 9)} ${pad('round trip', 22)} ${pad('size', 22)} first difference`,
  );
  const results: FileOutcome[] = [];
  for (const f of files) {
    const r = o.inProcess ? runFile(o.suite, f, expected[f], o) : await runChild(f, o.suite, o);
    results.push(r);
    const time = Number.isFinite(r.seconds) ? `${r.seconds.toFixed(3)} s` : '-';
    const rt = r.roundTrip === 'ok' ? `ok (${r.roundTripSeconds.toFixed(2)} s)` : r.roundTrip;
    console.log(
      `${pad(f, 34)} ${pad(r.agree ? 'yes' : 'NO', 6)} ${pad(time, 9)} ${pad(rt, 22)} ${pad(r.size, 22)} ${r.difference ?? ''}`,
    );
  }
  const bad = results.filter((r) => !r.agree || r.roundTrip.startsWith('FAIL'));
  const total = results.reduce((s, r) => s + (Number.isFinite(r.seconds) ? r.seconds : 0), 0);
  console.log(
    `\n${results.length - bad.length}/${results.length} files agree; total ${total.toFixed(1)} s; slowest ${results
      .slice()
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 3)
      .map((r) => `${r.file} ${r.seconds.toFixed(2)} s`)
      .join(', ')}`,
  );
  if (o.markdown) {
    console.log('\n| file | agree | time | round trip | answer | first difference |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      const time = Number.isFinite(r.seconds) ? `${r.seconds.toFixed(3)} s` : '-';
      const rt = r.roundTrip === 'ok' ? `ok (${r.roundTripSeconds.toFixed(2)} s)` : r.roundTrip;
      console.log(
        `| ${r.file} | ${r.agree ? 'yes' : '**no**'} | ${time} | ${rt} | ${r.size} | ${r.difference ?? ''} |`,
      );
    }
  }
  if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 2) + '\n');
  process.exit(bad.length ? 1 : 0);
}

await main();
