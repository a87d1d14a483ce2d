/**
 * Issue 12, sharded and parallel LP-tier runs: the shards of `--shard i/n` joined by `mlgeo merge`
 * (in any order) give the bytes of the unsharded report (--no-timing), and so does `--workers 2`
 * (worker threads, through the real executable); merge refuses shard sets that are not one run.
 * The oracle is the unsharded run itself (its cells, facets, margins and adjacency are tested
 * against the vertex path in lp-cli.test.ts and model-partitions' lp-cells tests).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { REPO_ROOT, runMlgeo } from '../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-shard-'));
const FIX = join(REPO_ROOT, 'packages/cli/src/fixtures/highdim');
const data = join(dir, 'ten-40.csv');
writeFileSync(
  data,
  readFileSync(join(FIX, 'ten-100.csv'), 'utf8').split('\n').slice(0, 41).join('\n') + '\n',
);
const ANALYZE = [
  'analyze',
  join(FIX, 'ten-10-32-32-2.onnx'),
  '--data',
  data,
  '--cells',
  'data',
  '--geometry',
  'lp',
  '--float',
  '--no-timing',
  '--quiet',
];

async function mlgeo(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(args, {
    stdout: () => {},
    stderr: (s) => void (stderr += s),
    stderrIsTTY: false,
    cwd: REPO_ROOT,
  });
  return { code, stderr };
}

const file = (name: string) => join(dir, name);

describe('--shard i/n and mlgeo merge', () => {
  it('the merged shards are byte-identical to the unsharded report', async () => {
    expect((await mlgeo([...ANALYZE, '--out', file('all.json')])).code).toBe(0);
    for (const i of [0, 1, 2])
      expect(
        (await mlgeo([...ANALYZE, '--shard', `${i}/3`, '--out', file(`s${i}.json`)])).code,
      ).toBe(0);
    const s1 = JSON.parse(readFileSync(file('s1.json'), 'utf8'));
    expect(s1.shard).toEqual({ index: 1, count: 3, cells: expect.any(Number) });
    expect(s1.partition.cells.every((c: { index: number }) => c.index % 3 === 1)).toBe(true);
    const merged = await mlgeo([
      'merge',
      file('s2.json'),
      file('s0.json'),
      file('s1.json'),
      '--out',
      file('merged.json'),
      '--quiet',
    ]);
    expect(merged).toEqual({ code: 0, stderr: '' });
    const all = readFileSync(file('all.json'));
    expect(readFileSync(file('merged.json')).equals(all)).toBe(true);
    // and the merged report verifies like the unsharded one
    expect((await mlgeo(['verify', file('merged.json'), '--quiet'])).code).toBe(0);
  }, 300_000);

  it('refuses a missing shard, a shard given twice, a non-shard report and shards of different runs', async () => {
    const missing = await mlgeo(['merge', file('s0.json'), file('s1.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/shard\(s\) 2 of 3 missing/);
    const twice = await mlgeo(['merge', file('s0.json'), file('s0.json'), file('s1.json')]);
    expect(twice.stderr).toMatch(/is shard 0 again/);
    const plain = await mlgeo(['merge', file('all.json')]);
    expect(plain.stderr).toMatch(/is not a shard report/);
    const other = JSON.parse(readFileSync(file('s2.json'), 'utf8'));
    other.data.file = 'other.csv';
    writeFileSync(file('other.json'), JSON.stringify(other));
    const different = await mlgeo(['merge', file('s0.json'), file('s1.json'), file('other.json')]);
    expect(different.stderr).toMatch(/differs from .* in "data"/);
  }, 60_000);

  it('rejects a malformed --shard and options that need every cell', async () => {
    const bad = await mlgeo([...ANALYZE, '--shard', '3/3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard "3\/3" is not i\/n/);
    const svg = await mlgeo([...ANALYZE, '--shard', '0/2', '--curvature', 'forman']);
    expect(svg.code).toBe(2);
    expect(svg.stderr).toMatch(/--curvature is not available with --shard/);
  });
});

describe('--lp point-ridges in shards', () => {
  // the LP-free path with point ridges (the Fashion-MNIST configuration of docs/high-dimensions.md)
  const RIDGES = [...ANALYZE, '--lp', 'margins,slopes,point-ridges'];

  it('merged shards and two workers give the bytes of the unsharded report', async () => {
    expect((await mlgeo([...RIDGES, '--out', file('pr-all.json')])).code).toBe(0);
    const all = readFileSync(file('pr-all.json'));
    const ridges = JSON.parse(all.toString()).lp.pointRidges;
    // the case is not vacuous: ridges from several cells, in both shards
    expect(ridges.certified).toBeGreaterThan(10);
    expect(new Set(ridges.list.map((r: { cell: number }) => r.cell % 2)).size).toBe(2);
    for (const i of [0, 1])
      expect(
        (await mlgeo([...RIDGES, '--shard', `${i}/2`, '--out', file(`pr-s${i}.json`)])).code,
      ).toBe(0);
    const s0 = JSON.parse(readFileSync(file('pr-s0.json'), 'utf8'));
    expect(s0.lp.pointRidges.list.every((r: { cell: number }) => r.cell % 2 === 0)).toBe(true);
    const merged = await mlgeo([
      'merge',
      file('pr-s1.json'),
      file('pr-s0.json'),
      '--out',
      file('pr-merged.json'),
      '--quiet',
    ]);
    expect(merged).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(file('pr-merged.json')).equals(all)).toBe(true);
    const two = await runMlgeo([...RIDGES, '--workers', '2', '--out', file('pr-w2.json')]);
    expect(two.stderr).toBe('');
    expect(readFileSync(file('pr-w2.json')).equals(all)).toBe(true);
  }, 300_000);

  it('refuses shards examined with different numbers of hyperplanes per point', async () => {
    const other = JSON.parse(readFileSync(file('pr-s1.json'), 'utf8'));
    other.lp.pointRidges.facetsPerPoint = 5;
    writeFileSync(file('pr-other.json'), JSON.stringify(other));
    const r = await mlgeo(['merge', file('pr-s0.json'), file('pr-other.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/differs from .* in "lp.pointRidges"/);
  });
});

describe('--workers n', () => {
  it('two worker threads write the report of one', async () => {
    const one = await runMlgeo([...ANALYZE, '--out', file('w1.json')]);
    expect(one.code).toBe(0);
    const two = await runMlgeo([...ANALYZE, '--workers', '2', '--out', file('w2.json')]);
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect(readFileSync(file('w2.json')).equals(readFileSync(file('w1.json')))).toBe(true);
  }, 300_000);
});
