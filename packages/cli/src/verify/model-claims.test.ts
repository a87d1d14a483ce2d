/**
 * `mlgeo verify --model [--data]` through the command line (in-process `runCli`): the claim
 * families of issue 10, finding 3, each tampered once and refuted with the claim named; the
 * finding 4 reproducer (a 1e-9 angle) verified; what verify does not check without the model listed.
 * Reports are written by `mlgeo analyze --out` from model files in a temporary directory.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import type { ReportJson } from '../report/types.js';
import { TWO_OUTPUT_MLP, writeSpecFiles } from '../testing/spec-models.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-verify-model-'));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stderrIsTTY: false,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const MODELS = {
  // issue 10, finding 4: two lines at an angle of 1e-9 (arccos of its exact cosine rounds to 0)
  'thin.json': {
    format: 'mlgeo-arrangement',
    version: 1,
    hyperplanes: [
      { w: [0, 1], c: '-1/2' },
      { w: ['-1/1000000000', 1], c: '-999999999/2000000000' },
    ],
  },
  'net.json': TWO_OUTPUT_MLP,
  'space.json': {
    format: 'mlgeo-arrangement',
    version: 1,
    hyperplanes: [
      { w: [1, 0, 0], c: '-1/2' },
      { w: [1, 1, 1], c: -1 },
      { w: [0, 1, -1], c: '-1/4' },
    ],
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests tamper with arbitrary fields
type Tamperable = ReportJson & { complex: any };

const reports = new Map<string, ReportJson>();
let serial = 0;

const TREE_NODES = [
  { feature: 0, threshold: '1/2', left: 1, right: 2 },
  { value: [3, 1] },
  { feature: 1, threshold: 0.25, left: 3, right: 4 },
  { value: [0, 2] },
  { value: [1, 1] },
];

/** More model kinds and formats, for the no-false-refutation sweep. */
const MORE_MODELS = {
  'voronoi.json': {
    format: 'mlgeo-voronoi',
    version: 1,
    sites: [
      [0, 0],
      ['1/2', 1],
      [1, '1/3'],
      ['1/2', '1/2'],
    ],
  },
  'linear.json': {
    format: 'mlgeo-linear',
    version: 1,
    weights: [
      [1, 0],
      [0, 1],
      [-1, -1],
    ],
    bias: [0, 0, '1/2'],
  },
  'forest.json': {
    format: 'mlgeo-forest',
    version: 1,
    inputDimension: 2,
    aggregate: 'sum',
    trees: [
      { nodes: TREE_NODES },
      {
        nodes: [
          { feature: 1, threshold: '1/2', left: 1, right: 2 },
          { value: [1, 0] },
          { value: [0, 1] },
        ],
      },
    ],
  },
};

beforeAll(async () => {
  writeSpecFiles(dir);
  for (const [file, model] of Object.entries({ ...MODELS, ...MORE_MODELS }))
    writeFileSync(join(dir, file), JSON.stringify(model));
  copyFileSync(
    fileURLToPath(new URL('../../../model-readers/src/fixtures/mlp-gemm.onnx', import.meta.url)),
    join(dir, 'gemm.onnx'),
  );
  for (const [model, data] of [
    ['thin.json', undefined],
    ['net.json', 'grid.csv'],
    ['space.json', undefined],
    ['B.json', 'grid.csv'],
  ] as const) {
    const out = `${model}.report.json`;
    const args = ['analyze', model, '--out', out, '--quiet'];
    if (data !== undefined) args.push('--data', data);
    const r = await run(args);
    expect(r.code, r.stderr).toBe(0);
    reports.set(model, JSON.parse(readFileSync(join(dir, out), 'utf8')) as ReportJson);
  }
}, 60_000);

/** Writes a tampered copy of the report of `model` and runs verify on it with `extra` options. */
async function verifyEdited(
  model: string,
  edit: (r: Tamperable) => void,
  extra: string[] = ['--model', model],
) {
  const copy = structuredClone(reports.get(model)!) as Tamperable;
  edit(copy);
  const file = `edited-${++serial}.json`;
  writeFileSync(join(dir, file), JSON.stringify(copy, null, 2));
  return { file, ...(await run(['verify', file, ...extra])) };
}

/** The refutation message (after "mlgeo: <file>: "), or a failure when verify accepted. */
async function refute(model: string, edit: (r: Tamperable) => void, extra?: string[]) {
  const r = await verifyEdited(model, edit, extra);
  expect(r.code, `accepted: ${r.stdout}`).toBe(1);
  expect(r.stderr.startsWith(`mlgeo: ${r.file}: `)).toBe(true);
  return r.stderr.slice(`mlgeo: ${r.file}: `.length).trim();
}

describe('verify of reports as written', () => {
  it('finding 4: the 1e-9 angle verifies (atan2 form, as analyze computes it)', async () => {
    const report = reports.get('thin.json')!;
    const angles = report.complex!.ridges!.flatMap((r) => r.angles.map((a) => a.angle));
    const tiny = angles.filter((a) => a > 0 && a < 1e-8);
    expect(tiny.length).toBeGreaterThan(0);
    // the angle between the lines: atan(1e-9) = 1e-9 − 3.3e-28
    for (const a of tiny) expect(Math.abs(a - 1e-9)).toBeLessThan(1e-20);
    const r = await run(['verify', 'thin.json.report.json', '--model', 'thin.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/all hold exactly\n$/);
  });

  it('verifies every report with its model and data, listing nothing as unchecked', async () => {
    for (const [model, data] of [
      ['net.json', 'grid.csv'],
      ['space.json', undefined],
      ['B.json', 'grid.csv'],
    ] as const) {
      const args = ['verify', `${model}.report.json`, '--model', model];
      if (data !== undefined) args.push('--data', data);
      const r = await run(args);
      expect(r.stderr, model).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/not checked/);
    }
  });

  it('verifies honest reports of every model kind, an ONNX file, and every analyze option', async () => {
    const runs: [string, string[]][] = [
      ['voronoi.json', ['--data', 'grid.csv']],
      ['linear.json', []],
      ['forest.json', ['--data', 'grid.csv', '--cells', 'data']],
      ['gemm.onnx', []],
      ['C.json', ['--complex', 'nerve']],
      ['D.json', ['--float']],
      ['B.json', ['--data', 'grid.csv', '--length', 'density', '--alpha', '1/3']],
      ['B.json', ['--length', 'unit', '--max-dim', '1']],
    ];
    for (const [model, options] of runs) {
      const out = `sweep-${++serial}.json`;
      const analyzed = await run(['analyze', model, ...options, '--out', out, '--quiet']);
      expect(analyzed.code, analyzed.stderr).toBe(0);
      const data = options.includes('--data') ? ['--data', 'grid.csv'] : [];
      const r = await run(['verify', out, '--model', model, ...data]);
      expect(r.stderr, `${model} ${options.join(' ')}`).toBe('');
      expect(r.code).toBe(0);
    }
  }, 60_000);

  it('without --model (--data), lists each unchecked claim family on its own line', async () => {
    const bare = await run(['verify', 'net.json.report.json']);
    expect(bare.code).toBe(0);
    const lines = bare.stdout.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      '  - model.sha256, model.format, model.kind, model.inputDimension, model.architecture',
      '  - partition.cells[*].label and hrep',
      '  - partition.cells[*].output',
      '  - partition.cells[*].prediction and predictedClass',
      '  - partition.cells[*].dataCount, data.points, data.inCells, data.outside',
    ]);
    const noData = await run(['verify', 'net.json.report.json', '--model', 'net.json']);
    expect(noData.stdout.match(/^ {2}- .*$/gm)).toEqual([
      expect.stringMatching(/^ {2}- partition\.cells\[\*\]\.dataCount, .*give --model and --data/),
    ]);
  });

  it('--data without --model is a usage error', async () => {
    const r = await run(['verify', 'net.json.report.json', '--data', 'grid.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--data needs --model/);
  });
});

describe('verify --model refutes claims only the model can confirm', () => {
  it('a changed sha256 or format', async () => {
    expect(
      await refute('net.json', (r) => {
        r.model.sha256 = '0'.repeat(64);
      }),
    ).toMatch(/^model\.sha256: report says "0{64}", the model file gives "[0-9a-f]{64}"$/);
    expect(
      await refute('net.json', (r) => {
        r.model.format = 'onnx';
      }),
    ).toBe('model.format: report says "onnx", the model file gives "mlgeo-mlp"');
  });

  it('every cell relabelled class 1, a changed prediction, a changed output map', async () => {
    const report = reports.get('net.json')!;
    const k = report.partition.cells.findIndex((c) => c.predictedClass === 0);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(
      await refute('net.json', (r) => {
        for (const c of r.partition.cells) c.predictedClass = 1;
      }),
    ).toBe(`partition.cells[${k}].predictedClass: report says 1, the model's class is 0`);
    expect(
      await refute('net.json', (r) => {
        (r.partition.cells[0]!.prediction as number[])[0]! += 1;
      }),
    ).toMatch(/^partition\.cells\[0\]\.prediction: report says .*\(at the exact centroid\)$/);
    expect(
      await refute('net.json', (r) => {
        r.partition.cells[1]!.output!.c[0] = '7';
      }),
    ).toMatch(/^partition\.cells\[1\]\.output: report says/);
  });

  it("a cell whose label is not the model's label of its interior", async () => {
    // swap the H-representations (and measures) of two cells: each is a true cell of the
    // arrangement, but under the other's label
    const message = await refute('B.json', (r) => {
      const [a, b] = [r.partition.cells[0]!, r.partition.cells[1]!];
      [a.hrep, b.hrep] = [b.hrep, a.hrep];
      [a.volume, b.volume] = [b.volume, a.volume];
      [a.centroid, b.centroid] = [b.centroid, a.centroid];
      [a.vertices, b.vertices] = [b.vertices, a.vertices];
    });
    expect(message).toMatch(
      /^partition\.cells\[0\]\.label: report says "00", the model labels the cell's centroid "\d+"$/,
    );
  });

  it('one data point moved between cells (sums kept), refuted only with --data', async () => {
    const move = (r: Tamperable) => {
      r.partition.cells[0]!.dataCount! -= 1;
      r.partition.cells[1]!.dataCount! += 1;
    };
    expect(await refute('B.json', move, ['--model', 'B.json', '--data', 'grid.csv'])).toMatch(
      /^partition\.cells\[0\]\.dataCount: report says \d+, \d+ data points lie in the cell \(SPEC §2 ties\)$/,
    );
    const unchecked = await verifyEdited('B.json', move, ['--model', 'B.json']);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toMatch(/not checked:\n {2}- partition\.cells\[\*\]\.dataCount/);
  });
});

describe('verify refutes every claim family of finding 3 (with or without the model)', () => {
  it('ridges: vertices, location, expectedCos, facets; a missing ridge in 3-D', async () => {
    expect(
      await refute('space.json', (r) => {
        r.complex.ridges[0].vertices[1] = r.complex.ridges[0].vertices[0];
      }),
    ).toMatch(
      /^complex\.ridges\[0\]\.vertices: report (misses the vertex|lists .* more than once)/,
    );
    expect(
      await refute('space.json', (r) => {
        const ridge = r.complex.ridges.find(
          (x: { location: string }) => x.location === 'boundary-ridge',
        );
        ridge.location = 'boundary-facet';
      }),
    ).toMatch(/\.location: report says boundary-facet, recomputed boundary-ridge$/);
    expect(
      await refute('space.json', (r) => {
        const ridge = r.complex.ridges.find((x: { location: string }) => x.location === 'interior');
        ridge.expectedCos = { exact: '-1', r: '-1', q: '1', float: -1, sign: -1, squared: '1' };
      }),
    ).toMatch(/\.expectedCos: report says -1, recomputed 1$/);
    expect(
      await refute('space.json', (r) => {
        const angle = r.complex.ridges
          .flatMap((x: { angles: { kind: string }[] }) => x.angles)
          .find((a: { kind: string }) => a.kind === 'ridge');
        angle.facets = [...angle.facets].reverse();
      }),
    ).toMatch(/\.facets: report says \[\d+,\d+\], recomputed \[\d+,\d+\]$/);
    expect(
      await refute('space.json', (r) => {
        r.complex.ridges.splice(3, 1);
      }),
    ).toMatch(/^complex\.ridges: misses the ridge at \(.*\): report lists \d+, recomputed \d+$/);
  });

  it('M0, M1, edgeLengths and intersections truncated or padded', async () => {
    expect(
      await refute('B.json', (r) => {
        r.complex.metric.M0.pop();
      }),
    ).toBe('complex.metric.M0: report lists 3 entries, expected 4 (one per cell)');
    expect(
      await refute('B.json', (r) => {
        r.complex.metric.M1.push(r.complex.metric.M1[0]);
      }),
    ).toBe('complex.metric.M1: report lists 5 entries, expected 4 (one per edge)');
    expect(
      await refute('B.json', (r) => {
        r.complex.metric.edgeLengths.push(r.complex.metric.edgeLengths[0]);
      }),
    ).toBe('complex.metric.edgeLengths: report lists 5 entries, expected 4 (one per edge)');
    expect(
      await refute('B.json', (r) => {
        r.complex.intersections[1].pop();
      }),
    ).toBe('complex.intersections[1]: report lists 3 entries, expected 4 (one per 1-simplex)');
    // M_0 and M_1 are written once (M0, M1): a list in M[0] or M[1] is refuted
    expect(
      await refute('B.json', (r) => {
        r.complex.metric.M[0] = r.complex.metric.M1;
      }),
    ).toMatch(
      /^complex\.metric\.M\[0\]: is M0 \(written once, as complex\.metric\.M0\): expected null$/,
    );
    expect(
      await refute('B.json', (r) => {
        r.complex.metric.M[1] = r.complex.metric.M1;
      }),
    ).toMatch(
      /^complex\.metric\.M\[1\]: is M1 \(written once, as complex\.metric\.M1\): expected null$/,
    );
  });

  it('checks: ok false, an empty list', async () => {
    expect(
      await refute('B.json', (r) => {
        r.checks[1]!.ok = false;
      }),
    ).toMatch(/^checks\[1\]: the report's own check ".+" failed/);
    expect(
      await refute('B.json', (r) => {
        r.checks = [];
      }),
    ).toMatch(/^checks: report lists 0 self-checks, recomputed \d+$/);
  });

  it('a shared face with a vertex replaced by a duplicate of the other', async () => {
    expect(
      await refute('B.json', (r) => {
        const face = r.complex.sharedFaces[0];
        face.vertices[1] = face.vertices[0];
      }),
    ).toMatch(/^complex\.sharedFaces\[0\]\.vertices: report misses the vertex \(.*\)$/);
  });

  it('truncated, maxDimension, partition.mode, complete, cellCount', async () => {
    expect(
      await refute('B.json', (r) => {
        r.complex.truncated = true;
      }),
    ).toBe('complex.truncated: report says true, recomputed false');
    expect(
      await refute('B.json', (r) => {
        r.complex.maxDimension = 1;
      }),
    ).toMatch(/^complex\.maxDimension: report says 1, recomputed 2$|^complex\.simplices/);
    expect(
      await refute('B.json', (r) => {
        r.partition.mode = 'data';
      }),
    ).toBe(
      'partition.complete: partition.mode "data" builds a partial partition: complete must be false',
    );
    expect(
      await refute('B.json', (r) => {
        r.partition.cellCount = 5;
      }),
    ).toBe('partition.cellCount: report says 5, the list has 4 cells');
  });

  it('duplicate and out-of-order labels, without the model', async () => {
    expect(
      await refute(
        'B.json',
        (r) => {
          r.partition.cells[1]!.label = r.partition.cells[0]!.label;
        },
        [],
      ),
    ).toBe(
      'partition.cells[1].label: the label "00" is also the label of cell 0: labels name cells once',
    );
    expect(
      await refute(
        'B.json',
        (r) => {
          const [a, b] = [r.partition.cells[1]!, r.partition.cells[2]!];
          [a.label, b.label] = [b.label, a.label];
        },
        [],
      ),
    ).toMatch(
      /^partition\.cells\[2\]\.label: ".+" comes before ".+" \(cell 1\) in SPEC §2 cell order/,
    );
  });

  it('a malformed H-representation names the file and the JSON field', async () => {
    const r = await verifyEdited(
      'B.json',
      (x) => {
        x.partition.cells[2]!.hrep.A[1] = ['1', '0', '0'];
      },
      [],
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `mlgeo: ${r.file}: partition.cells[2].hrep.A[1]: a row must have 2 entries (one per input), found 3\n`,
    );
    const short = await verifyEdited(
      'B.json',
      (x) => {
        x.domain.hrep.b.pop();
      },
      [],
    );
    expect(short.stderr).toBe(
      `mlgeo: ${short.file}: domain.hrep.b: A has 4 rows but b has 3 entries: one right-hand side per row\n`,
    );
  });
});
