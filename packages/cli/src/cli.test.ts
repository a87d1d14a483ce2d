/**
 * The CLI as a user runs it: child processes of the real executable on SPEC §9 models written as
 * files, bad input files of each kind, usage errors, and `verify` on good and tampered reports.
 * Expected numbers are SPEC §9's, not our own output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPoints } from './data.js';
import { reportSchema } from './report/schema.js';
import type { ReportJson } from './report/types.js';
import { renderPartitionSvg } from './svg/render.js';
import { decodePng } from './testing/png-decode.js';
import { sceneFromReport } from './svg/scene.js';
import { validateJsonSchema } from './testing/json-schema.js';
import { verifyReport } from './verify/command.js';
import { REPO_ROOT, runMlgeo, type CliRun } from './testing/run-cli.js';
import { writeSpecFiles } from './testing/spec-models.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-'));
writeSpecFiles(dir);

const reports: Record<string, ReportJson> = {};
const runs: Record<string, CliRun> = {};

function exact(value: unknown): string {
  return (value as { exact: string }).exact;
}

beforeAll(async () => {
  // the four SPEC §9 models with the grid data, in parallel
  await Promise.all(
    ['A', 'B', 'C', 'D'].map(async (name) => {
      const run = await runMlgeo(
        [
          'analyze',
          `${name}.json`,
          '--data',
          'grid.csv',
          '--length',
          'unit',
          '--out',
          `${name}-report.json`,
          '--svg',
          `${name}.svg`,
          '--png',
          `${name}.png`,
          '--angles',
        ],
        dir,
      );
      runs[name] = run;
      if (run.code === 0)
        reports[name] = JSON.parse(readFileSync(join(dir, `${name}-report.json`), 'utf8'));
    }),
  );
}, 120_000);

describe('mlgeo analyze on SPEC §9 models', () => {
  it('A: four cells of area 1/4 with 25 points each, a 4-cycle, right angles', () => {
    expect(runs.A!.stderr).toBe('');
    expect(runs.A!.code).toBe(0);
    const r = reports.A!;
    expect(r.partition.cells.map((c) => c.label)).toEqual(['00', '01', '10', '11']);
    expect(r.partition.cells.map((c) => exact(c.volume))).toEqual(['1/4', '1/4', '1/4', '1/4']);
    expect(r.partition.cells.map((c) => c.dataCount)).toEqual([25, 25, 25, 25]);
    const complex = r.complex as {
      simplices: number[][][];
      ridges: { point: string[]; angles: { cos: { exact: string } }[] }[];
    };
    // 4-cycle 00–01–11–10–00 in cell indices 0–1, 0–2, 1–3, 2–3
    expect(complex.simplices[1]).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
    const centre = complex.ridges.find((x) => x.point.join(',') === '1/2,1/2')!;
    expect(centre.angles.map((a) => a.cos.exact)).toEqual(['0', '0', '0', '0']);
    // the summary table names the counts
    expect(runs.A!.stdout).toMatch(/cells\s+4 \(complete partition\)/);
    expect(runs.A!.stdout).toMatch(/edges\s+4/);
  });

  it('B: areas 3/8, 1/8, 1/8, 3/8, centroids, points 40/10/15/35, shared faces and angle cosines', () => {
    expect(runs.B!.code).toBe(0);
    const r = reports.B!;
    expect(r.partition.cells.map((c) => exact(c.volume))).toEqual(['3/8', '1/8', '1/8', '3/8']);
    expect(r.partition.cells.map((c) => c.centroid!.map(exact).join(','))).toEqual([
      '2/9,7/18',
      '1/3,5/6',
      '2/3,1/6',
      '7/9,11/18',
    ]);
    expect(r.partition.cells.map((c) => c.dataCount)).toEqual([40, 10, 15, 35]);
    const complex = r.complex as {
      sharedFaces: { i: number; j: number; volume: { exact: string } }[];
      ridges: { point: string[]; angles: { cell: number; cos: { exact: string } }[] }[];
    };
    const faces = Object.fromEntries(
      complex.sharedFaces.map((f) => [`${f.i}|${f.j}`, f.volume.exact]),
    );
    expect(faces).toEqual({
      '0|1': '1/2*sqrt(2)',
      '0|2': '1/2',
      '1|3': '1/2',
      '2|3': '1/2*sqrt(2)',
    });
    const centre = complex.ridges.find((x) => x.point.join(',') === '1/2,1/2')!;
    const cos = Object.fromEntries(centre.angles.map((a) => [a.cell, a.cos.exact]));
    expect(cos).toEqual({
      0: '-1/2*sqrt(2)',
      1: '1/2*sqrt(2)',
      2: '1/2*sqrt(2)',
      3: '-1/2*sqrt(2)',
    });
  });

  it('C: tree leaves 1, 3, 4 with areas 1/2, 1/4, 1/4 and a T-junction triangle', () => {
    expect(runs.C!.code).toBe(0);
    const r = reports.C!;
    expect(r.partition.cells.map((c) => c.label)).toEqual(['1', '3', '4']);
    expect(r.partition.cells.map((c) => exact(c.volume))).toEqual(['1/2', '1/4', '1/4']);
    expect(r.partition.cells.map((c) => c.dataCount)).toEqual([50, 25, 25]);
    const complex = r.complex as { fVector: number[]; eulerCharacteristic: number };
    expect(complex.fVector).toEqual([3, 3, 1]);
    expect(complex.eulerCharacteristic).toBe(1);
    expect(runs.C!.stdout).toMatch(/triangles\s+1/);
  });

  it('D: MLP cells 010, 011, 110, 111 with areas 3/8, 1/8, 1/4, 1/4 and the output maps', () => {
    expect(runs.D!.code).toBe(0);
    const r = reports.D!;
    expect(r.partition.cells.map((c) => c.label)).toEqual(['010', '011', '110', '111']);
    expect(r.partition.cells.map((c) => exact(c.volume))).toEqual(['3/8', '1/8', '1/4', '1/4']);
    expect(r.partition.cells.map((c) => c.centroid!.map(exact).join(','))).toEqual([
      '1/4,3/8',
      '1/4,7/8',
      '17/24,13/48',
      '19/24,35/48',
    ]);
    // SPEC §9 D: output −1/8 on 010 and 110, y − 7/8 on 011, x + y − 11/8 on 111
    expect(r.partition.cells.map((c) => `${c.output!.A[0]!.join(',')}|${c.output!.c[0]}`)).toEqual([
      '0,0|-1/8',
      '0,1|-7/8',
      '0,0|-1/8',
      '1,1|-11/8',
    ]);
    expect(r.model.architecture).toEqual([2, 2, 1, 1]);
  });

  it('writes reports that follow the report schema and docs/report.schema.json', () => {
    const published = JSON.parse(readFileSync(join(REPO_ROOT, 'docs/report.schema.json'), 'utf8'));
    for (const name of ['A', 'B', 'C', 'D']) {
      const parsed = reportSchema.safeParse(reports[name]);
      expect(parsed.error?.issues, name).toBeUndefined();
      expect(parsed.data, name).toEqual(reports[name]);
      expect(validateJsonSchema(published, reports[name]), name).toEqual([]);
    }
  });

  it('--float gives the same cells and adjacency as exact, with float measures', async () => {
    const run = await runMlgeo(['analyze', 'B.json', '--float', '--json'], dir);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as ReportJson; // --json: stdout is the report and nothing else
    expect(r.predicates).toBe('filtered');
    expect(r.measures).toBe('float');
    expect(reports.B!.predicates).toBe('exact');
    expect(reports.B!.measures).toBe('exact');
    expect(r.partition.cells.map((c) => c.hrep)).toEqual(
      reports.B!.partition.cells.map((c) => c.hrep),
    );
    expect((r.complex as { simplices: unknown }).simplices).toEqual(
      (reports.B!.complex as { simplices: unknown }).simplices,
    );
    const volumes = r.partition.cells.map((c) => c.volume as number);
    [3 / 8, 1 / 8, 1 / 8, 3 / 8].forEach((v, i) => expect(volumes[i]).toBeCloseTo(v, 12));
    // the float report is certified too: its measures are float-only numbers, as it says
    expect(verifyReport(r).cells).toBe(4);
  });

  it('analyses a 3-D arrangement: slice picture, volumes, angles, verified report', async () => {
    const model = {
      format: 'mlgeo-arrangement',
      version: 1,
      hyperplanes: [
        { w: [1, 0, 0], c: '-1/2' },
        { w: [0, 0, 1], c: '-1/3' },
        { w: [1, 1, 1], c: '-3/2' },
      ],
    };
    writeFileSync(join(dir, 'cube.json'), JSON.stringify(model));
    const run = await runMlgeo(
      [
        'analyze',
        'cube.json',
        '--svg',
        'cube.svg',
        '--slice',
        '0,0.5,0;1,0.5,0;0,0.5,1',
        '--out',
        'cube-report.json',
        '--quiet',
      ],
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // three planes in general position through (1/2, 2/3, 1/3) cut the cube into 8 cells; the
    // plane y = 1/2 misses cell 001 (x < 1/2, z < 1/3 and x + y + z > 3/2 force y > 2/3), so the
    // arrangement restricted to that plane has the other 7 (--slice partitions the plane itself)
    const svg = readFileSync(join(dir, 'cube.svg'), 'utf8');
    expect(svg.match(/<polygon data-label=/g)).toHaveLength(7);
    expect(svg).not.toContain('data-label="001"');
    const report = JSON.parse(readFileSync(join(dir, 'cube-report.json'), 'utf8')) as ReportJson;
    expect(report.partition.cellCount).toBe(7);
    expect(report.partition.cells.map((c) => c.label)).not.toContain('001');
    expect(report.slice?.method).toBe('restricted');
    expect(report.checks.filter((c) => c.applicable).every((c) => c.ok)).toBe(true);
    const verified = await runMlgeo(['verify', 'cube-report.json'], dir);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const missing = await runMlgeo(['analyze', 'cube.json', '--svg', 'cube.svg'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--slice/);
  });

  it('writes SVG pictures whose rasterised cells have their own colours (SPEC §9 B)', () => {
    const svg = readFileSync(join(dir, 'B.svg'), 'utf8');
    expect(svg.match(/<polygon data-label=/g)).toHaveLength(4);
    expect(svg).toContain('<g id="angles"');
    // the same scene rendered here gives the pixel positions of points of the plane
    const data = readPoints(readFileSync(join(dir, 'grid.csv'), 'utf8'), 'grid.csv', 2);
    const again = renderPartitionSvg(sceneFromReport(reports.B!, { points: data, angles: true }));
    expect(again.svg).toBe(svg);
    const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    const colour = (p: number[]) => {
      const [x, y] = again.toPixel(p).map(Math.round) as [number, number];
      const i = (y * image.width + x) * 4;
      return (
        '#' + [0, 1, 2].map((k) => image.pixels[i + k]!.toString(16).padStart(2, '0')).join('')
      );
    };
    // interior points away from data points, centre dots and edges
    const inside: Record<string, number[]> = {
      '00': [0.02, 0.3],
      '01': [0.3, 0.98],
      '10': [0.9, 0.03],
      '11': [0.98, 0.6],
    };
    for (const [label, p] of Object.entries(inside))
      expect(colour(p), label).toBe(again.fills.get(label));
    expect(new Set(again.fills.values()).size).toBe(4);
  });

  it('--png writes the same picture rasterised: the SVG size, the cell fills inside the cells', () => {
    const svg = readFileSync(join(dir, 'B.svg'), 'utf8');
    const png = decodePng(readFileSync(join(dir, 'B.png')));
    const size = svg.match(/<svg [^>]*width="(\d+)" height="(\d+)"/)!;
    expect([png.width, png.height]).toEqual([Number(size[1]), Number(size[2])]);
    const data = readPoints(readFileSync(join(dir, 'grid.csv'), 'utf8'), 'grid.csv', 2);
    const again = renderPartitionSvg(sceneFromReport(reports.B!, { points: data, angles: true }));
    const colour = (p: number[]) => {
      const [x, y] = again.toPixel(p).map(Math.round) as [number, number];
      const i = (y * png.width + x) * 4;
      return '#' + [0, 1, 2].map((k) => png.pixels[i + k]!.toString(16).padStart(2, '0')).join('');
    };
    const inside: Record<string, number[]> = {
      '00': [0.02, 0.3],
      '01': [0.3, 0.98],
      '10': [0.9, 0.03],
      '11': [0.98, 0.6],
    };
    for (const [label, p] of Object.entries(inside)) {
      expect(svg).toContain(`data-label="${label}"`);
      expect(colour(p), label).toBe(again.fills.get(label));
    }
    expect(runs.B!.stdout).toContain('B.png');
  });

  it('titles the picture by the model name and names the axes by the CSV header (x,y)', () => {
    const svg = readFileSync(join(dir, 'B.svg'), 'utf8');
    expect(svg).toContain('>B: 4 cells</text>');
    expect(svg).not.toContain(dir);
    expect(svg).toMatch(/data-axis="x"[^>]*>x</);
    expect(svg).toMatch(/data-axis="y"[^>]*>y</);
  });

  it('draws the adjacency graph only with --graph', async () => {
    expect(readFileSync(join(dir, 'B.svg'), 'utf8')).not.toContain('<g id="adjacency"');
    const run = await runMlgeo(['analyze', 'B.json', '--svg', 'B-graph.svg', '--graph'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const svg = readFileSync(join(dir, 'B-graph.svg'), 'utf8');
    // B's complex is a 4-cycle: four edges between the cell centres
    expect(svg).toContain('<g id="adjacency"');
    expect(svg.match(/<g id="adjacency"[^>]*>([\s\S]*?)<\/g>/)![1]!.match(/<line /g)).toHaveLength(
      4,
    );
    expect(svg).not.toContain('<g id="angles"');
  });
});

describe('mlgeo verify', () => {
  it('certifies a good report (exit 0)', async () => {
    const run = await runMlgeo(['verify', 'B-report.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/verified \d+ claims about 4 cells/);
  });

  it('names the first claim a tampered report gets wrong (exit 1)', async () => {
    const tampered = structuredClone(reports.A!);
    tampered.partition.cells[3]!.volume = { exact: '1/8', float: 0.125 };
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const run = await runMlgeo(['verify', 'tampered.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'mlgeo: tampered.json: partition.cells[3].volume: report says 1/8, recomputed 1/4',
    );
  });
});

const { onnx } = onnxProto;

/** A 2-input ONNX graph with a Sigmoid node (not piecewise linear). */
function onnxWithSigmoid(): Uint8Array {
  const f32 = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);
  const model = {
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'g',
      input: [
        {
          name: 'x',
          type: {
            tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 2 }] } },
          },
        },
      ],
      output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
      initializer: [
        { name: 'W', dims: [2, 2], dataType: 1, rawData: f32([1, 0, 0, 1]) },
        { name: 'b', dims: [2], dataType: 1, rawData: f32([0, 0]) },
      ],
      node: [
        { opType: 'Gemm', input: ['x', 'W', 'b'], output: ['h'], name: 'dense' },
        { opType: 'Sigmoid', input: ['h'], output: ['y'], name: 'squash' },
      ],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

describe.concurrent('bad input files: exit 1 with one line naming file, field and fix', () => {
  const bad: Record<string, string | Uint8Array> = {
    'malformed.json': '{"format": "mlgeo-mlp", "version": 1, "layers": [',
    'nan.json': JSON.stringify({
      format: 'mlgeo-mlp',
      version: 1,
      layers: [
        { weights: [[1, 'NaN']], bias: [0] },
        { weights: [[1]], bias: [0] },
      ],
    }),
    'shapes.json': JSON.stringify({
      format: 'mlgeo-mlp',
      version: 1,
      layers: [
        {
          weights: [
            [1, 0],
            [0, 1],
          ],
          bias: [0, 0],
        },
        { weights: [[1, 1, 1]], bias: [0] },
      ],
    }),
    'sigmoid.onnx': onnxWithSigmoid(),
  };
  const expected: Record<string, RegExp> = {
    'malformed.json': /^mlgeo: malformed\.json: \(root\): not valid JSON.*\(fix: .+\)$/,
    'nan.json': /^mlgeo: nan\.json: layers\[0\]\.weights\[0\]\[1\]: .*\(fix: .+\)$/,
    'shapes.json': /^mlgeo: shapes\.json: layers\[1\]\.weights.*\(fix: .+\)$/,
    'sigmoid.onnx': /^mlgeo: sigmoid\.onnx: .*Sigmoid.*\(fix: .+\)$/,
  };
  for (const [file, content] of Object.entries(bad)) writeFileSync(join(dir, file), content);
  for (const file of Object.keys(bad)) {
    it(file, async () => {
      const run = await runMlgeo(['analyze', file], dir);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(expected[file]!);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe.concurrent('usage errors: exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing model argument', ['analyze'], /missing required argument 'model'/],
    ['unknown option', ['analyze', 'A.json', '--colour'], /unknown option '--colour'/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, async () => {
      const run = await runMlgeo(args, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(pattern);
    });
  }

  for (const args of [['--help'], ['analyze', '--help']]) {
    it(`mlgeo ${args.join(' ')} shows an example and exits 0`, async () => {
      const run = await runMlgeo(args, dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Examples:\n\s+\$ mlgeo /);
    });
  }
});
