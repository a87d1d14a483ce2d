/**
 * `mlgeo analyze --slice` for d > 2 (docs/tutorials/cli.md, slices). Oracles: the full d-dimensional
 * partition of the same model (its cells' H-representations intersected with the plane exactly, by
 * exact-polytope), an exact forward pass of the full model at x(u, v) for the rasterised SVG, and the
 * data points' exact distances to the plane.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { type DenseLayer, partitionOf } from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { runCli, type CliIo } from './cli.js';
import type { ReportJson } from './report/types.js';
import { boundaryMargin, exactClass, floatLayers } from './testing/forward-pass.js';
import { categoryColor } from './svg/colors.js';
import { renderPartitionSvg } from './svg/render.js';
import { sceneFromReport } from './svg/scene.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-slice-'));
const io: CliIo = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir };
const R = (x: string | number) => Rational.from(x);

function options(model: string, extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions {
  return {
    model,
    complex: 'adjacency',
    length: 'centroid',
    cells: 'auto',
    maxCells: 20000,
    quiet: true,
    ...extra,
  };
}

/** A seeded d→k→k→c ReLU net with dyadic weights, written as mlgeo-mlp JSON. */
function writeNet(name: string, seed: number, sizes: number[]): DenseLayer[] {
  const rnd = seededRandom(seed);
  const q = (scale: number) => Rational.of(BigInt(Math.round((rnd() * 2 - 1) * scale * 32)), 32n);
  const layers: DenseLayer[] = sizes.slice(1).map((out, l) => ({
    weights: Array.from({ length: out }, () => Array.from({ length: sizes[l]! }, () => q(2))),
    bias: Array.from({ length: out }, () => q(1)),
  }));
  writeFileSync(
    join(dir, name),
    JSON.stringify({
      format: 'mlgeo-mlp',
      version: 1,
      inputDimension: sizes[0],
      layers: layers.map((l, i) => ({
        weights: l.weights.map((r) => r.map(String)),
        bias: l.bias.map(String),
        activation: i < layers.length - 1 ? 'relu' : 'linear',
      })),
    }),
  );
  return layers;
}

// planes whose (u, v) domain is the unit square: x(u, v) stays in the unit box for u, v ∈ [0, 1]
const PLANE3 = '0,0,1/4;1,0,3/4;0,1,1/2'; // z = 1/4 + u/2 + v/4
const PLANE4 = '0,0,1/4,1/2;1,0,3/4,0;0,1,1/2,1/2'; // (u, v, 1/4 + u/2 + v/4, 1/2 − u/2)
const pointsOf = (text: string) => text.split(';').map((p) => p.split(',').map(R));
const xOf = (text: string, u: Rational, v: Rational) => {
  const [p0, p1, p2] = pointsOf(text);
  return p0!.map((o, i) => o.add(u.mul(p1![i]!.sub(o))).add(v.mul(p2![i]!.sub(o))));
};

/**
 * label → exact vertices (sorted strings) of the full d-dimensional partition's cells ∩ plane with
 * area > 0 (the cells' irredundant H-representations, as a full report stores them).
 */
function sectionOfFullPartition(layers: DenseLayer[], plane: string): Map<string, string> {
  const d = layers[0]!.weights[0]!.length;
  const full = partitionOf({ kind: 'mlp', inputDimension: d, layers }, { predicates: 'filtered' });
  const [p0, p1, p2] = pointsOf(plane);
  const e1 = p1!.map((x, i) => x.sub(p0![i]!));
  const e2 = p2!.map((x, i) => x.sub(p0![i]!));
  const dot = (a: Rational[], b: Rational[]) =>
    a.reduce((s, x, i) => s.add(x.mul(b[i]!)), Rational.ZERO);
  const out = new Map<string, string>();
  for (const cell of full.cells) {
    const facets = cell.polytope.facets();
    const A = facets.map((f) => f.a);
    const b = facets.map((f) => f.b);
    const section = Polytope.fromHRep(
      A.map((a) => [dot(a, e1), dot(a, e2)]),
      A.map((a, k) => b[k]!.sub(dot(a, p0!))),
    );
    if (!section.isEmpty() && section.dimension() === 2)
      out.set(cell.label, section.vertices().map(String).sort().join(';'));
  }
  return out;
}

describe('the plane partition equals the section of the full partition', () => {
  for (const [d, plane, sizes] of [
    [3, PLANE3, [3, 6, 5, 3]],
    [4, PLANE4, [4, 5, 4, 3]],
  ] as const) {
    it(`d = ${d}: same labels, same exact polygons; the report states the slice`, async () => {
      const file = `net-${d}.json`;
      const layers = writeNet(file, 100 + d, [...sizes]);
      const sliced = await analyze(options(file, { slice: plane }), io);
      const report = sliced.report;
      const got = new Map(
        report.partition.cells.map((c) => [c.label, c.vertices!.map(String).sort().join(';')]),
      );
      const expected = sectionOfFullPartition(layers, plane);
      expect(expected.size).toBeGreaterThan(5);
      expect(got).toEqual(expected);
      expect(report.model.inputDimension).toBe(2);
      expect(report.model.architecture).toEqual([2, ...sizes.slice(1)]);
      expect(report.slice).toMatchObject({
        method: 'restricted',
        coordinates: 'plane',
        map: 'x(u, v) = p0 + u·(p1 − p0) + v·(p2 − p0)',
        points: pointsOf(plane).map((p) => p.map(String)),
        model: { kind: 'mlp', inputDimension: d, architecture: [...sizes] },
        tolerance: '0',
      });
      expect(report.tool.command).toContain(`--slice ${plane}`);
      expect(report.checks.filter((c) => c.applicable).every((c) => c.ok)).toBe(true);
    }, 120_000);
  }
});

function rasterise(svg: string): (x: number, y: number) => string {
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const { pixels, width } = image;
  return (x, y) => {
    const i = (Math.floor(y) * width + Math.floor(x)) * 4;
    return (
      '#' +
      [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]
        .map((v) => v.toString(16).padStart(2, '0'))
        .join('')
    );
  };
}

describe('the slice picture paints the full model’s decisions (resvg raster vs exact forward pass)', () => {
  it('a 4→8→8→3 net through the plane (u, v, 1/4 + u/2 + v/4, 1/2 − u/2)', async () => {
    const layers = writeNet('raster-4.json', 7, [4, 8, 8, 3]);
    const { report } = await analyze(options('raster-4.json', { slice: PLANE4 }), io);
    const compare = (paint: 'pieces' | 'cells', n: number) => {
      const scene = sceneFromReport(report);
      delete scene.edges;
      if (paint === 'cells') {
        for (const cell of scene.cells) delete cell.pieces;
        delete scene.boundary;
      }
      const result = renderPartitionSvg(scene);
      const pixel = rasterise(result.svg);
      const margin = 3 / (result.toPixel([1, 0])[0] - result.toPixel([0, 0])[0]);
      // the skip filter near boundaries uses the restricted layers (distances in (u, v))
      const [p0, p1, p2] = pointsOf(PLANE4);
      const dot = (a: readonly Rational[], b: readonly Rational[]) =>
        a.reduce((s, x, i) => s.add(x.mul(b[i]!)), Rational.ZERO);
      const e1 = p1!.map((x, i) => x.sub(p0![i]!));
      const e2 = p2!.map((x, i) => x.sub(p0![i]!));
      const first = layers[0]!;
      const restricted: DenseLayer[] = [
        {
          weights: first.weights.map((w) => [dot(w, e1), dot(w, e2)]),
          bias: first.bias.map((b, j) => b.add(dot(first.weights[j]!, p0!))),
        },
        ...layers.slice(1),
      ];
      const float = floatLayers(restricted);
      let tested = 0;
      const classes = new Set<number>();
      const mismatches: string[] = [];
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const u = Rational.of(2n * BigInt(i) + 1n, 2n * BigInt(n));
          const v = Rational.of(2n * BigInt(j) + 1n, 2n * BigInt(n));
          const uf = u.toNumber();
          const vf = v.toNumber();
          const edge = Math.min(uf, 1 - uf, vf, 1 - vf);
          if (Math.min(edge, boundaryMargin(float, [uf, vf])) <= margin) continue;
          tested++;
          const cls = exactClass(layers, xOf(PLANE4, u, v)); // the full 4-D model
          classes.add(cls);
          const [px, py] = result.toPixel([uf, vf]);
          const got = pixel(px, py);
          if (got !== categoryColor(cls)) mismatches.push(`(${uf}, ${vf}) class ${cls}: ${got}`);
        }
      return { tested, mismatches, classes };
    };
    const { tested, mismatches, classes } = compare('pieces', 110);
    expect(tested).toBeGreaterThanOrEqual(8_000);
    expect(classes.size).toBeGreaterThanOrEqual(2);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // the test can fail: painting whole cells by their class misplaces part of the plane
    expect(compare('cells', 60).mismatches.length).toBeGreaterThan(0);
  }, 120_000);
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('data near the plane and rows of the data', () => {
  // on the plane of PLANE3: rows 0–2 are p0, p1, p2; row 3 is x(1/2, 1/2); row 4 is row 3 moved
  // by 1/10 along the normal n = (1, 1/2, −2)/|n|·… (distance exactly 1/10·|n| = 0.229…)
  const on = xOf(PLANE3, R('1/2'), R('1/2'));
  const n = [R(1), R('1/2'), R(-2)]; // ⟂ e1 = (1, 0, 1/2) and e2 = (0, 1, 1/4)
  const off = on.map((x, i) => x.add(R('1/10').mul(n[i]!)));
  const rows = [...pointsOf(PLANE3), on, off, [R('1/10'), R('9/10'), R('1/2')]];
  writeFileSync(
    join(dir, 'near.csv'),
    'a,b,c,label\n' +
      rows.map((p, i) => `${p.map((x) => x.toNumber()).join(',')},${i % 3}`).join('\n'),
  );
  writeNet('near.json', 3, [3, 5, 4, 2]);

  it('counts and draws only the points within --slice-tolerance, in plane coordinates', async () => {
    // |off − on| = |n|/10 = √(21/4)/10 ≈ 0.2291
    for (const [tolerance, expected] of [
      [undefined, 4],
      ['0.229', 5], // row 5 is 0.0218… from the plane
      ['0.23', 6],
    ] as const) {
      const result = await analyze(
        options('near.json', {
          data: 'near.csv',
          slice: 'rows:0,1,2',
          ...(tolerance !== undefined ? { sliceTolerance: tolerance } : {}),
        }),
        io,
      );
      expect(result.report.slice!.pointsNearPlane).toBe(expected);
      expect(result.report.slice!.rows).toEqual([0, 1, 2]);
      expect(result.report.data!.points).toBe(expected);
      expect(result.report.data!.inCells).toBe(expected);
      // p0, p1, p2 and x(1/2, 1/2) at their plane coordinates
      expect(result.data!.points.slice(0, 4).map((p) => p.join(','))).toEqual([
        '0,0',
        '1,0',
        '0,1',
        '1/2,1/2',
      ]);
      expect(result.data!.featureNames).toEqual(['u', 'v']);
    }
  }, 120_000);

  it('writes the SVG with the three points marked and the report verifies', async () => {
    const r = await run([
      'analyze',
      'near.json',
      '--data',
      'near.csv',
      '--slice',
      'rows:0,1,2',
      '--svg',
      'near.svg',
      '--out',
      'near-report.json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const svg = readFileSync(join(dir, 'near.svg'), 'utf8');
    for (const k of [0, 1, 2]) expect(svg).toContain(`data-mark="p${k} (row ${k})"`);
    expect(svg).toMatch(/data-axis="x"[^>]*>u</);
    expect(svg.match(/<g id="points"[\s\S]*?<\/g>/)![0].match(/data-class=/g)).toHaveLength(4);
    const v = await run(['verify', 'near-report.json', '--quiet']);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    const vm = await run([
      'verify',
      'near-report.json',
      '--model',
      'near.json',
      '--data',
      'near.csv',
      '--quiet',
    ]);
    expect(vm.stderr).toBe('');
    expect(vm.code).toBe(0);
  }, 120_000);
});

describe('slice errors before any work: exit 2 naming --slice and the fix', () => {
  writeNet('e3.json', 1, [3, 3, 2]);
  writeFileSync(join(dir, 'e3.csv'), '0,0,0\n1,1,1\n0.5,0.5,0.5\n0,0,0\n0,1,0\n');
  const cases: [string, string[], RegExp][] = [
    ['wrong dimension', ['--slice', '0,0;1,0;0,1'], /--slice needs three points with 3 coord/],
    ['not a number', ['--slice', '0,0,x;1,0,0;0,1,0'], /--slice needs three points/],
    ['coincident points', ['--slice', '0,0,0;0,0,0;0,1,0'], /--slice: p0 and p1 coincide/],
    ['collinear points', ['--slice', '0,0,0;1,1,1;2,2,2'], /--slice: .*collinear/],
    [
      'collinear rows',
      ['--data', 'e3.csv', '--slice', 'rows:0,1,2'],
      /row 0, row 1 and row 2 are collinear/,
    ],
    ['coincident rows', ['--data', 'e3.csv', '--slice', 'rows:0,3,4'], /row 0 and row 3 coincide/],
    ['rows without data', ['--slice', 'rows:0,1,2'], /needs|give --data/],
    [
      'row out of range',
      ['--data', 'e3.csv', '--slice', 'rows:0,1,9'],
      /row 9 does not exist: the data has 5 rows/,
    ],
    ['bad rows', ['--slice', 'rows:0,1'], /rows: needs three row numbers/],
    [
      'plane misses the domain',
      ['--slice', '0,0,2;1,0,2;0,1,2'],
      /--slice: the plane through p0, p1, p2 misses the domain/,
    ],
    [
      'negative tolerance',
      ['--slice', PLANE3, '--slice-tolerance', '-1'],
      /--slice-tolerance must be a distance ≥ 0/,
    ],
    ['tolerance without slice', ['--slice-tolerance', '1'], /--slice-tolerance needs --slice/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, async () => {
      const r = await run(['analyze', 'e3.json', ...args]);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toMatch(/^mlgeo: --slice(-tolerance)?: .*\(fix: .+\)\n$/);
      expect(r.code).toBe(2);
    });
  }
});

describe('trees keep the section of their full partition', () => {
  it('a 3-D tree: method "section", input coordinates, the picture marks p0, p1, p2', async () => {
    writeFileSync(
      join(dir, 'tree3.json'),
      JSON.stringify({
        format: 'mlgeo-tree',
        version: 1,
        inputDimension: 3,
        task: 'classification',
        nodes: [
          { feature: 2, threshold: '1/2', left: 1, right: 2 },
          { value: [3, 1] },
          { feature: 0, threshold: '1/4', left: 3, right: 4 },
          { value: [0, 2] },
          { value: [1, 1] },
        ],
      }),
    );
    const r = await run([
      'analyze',
      'tree3.json',
      '--slice',
      PLANE3,
      '--svg',
      'tree3.svg',
      '--out',
      'tree3-report.json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'tree3-report.json'), 'utf8')) as ReportJson;
    expect(report.model.inputDimension).toBe(3);
    expect(report.partition.cellCount).toBe(3);
    expect(report.slice).toMatchObject({ method: 'section', coordinates: 'input' });
    const svg = readFileSync(join(dir, 'tree3.svg'), 'utf8');
    expect(svg.match(/data-mark=/g)).toHaveLength(3);
    // z = 1/4 + u/2 + v/4 crosses z = 1/2 inside the square, and x = u = 1/4 splits the upper part
    expect(svg.match(/<polygon data-label=/g)).toHaveLength(3);
  });
});
