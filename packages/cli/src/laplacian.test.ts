/**
 * `mlgeo analyze --spectrum k --spline …` (SPEC §7) through the CLI: SPEC §9 A–D eigenvalues of Δ_0,
 * A's spline, Betti numbers of the adjacency complexes (A's 4-cycle has β_1 = 1, C's filled
 * triangle none), closed forms (C's spline at λ = 1 solved by hand; data means per cell), limits
 * (λ = 0 returns the input, λ → ∞ the M_0-weighted mean) and the M_0-mean invariant of order-1
 * splines; `mlgeo verify` accepts the sections and refutes edits.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from './report/types.js';
import { analyzeJson, runCliIn } from './testing/in-process.js';
import { writeSpecFiles } from './testing/spec-models.js';
import { verifyReport } from './verify/command.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-laplacian-'));
writeSpecFiles(dir);
writeFileSync(join(dir, 'a-values.csv'), 'cell,value\n00,0\n01,1\n10,2\n11,3\n');
writeFileSync(join(dir, 'a-three.csv'), 'cell,value\n00,0\n01,1\n10,2\n');
// the SPEC §9 grid points with value x (a point per row)
const grid: string[] = ['x,y,value'];
for (let a = 0; a < 10; a++)
  for (let b = 0; b < 10; b++)
    grid.push(`${(2 * a + 1) / 20},${(2 * b + 1) / 20},${(2 * a + 1) / 20}`);
writeFileSync(join(dir, 'grid-values.csv'), grid.join('\n') + '\n');
writeFileSync(join(dir, 'bad-values.csv'), 'cell,value\n00,0\n22,1\n');
// data only in the diagonal cells 00 and 11 of A, which meet in a point: two components
writeFileSync(join(dir, 'diagonal.csv'), 'x,y\n0.1,0.1\n0.9,0.9\n');
writeFileSync(join(dir, 'one-cell.csv'), 'cell,value\n00,1\n');

const run = (args: string[]) => runCliIn(dir, args);
const report = (args: string[]) => analyzeJson(dir, args);

const values = (r: ReportJson) => r.spectrum!.pairs.map((p) => p.value);

describe('mlgeo analyze --spectrum', () => {
  it('SPEC §9 eigenvalues of Δ_0 (A–D, unit and centroid lengths)', async () => {
    const cases: [string, string, number[]][] = [
      ['A.json', 'unit', [0, 4, 4, 8]],
      ['A.json', 'centroid', [0, 8, 8, 16]],
      ['B.json', 'unit', [0, 3.079822495, 9.79598317099, 12.875805666]],
      ['B.json', 'centroid', [0, 6.3605727046, 20.8364177611, 27.1969904657]],
      ['C.json', 'unit', [0, 4, 6]],
      ['D.json', 'unit', [0, 3.42306270298, 6.12221539688, 9.44490948297]],
    ];
    for (const [model, length, want] of cases) {
      const r = await report([model, '--length', length, '--spectrum', '10']);
      const s = r.spectrum!;
      expect(s.tier).toBe('float');
      expect(s.edgeLength).toBe(length);
      expect(s.requested).toBe(10);
      expect(values(r)).toHaveLength(want.length);
      values(r).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 9));
      for (const p of s.pairs) expect(p.residual).toBeLessThan(1e-12);
      expect(r.tool.command).toContain('--spectrum 10');
    }
  });

  it('k smallest only; Betti numbers of the complex (A: 4-cycle, C: filled triangle)', async () => {
    const a = await report(['A.json', '--length', 'unit', '--spectrum', '2']);
    expect(values(a)).toEqual([0, expect.closeTo(4, 12)]);
    expect(a.spectrum!.betti).toEqual({ tier: 'exact', values: [1, 1, 0] });
    expect(a.spectrum!.components).toBe(1);
    const c = await report(['C.json', '--length', 'unit', '--spectrum', '1']);
    expect(c.spectrum!.betti.values).toEqual([1, 0, 0]);
    // the kernel vector is constant, M_0-normalised: 1/sqrt(vol X) = 1
    for (const x of c.spectrum!.pairs[0]!.vector) expect(x).toBeCloseTo(1, 12);
  });
});

describe('mlgeo analyze --spline', () => {
  it('A: order-1 spline of y = (0, 1, 2, 3) at λ = 1 is (6/5, 7/5, 8/5, 9/5) exactly', async () => {
    const r = await report([
      'A.json',
      '--length',
      'unit',
      '--spline',
      'a-values.csv',
      '--lambda',
      '1',
    ]);
    const s = r.spline!;
    expect(s).toMatchObject({
      source: 'file',
      file: 'a-values.csv',
      format: 'cells',
      order: 1,
      tier: 'exact',
      lambda: { value: 1, exact: '1', chosenBy: 'given' },
      observed: 4,
      gcvCurve: [],
    });
    expect(s.cells.map((c) => c.exact)).toEqual(['6/5', '7/5', '8/5', '9/5']);
    // f − y exactly: 6/5, 2/5, −2/5, −6/5
    expect(s.cells.map((c) => c.change)).toEqual([1.2, 0.4, -0.4, -1.2]);
    expect(s.dof).toBeGreaterThan(1);
    expect(s.dof).toBeLessThan(4);
  });

  it('C: predictions:1 at λ = 1 by hand, λ = 0 returns the input, large λ the weighted mean', async () => {
    const no = await run(['analyze', 'C.json', '--spline', 'predictions', '--json']);
    expect(no.code).toBe(2);
    expect(no.stderr).toMatch(/2 outputs.*predictions:0/s);
    // M_0 = (1/2, 1/4, 1/4), K = (1/2)·L(K_3), y = (0, 1, 0): (M_0 + K) f = M_0 y by hand
    const base = ['C.json', '--length', 'unit', '--spline', 'predictions:1'];
    const one = (await report([...base, '--lambda', '1'])).spline!;
    expect(one.output).toBe(1);
    expect(one.cells.map((c) => c.exact)).toEqual(['1/5', '13/35', '8/35']);
    const zero = (await report([...base, '--lambda', '0'])).spline!;
    expect(zero.cells.map((c) => c.exact)).toEqual(['0', '1', '0']);
    expect(zero.cells.map((c) => c.change)).toEqual([0, 0, 0]);
    expect(zero).toMatchObject({ changed: 0, maxChange: 0 });
    expect(one).toMatchObject({ changed: 3, maxChange: 1 - 13 / 35 });
    const big = (await report([...base, '--lambda', '1000000000'])).spline!;
    for (const c of big.cells) expect(c.value).toBeCloseTo(1 / 4, 8);
  });

  it('points: data means per cell; an unobserved cell is smoothed from its neighbours', async () => {
    const r = await report([
      'A.json',
      '--length',
      'unit',
      '--spline',
      'grid-values.csv',
      '--lambda',
      '1/2',
    ]);
    const s = r.spline!;
    expect(s.format).toBe('points');
    // mean of x over the 25 grid points of each quadrant: (1+3+5+7+9)/100 and (11+…+19)/100
    expect(s.cells.map((c) => c.inputExact)).toEqual(['1/4', '1/4', '3/4', '3/4']);
    expect(s.cells.map((c) => c.points)).toEqual([25, 25, 25, 25]);
    expect(s.skipped).toBe(0);
    // order 1 with every cell observed keeps the M_0-weighted mean (1ᵀK = 0)
    const mean = s.cells.reduce((t, c) => t + c.value / 4, 0);
    expect(mean).toBeCloseTo(1 / 2, 14);
    const three = (
      await report([
        'A.json',
        '--length',
        'unit',
        '--spline',
        'a-three.csv',
        '--lambda',
        '1000000000',
      ])
    ).spline!;
    expect(three.observed).toBe(3);
    expect(three.cells[3]).toMatchObject({ observed: false, input: null, change: null });
    for (const c of three.cells) expect(c.value).toBeCloseTo(1, 7);
  });

  it('λ by GCV: the curve, the scale τ = tr(W M_0)/tr(K), float tier on irrational weights', async () => {
    const r = await report(['B.json', '--data', 'grid.csv', '--spline', 'grid-values.csv']);
    const s = r.spline!;
    expect(s.tier).toBe('float');
    expect(s.lambda.chosenBy).toBe('gcv');
    expect(s.gcvCurve.length).toBeGreaterThan(20);
    const best = Math.min(...s.gcvCurve.map((p) => p.score ?? Infinity));
    expect(s.gcv).toBe(best);
    for (const p of s.gcvCurve) expect(p.relative * s.scale).toBeCloseTo(p.lambda, 12);
    expect(s.dof).toBeGreaterThan(0);
    expect(s.dof).toBeLessThanOrEqual(4);
  });

  it('bad input: options without --spline, unknown labels, models without predictions', async () => {
    const lam = await run(['analyze', 'A.json', '--lambda', '1']);
    expect(lam.code).toBe(2);
    expect(lam.stderr).toMatch(/--lambda only applies to --spline/);
    const neg = await run(['analyze', 'A.json', '--spline', 'a-values.csv', '--lambda', '-1']);
    expect(neg.code).toBe(2);
    const bad = await run(['analyze', 'A.json', '--spline', 'bad-values.csv']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad-values\.csv: .*line 3: no cell with label "22"/);
    const split = await run([
      'analyze',
      'A.json',
      '--data',
      'diagonal.csv',
      '--cells',
      'data',
      '--spline',
      'one-cell.csv',
    ]);
    expect(split.code).toBe(1);
    expect(split.stderr).toMatch(
      /one-cell\.csv: .*component 1.*has no observed cell.*fix: give a value/,
    );
    const pred = await run(['analyze', 'A.json', '--spline', 'predictions']);
    expect(pred.code).toBe(2);
    expect(pred.stderr).toMatch(/makes no predictions/);
  });
});

describe('mlgeo verify: spectrum and spline', () => {
  it('accepts the sections and refutes edited claims', async () => {
    const a = await report([
      'A.json',
      '--length',
      'unit',
      '--spectrum',
      '4',
      '--spline',
      'a-values.csv',
      '--lambda',
      '1',
    ]);
    expect(() => verifyReport(structuredClone(a))).not.toThrow();
    const edits: [(r: ReportJson) => void, RegExp][] = [
      [(r) => void (r.spectrum!.pairs[1]!.value += 1e-3), /spectrum\.pairs\[1\]/],
      [(r) => void (r.spectrum!.pairs[2]!.residual = 0.5), /spectrum\.pairs\[2\]\.residual/],
      [(r) => void (r.spectrum!.pairs[3]!.vector[0]! += 1e-4), /spectrum\.pairs\[3\]/],
      [(r) => void (r.spectrum!.betti.values[1] = 0), /spectrum\.betti\.values/],
      [(r) => void r.spectrum!.pairs.pop(), /spectrum\.pairs/],
      [(r) => void (r.spline!.cells[0]!.exact = '5/4'), /spline\.cells\[0\]/],
      [(r) => void (r.spline!.cells[2]!.change = 0), /spline\.cells\[2\]\.change/],
      [(r) => void (r.spline!.dof = 2), /spline\.dof/],
      [(r) => void (r.spline!.changed = 3), /spline\.changed/],
      [(r) => void (r.spline!.lambda.exact = '2'), /spline\.lambda/],
    ];
    for (const [edit, where] of edits) {
      const copy = structuredClone(a);
      edit(copy);
      expect(() => verifyReport(copy)).toThrow(where);
    }
    // the spline of predictions is checked against the report's own predictions
    const c = await report([
      'C.json',
      '--length',
      'unit',
      '--spline',
      'predictions:1',
      '--lambda',
      '1',
    ]);
    expect(() => verifyReport(structuredClone(c))).not.toThrow();
    const input = structuredClone(c);
    input.spline!.cells[0]!.input = 1;
    expect(() => verifyReport(input)).toThrow(/spline\.cells\[0\]\.input/);
    // float tier (GCV on B): the normal equations' residual
    const b = await report([
      'B.json',
      '--data',
      'grid.csv',
      '--spline',
      'grid-values.csv',
      '--spectrum',
      '3',
    ]);
    expect(() => verifyReport(structuredClone(b))).not.toThrow();
    const f = structuredClone(b);
    f.spline!.cells[1]!.value += 1e-6;
    f.spline!.cells[1]!.change! += 1e-6;
    expect(() => verifyReport(f)).toThrow(/spline\.cells/);
  });
});
