/**
 * `verifyReport` refutes tampered claims of every kind, naming the claim; the untouched report is
 * certified. The report comes from SPEC §9 B analysed in-process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Polytope } from '@mlgeo/exact-polytope';
import { analyze } from '../analyze.js';
import { hrepJson } from '../report/build.js';
import { VerificationError } from '../errors.js';
import type { ReportJson } from '../report/types.js';
import { writeSpecFiles } from '../testing/spec-models.js';
import { VerifyCache } from './cache.js';
import { ClaimCounter } from './claims.js';
import { verifyReport } from './command.js';
import { verifyPartition } from './partition.js';

let report: ReportJson;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlgeo-verify-'));
  writeSpecFiles(dir);
  const result = await analyze(
    {
      model: 'B.json',
      data: 'grid.csv',
      complex: 'adjacency',
      length: 'centroid',
      cells: 'auto',
      maxCells: 20000,
    },
    { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir },
  );
  report = JSON.parse(JSON.stringify(result.report)) as ReportJson;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests tamper with arbitrary report fields
type Tamperable = ReportJson & { complex: any };

function refute(edit: (r: Tamperable) => void): string {
  const copy = structuredClone(report) as Tamperable;
  edit(copy);
  try {
    verifyReport(copy);
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationError);
    return (error as VerificationError).message;
  }
  throw new Error('the tampered report was certified');
}

describe('verifyReport', () => {
  it('certifies the report as written', () => {
    const summary = verifyReport(report);
    expect(summary.cells).toBe(4);
    expect(summary.claims).toBeGreaterThan(100);
  });

  it('refutes a wrong cell volume with both values', () => {
    expect(
      refute((r) => {
        r.partition.cells[1]!.volume = { exact: '1/4', float: 0.25 };
      }),
    ).toBe('partition.cells[1].volume: report says 1/4, recomputed 1/8');
  });

  it('refutes a float that disagrees with its exact value', () => {
    expect(
      refute((r) => {
        (r.partition.cells[0]!.volume as { float: number }).float = 0.4;
      }),
    ).toMatch(/^partition\.cells\[0\]\.volume\.float: /);
  });

  it("refutes measures whose form disagrees with the report's measures claim", () => {
    expect(
      refute((r) => {
        r.partition.cells[1]!.volume = 0.125;
      }),
    ).toBe(
      'partition.cells[1].volume: the report says measures "exact", but this value is a float-only number',
    );
    expect(
      refute((r) => {
        r.measures = 'float';
      }),
    ).toBe('domain.volume: the report says measures "float", but this value is exact');
  });

  it('refutes a wrong centroid', () => {
    expect(
      refute((r) => {
        r.partition.cells[0]!.centroid![0] = { exact: '1/4', float: 0.25 };
      }),
    ).toBe('partition.cells[0].centroid[0]: report says 1/4, recomputed 2/9');
  });

  it('refutes an H-representation that makes cells overlap', () => {
    expect(
      refute((r) => {
        // cell 00 (x ≤ 1/2, stored as the primitive row 2x ≤ 1) extended to 4x ≤ 3: it now
        // overlaps cell 10
        const rows = r.partition.cells[0]!.hrep;
        const k = rows.A.findIndex((a) => a.join(',') === '2,0');
        expect(k).toBeGreaterThanOrEqual(0);
        rows.A[k] = ['4', '0'];
        rows.b[k] = '3';
      }),
    ).toBe('partition.cells[0].vertices: report misses the vertex (3/4, 0)');
  });

  it('refutes a missing edge and a wrong f-vector', () => {
    expect(
      refute((r) => {
        r.complex.simplices[1].pop();
      }),
    ).toMatch(/^complex\.simplices\[1\]: misses the 1-simplex \(2,3\)/);
  });

  it('refutes an edge between cells that only touch at a point', () => {
    expect(
      refute((r) => {
        r.complex.simplices[1].splice(1, 0, [0, 3]);
      }),
    ).toMatch(/^complex\.simplices\[1\]\[1\]: cells 0, 3 meet in dimension 0/);
  });

  it('refutes a wrong shared-face length and a wrong M_1', () => {
    expect(
      refute((r) => {
        r.complex.sharedFaces[1].volume = {
          exact: '1',
          r: '1',
          q: '1',
          float: 1,
          sign: 1,
          squared: '1',
        };
      }),
    ).toBe('complex.sharedFaces[1].volume: report says 1, recomputed 1/2');
    expect(
      refute((r) => {
        r.complex.metric.M1[0] = { exact: '1', r: '1', q: '1', float: 1, sign: 1, squared: '1' };
      }),
    ).toBe('complex.metric.M1[0]: report says 1, recomputed 9/34*sqrt(34)');
  });

  it('refutes a wrong angle cosine', () => {
    expect(
      refute((r) => {
        const centre = r.complex.ridges.findIndex(
          (x: { point: string[] }) => x.point.join(',') === '1/2,1/2',
        );
        const a = r.complex.ridges[centre].angles[0];
        a.cos = { exact: '0', r: '0', q: '1', float: 0, sign: 0, squared: '0' };
      }),
    ).toMatch(
      /^complex\.ridges\[\d+\]\.angles\[0\]\.cos: report says 0, recomputed -1\/2\*sqrt\(2\)$/,
    );
  });

  it('refutes data counts that do not add up and failed self-checks', () => {
    expect(
      refute((r) => {
        r.partition.cells[0]!.dataCount = 41;
      }),
    ).toBe('data.inCells: report says 100, the cells hold 101');
    expect(
      refute((r) => {
        r.checks[0]!.ok = false;
      }),
    ).toMatch(/^checks\[0\]: the report's own check ".+" failed/);
    expect(
      refute((r) => {
        r.complex.checks = [{ name: 'minkowski', ok: false, applicable: true, detail: 'Σ ≠ 0' }];
      }),
    ).toBe('complex.checks[0]: the complex\'s own check "minkowski" failed: Σ ≠ 0');
  });

  it('rejects a report of another schema version, saying what to do', () => {
    expect(
      refute((r) => {
        (r as { version: unknown }).version = 1;
      }),
    ).toBe(
      `version: report schema version 1, this mlgeo reads 4; re-run mlgeo analyze (${report.tool.command}) ` +
        'to write a version 4 report (docs/report-schema.md, "Changes")',
    );
  });

  it('refutes a complex cell that refers to a partition cell out of range or out of order', () => {
    expect(
      refute((r) => {
        r.complex.cells[3].cell = 17;
      }),
    ).toBe(
      'complex.cells[3].cell: refers to partition cell 17, but the partition has 4 cells (0 to 3)',
    );
    expect(
      refute((r) => {
        r.complex.cells[0].cell = 1;
      }),
    ).toBe(
      "complex.cells[0].cell: refers to partition cell 1, expected 0: the complex's cells are the partition's cells in order",
    );
    expect(
      refute((r) => {
        r.complex.cells[2] = { cell: 2, label: '10' };
      }),
    ).toBe(
      'complex.cells[2].label: does not follow the report schema: is not a field of this object',
    );
  });

  it('refutes a report that does not follow the schema, naming the path', () => {
    expect(
      refute((r) => {
        (r.partition as { cellCount: unknown }).cellCount = 'four';
      }),
    ).toBe('partition.cellCount: does not follow the report schema: expected integer, got string');
  });
});

describe('verifyPartition', () => {
  it('refutes overlapping cells even when each cell is consistent on its own', () => {
    const r = (x: string) => {
      const [p, q = '1'] = x.split('/');
      return { exact: x, float: Number(p) / Number(q) };
    };
    // {lo ≤ x ≤ hi, 0 ≤ y ≤ 1} as analyze writes it: primitive rows in facets() order
    const box = (lo: string, hi: string) =>
      hrepJson(
        Polytope.fromHRep(
          [
            [-1, 0],
            [0, -1],
            [1, 0],
            [0, 1],
          ],
          [lo === '0' ? '0' : `-${lo}`, '0', hi, '1'],
        ).facets(),
      );
    const report = {
      model: { inputDimension: 2, kind: 'arrangement' },
      domain: { hrep: box('0', '1'), volume: r('1') },
      predicates: 'exact',
      measures: 'exact',
      partition: {
        complete: false,
        cellCount: 2,
        volumeSum: r('5/4'),
        cells: [
          {
            index: 0,
            label: '0',
            hrep: box('0', '3/4'),
            volume: r('3/4'),
            centroid: [r('3/8'), r('1/2')],
            vertices: [
              ['0', '0'],
              ['3/4', '0'],
              ['0', '1'],
              ['3/4', '1'],
            ],
          },
          {
            index: 1,
            label: '1',
            hrep: box('1/2', '1'),
            volume: r('1/2'),
            centroid: [r('3/4'), r('1/2')],
            vertices: [
              ['1/2', '0'],
              ['1', '0'],
              ['1/2', '1'],
              ['1', '1'],
            ],
          },
        ],
      },
    } as unknown as ReportJson;
    expect(() => verifyPartition(report, new ClaimCounter(), new VerifyCache())).toThrow(
      'partition.cells[1].hrep: the interiors of cells 0 and 1 overlap',
    );
  });
});
