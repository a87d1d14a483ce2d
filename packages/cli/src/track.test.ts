/**
 * `mlgeo track`: checkpoints made by the library's own training loop (trainMlp of @mlgeo/diff-forms)
 * in the test, tracked by the command, and every value checked against an independent
 * recomputation: `mlgeo analyze` of each checkpoint (cells, data counts, exact volumes, adjacency,
 * dihedral angles, decision boundary) and a hand-written float forward pass (accuracy, dead units);
 * the CSV against the JSON; the SVG's line coordinates against the values; the error cases.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rational } from '@mlgeo/exact-arith';
import { type FloatMlp, cloneMlp, initMlp, trainMlp } from '@mlgeo/diff-forms';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { runCli, type CliIo } from './cli.js';
import type { TrackJson } from './track.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-track-'));
const EPOCHS = [0, 5, 10]; // lexicographic order would put epoch-10 before epoch-5

/** Seeded points in the unit square, label 1 above a bent line, with a few flipped labels. */
function dataset(n: number): { points: number[][]; labels: number[] } {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 0.96 + 0.02;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const [x, y] = [rnd(), rnd()];
    points.push([x, y]);
    labels.push((y > 0.5 + 0.3 * Math.sin(3 * x) ? 1 : 0) ^ (i % 11 === 0 ? 1 : 0));
  }
  return { points, labels };
}

const data = dataset(80);
const nets: FloatMlp[] = [];

function io(out: { stdout: string; stderr: string }): CliIo {
  return {
    stdout: (s) => void (out.stdout += s),
    stderr: (s) => void (out.stderr += s),
    stderrIsTTY: false,
    cwd: dir,
  };
}

async function run(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(args, io(out));
  return { code, ...out };
}

const write = (name: string, value: unknown) =>
  writeFileSync(join(dir, name), JSON.stringify(value, null, 1));
const mlpJson = (net: FloatMlp) => ({
  format: 'mlgeo-mlp',
  version: 1,
  layers: net.layers.map((l) => ({ weights: l.weights, bias: l.bias })),
});

beforeAll(() => {
  const net = initMlp(3, [2, 6, 4, 1]);
  trainMlp(net, data, {
    epochs: 10,
    learningRate: 0.05,
    onEpoch: (t) => {
      if (EPOCHS.includes(t - 1)) nets.push(cloneMlp(net));
    },
  });
  nets.push(cloneMlp(net));
  mkdirSync(join(dir, 'run'));
  nets.forEach((n, k) => write(`run/epoch-${EPOCHS[k]}.json`, mlpJson(n)));
  writeFileSync(
    join(dir, 'data.csv'),
    'x,y,label\n' + data.points.map((p, i) => `${p[0]},${p[1]},${data.labels[i]}`).join('\n'),
  );
  // error fixtures
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', 'notes.txt'), 'no models here\n');
  write('tree.json', {
    format: 'mlgeo-tree',
    version: 1,
    inputDimension: 2,
    nodes: [{ feature: 0, threshold: 0.5, left: 1, right: 2 }, { value: 0 }, { value: 1 }],
  });
  write('three.json', {
    format: 'mlgeo-mlp',
    version: 1,
    layers: [
      { weights: [[1, 1, 1]], bias: [-1] },
      { weights: [[1]], bias: [0] },
    ],
  });
});

/** Float forward pass, by hand: the output and the hidden pre-activations. */
function forwardByHand(net: FloatMlp, x: number[]): { out: number; hidden: number[] } {
  let h = x;
  const hidden: number[] = [];
  net.layers.forEach((l, k) => {
    const z = l.weights.map((row, j) => row.reduce((s, w, i) => s + w * h[i]!, l.bias[j]!));
    if (k < net.layers.length - 1) {
      hidden.push(...z);
      h = z.map((v) => Math.max(0, v));
    } else h = z;
  });
  return { out: h[0]!, hidden };
}

describe('mlgeo track on checkpoints of trainMlp', () => {
  let json: TrackJson;
  let csv: string;
  let svg: string;
  let stdout: string;

  beforeAll(async () => {
    const r = await run([
      'track',
      'run',
      '--data',
      'data.csv',
      '--out',
      't.json',
      '--csv',
      't.csv',
      '--svg',
      't.svg',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    stdout = r.stdout;
    json = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as TrackJson;
    csv = readFileSync(join(dir, 't.csv'), 'utf8');
    svg = readFileSync(join(dir, 't.svg'), 'utf8');
  }, 120_000);

  it('takes the directory in natural name order', () => {
    expect(json.checkpoints.map((c) => c.name)).toEqual(EPOCHS.map((e) => `epoch-${e}.json`));
    expect(json.format).toBe('mlgeo-track');
    expect(stdout.split('\n')[0]).toMatch(/^checkpoint\s+cells\s+data cells/);
  });

  it('matches mlgeo analyze of every checkpoint (cells, data cells, volumes, adjacency, angles, boundary)', async () => {
    for (const [k, cp] of json.checkpoints.entries()) {
      const out = { stdout: '', stderr: '' };
      const options: AnalyzeOptions = {
        model: cp.file,
        data: 'data.csv',
        complex: 'adjacency',
        length: 'unit',
        cells: 'all',
        maxCells: 20000,
        quiet: true,
      };
      const { report } = await analyze(options, io(out));
      const cells = report.partition.cells;
      const v = cp.values;
      expect(v.cells!.value, `checkpoint ${k}`).toBe(cells.length);
      const dataCells = cells.flatMap((c, i) => ((c.dataCount ?? 0) > 0 ? [i] : []));
      expect(v.dataHoldingCells!.value).toBe(dataCells.length);
      // exact volumes: min and max as the report's exact rationals
      const volumes = cells
        .map((c) => Rational.parse((c.volume as { exact: string }).exact))
        .sort((a, b) => a.cmp(b));
      const exactOf = (q: 'min' | 'max') =>
        (v.cellVolume!.exact as Record<string, string> | undefined)?.[q] ??
        String(v.cellVolume![q]);
      expect(exactOf('min')).toBe(volumes[0]!.toString());
      expect(exactOf('max')).toBe(volumes.at(-1)!.toString());
      // the adjacency complex's edges between data-holding cells
      const isData = new Set(dataCells);
      const edges = report.complex!.simplices[1]!.filter(
        ([a, b]) => isData.has(a!) && isData.has(b!),
      ).length;
      expect(v.dataEdges!.value).toBe(edges);
      expect(v.averageDataDegree!.value).toBeCloseTo((2 * edges) / dataCells.length, 12);
      expect(v.averageDataDegree!.value).toBeLessThanOrEqual(4);
      // dihedral angles of the report's ridges
      const angles = (report.complex!.ridges ?? []).flatMap((r) =>
        r.angles.filter((a) => a.kind === 'ridge').map((a) => (a.angle * 180) / Math.PI),
      );
      expect(v.angleDegrees!.min).toBeCloseTo(Math.min(...angles), 9);
      expect(v.angleDegrees!.max).toBeCloseTo(Math.max(...angles), 9);
      expect(v.smallAngles!.value).toBe(angles.filter((a) => a < 15).length);
      expect(v.angleDegrees!.tier).toBe('float');
      // slivers below 1/1000 of the unit square, exact
      const vMin = Rational.of(1, 1000);
      expect(v.sliverCells!.value).toBe(volumes.filter((x) => x.lt(vMin)).length);
      // accuracy and dead units by a float forward pass by hand
      const net = nets[k]!;
      const passes = data.points.map((p) => forwardByHand(net, p));
      const correct = passes.filter((f, i) => (f.out > 0 ? 1 : 0) === data.labels[i]).length;
      expect(v.accuracy!.value).toBeCloseTo(correct / data.points.length, 12);
      const dead = passes[0]!.hidden.filter((_, j) => passes.every((f) => f.hidden[j]! <= 0));
      expect(v.deadUnits!.value).toBe(dead.length);
      // data-holding cells whose points fall in both classes
      // data-holding cells (by the activation pattern of each point) with points of both signs
      const signs = new Map<string, Set<boolean>>();
      for (const f of passes) {
        const pattern = f.hidden.map((z) => (z > 0 ? '1' : '0')).join('');
        if (!signs.has(pattern)) signs.set(pattern, new Set());
        signs.get(pattern)!.add(f.out > 0);
      }
      expect(signs.size).toBe(dataCells.length);
      const mixed = [...signs.values()].filter((set) => set.size === 2);
      expect(v.boundaryDataCells!.value).toBe(mixed.length);
    }
  }, 300_000);

  it('the CSV holds the JSON values, one row per checkpoint and quantity', () => {
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('index,checkpoint,quantity,value,tier,exact');
    const byKey = new Map(
      rows.slice(1).map((line) => {
        const [index, , quantity, value, tier, exact] = line.split(',');
        return [`${index}:${quantity}`, { value: Number(value), tier, exact }];
      }),
    );
    for (const cp of json.checkpoints) {
      expect(byKey.get(`${cp.index}:cells`)).toMatchObject({ value: cp.values.cells!.value });
      expect(byKey.get(`${cp.index}:angleDegrees.min`)).toMatchObject({
        value: cp.values.angleDegrees!.min,
        tier: 'float',
      });
      expect(byKey.get(`${cp.index}:averageDataDegree`)!.exact).toBe(
        cp.values.averageDataDegree!.exact ?? '',
      );
    }
  });

  it('the SVG draws each series through its values (y linear in the value)', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // the first polyline is "all cells" in the Cells panel
    const first = /<polyline[^>]*points="([^"]+)"/.exec(svg)![1]!;
    const ys = first.split(' ').map((p) => Number(p.split(',')[1]));
    const cells = json.checkpoints.map((c) => c.values.cells!.value!);
    expect(ys).toHaveLength(cells.length);
    for (let i = 1; i < cells.length; i++)
      if (cells[i] !== cells[0])
        expect((ys[i]! - ys[0]!) / (cells[0]! - cells[i]!)).toBeCloseTo(
          (ys[1]! - ys[0]!) / (cells[0]! - cells[1]!) ||
            (ys[i]! - ys[0]!) / (cells[0]! - cells[i]!),
          6,
        );
    expect(svg).toContain('2d = 4');
    expect(svg).toMatch(/stroke-dasharray="6 3"/); // float series dashed
  });
});

/** The net as an ONNX graph (Gemm, Relu, …, Gemm; float32 initializers, W laid out [in, out]). */
function onnxOf(net: FloatMlp): Uint8Array {
  const { onnx } = onnxProto;
  const f32 = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);
  const initializer: object[] = [];
  const node: object[] = [];
  let input = 'x';
  net.layers.forEach((l, k) => {
    const [n, m] = [l.weights[0]!.length, l.weights.length];
    const wT = Array.from({ length: n }, (_, i) => l.weights.map((row) => row[i]!)).flat();
    initializer.push({ name: `W${k}`, dims: [n, m], dataType: 1, rawData: f32(wT) });
    initializer.push({ name: `b${k}`, dims: [m], dataType: 1, rawData: f32(l.bias) });
    const last = k === net.layers.length - 1;
    node.push({
      opType: 'Gemm',
      input: [input, `W${k}`, `b${k}`],
      output: [`z${k}`],
      name: `d${k}`,
    });
    if (!last) node.push({ opType: 'Relu', input: [`z${k}`], output: [`h${k}`], name: `r${k}` });
    input = last ? `z${k}` : `h${k}`;
  });
  const model = {
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'g',
      input: [
        {
          name: 'x',
          type: {
            tensorType: {
              elemType: 1,
              shape: { dim: [{ dimParam: 'N' }, { dimValue: net.inputDimension }] },
            },
          },
        },
      ],
      output: [{ name: input, type: { tensorType: { elemType: 1 } } }],
      initializer,
      node,
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

describe('mlgeo track: ONNX and JSON checkpoints of one net agree', () => {
  it('the ONNX file (float32) tracks like the JSON file of the float32-rounded weights', async () => {
    const net = nets[2]!;
    const rounded: FloatMlp = {
      inputDimension: net.inputDimension,
      layers: net.layers.map((l) => ({
        weights: l.weights.map((r) => r.map(Math.fround)),
        bias: l.bias.map(Math.fround),
      })),
    };
    mkdirSync(join(dir, 'mixed'), { recursive: true });
    writeFileSync(join(dir, 'mixed', 'epoch-1.onnx'), onnxOf(net));
    write('mixed/epoch-2.json', mlpJson(rounded));
    const r = await run(['track', 'mixed', '--data', 'data.csv', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as TrackJson;
    expect(json.checkpoints.map((c) => c.name)).toEqual(['epoch-1.onnx', 'epoch-2.json']);
    expect(json.checkpoints[0]!.values).toEqual(json.checkpoints[1]!.values);
    expect(json.checkpoints[0]!.values.cells!.value).toBeGreaterThan(1);
  }, 120_000);
});

describe('mlgeo track: patterns, options, errors', () => {
  it('a quoted pattern and --json', async () => {
    const r = await run(['track', 'run/epoch-*.json', '--data', 'data.csv', '--no-full', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as TrackJson;
    expect(json.checkpoints.map((c) => c.name)).toEqual(EPOCHS.map((e) => `epoch-${e}.json`));
    expect(json.checkpoints[0]!.values.cells).toBeUndefined();
    expect(json.options.full).toBe(false);
  });

  it('--help: exit 0, options and examples', async () => {
    const r = await run(['track', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--sliver-volume/);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ mlgeo track/);
    expect(r.stdout).toMatch(/natural name order/);
  });

  const cases: [string, string[], number, RegExp][] = [
    ['missing file', ['track', 'nope.json'], 1, /nope\.json: cannot read the file \(fix: /],
    ['no model files', ['track', 'empty'], 1, /empty: the directory holds no model files/],
    ['no match', ['track', 'run/x-*.json'], 1, /run\/x-\*\.json: no file matches/],
    [
      'not an MLP',
      ['track', 'run/epoch-0.json', 'tree.json'],
      1,
      /tree\.json: model: .*not a ReLU MLP/,
    ],
    [
      'different dimensions',
      ['track', 'run/epoch-0.json', 'three.json', '--data', 'data.csv'],
      1,
      /three\.json: inputDimension: has 3 inputs/,
    ],
    ['bad small angle', ['track', 'run', '--small-angle', 'x'], 2, /--small-angle must be/],
    ['bad sliver volume', ['track', 'run', '--sliver-volume', '-1'], 2, /--sliver-volume/],
    ['no checkpoints', ['track'], 2, /missing required argument/],
    ['d = 3 without data', ['track', 'three.json'], 2, /--data: .*nothing to track/],
  ];
  for (const [name, args, code, message] of cases)
    it(`${name}: exit ${code}, one line naming the problem`, async () => {
      const r = await run(args);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      if (code === 1) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
});
