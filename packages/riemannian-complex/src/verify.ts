/**
 * Self-checks of SPEC §3–§4, returned as a list of {name, ok, applicable, detail}.
 */
import { RadicalSum, Rational } from '@mlgeo/exact-arith';
import { checkRidgeSum } from './angles.js';
import { type CellGeometry, facetInfos } from './cells.js';
import { buildComplex, complexInternals } from './complex.js';
import { facetMeasuresOverNorm, facetVolumes, floatFacetAreas } from './facet-measures.js';
import { type Ball, add, ball, div, dot, mul, pointBalls, sqrt } from './float-values.js';
import { nerveSimplices } from './simplices.js';
import type { PartitionLike, RiemannianComplex } from './types.js';

/** One self-check result. */
export interface CheckResult {
  /** Check name: `volume-sum`, `angle-sums`, `minkowski`, `shared-face-areas`, `nerve-euler`, `boundary-composition`. */
  name: string;
  /** True when the check passed (or does not apply; see `applicable`). */
  ok: boolean;
  /** False when the check does not apply (e.g. a partial partition). */
  applicable: boolean;
  /** Human-readable detail: what was compared, or the first failures. */
  detail: string;
}

function isComplex(x: RiemannianComplex | PartitionLike): x is RiemannianComplex {
  return Array.isArray((x as RiemannianComplex).simplices);
}

const notApplicable = (name: string, why: string): CheckResult => ({
  name,
  ok: true,
  applicable: false,
  detail: `not applicable: ${why}`,
});

/**
 * A check's result from its failures: ok when there are none (`passed` says what was compared),
 * otherwise the first few failures — cell indices (10 listed) or messages (5 listed).
 */
function fromFailures(
  name: string,
  failures: readonly number[] | readonly string[],
  passed: string,
): CheckResult {
  const cells = typeof failures[0] === 'number';
  return {
    name,
    ok: failures.length === 0,
    applicable: true,
    detail:
      failures.length === 0
        ? passed
        : cells
          ? `fails for cells ${failures.slice(0, 10).join(', ')}`
          : failures.slice(0, 5).join('; '),
  };
}

function volumeSum(c: RiemannianComplex): CheckResult {
  if (!c.complete) return notApplicable('volume-sum', 'partial partition');
  const total = c.cells.reduce((s, cell) => s.add(cell.volume), Rational.ZERO);
  const X = c.domain.volume();
  return {
    name: 'volume-sum',
    ok: total.equals(X),
    applicable: true,
    detail: `Σ vol(C_i) = ${total.toString()}, vol(X) = ${X.toString()}`,
  };
}

/** |a − b| ≤ the sum of their radii: the exact values may be equal. */
const ballsMeet = (a: Ball, b: Ball): boolean =>
  Math.abs(a.v - b.v) <= (a.r + b.r) * (1 + 2 ** -40);

function volumeSumFloat(c: RiemannianComplex): CheckResult {
  if (!c.complete) return notApplicable('volume-sum', 'partial partition');
  let total = ball(0);
  for (const cell of c.cells)
    total = add(total, ball(cell.floatVolume.value, cell.floatVolume.error));
  const xv = c.domain.volume({ measures: 'float' });
  const X = ball(xv, 1e-10 * Math.abs(xv));
  return {
    name: 'volume-sum',
    ok: ballsMeet(total, X),
    applicable: true,
    detail: `Σ vol(C_i) = ${total.v} ± ${total.r.toExponential(1)}, vol(X) = ${xv} (float, within the error bounds)`,
  };
}

/** The unit normal a/|a| of a facet as balls. */
function unitNormal(aF: readonly number[], d: number): Ball[] {
  let max = 0;
  for (let k = 0; k < d; k++) max = Math.max(max, Math.abs(aF[k]!));
  const a = pointBalls(aF.slice(0, d), 2 ** -52 * max);
  const n = sqrt(dot(a, a));
  return a.map((x) => div(x, n));
}

function minkowskiFloat(geometry: readonly CellGeometry[], d: number): CheckResult | null {
  const failures: number[] = [];
  for (const cell of geometry) {
    const areas = floatFacetAreas(cell, d);
    if (areas === null) return null;
    const sum = new Array<Ball>(d).fill(ball(0));
    cell.facets.forEach((F, f) => {
      const n = unitNormal(F.aF, d);
      for (let k = 0; k < d; k++) sum[k] = add(sum[k]!, mul(areas[f]!, n[k]!));
    });
    if (!sum.every((x) => Math.abs(x.v) <= x.r * (1 + 2 ** -40))) failures.push(cell.index);
  }
  return fromFailures(
    'minkowski',
    failures,
    `Σ_F vol(F)·n_F = 0 within the float error bounds for all ${geometry.length} cells`,
  );
}

function sharedFaceAreasFloat(
  c: RiemannianComplex,
  geometry: readonly CellGeometry[],
): CheckResult | null {
  if (!c.complete) return notApplicable('shared-face-areas', 'partial partition');
  const d = c.dimension;
  const boundaryKeys = new Set(facetInfos(c.domain).map((F) => F.ints.join(',')));
  const shared = geometry.map(() => ball(0));
  for (const f of c.sharedFaces) {
    const v = ball(f.floatVolume.value, f.floatVolume.error);
    shared[f.i] = add(shared[f.i]!, v);
    shared[f.j] = add(shared[f.j]!, v);
  }
  const failures: number[] = [];
  for (const cell of geometry) {
    const areas = floatFacetAreas(cell, d);
    if (areas === null) return null;
    let inner = ball(0);
    cell.facets.forEach((F, f) => {
      if (!boundaryKeys.has(F.ints.join(','))) inner = add(inner, areas[f]!);
    });
    if (!ballsMeet(inner, shared[cell.index]!)) failures.push(cell.index);
  }
  return fromFailures(
    'shared-face-areas',
    failures,
    `for all ${geometry.length} cells Σ shared-face areas = area of facets not on ∂X (float, within the error bounds)`,
  );
}

function angleSumsFloat(c: RiemannianComplex): CheckResult {
  if (c.ridges === null) return notApplicable('angle-sums', 'angles were not computed');
  if (!c.complete) return notApplicable('angle-sums', 'partial partition');
  const failures: string[] = [];
  for (const r of c.ridges)
    if (Math.abs(r.sum - r.expectedSum) > 1e-12 * Math.max(1, r.expectedSum))
      failures.push(
        `at (${r.point.map((x) => x.toString()).join(', ')}): Σθ = ${r.sum}, expected ${r.expectedSum}`,
      );
  return fromFailures(
    'angle-sums',
    failures,
    `${c.ridges.length} ridges: sums match 2π / π / X's angle (float 1e-12)`,
  );
}

function angleSums(c: RiemannianComplex): CheckResult {
  if (c.ridges === null) return notApplicable('angle-sums', 'angles were not computed');
  if (!c.complete) return notApplicable('angle-sums', 'partial partition');
  const failures: string[] = [];
  let exact = 0;
  for (const r of c.ridges) {
    const { floatOk, exactOk } = checkRidgeSum(r);
    if (exactOk) exact++;
    if (!floatOk || exactOk === false)
      failures.push(
        `at (${r.point.map((x) => x.toString()).join(', ')}): Σθ = ${r.sum}, expected ${r.expectedSum}` +
          (exactOk === false ? ' (exact rotation check fails)' : ''),
      );
  }
  return fromFailures(
    'angle-sums',
    failures,
    `${c.ridges.length} ridges: sums match 2π / π / X's angle (float 1e-12; exact rotation identity at ${exact})`,
  );
}

function minkowski(geometry: readonly CellGeometry[], d: number): CheckResult {
  const failures: number[] = [];
  for (const cell of geometry) {
    const w = facetMeasuresOverNorm(cell, d);
    const sum = new Array<Rational>(d).fill(Rational.ZERO);
    cell.facets.forEach((F, f) => {
      for (let k = 0; k < d; k++) sum[k] = sum[k]!.add(w[f]!.mul(Rational.fromBigInt(F.ints[k]!)));
    });
    if (!sum.every((x) => x.isZero())) failures.push(cell.index);
  }
  return fromFailures(
    'minkowski',
    failures,
    `Σ_F vol(F)·n_F = 0 exactly for all ${geometry.length} cells`,
  );
}

function sharedFaceAreas(c: RiemannianComplex, geometry: readonly CellGeometry[]): CheckResult {
  if (!c.complete) return notApplicable('shared-face-areas', 'partial partition');
  const d = c.dimension;
  const boundaryKeys = new Set(facetInfos(c.domain).map((F) => F.ints.join(',')));
  const shared = geometry.map(() => RadicalSum.ZERO);
  for (const f of c.sharedFaces) {
    shared[f.i] = shared[f.i]!.add(RadicalSum.of(f.volume));
    shared[f.j] = shared[f.j]!.add(RadicalSum.of(f.volume));
  }
  const failures: number[] = [];
  for (const cell of geometry) {
    const vols = facetVolumes(cell, d);
    let inner = RadicalSum.ZERO;
    cell.facets.forEach((F, f) => {
      if (!boundaryKeys.has(F.ints.join(','))) inner = inner.add(RadicalSum.of(vols[f]!));
    });
    if (!inner.sub(shared[cell.index]!).isZero()) failures.push(cell.index);
  }
  return fromFailures(
    'shared-face-areas',
    failures,
    `for all ${geometry.length} cells Σ shared-face areas = area of facets not on ∂X (exact)`,
  );
}

function nerveEuler(c: RiemannianComplex, geometry: readonly CellGeometry[]): CheckResult {
  if (!c.complete) return notApplicable('nerve-euler', 'partial partition');
  let f: number[];
  let truncated: boolean;
  if (c.kind === 'nerve') {
    f = c.fVector;
    truncated = c.truncated;
  } else {
    // only the simplices are needed: no I(σ) (issue 11: no measure for a combinatorial check)
    const levels = nerveSimplices(
      geometry,
      c.sharedFaces,
      c.dimension,
      geometry.length - 1,
      false,
      true,
    );
    f = levels.simplices.map((s) => s.length);
    truncated = levels.truncated;
  }
  if (truncated) return notApplicable('nerve-euler', 'the nerve was truncated at maxDimension');
  const chi = f.reduce((s, x, k) => s + (k % 2 === 0 ? x : -x), 0);
  return {
    name: 'nerve-euler',
    ok: chi === 1,
    applicable: true,
    detail: `nerve f-vector (${f.join(', ')}), Euler characteristic ${chi} (expected 1)`,
  };
}

function boundaryComposition(c: RiemannianComplex): CheckResult {
  const bad: number[] = [];
  for (let k = 1; k + 1 < c.simplices.length; k++) {
    if (c.boundary(k).mul(c.boundary(k + 1)).nnz > 0) bad.push(k);
  }
  return {
    name: 'boundary-composition',
    ok: bad.length === 0,
    applicable: true,
    detail:
      bad.length === 0
        ? `B_k B_{k+1} = 0 for k = 1..${Math.max(0, c.simplices.length - 2)}`
        : `B_k B_{k+1} ≠ 0 for k = ${bad.join(', ')}`,
  };
}

/**
 * Runs the self-checks of SPEC §3–§4 on a complex (or on a partition, after building its default
 * adjacency complex): volume sum, angle sums (float 1e-12 and exact rotation identity), Minkowski
 * identity, shared-face areas, Euler characteristic of the nerve, B_k B_{k+1} = 0. A complex built
 * with `measures: 'float'` is checked on its float measures within their error bounds.
 */
export function verify(input: RiemannianComplex | PartitionLike): CheckResult[] {
  const c = isComplex(input) ? input : buildComplex(input);
  const geometry = complexInternals(c)?.geometry;
  if (!geometry) throw new TypeError('verify() needs a complex made by buildComplex()');
  if (c.measures === 'float')
    // the float path (issue 11): the same checks on the float measures, within their error
    // bounds (no exact measure is computed); d ≥ 4 keeps the exact Minkowski/face-area checks
    return [
      volumeSumFloat(c),
      angleSumsFloat(c),
      minkowskiFloat(geometry, c.dimension) ?? minkowski(geometry, c.dimension),
      sharedFaceAreasFloat(c, geometry) ?? sharedFaceAreas(c, geometry),
      nerveEuler(c, geometry),
      boundaryComposition(c),
    ];
  return [
    volumeSum(c),
    angleSums(c),
    minkowski(geometry, c.dimension),
    sharedFaceAreas(c, geometry),
    nerveEuler(c, geometry),
    boundaryComposition(c),
  ];
}
