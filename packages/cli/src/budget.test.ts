/**
 * Budgets (--max-memory, --max-seconds, --cell-budget, --partial). The memory ceiling is tested as
 * a user meets it: the same analysis in a child process with a small V8 heap is a V8 heap abort
 * (exit 134, SIGABRT, native stack, no mlgeo message) with the ceiling switched off, and one
 * mlgeo line with exit code 3 with the default ceiling. The cell budget is exact: a budget of the
 * partition's own cell count (from an unbudgeted run) finishes, one less stops.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { forcedCollection, oldGenerationUsed, parseMemory } from './budget.js';
import { REPO_ROOT } from './testing/run-cli.js';
import { runCliIn } from './testing/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-budget-'));

/** A seeded He-initialised ReLU net with float32 weights (as tools/bench/random-nets.ts). */
function netFile(name: string, sizes: number[], seed: number): string {
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [n, m] = [sizes[l]!, sizes[l + 1]!];
    const s = Math.sqrt(2 / n);
    layers.push({
      weights: Array.from({ length: m }, () =>
        Array.from({ length: n }, () => Math.fround(gauss() * s)),
      ),
      bias: Array.from({ length: m }, () => Math.fround(gauss() * 0.1)),
    });
  }
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({ format: 'mlgeo-mlp', version: 1, inputDimension: sizes[0], layers }),
  );
  return file;
}

const run = (args: readonly string[]) => runCliIn(dir, args);

const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const BIN = join(REPO_ROOT, 'packages/cli/src/bin.ts');

describe('--max-memory: a clean stop instead of a V8 heap abort', () => {
  it('the same run with a 28 MB heap aborts without the ceiling and stops with one line with it', () => {
    const model = netFile('net-3-16-16-1.json', [3, 16, 16, 1], 1);
    const child = (extra: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--max-old-space-size=28',
          '--conditions=@mlgeo/source',
          '--import',
          TSX,
          BIN,
          'analyze',
          model,
          '--quiet',
          ...extra,
        ],
        { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 240_000 },
      );
    // the old behaviour: V8 aborts the process (SIGABRT; a shell reports exit 134)
    const old = child(['--max-memory', 'off']);
    expect(old.signal).toBe('SIGABRT');
    expect(old.stderr).toMatch(/JavaScript heap out of memory/);
    expect(old.stderr).not.toMatch(/^mlgeo:/m);
    // with the default ceiling (85 % of the old generation): exit 3, one line naming phase and size
    const now = child([]);
    expect(now.signal).toBeNull();
    expect(now.status).toBe(3);
    expect(now.stderr).not.toMatch(/heap out of memory|FATAL/);
    const lines = now.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^mlgeo: --max-memory: stopped in phase "[^"]+": [\d,]+ of [\d,]+ \w+ with \d+ MiB of heap in use, over the budget \d+ MiB \(fix: .+\)$/,
    );
  }, 300_000);

  it('a full collection is available without node --expose-gc and frees unreachable garbage', () => {
    const gc = forcedCollection();
    expect(gc).toBeTypeOf('function');
    gc!();
    const base = oldGenerationUsed();
    const holder: { garbage?: number[][] } = {
      garbage: Array.from({ length: 4000 }, () => Array.from({ length: 1000 }, (_, i) => i + 0.5)),
    };
    expect(oldGenerationUsed()).toBeGreaterThan(base + 8 * 2 ** 20);
    expect(holder.garbage?.length).toBe(4000);
    delete holder.garbage;
    gc!();
    expect(oldGenerationUsed()).toBeLessThan(base + 4 * 2 ** 20);
  });

  it('reads sizes: 1.5G, 800M, 512K, bytes, a percentage of the heap limit; rejects the rest', () => {
    expect(parseMemory('1.5G')).toBe(1.5 * 2 ** 30);
    expect(parseMemory('800M')).toBe(800 * 2 ** 20);
    expect(parseMemory('800MiB')).toBe(800 * 2 ** 20);
    expect(parseMemory('512k')).toBe(512 * 2 ** 10);
    expect(parseMemory('123456')).toBe(123456);
    expect(parseMemory('50%')).toBeGreaterThan(0);
    for (const bad of ['', 'lots', '-1G', '0', '150%', '1T'])
      expect(parseMemory(bad)).toBeUndefined();
  });
});

describe('--cell-budget, --max-seconds and --partial', () => {
  const model = netFile('net-2-8-8-1.json', [2, 8, 8, 1], 3);

  it('--cell-budget: the cell count itself finishes, one cell less stops (exit 3)', async () => {
    const full = await run(['analyze', model, '--json']);
    expect(full.code).toBe(0);
    const cells = (JSON.parse(full.stdout) as { partition: { cellCount: number } }).partition
      .cellCount;
    expect(cells).toBeGreaterThan(10);
    const enough = await run(['analyze', model, '--quiet', '--cell-budget', String(cells)]);
    expect(enough.code).toBe(0);
    const short = await run(['analyze', model, '--quiet', '--cell-budget', String(cells - 1)]);
    expect(short.code).toBe(3);
    expect(short.stderr).toMatch(
      new RegExp(
        `^mlgeo: --cell-budget: stopped in phase "[^"]+": [\\d,]+ cells, over the budget ${(cells - 1).toLocaleString('en-US')} cells`,
      ),
    );
    // --max-cells keeps its --cells auto meaning: it never stops a run
    expect((await run(['analyze', model, '--quiet', '--max-cells', '1'])).code).toBe(0);
  });

  it('--partial: a report marked partial that verify accepts, naming what it could not check', async () => {
    const out = join(dir, 'partial.json');
    const r = await run([
      'analyze',
      model,
      '--quiet',
      '--partial',
      '--max-seconds',
      '0.000001',
      '--out',
      out,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--max-seconds: stopped in phase .* partial report written/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.partial).toMatchObject({ budget: 'max-seconds', limit: '0.000001 s' });
    const v = await run(['verify', out]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/the run was stopped by --max-seconds/);
    // a partial marker cannot be dropped from a report without a complex
    if (report.complex === null) {
      delete report.partial;
      writeFileSync(out, JSON.stringify(report));
      const w = await run(['verify', out]);
      expect(w.code).toBe(1);
    }
  });

  it('bad budget values are usage errors (exit 2)', async () => {
    for (const args of [
      ['--max-seconds', '-1'],
      ['--max-seconds', 'soon'],
      ['--cell-budget', '0'],
      ['--max-memory', 'lots'],
    ]) {
      const r = await run(['analyze', model, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^mlgeo: .*${args[0]}`));
    }
  });
});
