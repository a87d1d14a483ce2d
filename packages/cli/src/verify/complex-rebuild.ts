/**
 * `mlgeo verify`, part 3: the complex rebuilt. From the verified cells (their stored
 * H-representations) and the report's complex options (kind, maxDimension, edge length, β) the
 * complex is built again with @mlgeo/riemannian-complex, as `mlgeo analyze` builds it, and every
 * field of the report's complex is compared with it: flags (`truncated`, `maxDimension`,
 * `complete`), array lengths (a truncated or padded `M0`, `M1`, `M[k]`, `edgeLengths`,
 * `intersections` is refuted), metric entries, ridges (`vertices`, `point`, `location`,
 * `expectedCos`, angles with their `facets`; the set of ridges must be complete in every
 * dimension), and the self-checks (the report's `checks` must be the recomputed ones, all passed).
 * Vertex lists are compared as multisets (their order is not a claim), ridges as a set keyed by
 * their relative-interior point; everything else in order.
 */
import { Rational, type SqrtRational, isMlgeoError } from '@mlgeo/exact-arith';
import {
  buildComplex,
  complexToJson,
  verify as complexSelfChecks,
  type ComplexJson,
  type PartitionLike,
  type RiemannianComplex,
} from '@mlgeo/riemannian-complex';
import { VerificationError, detailOf } from '../errors.js';
import type { CheckJson, ReportJson } from '../report/types.js';
import type { VerifyCache } from './cache.js';
import { type ClaimCounter, expectTrue, expectValue, floatClose, specValue } from './claims.js';
import { type VerifiedPartition, expectSamePoints } from './partition.js';

/** The complex and its self-checks as analyze writes them, recomputed. */
interface Rebuilt {
  complex: ComplexJson;
  checks: CheckJson[];
  /** The rebuilt complex itself (analyses such as curvature are recomputed on it). */
  built: RiemannianComplex;
}

export function rebuild(report: ReportJson, p: VerifiedPartition, cache: VerifyCache): Rebuilt {
  const c = report.complex!;
  const cells = report.partition.cells;
  const omitted = report.omitted ?? [];
  const options = {
    kind: c.kind,
    maxDimension: c.maxDimension,
    // --omit metric: no edge length is stated, and no metric is rebuilt
    edgeLength: c.metric?.edgeLength ?? 'unit',
    beta: c.metric?.beta ?? 1,
    angles: p.dimension <= 3 && !omitted.includes('ridges'),
    omit: omitted.filter((s) => s !== 'vertices'),
  };
  const key = JSON.stringify([
    'complex',
    p.geometryId,
    cells.map((cell) => [cell.label, cell.dataCount ?? null]),
    report.partition.complete,
    report.data?.points ?? null,
    options,
  ]);
  return cache.get(key, () => {
    const partition: PartitionLike = {
      domain: p.domain,
      cells: p.cells.map((cell, i) => ({
        label: cells[i]!.label,
        polytope: cell.polytope,
        ...(cells[i]!.dataCount !== undefined ? { dataCount: cells[i]!.dataCount } : {}),
      })),
      complete: report.partition.complete,
      ...(report.data !== null ? { totalPoints: report.data.points } : {}),
    };
    try {
      const complex = buildComplex(partition, {
        kind: options.kind,
        ...(options.maxDimension !== null ? { maxDimension: options.maxDimension } : {}),
        edgeLength:
          options.edgeLength === 'density'
            ? { kind: 'density', beta: options.beta }
            : options.edgeLength,
        angles: options.angles,
      });
      return {
        complex: complexToJson(complex, { checks: false, omit: options.omit }),
        checks: complexSelfChecks(complex),
        built: complex,
      };
    } catch (error) {
      if (isMlgeoError(error)) {
        throw new VerificationError(
          'complex',
          `cannot be rebuilt from the cells: ${detailOf(error)}`,
        );
      }
      throw error;
    }
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A claimed SPEC §1 object identical to the recomputed one (same members, same order) holds
 * without parsing; any other form is parsed and compared by value.
 */
const sameJson = (a: unknown, b: unknown) => typeof a === 'object' && a !== null && same(a, b);

/** Each listed field of `got` equal (as JSON) to the recomputed one, named `claim.field`. */
function expectSameFields<T extends object>(
  got: T,
  want: T,
  fields: readonly (keyof T & string)[],
  claim: string,
  counter: ClaimCounter,
): void {
  for (const field of fields) {
    expectTrue(
      same(got[field], want[field]),
      `${claim}.${field}`,
      `report says ${JSON.stringify(got[field])}, recomputed ${JSON.stringify(want[field])}`,
      counter,
    );
  }
}

/** An exact SPEC §1 weight, a float-only number or null (infinite length), compared. */
function expectWeight(
  claimed: unknown,
  recomputed: unknown,
  claim: string,
  counter: ClaimCounter,
  float = false,
): void {
  if (float && recomputed !== null) {
    expectExact(claimed, recomputed, claim, counter, true);
    return;
  }
  if (sameJson(claimed, recomputed)) {
    counter.ok();
    return;
  }
  if (recomputed === null || claimed === null) {
    expectTrue(
      claimed === recomputed,
      claim,
      `report says ${JSON.stringify(claimed)}, recomputed ${JSON.stringify(recomputed)}`,
      counter,
    );
    return;
  }
  if (typeof recomputed === 'number') {
    const value = specValue(claimed, claim);
    const x = typeof value === 'number' ? value : value.toNumber();
    expectTrue(
      typeof value === 'number' && floatClose(x, recomputed, 1e-9, 1e-12),
      claim,
      `report says ${typeof value === 'number' ? x : value.toString()}, recomputed the float ${recomputed}`,
      counter,
    );
    return;
  }
  const exact = specValue(recomputed, claim);
  if (typeof exact === 'number') throw new Error('unreachable: recomputed weight is exact');
  expectValue(claimed, exact, claim, counter);
}

/**
 * Exact comparison where the recomputed value is exact and the claim must be too; with `float`
 * (a report with `measures: "float"`) the claim must be a float-only number within 1e-9 relative.
 */
function expectExact(
  claimed: unknown,
  recomputed: unknown,
  claim: string,
  counter: ClaimCounter,
  float = false,
): void {
  if (float) {
    const want = specValue(recomputed, claim);
    const x = typeof want === 'number' ? want : want.toNumber();
    expectTrue(
      typeof claimed === 'number' && floatClose(claimed, x, 1e-9, 1e-12),
      claim,
      typeof claimed === 'number'
        ? `report says ${claimed}, recomputed ${x}`
        : 'expected a float-only number (measures "float")',
      counter,
    );
    return;
  }
  if (sameJson(claimed, recomputed)) {
    counter.ok();
    return;
  }
  const value = specValue(claimed, claim);
  expectTrue(
    typeof value !== 'number',
    claim,
    'expected an exact value, got a float-only number',
    counter,
  );
  expectValue(claimed, specValue(recomputed, claim) as Rational | SqrtRational, claim, counter);
}

function expectLength(
  claimed: readonly unknown[],
  recomputed: readonly unknown[],
  claim: string,
  what: string,
  counter: ClaimCounter,
): void {
  expectTrue(
    claimed.length === recomputed.length,
    claim,
    `report lists ${claimed.length} ${what}, recomputed ${recomputed.length}`,
    counter,
  );
}

/** Compares every field of the report's complex but the ridges with the rebuilt complex. */
export function verifyRebuiltComplex(
  report: ReportJson,
  p: VerifiedPartition,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  const { complex: want } = rebuild(report, p, cache);
  const c = report.complex!;
  const float = report.measures === 'float';
  const omitVertices = (report.omitted ?? []).includes('vertices');
  expectSameFields(
    c,
    want,
    [
      'kind',
      'dimension',
      'maxDimension',
      'complete',
      'truncated',
      'cells',
      'simplices',
      'fVector',
      'eulerCharacteristic',
    ],
    'complex',
    counter,
  );

  expectLength(c.sharedFaces, want.sharedFaces, 'complex.sharedFaces', 'shared faces', counter);
  want.sharedFaces.forEach((face, s) => {
    const claim = `complex.sharedFaces[${s}]`;
    const got = c.sharedFaces[s]!;
    expectSameFields(got, face, ['i', 'j', 'hyperplane'], claim, counter);
    expectExact(got.volume, face.volume, `${claim}.volume`, counter, float);
    expectOmittedVertices(got.vertices, face.vertices!, omitVertices, `${claim}.vertices`, counter);
  });

  expectLength(c.intersections, want.intersections, 'complex.intersections', 'levels', counter);
  want.intersections.forEach((level, k) => {
    const got = c.intersections[k]!;
    expectLength(got, level, `complex.intersections[${k}]`, 'intersections', counter);
    level.forEach((I, s) => {
      const claim = `complex.intersections[${k}][${s}]`;
      expectTrue(
        got[s]!.dimension === I.dimension,
        `${claim}.dimension`,
        `report says ${got[s]!.dimension}, recomputed ${I.dimension}`,
        counter,
      );
      expectExact(got[s]!.volume, I.volume, `${claim}.volume`, counter, float);
    });
  });

  const m = c.metric;
  const wm = want.metric;
  if (m === null || wm === null) {
    // --omit metric: the rebuilt complex leaves it out too exactly when the report says so
    expectTrue(
      m === wm,
      'complex.metric',
      m === null ? 'missing (omitted does not list "metric")' : 'omitted lists "metric"',
      counter,
    );
    return;
  }
  expectSameFields(
    m,
    { ...wm, exact: wm.exact && !float },
    ['edgeLength', 'beta', 'exact'],
    'complex.metric',
    counter,
  );
  expectLength(m.M0, wm.M0, 'complex.metric.M0', 'entries', counter);
  wm.M0.forEach((x, i) => expectExact(m.M0[i], x, `complex.metric.M0[${i}]`, counter, float));
  expectLength(m.edgeLengths, wm.edgeLengths, 'complex.metric.edgeLengths', 'entries', counter);
  wm.edgeLengths.forEach((x, e) =>
    expectWeight(m.edgeLengths[e], x, `complex.metric.edgeLengths[${e}]`, counter, float),
  );
  expectLength(m.M1, wm.M1, 'complex.metric.M1', 'entries', counter);
  wm.M1.forEach((x, e) => expectWeight(m.M1[e], x, `complex.metric.M1[${e}]`, counter, float));
  expectLength(m.M, wm.M, 'complex.metric.M', 'levels', counter);
  wm.M.forEach((level, k) => {
    const got = m.M[k];
    // M[0] and M[1] are M0 and M1, written once: null
    if (level === null || got === null || got === undefined) {
      expectTrue(
        got === level,
        `complex.metric.M[${k}]`,
        level === null
          ? `is M${k}, written once as complex.metric.M${k}: expected null`
          : 'missing',
        counter,
      );
      return;
    }
    expectLength(got, level, `complex.metric.M[${k}]`, 'entries', counter);
    level.forEach((x, s) =>
      expectWeight(got[s], x, `complex.metric.M[${k}][${s}]`, counter, float),
    );
  });
}

/** Vertex lists: absent exactly with --omit vertices, else the recomputed ones as a multiset. */
function expectOmittedVertices(
  claimed: readonly (readonly string[])[] | undefined,
  recomputed: readonly (readonly string[])[],
  omitted: boolean,
  claim: string,
  counter: ClaimCounter,
): void {
  expectTrue(
    (claimed === undefined) === omitted,
    claim,
    omitted ? 'left out (omitted lists "vertices")' : 'missing',
    counter,
  );
  if (claimed !== undefined)
    expectSamePoints(
      claimed,
      recomputed.map((v) => v.map((x) => Rational.parse(x))),
      claim,
      counter,
    );
}

/** The report's ridges against the rebuilt complex's. */
export function verifyRebuiltRidges(
  report: ReportJson,
  p: VerifiedPartition,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  compareRidges(report, rebuild(report, p, cache).complex, counter);
}

/** The report's self-checks against those of the rebuilt complex. */
export function verifyRebuiltChecks(
  report: ReportJson,
  p: VerifiedPartition,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  const { checks } = rebuild(report, p, cache);
  const c = report.complex;
  // mlgeo writes the complex's checks in the top-level `checks` (complex.checks is null); a complex
  // that carries its own must carry the recomputed ones too
  expectChecks(report.checks, checks, 'checks', counter);
  if (c !== null && c.checks !== null) expectChecks(c.checks, checks, 'complex.checks', counter);
}

/** The self-checks: same names, applicability and outcomes as recomputed, in order. */
function expectChecks(
  claimed: readonly CheckJson[],
  recomputed: readonly CheckJson[],
  claim: string,
  counter: ClaimCounter,
): void {
  expectLength(claimed, recomputed, claim, 'self-checks', counter);
  recomputed.forEach((check, i) => {
    const got = claimed[i]!;
    for (const field of ['name', 'applicable', 'ok'] as const) {
      expectTrue(
        got[field] === check[field],
        `${claim}[${i}].${field}`,
        `report says ${JSON.stringify(got[field])}, recomputed ${JSON.stringify(check[field])} (check "${check.name}": ${check.detail})`,
        counter,
      );
    }
  });
}

/** Ridges as a set keyed by their point; each ridge's fields and angles (in order) compared. */
function compareRidges(report: ReportJson, want: ComplexJson, counter: ClaimCounter): void {
  const c = report.complex!;
  const float = report.measures === 'float';
  const omitVertices = (report.omitted ?? []).includes('vertices');
  if ((report.omitted ?? []).includes('ridges')) {
    expectTrue(
      c.ridges === null,
      'complex.ridges',
      'omitted lists "ridges": expected null',
      counter,
    );
    return;
  }
  if (want.ridges === null || c.ridges === null) {
    expectTrue(
      c.ridges === want.ridges,
      'complex.ridges',
      want.ridges === null
        ? 'angles are computed for d ≤ 3 only: expected null'
        : `missing: the ${want.ridges.length} ridges with their dihedral angles (d ≤ 3)`,
      counter,
    );
    return;
  }
  const byPoint = new Map(want.ridges.map((r) => [r.point.join(','), r]));
  const seen = new Set<string>();
  c.ridges.forEach((ridge, r) => {
    const claim = `complex.ridges[${r}]`;
    const key = ridge.point.join(',');
    const w = byPoint.get(key);
    if (w === undefined) {
      throw new VerificationError(
        `${claim}.point`,
        `(${ridge.point.join(', ')}) is not the point of a ridge of the cells`,
      );
    }
    expectTrue(!seen.has(key), `${claim}.point`, 'this ridge is listed twice', counter);
    seen.add(key);
    expectOmittedVertices(ridge.vertices, w.vertices!, omitVertices, `${claim}.vertices`, counter);
    expectTrue(
      ridge.location === w.location,
      `${claim}.location`,
      `report says ${ridge.location}, recomputed ${w.location}`,
      counter,
    );
    expectExact(ridge.expectedCos, w.expectedCos, `${claim}.expectedCos`, counter, float);
    expectTrue(
      floatClose(ridge.expectedSum, w.expectedSum, 1e-9, 1e-12),
      `${claim}.expectedSum`,
      `report says ${ridge.expectedSum}, recomputed ${w.expectedSum}`,
      counter,
    );
    expectTrue(
      floatClose(ridge.sum, w.sum, 1e-9, 1e-12),
      `${claim}.sum`,
      `report says ${ridge.sum}, recomputed ${w.sum}`,
      counter,
    );
    expectLength(ridge.angles, w.angles, `${claim}.angles`, 'angles', counter);
    w.angles.forEach((a, k) => {
      const aclaim = `${claim}.angles[${k}]`;
      const got = ridge.angles[k]!;
      expectSameFields(got, a, ['cell', 'kind', 'facets'], aclaim, counter);
      expectExact(got.cos, a.cos, `${aclaim}.cos`, counter, float);
      expectTrue(
        floatClose(got.angle, a.angle, 1e-9, 1e-12),
        `${aclaim}.angle`,
        `report says ${got.angle}, recomputed ${a.angle}`,
        counter,
      );
    });
  });
  const missing = want.ridges.find((r) => !seen.has(r.point.join(',')));
  expectTrue(
    missing === undefined,
    'complex.ridges',
    `misses the ridge at (${missing?.point.join(', ')}): report lists ${c.ridges.length}, recomputed ${want.ridges.length}`,
    counter,
  );
}
