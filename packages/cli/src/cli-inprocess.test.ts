/**
 * More command-line cases, run in-process through `runCli` (the same code path as the executable
 * minus process start-up, which cli.test.ts covers): usage errors, data and domain errors, --debug.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from './report/types.js';
import { writeSpecFiles } from './testing/spec-models.js';
import { runCliIn } from './testing/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-inprocess-'));
writeSpecFiles(dir);
writeFileSync(join(dir, 'bad.csv'), 'x,y\n0.1,0.2\n0.3,abc\n');
writeFileSync(join(dir, 'outside.csv'), 'x,y\n0.25,0.25\n1.5,0.5\n');
writeFileSync(
  join(dir, 'quadrant.json'),
  JSON.stringify({
    A: [
      [1, 0],
      [0, 1],
    ],
    b: [1, 1],
  }),
);
writeFileSync(
  join(dir, 'nan.json'),
  JSON.stringify({
    format: 'mlgeo-mlp',
    version: 1,
    layers: [
      { weights: [[1, 'NaN']], bias: [0] },
      { weights: [[1]], bias: [0] },
    ],
  }),
);

const run = (args: readonly string[]) => runCliIn(dir, args);

describe('usage errors: exit 2, one line', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'bad choice',
      ['analyze', 'A.json', '--complex', 'flag'],
      /Allowed choices are adjacency, nerve/,
    ],
    ['conflicting options', ['analyze', 'A.json', '--exact', '--float'], /cannot be used with/],
    ['empty box', ['analyze', 'A.json', '--domain', 'box:1,0'], /--domain: .*empty.*\(fix: /],
    ['unreadable box', ['analyze', 'A.json', '--domain', 'box:a,1'], /--domain: cannot read/],
    [
      'unknown format',
      ['analyze', 'A.json', '--format', 'pickle'],
      /--format: unknown --format "pickle"/,
    ],
    ['unknown command', ['plot'], /unknown command 'plot'/],
    [
      'bad --alpha',
      ['analyze', 'A.json', '--length', 'density', '--alpha', '2'],
      /--alpha must be in \(0, 1\]/,
    ],
    [
      '--alpha without density',
      ['analyze', 'A.json', '--alpha', '1/2'],
      /only applies to --length density/,
    ],
    [
      '--cells data without --data',
      ['analyze', 'A.json', '--cells', 'data'],
      /--cells data needs --data/,
    ],
    [
      'bad --max-dim',
      ['analyze', 'A.json', '--max-dim', '-1'],
      /--max-dim must be a positive integer/,
    ],
    [
      'bad --slice',
      ['analyze', 'A.json', '--svg', 'x.svg', '--slice', '1,2'],
      /--slice needs three points/,
    ],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toMatch(/^mlgeo: /);
    });
  }

  it('verify --help shows an example', async () => {
    const r = await run(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ mlgeo verify/);
  });
});

describe('bad input: exit 1, one line naming file, field and fix', () => {
  it('a bad data file names the file and the point', async () => {
    const r = await run(['analyze', 'A.json', '--data', 'bad.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^mlgeo: bad\.csv: points\[1\]\[1\]: .*abc.*\(fix: .+\)$/);
  });

  it('a missing file is named', async () => {
    const r = await run(['analyze', 'A.json', '--data', 'nowhere.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^mlgeo: nowhere\.csv: cannot read the file \(fix: .+\)$/);
    const v = await run(['verify', 'nowhere.json']);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/^mlgeo: nowhere\.json: cannot read the report/);
  });

  it('a point outside the domain names the data file; --skip-outside counts it', async () => {
    const r = await run(['analyze', 'A.json', '--data', 'outside.csv']);
    expect(r.code).toBe(1);
    // the file line, the coordinates and the domain (issue 16)
    expect(r.stderr.trim()).toMatch(
      /^mlgeo: outside\.csv: line 3: the point \(1\.5, 0\.5\) on line 3 lies outside the domain \(box \[0, 1\]\^2\).*--skip-outside/,
    );
    const skip = await run([
      'analyze',
      'A.json',
      '--data',
      'outside.csv',
      '--skip-outside',
      '--json',
    ]);
    expect(skip.code).toBe(0);
    expect((JSON.parse(skip.stdout) as ReportJson).data).toMatchObject({
      points: 2,
      inCells: 1,
      outside: 1,
    });
  });

  it('an unbounded domain file is named with the fix', async () => {
    const r = await run(['analyze', 'A.json', '--domain', 'quadrant.json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(
      // the file has A and b at its top level: the field is A, as the user wrote it
      /^mlgeo: quadrant\.json: A: .*(unbounded|no lower bound).*\(fix: .+\)$/i,
    );
  });

  it('a report that is not JSON, or not a report, fails verify naming the problem', async () => {
    writeFileSync(join(dir, 'junk.json'), '{"schema": "mlgeo-report"');
    const junk = await run(['verify', 'junk.json']);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/^mlgeo: junk\.json: not valid JSON/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ schema: 'something-else' }));
    const other = await run(['verify', 'other.json']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^mlgeo: other\.json: schema: expected "mlgeo-report"/);
  });

  it('a report of an older schema version fails verify with the fix', async () => {
    writeFileSync(
      join(dir, 'old.json'),
      JSON.stringify({
        schema: 'mlgeo-report',
        version: 1,
        tool: { command: 'mlgeo analyze A.json' },
      }),
    );
    const old = await run(['verify', 'old.json']);
    expect(old.code).toBe(1);
    expect(old.stderr).toBe(
      'mlgeo: old.json: version: report schema version 1, this mlgeo reads 4; re-run mlgeo analyze ' +
        '(mlgeo analyze A.json) to write a version 4 report (docs/report-schema.md, "Changes")\n',
    );
  });

  it('no stack trace without --debug; with --debug the stack follows the line', async () => {
    const plain = await run(['analyze', 'nan.json']);
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = await run(['analyze', 'nan.json', '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('model formats are detected', () => {
  it('a scikit-learn tree (SPEC §9 C as clf.tree_ arrays) gives the tree cells', async () => {
    const tree = {
      children_left: [1, -1, 3, -1, -1],
      children_right: [2, -1, 4, -1, -1],
      feature: [0, -2, 1, -2, -2],
      threshold: [0.5, -2, 0.5, -2, -2],
      value: [[[50, 50]], [[50, 0]], [[0, 50]], [[0, 25]], [[0, 25]]],
      n_features: 2,
    };
    writeFileSync(join(dir, 'sk-tree.json'), JSON.stringify(tree));
    const r = await run(['analyze', 'sk-tree.json', '--json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as ReportJson;
    expect(report.model.format).toBe('sklearn-tree');
    expect(
      report.partition.cells.map((c) => [c.label, (c.volume as { exact: string }).exact]),
    ).toEqual([
      ['1', '1/2'],
      ['3', '1/4'],
      ['4', '1/4'],
    ]);
  });
});
