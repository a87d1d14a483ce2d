/**
 * Report options, checked against the default exact report of the same run as the oracle:
 * `--measures float` has the same cells and combinatorics, and every measure is the float of the
 * exact value (rounded from the exact report's SPEC §1 forms, no float computation shared);
 * `--omit` leaves exactly the named sections out and says so; `--cells-csv` has one row per cell
 * with the report's values; the metric block is written once. Each report is verified by
 * `mlgeo verify`, and edits that break a float claim or drop the omission record are refuted.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/run-cli.js';
import { CELLS_CSV_HEADER } from './cells-csv.js';
import { runCliIn } from '../testing/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-report-options-'));
const MODEL = join(REPO_ROOT, 'packages/cli/examples/moons-mlp.json');
const DATA = join(REPO_ROOT, 'packages/cli/examples/moons.csv');

const run = (args: readonly string[]) => runCliIn(dir, args);

/** Every SPEC §1 object replaced by its float (what a float-only report should hold). */
function floatsOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(floatsOf);
  if (typeof value !== 'object' || value === null) return value;
  if ('exact' in value && 'float' in value) return (value as { float: number }).float;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, floatsOf(v)]));
}

/** Numbers compared at 1e-12 relative, everything else exactly. */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(expected)),
    );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((x, i) => expectClose((actual as unknown[])[i], x, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const common = [MODEL, '--data', DATA, '--no-timing', '--quiet'];

describe('report options', () => {
  it('exact report: the metric block once (M[0], M[1] null; M0 = the cell volumes)', async () => {
    expect((await run(['analyze', ...common, '--out', 'exact.json'])).code).toBe(0);
    const r = read('exact.json');
    expect(r.version).toBe(4);
    expect(r.complex.metric.M.slice(0, 2)).toEqual([null, null]);
    expect(r.complex.metric.M0).toEqual(
      r.partition.cells.map((c: { volume: unknown }) => c.volume),
    );
    expect((await run(['verify', join(dir, 'exact.json')])).code).toBe(0);
  });

  it('--measures float: same cells and combinatorics, every measure the float of the exact value', async () => {
    expect(
      (await run(['analyze', ...common, '--measures', 'float', '--out', 'float.json'])).code,
    ).toBe(0);
    const exact = read('exact.json');
    const float = read('float.json');
    const text = readFileSync(join(dir, 'float.json'), 'utf8');
    // no SPEC §1 exact form left anywhere (exact matrices stay strings: they are not measures)
    expect(text).not.toMatch(/"squared"|"exact": "/);
    expect(float.measures).toBe('float');
    const expected = floatsOf(exact) as Record<string, unknown>;
    expected['measures'] = 'float';
    expected['tool'] = float.tool; // the command line differs
    (expected['complex'] as { metric: { exact: boolean } }).metric.exact = false;
    // the float path checks its float measures within their error bounds (issue 11): the same
    // checks with the same outcome, each saying how it was decided
    const outcome = (checks: { name: string; ok: boolean; applicable: boolean }[]) =>
      checks.map((c) => [c.name, c.ok, c.applicable]);
    expect(outcome(float.checks)).toEqual(outcome(exact.checks));
    expect(float.checks.find((c: { name: string }) => c.name === 'volume-sum').detail).toMatch(
      /float, within the error bounds/,
    );
    expected['checks'] = float.checks;
    expectClose(float, expected);
    const v = await run(['verify', join(dir, 'float.json'), '--model', MODEL, '--data', DATA]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    // a float claim off by 1e-6 relative is refuted
    const face = float.complex.sharedFaces[0];
    face.volume *= 1 + 1e-6;
    writeFileSync(join(dir, 'float-edited.json'), JSON.stringify(float));
    const w = await run(['verify', join(dir, 'float-edited.json')]);
    expect(w.code).toBe(1);
    expect(w.stderr).toMatch(/complex\.sharedFaces\[0\]\.volume/);
    // and an exact report may not carry a float where an exact value belongs
    exact.complex.sharedFaces[0].volume = exact.complex.sharedFaces[0].volume.float;
    writeFileSync(join(dir, 'exact-edited.json'), JSON.stringify(exact));
    expect((await run(['verify', join(dir, 'exact-edited.json')])).code).toBe(1);
  });

  it('--omit metric,ridges,vertices: exactly those left out, stated, and verify says so', async () => {
    const r0 = await run([
      'analyze',
      ...common,
      '--omit',
      'vertices,metric,ridges',
      '--out',
      'omit.json',
    ]);
    expect(r0.code).toBe(0);
    const r = read('omit.json');
    expect(r.omitted).toEqual(['metric', 'ridges', 'vertices']);
    expect(r.complex.metric).toBeNull();
    expect(r.complex.ridges).toBeNull();
    expect(readFileSync(join(dir, 'omit.json'), 'utf8')).not.toMatch(/"vertices":/);
    // everything else is the exact report's
    const exact = read('exact.json');
    expect(r.complex.sharedFaces.map((f: { volume: unknown }) => f.volume)).toEqual(
      exact.complex.sharedFaces.map((f: { volume: unknown }) => f.volume),
    );
    expect(r.complex.simplices).toEqual(exact.complex.simplices);
    const v = await run(['verify', join(dir, 'omit.json')]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/complex\.metric: left out/);
    expect(v.stdout).toMatch(/complex\.ridges: left out/);
    expect(v.stdout).toMatch(/vertices .*: left out/);
    // dropping the record of what was omitted is refuted
    delete r.omitted;
    writeFileSync(join(dir, 'omit-edited.json'), JSON.stringify(r));
    expect((await run(['verify', join(dir, 'omit-edited.json')])).code).toBe(1);
    // an unknown section is a usage error
    const bad = await run(['analyze', ...common, '--omit', 'metrics']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--omit: "metrics" is not a section/);
  });

  it('--cells-csv: one row per cell with the report values (pandas reads empty fields as NaN)', async () => {
    expect(
      (await run(['analyze', ...common, '--out', 'csv.json', '--cells-csv', 'cells.csv'])).code,
    ).toBe(0);
    const r = read('csv.json');
    const lines = readFileSync(join(dir, 'cells.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(CELLS_CSV_HEADER);
    expect(lines).toHaveLength(r.partition.cells.length + 1);
    r.partition.cells.forEach(
      (
        c: {
          index: number;
          label: string;
          predictedClass?: number;
          dataCount?: number;
          volume: { float: number };
        },
        i: number,
      ) => {
        const [index, label, cls, count, volume, kind, radius] = lines[i + 1]!.split(',');
        expect([Number(index), label, Number(cls), Number(count)]).toEqual([
          c.index,
          c.label,
          c.predictedClass,
          c.dataCount,
        ]);
        expect(Number(volume)).toBe(c.volume.float);
        expect(kind).toBe('exact');
        expect(radius).toBe(''); // no Chebyshev radii in a full-partition report
      },
    );
  });
});
