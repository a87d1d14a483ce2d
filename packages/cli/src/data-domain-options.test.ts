/**
 * Data and domain options: --domain data[:margin], unknown keys in a domain file, the outside-domain
 * error (line, coordinates, domain), --label-column, pandas' index column, text class labels with
 * --class-names, and errors that named things the user never wrote. Expected boxes and messages
 * are worked out by hand from the small files below.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from './report/types.js';
import { runCliIn } from './testing/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-data-domain-'));
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
// a 2-input linear classifier: class 1 iff x > y
write(
  'lin.json',
  JSON.stringify({ format: 'mlgeo-linear', version: 1, weights: [[1, -1]], bias: [0] }),
);
write('pts.csv', 'x,y\n1,2\n3,6\n2,4\n');
// pandas' df.to_csv(): an unnamed index column first, text labels last
write(
  'iris.csv',
  ',petal length (cm),petal width (cm),species\n0,1.4,0.2,setosa\n1,4.7,1.4,versicolor\n2,6.0,2.5,virginica\n3,1.3,0.2,setosa\n',
);
write('three.csv', 'a,b,c\n1,2,3\n');
write('flower.csv', 'a,b,kind\n1.4,0.2,setosa\n4.7,1.4,versicolor\n');
write(
  'extra.json',
  JSON.stringify({
    box: [
      [0, 1],
      [0, 1],
    ],
    bx: 1,
  }),
);
write(
  'empty.json',
  JSON.stringify({
    A: [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ],
    b: [-1, -1, 1, 1],
  }),
);
// sklearn tree with a single leaf and no n_features: its input dimension is unknown
write(
  'leaf.json',
  JSON.stringify({
    children_left: [-1],
    children_right: [-1],
    feature: [-2],
    threshold: [-2],
    value: [[[3, 1]]],
  }),
);

const run = (args: readonly string[]) => runCliIn(dir, args);

const report = async (args: string[]) => {
  const r = await run([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ReportJson;
};

describe('--domain data', () => {
  it('is the data bounding box padded by 5 % of each extent', async () => {
    // x ∈ [1, 3] (pad 1/10), y ∈ [2, 6] (pad 1/5)
    const r = await report(['analyze', 'lin.json', '--data', 'pts.csv', '--domain', 'data']);
    expect((r.domain.volume as { exact: string }).exact).toBe('242/25'); // 2.2 × 4.4, exactly
    expect(r.domain.description).toMatch(
      /data bounding box \+ 5 % margin: \[0\.9, 3\.1\] × \[1\.8, 6\.2\]/,
    );
  });
  it('takes a stated margin, exactly', async () => {
    const r = await report(['analyze', 'lin.json', '--data', 'pts.csv', '--domain', 'data:1/2']);
    expect((r.domain.volume as { exact: string }).exact).toBe('32'); // (2 + 2·1)(4 + 2·2)
  });
  it('needs --data, and a readable margin', async () => {
    expect((await run(['analyze', 'lin.json', '--domain', 'data'])).stderr).toMatch(
      /--domain data needs --data/,
    );
    const bad = await run(['analyze', 'lin.json', '--data', 'pts.csv', '--domain', 'data:-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/margin of --domain data:-1/);
  });
});

describe('domain files and the outside-domain error', () => {
  it('rejects unknown keys like model files do', async () => {
    const r = await run(['analyze', 'lin.json', '--domain', 'extra.json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^mlgeo: extra\.json: bx: unknown key "bx"/);
  });
  it('an empty A, b domain names the rows of the user’s file, not domain.hi[0]', async () => {
    const r = await run(['analyze', 'lin.json', '--domain', 'empty.json']);
    expect(r.stderr).not.toMatch(/domain\.|hi\[/);
    expect(r.stderr).toMatch(
      /^mlgeo: empty\.json: b\[0\]: rows 1 and 0 of A x ≤ b give 1 ≤ x_0 ≤ -1/,
    );
  });
  it('says the line, the coordinates and the domain', async () => {
    const r = await run(['analyze', 'lin.json', '--data', 'pts.csv']);
    expect(r.stderr).toMatch(
      /^mlgeo: pts\.csv: line 2: the point \(1, 2\) on line 2 lies outside the domain \(box \[0, 1\]\^2\) \(fix: .*--domain data/,
    );
  });
});

describe('data CSV columns and labels', () => {
  it('leaves out pandas’ index column, finds species, numbers the classes by first appearance', async () => {
    const r = await report(['analyze', 'lin.json', '--data', 'iris.csv', '--domain', 'data']);
    expect(r.data!.points).toBe(4);
    expect(r.data!.indexColumn).toBe('(unnamed)');
    expect(r.data!.labels).toEqual({
      column: 'species',
      from: 'first appearance',
      classNames: ['setosa', 'versicolor', 'virginica'],
    });
    const text = await run(['analyze', 'lin.json', '--data', 'iris.csv', '--domain', 'data']);
    expect(text.stdout).toMatch(
      /labels +column species: setosa=0, versicolor=1, virginica=2 \(by first appearance; --class-names sets the order\); index column \(unnamed\) left out/,
    );
  });
  it('--class-names fixes the class order; a label outside it is an error naming the line', async () => {
    const r = await report([
      'analyze',
      'lin.json',
      '--data',
      'iris.csv',
      '--domain',
      'data',
      '--class-names',
      'virginica,versicolor,setosa',
    ]);
    expect(r.data!.labels!.from).toBe('class names');
    expect(r.data!.labels!.classNames).toEqual(['virginica', 'versicolor', 'setosa']);
    const bad = await run([
      'analyze',
      'lin.json',
      '--data',
      'iris.csv',
      '--domain',
      'data',
      '--class-names',
      'setosa,virginica',
    ]);
    expect(bad.stderr).toMatch(
      /iris\.csv: line 3: label "versicolor" is not one of the class names/,
    );
  });
  it('--label-column names a column the defaults do not find', async () => {
    const r = await report([
      'analyze',
      'lin.json',
      '--data',
      'flower.csv',
      '--domain',
      'data',
      '--label-column',
      'kind',
    ]);
    expect(r.data!.labels!.column).toBe('kind');
    const missing = await run([
      'analyze',
      'lin.json',
      '--data',
      'flower.csv',
      '--label-column',
      'k',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /--label-column k: no such column \(fix: use one of a, b, kind\)/,
    );
  });
  it('a wrong coordinate count suggests --label-column, not the API’s labelColumn', async () => {
    const r = await run(['analyze', 'lin.json', '--data', 'three.csv']);
    expect(r.stderr).toMatch(/--label-column NAME/);
    expect(r.stderr).not.toMatch(/labelColumn/);
  });
  it('a text column that is not found as labels suggests --label-column with its name', async () => {
    const r = await run(['analyze', 'lin.json', '--data', 'flower.csv']);
    expect(r.stderr).toMatch(/"setosa" is not a finite number .*--label-column kind/);
  });
});

describe('a single-leaf tree without n_features', () => {
  it('asks for n_features instead of blaming the domain', async () => {
    const r = await run(['analyze', 'leaf.json', '--domain', 'box:0,1,0,1']);
    expect(r.stderr).toMatch(/^mlgeo: leaf\.json: n_features: .*no split/);
    expect(r.stderr).not.toMatch(/--domain/);
  });
});

describe('verify reads the data the way analyze did', () => {
  it('--label-column on both commands', async () => {
    const a = await run([
      'analyze',
      'lin.json',
      '--data',
      'flower.csv',
      '--domain',
      'box:0,5,0,2',
      '--label-column',
      'kind',
      '--out',
      'flower-report.json',
      '--quiet',
    ]);
    expect(a.code).toBe(0);
    const v = await run([
      'verify',
      'flower-report.json',
      '--model',
      'lin.json',
      '--data',
      'flower.csv',
      '--label-column',
      'kind',
      '--quiet',
    ]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
  });
});
