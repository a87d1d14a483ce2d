/**
 * The zod report schema is the one source: docs/report.schema.json is generated from it, the
 * complex part is exactly riemannian-complex's `ComplexJson` (checked by the compiler), the report
 * `npm start` writes validates and round-trips, and problems are named by their JSON path.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult, ComplexJson } from '@mlgeo/riemannian-complex';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { runCli } from '../cli.js';
import { validateJsonSchema } from '../testing/json-schema.js';
import { REPO_ROOT } from '../testing/run-cli.js';
import {
  REPORT_VERSION,
  checkSchema,
  complexSchema,
  reportJsonSchema,
  reportProblem,
  reportSchema,
} from './schema.js';
import type { ReportJson } from './types.js';

const published = () =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'docs/report.schema.json'), 'utf8')) as Record<
    string,
    unknown
  >;

describe('docs/report.schema.json', () => {
  it('is z.toJSONSchema of the zod schema (regenerate with packages/cli/src/report/write-schema.ts)', () => {
    expect(published()).toEqual(reportJsonSchema());
    expect(published()['$id']).toBe(`urn:mlgeo:report-schema:${REPORT_VERSION}`);
  });

  it('only uses keywords the test validator implements', () => {
    expect(() => validateJsonSchema(published(), {})).not.toThrow();
  });
});

describe('the complex part', () => {
  it('is exactly ComplexJson of @mlgeo/riemannian-complex, checks included (type level)', () => {
    expectTypeOf<z.infer<typeof complexSchema>>().toEqualTypeOf<ComplexJson>();
    expectTypeOf<z.infer<typeof checkSchema>>().toEqualTypeOf<CheckResult>();
    expectTypeOf<ReportJson['complex']>().toEqualTypeOf<ComplexJson | null>();
  });
});

describe('the npm start report', () => {
  let report: ReportJson;

  beforeAll(async () => {
    // the `start` script's analyze arguments, written to a temporary directory instead of out/
    const start = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: { start: string };
      }
    ).scripts.start.split(/\s+/);
    const args: string[] = [];
    for (let i = start.indexOf('analyze'); i < start.length; i++) {
      if (start[i] === '--out' || start[i] === '--svg') i++;
      else args.push(start[i]!);
    }
    const out = join(mkdtempSync(join(tmpdir(), 'mlgeo-schema-')), 'report.json');
    const errors: string[] = [];
    const code = await runCli([...args, '--out', out, '--quiet'], {
      stdout: () => {},
      stderr: (s) => void errors.push(s),
      stderrIsTTY: false,
      cwd: REPO_ROOT, // the script's paths are relative to the repository root
    });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
  }, 120_000);

  it('validates and round-trips: parse(JSON) is the report itself', () => {
    const parsed = reportSchema.safeParse(report);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data).toEqual(report);
    expect(JSON.parse(JSON.stringify(parsed.data))).toEqual(report);
    expect(validateJsonSchema(published(), report)).toEqual([]);
  });

  it('states predicates and measures, references cells by index, one check shape', () => {
    expect([report.version, report.predicates, report.measures]).toEqual([4, 'exact', 'exact']);
    expect(report.complex!.version).toBe('3');
    expect(report.complex!.cells).toEqual(report.partition.cells.map((_, i) => ({ cell: i })));
    // the self-checks are listed once, in the report's own `checks`
    expect(report.complex!.checks).toBeNull();
    expect(report.checks.map((c) => Object.keys(c).sort())).toEqual(
      report.checks.map(() => ['applicable', 'detail', 'name', 'ok']),
    );
  });

  it('names the JSON path of the first problem', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests tamper with arbitrary report fields
    type Loose = Record<string, any>;
    const problem = (edit: (r: Loose) => void) => {
      const copy = structuredClone(report) as unknown as Loose;
      edit(copy);
      const parsed = reportSchema.safeParse(copy);
      expect(parsed.success).toBe(false);
      return reportProblem(parsed.error!, copy);
    };
    expect(problem((r) => (r.partition.cells[2].index = 'two'))).toEqual({
      path: 'partition.cells[2].index',
      message: 'expected integer, got string',
    });
    expect(problem((r) => (r.partition.cells[1].volume = { exact: '1/x', float: 1 }))).toEqual({
      path: 'partition.cells[1].volume.exact',
      message: 'Invalid string: must match pattern /^-?\\d+(\\/\\d+)?$/',
    });
    expect(problem((r) => (r.complex.metric.M1[0] = true))).toEqual({
      path: 'complex.metric.M1[0]',
      message: 'expected object or number or null, got boolean',
    });
    expect(problem((r) => (r.measures = 'rational'))).toEqual({
      path: 'measures',
      message: 'expected one of "exact", "float"',
    });
    expect(problem((r) => (r.complex.cells[0].label = '0000'))).toEqual({
      path: 'complex.cells[0].label',
      message: 'is not a field of this object',
    });
    expect(problem((r) => delete r.checks[0].name)).toEqual({
      path: 'checks[0].name',
      message: 'is missing',
    });
  });
});
