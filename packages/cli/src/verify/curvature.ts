/**
 * `mlgeo verify`, curvature (SPEC §8): the report's `curvature` section is recomputed with
 * @mlgeo/curvature on the complex rebuilt from the verified cells, with the same options analyze
 * uses (`curvatureOf`, with the lengths, β, α and walk weights the section states): kind, metric,
 * α and tier must be the recomputed ones, every edge's exact
 * value equal and every float value within the float path's 1e-9 relative error.
 */
import { Rational } from '@mlgeo/exact-arith';
import { curvatureOf } from '../curvature.js';
import type { ReportJson } from '../report/types.js';
import type { VerifyCache } from './cache.js';
import { type ClaimCounter, expectTrue, floatClose } from './claims.js';
import { rebuild } from './complex-rebuild.js';
import type { VerifiedPartition } from './partition.js';

const sameNumber = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : floatClose(a, b, 1e-9, 1e-12);

/** Verifies `report.curvature` when present (one call from verifyReport). */
export function verifyCurvature(
  report: ReportJson,
  partition: VerifiedPartition,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  const claimed = report.curvature;
  if (claimed === undefined) return;
  const { built } = rebuild(report, partition, cache);
  // recomputed with the options the section states (absent: the defaults of report versions
  // before the options existed: unit lengths, metric weights, α = 1/2)
  const parsed = (x: string | undefined) => (x === undefined ? undefined : Rational.parse(x));
  const beta = parsed(claimed.beta);
  const alpha = parsed(claimed.alpha);
  const want = curvatureOf(
    built,
    {
      kind: claimed.kind,
      edgeLength: claimed.edgeLength,
      ...(beta !== undefined ? { beta } : {}),
      ...(alpha !== undefined ? { alpha } : {}),
      ...(claimed.weights !== undefined ? { weights: claimed.weights } : {}),
    },
    report.measures === 'exact',
  );
  for (const field of ['kind', 'edgeLength', 'beta', 'alpha', 'tier'] as const) {
    expectTrue(
      claimed[field] === want[field],
      `curvature.${field}`,
      `expected ${JSON.stringify(want[field] ?? null)}`,
      counter,
    );
  }
  // the stated walk weights and face weight (absent in older reports: the defaults)
  expectTrue(
    (claimed.weights ?? 'metric') === want.weights,
    'curvature.weights',
    `expected ${JSON.stringify(want.weights)}`,
    counter,
  );
  expectTrue(
    claimed.faceWeight === undefined || claimed.faceWeight === want.faceWeight,
    'curvature.faceWeight',
    `expected ${JSON.stringify(want.faceWeight)} (the complex's M_1)`,
    counter,
  );
  expectTrue(
    claimed.edges.length === want.edges.length,
    'curvature.edges',
    `expected ${want.edges.length} edges (complex.simplices[1])`,
    counter,
  );
  claimed.edges.forEach((edge, e) => {
    const w = want.edges[e]!;
    const claim = `curvature.edges[${e}]`;
    expectTrue(edge.i === w.i && edge.j === w.j, claim, `expected edge ${w.i}–${w.j}`, counter);
    expectTrue(
      edge.exact === w.exact,
      `${claim}.exact`,
      `recomputed ${w.exact ?? 'none'}`,
      counter,
    );
    expectTrue(sameNumber(edge.value, w.value), `${claim}.value`, `recomputed ${w.value}`, counter);
  });
  expectTrue(
    claimed.cells.length === want.cells.length,
    'curvature.cells',
    `expected ${want.cells.length} entries (one per complex cell)`,
    counter,
  );
  claimed.cells.forEach((v, i) =>
    expectTrue(
      sameNumber(v, want.cells[i]!),
      `curvature.cells[${i}]`,
      `recomputed ${want.cells[i]}`,
      counter,
    ),
  );
}
