/**
 * The report of an LP-tier run (partition.geometry "lp"): the same top-level shape as
 * report/build.ts, with cells that carry their certified facets (exact H-representation), counts
 * and output maps but no volume or centroid, the volume-free data complex, and the `lp` block.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { ComplexJson } from '@mlgeo/riemannian-complex';
import { hrepJson, type ReportInput } from '../report/build.js';
import { reportDataJson, reportModelJson } from '../report/report-json.js';
import { REPORT_SCHEMA, REPORT_VERSION, type CellJson, type ReportJson } from '../report/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

/** The box [lo, hi] of an H-representation whose rows are ±e_k ≤ b, one lower and one upper each. */
export function boxOf(
  A: readonly (readonly Rational[])[],
  b: readonly Rational[],
): { lo: Rational[]; hi: Rational[] } | undefined {
  const d = A[0]?.length ?? 0;
  const lo: (Rational | undefined)[] = new Array(d).fill(undefined);
  const hi: (Rational | undefined)[] = new Array(d).fill(undefined);
  for (let i = 0; i < A.length; i++) {
    const nz = A[i]!.flatMap((v, k) => (v.isZero() ? [] : [k]));
    if (nz.length !== 1) return undefined;
    const k = nz[0]!;
    const bound = b[i]!.div(A[i]![k]!);
    if (A[i]![k]!.sign() > 0) {
      if (hi[k] !== undefined) return undefined;
      hi[k] = bound;
    } else {
      if (lo[k] !== undefined) return undefined;
      lo[k] = bound;
    }
  }
  if (lo.some((x) => x === undefined) || hi.some((x) => x === undefined)) return undefined;
  return { lo: lo as Rational[], hi: hi as Rational[] };
}

/** Builds an LP-tier report. */
export function buildLpReport(
  input: Omit<ReportInput, 'complex'> & {
    complex: ComplexJson;
    cells: CellJson[];
    lp: NonNullable<ReportJson['lp']>;
    /** `--shard i/n`: the shard block (the report holds that shard's cells only). */
    shard?: ReportJson['shard'];
  },
): ReportJson {
  const { partition } = input;
  const started = performance.now();
  const box = boxOf(input.domain.A, input.domain.b);
  const volume = box
    ? input.measures === 'exact'
      ? box.lo.reduce((v, l, k) => v.mul(box.hi[k]!.sub(l)), Rational.ONE).toJSON()
      : box.lo.reduce((v, l, k) => v * box.hi[k]!.sub(l).toNumber(), 1)
    : undefined;
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, command: input.command },
    model: reportModelJson(input),
    domain: {
      hrep: hrepJson(input.domain.A.map((a, i) => ({ a, b: input.domain.b[i]! }))),
      ...(volume !== undefined ? { volume } : {}),
      description: input.domain.description,
    },
    predicates: input.predicates,
    measures: input.measures,
    data: reportDataJson(input, partition),
    partition: {
      mode: 'data',
      geometry: 'lp',
      complete: false,
      cellCount: input.cells.length,
      cells: input.cells,
    },
    decision: null,
    complex: input.complex,
    lp: input.lp,
    ...(input.shard !== undefined ? { shard: input.shard } : {}),
    ...(input.curvature !== undefined ? { curvature: input.curvature } : {}),
    checks: input.checks,
    timing: {
      seconds: Math.round((input.seconds + (performance.now() - started) / 1000) * 1000) / 1000,
      phases: { ...input.phases, report: Math.round(performance.now() - started) / 1000 },
    },
  };
}
