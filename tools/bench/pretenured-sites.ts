/**
 * Issue 11 (s18): which allocation sites V8 decided to pretenure in one bench column, named by the
 * optimized functions that allocate there. V8 counts, per object-literal / array site, how many of
 * its young objects survive a scavenge; past a ratio it allocates the site's objects directly in
 * the old generation ("tenure"). An old object that points to young ones is a root of every
 * scavenge until the next full collection, dead or not, so what it points to is copied and then
 * promoted (README s18-young). `new` objects are never pretenured.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/pretenured-sites.ts [--net 2-32-32-1]
 *       [--column ecx|fcx|float] [--warmup 20] [--repeat 5] [--seed 1]
 *
 * Runs the column's process of complex-vs-edge-subdivision.ts under `--trace-pretenuring-statistics`
 * (the sites whose decision became "tenure", by address), `--trace-compilation-dependencies` (the
 * optimized code that depends on each site's decision) and `--trace-opt` (which function each
 * optimized code is: its dependencies are printed just before its "completed compiling" line).
 * A site is named by every function whose optimized code allocates there (inlined callees
 * included: the literal is in one of them); sites tenured while only unoptimized code used them
 * are counted apart. Addresses move in a compacting collection, so a site can be missed: run twice.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { opt } from './bench-args.js';
import { modelFileText, randomMlp } from './random-nets.js';

const sizes = opt('net', '2-32-32-1').split('-').map(Number);
const column = opt('column', 'ecx');
const seed = Number(opt('seed', '1'));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = fileURLToPath(new URL('./complex-vs-edge-subdivision.ts', import.meta.url));

const file = join(mkdtempSync(join(tmpdir(), 'mlgeo-sites-')), 'net.json');
writeFileSync(file, modelFileText(randomMlp(sizes, seed), `${sizes.join('→')} seed ${seed}`));
const logFile = join(tmpdir(), `mlgeo-sites-${process.pid}.log`);
const flags = [
  '--trace-opt',
  '--trace-compilation-dependencies',
  '--trace-pretenuring-statistics',
  // code-creation events: a function's source position by its SharedFunctionInfo address
  '--log-code',
  '--no-logfile-per-isolate',
  `--logfile=${logFile}`,
];
const args = [...flags, '--conditions=@mlgeo/source', '--import', 'tsx', BENCH];
args.push('--child', column, file, '--warmup', opt('warmup', '20'), '--repeat', opt('repeat', '5'));
const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
if (r.status !== 0)
  throw new Error(`column process failed (${r.status}):\n${r.stderr.slice(-2000)}`);

/** Each module's esbuild output, transformed once (for {@link describe}). */
const transformed = new Map<string, string>();

/**
 * An anonymous function's position `file:line:col` as a readable place: tsx runs each module as
 * esbuild's whitespace-minified output (one line), so col is an offset there — shown as the code
 * at that offset in the same transform.
 */
function describe(where: string): string {
  const m = /^(?:\S* )?file:\/\/(\S+?\.ts):1:(\d+)$/.exec(where);
  if (!m) return where;
  const path = m[1]!;
  let code = transformed.get(path);
  if (code === undefined) {
    code = transformSync(readFileSync(path, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      minifyWhitespace: true,
      keepNames: true,
      target: 'node20',
    }).code;
    transformed.set(path, code);
  }
  const at = Number(m[2]) - 1;
  return `${relative(ROOT, path)} at \`${code.slice(at, at + 60)}…\``;
}

/** SharedFunctionInfo address (as --trace-opt prints it, tagged) → `name file:line:col` (raw). */
const whereOfSfi = new Map<string, string>();
for (const line of readFileSync(logFile, 'utf8').split('\n')) {
  if (!line.startsWith('code-creation,JS,')) continue;
  const f = line.split(',');
  const sfi = f[7];
  if (sfi === undefined || !/^0x[0-9a-f]+$/.test(sfi)) continue;
  const tagged = '0x' + (BigInt(sfi) + 1n).toString(16);
  const where = f[6]!.replace(/^\s+/, '').replace(/^"|"$/g, '');
  whereOfSfi.set(tagged, where);
}
rmSync(logFile, { force: true });
const tenured = new Set<string>();
const codesOfSite = new Map<string, Set<string>>();
const nameOfCode = new Map<string, string>();
let pending: string[] = [];
for (const line of (r.stdout + '\n' + r.stderr).split('\n')) {
  const decision = /AllocationSite\((0x[0-9a-f]+)\).*=> tenure$/.exec(line);
  if (decision) tenured.add(decision[1]!);
  const dep =
    /Installing dependency of \[(0x[0-9a-f]+) <Code \w+>\] on \[(0x[0-9a-f]+) <?(\w*)/.exec(line);
  if (dep) {
    pending.push(dep[1]!);
    if (dep[3] === 'AllocationSite' && line.includes('allocation-site-tenuring-changed')) {
      const set = codesOfSite.get(dep[2]!) ?? new Set<string>();
      set.add(dep[1]!);
      codesOfSite.set(dep[2]!, set);
    }
  }
  const done =
    /\[completed compiling 0x[0-9a-f]+ <JSFunction ([^ (]*) ?\(sfi = (0x[0-9a-f]+)\)/.exec(line);
  if (done) {
    const where = whereOfSfi.get(done[2]!);
    const name = done[1] || (where !== undefined ? describe(where) : '(anonymous)');
    for (const code of pending) if (!nameOfCode.has(code)) nameOfCode.set(code, name);
    pending = [];
  }
}
const byFunctions = new Map<string, number>();
for (const site of tenured) {
  const names = [...(codesOfSite.get(site) ?? [])].map((c) => nameOfCode.get(c) ?? '?');
  const key = [...new Set(names)].sort().join(', ') || '(no optimized code seen)';
  byFunctions.set(key, (byFunctions.get(key) ?? 0) + 1);
}
console.log(`${sizes.join('→')} column ${column}: ${tenured.size} sites tenured`);
for (const [names, n] of [...byFunctions].sort((a, b) => b[1] - a[1]))
  console.log(`${String(n).padStart(4)}  ${names}`);
