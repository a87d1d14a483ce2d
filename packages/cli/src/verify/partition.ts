/**
 * `mlgeo verify`, part 1: the partition. Every cell is rebuilt from its stored H-representation with
 * @mlgeo/exact-polytope and its claims recomputed: full dimension, irredundant rows, inside the
 * domain, vertices, volume, centroid; interiors pairwise disjoint; the volume sum; completeness
 * (Σ vol = vol X, which with disjoint interiors inside X means the cells cover X).
 */
import { silentProgress, type Progress } from '../progress.js';
import { Rational, isMlgeoError } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { compareLabels } from '@mlgeo/model-partitions';
import { VerificationError, detailOf } from '../errors.js';
import { hrepJson } from '../report/build.js';
import type { ReportJson } from '../report/types.js';
import type { VerifyCache } from './cache.js';
import { type ClaimCounter, exactString, expectTrue, expectValue } from './claims.js';

/** A rebuilt cell with its float bounding box (for pruning pair tests). */
export interface VerifiedCell {
  polytope: Polytope;
  /** Cache key of the cell's H-representation ({@link hrepKey}). */
  key: string;
  vertices: Rational[][];
  lo: number[];
  hi: number[];
}

/** What the partition part hands to the complex part. */
export interface VerifiedPartition {
  dimension: number;
  domain: Polytope;
  /** Cache key of the domain's H-representation. */
  domainKey: string;
  /** Small id of the domain and cells' H-representations together (a cache key part). */
  geometryId: number;
  cells: VerifiedCell[];
  /** I = cl C_i ∩ cl C_j for every pair i < j whose closures meet, keyed `i,j`. */
  intersections: Map<string, Polytope>;
}

/** The cache key of an H-representation: its JSON `{"A":…,"b":…}`. */
export function hrepKey(hrep: { A: unknown; b: unknown }): string {
  return JSON.stringify({ A: hrep.A, b: hrep.b });
}

/**
 * The polytope of a report's H-representation at `claim` (`domain.hrep`,
 * `partition.cells[3].hrep`): a malformed one (rows of the wrong length, A and b of different
 * lengths, entries that are not exact numbers) is refuted naming the JSON field.
 */
export function polytopeOf(
  hrep: { A: unknown; b: unknown },
  claim: string,
  d: number,
  cache: VerifyCache,
): Polytope {
  const A = hrep.A as unknown[];
  const b = hrep.b as unknown[];
  if (!Array.isArray(A) || !Array.isArray(b) || A.length !== b.length) {
    throw new VerificationError(
      `${claim}.b`,
      `A has ${Array.isArray(A) ? A.length : 0} rows but b has ${Array.isArray(b) ? b.length : 0} entries: one right-hand side per row`,
    );
  }
  return cache.polytope(hrepKey(hrep), () => {
    const rows = A.map((row, i) => {
      const r = row as unknown[];
      if (!Array.isArray(r) || r.length !== d) {
        throw new VerificationError(
          `${claim}.A[${i}]`,
          `a row must have ${d} entries (one per input), found ${Array.isArray(r) ? r.length : 0}`,
        );
      }
      return r.map((x, k) => exactString(x, `${claim}.A[${i}][${k}]`));
    });
    const rhs = b.map((x, i) => exactString(x, `${claim}.b[${i}]`));
    try {
      return Polytope.fromHRep(rows, rhs, { dimension: d });
    } catch (error) {
      if (isMlgeoError(error)) {
        const field = error.field !== undefined ? `${claim}.${error.field}` : claim;
        throw new VerificationError(field, detailOf(error));
      }
      throw error;
    }
  });
}

/**
 * SPEC §2 cell order: labels strictly increasing by the model kind's label order (the adapters'
 * `compareLabels`), so no label appears twice. Needs no model.
 */
function expectLabelOrder(report: ReportJson, counter: ClaimCounter): void {
  const cells = report.partition.cells;
  const seen = new Map<string, number>();
  cells.forEach((cell, i) => {
    const claim = `partition.cells[${i}].label`;
    const first = seen.get(cell.label);
    expectTrue(
      first === undefined,
      claim,
      `the label "${cell.label}" is also the label of cell ${first}: labels name cells once`,
      counter,
    );
    seen.set(cell.label, i);
    if (i === 0) return;
    const previous = cells[i - 1]!.label;
    let order: number;
    try {
      order = compareLabels(report.model.kind, previous, cell.label);
    } catch (error) {
      throw new VerificationError(claim, isMlgeoError(error) ? detailOf(error) : String(error));
    }
    expectTrue(
      order < 0,
      claim,
      `"${cell.label}" comes before "${previous}" (cell ${i - 1}) in SPEC §2 cell order: the cells are not in order`,
      counter,
    );
  });
}

/** Multiset equality of exact point lists (the order of a vertex list is not a claim). */
export function expectSamePoints(
  claimed: readonly (readonly string[])[],
  recomputed: readonly (readonly Rational[])[],
  claim: string,
  counter: ClaimCounter,
): void {
  // exact strings compared as written: mlgeo writes them reduced ("1/2", never "2/4")
  const key = (v: readonly (Rational | string)[]) => v.map((x) => x.toString()).join(',');
  const want = new Map<string, number>();
  for (const v of recomputed) want.set(key(v), (want.get(key(v)) ?? 0) + 1);
  const have = new Map<string, number>();
  claimed.forEach((v, k) => {
    if (!Array.isArray(v)) throw new VerificationError(`${claim}[${k}]`, 'expected a point');
    have.set(key(v), (have.get(key(v)) ?? 0) + 1);
  });
  const show = (k: string) => `(${k.split(',').join(', ')})`;
  const missing = [...want].find(([k, n]) => (have.get(k) ?? 0) < n);
  const extra = [...have].find(([k, n]) => (want.get(k) ?? 0) < n);
  if (missing === undefined && extra === undefined) {
    counter.ok();
    return;
  }
  throw new VerificationError(
    claim,
    missing !== undefined
      ? `report misses the vertex ${show(missing[0])}${(have.get(missing[0]) ?? 0) > 0 ? ' (listed fewer times than it occurs)' : ''}`
      : `report lists ${show(extra![0])}${(want.get(extra![0]) ?? 0) > 0 ? ' more than once' : ', which is not a vertex'}`,
  );
}

/** Float box of exact points, widened so it surely contains the exact box. */
function floatBox(points: Rational[][], d: number): { lo: number[]; hi: number[] } {
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  for (const p of points) {
    p.forEach((x, i) => {
      const v = x.toNumber();
      const pad = Math.abs(v) * 1e-12 + 1e-300;
      lo[i] = Math.min(lo[i]!, v - pad);
      hi[i] = Math.max(hi[i]!, v + pad);
    });
  }
  return { lo, hi };
}

function boxesMeet(a: VerifiedCell, b: VerifiedCell): boolean {
  return a.lo.every((l, i) => l <= b.hi[i]! && b.lo[i]! <= a.hi[i]!);
}

/**
 * The report's `measures` claim for one measure: exact measures are SPEC §1 objects, float-only
 * ones plain numbers.
 */
function expectMeasureForm(
  value: unknown,
  measures: ReportJson['measures'],
  claim: string,
  counter: ClaimCounter,
): void {
  const float = typeof value === 'number';
  expectTrue(
    float === (measures === 'float'),
    claim,
    `the report says measures "${measures}", but this value is ${float ? 'a float-only number' : 'exact'}`,
    counter,
  );
}

/** Verifies the partition section of `report` (structure already checked by the report schema). */
export function verifyPartition(
  report: ReportJson,
  counter: ClaimCounter,
  cache: VerifyCache,
  progress: Progress = silentProgress,
): VerifiedPartition {
  const d = report.model.inputDimension;
  const measures = report.measures;
  const domain = polytopeOf(report.domain.hrep, 'domain.hrep', d, cache);
  expectTrue(
    domain.dimension() === d && domain.isBounded(),
    'domain.hrep',
    `the domain must be bounded and ${d}-dimensional`,
    counter,
  );
  const domainVolume = domain.volume();
  expectMeasureForm(report.domain.volume, measures, 'domain.volume', counter);
  expectValue(report.domain.volume, domainVolume, 'domain.volume', counter);
  const domainRows = domain.facets();
  expectLabelOrder(report, counter);

  const cells: VerifiedCell[] = [];
  let sum = Rational.ZERO;
  const cellCount = report.partition.cells.length;
  // --omit vertices leaves out every vertex list
  const withVertices = d <= 3 && !(report.omitted ?? []).includes('vertices');
  report.partition.cells.forEach((cell, i) => {
    progress.update('verify cells', i, cellCount);
    const claim = `partition.cells[${i}]`;
    expectTrue(
      cell.index === i,
      `${claim}.index`,
      `expected index ${i}, found ${cell.index}`,
      counter,
    );
    const polytope = polytopeOf(cell.hrep, `${claim}.hrep`, d, cache);
    const key = hrepKey(cell.hrep);
    expectTrue(
      polytope.dimension() === d,
      `${claim}.hrep`,
      `the cell is not ${d}-dimensional (dimension ${polytope.dimension()})`,
      counter,
    );
    expectTrue(polytope.isBounded(), `${claim}.hrep`, 'the cell is unbounded', counter);
    expectTrue(
      polytope.facets().length === cell.hrep.A.length,
      `${claim}.hrep`,
      `the H-representation is not irredundant: ${cell.hrep.A.length} rows, ${polytope.facets().length} facets`,
      counter,
    );
    // the rows as analyze writes them: each facet once as a primitive integer row (b, a), in
    // facets() order (ridge angles name facets by their index)
    const canonical = cache.get(`canonical:${key}`, () =>
      JSON.stringify(hrepJson(polytope.facets())),
    );
    expectTrue(
      canonical === key,
      `${claim}.hrep`,
      `the rows are not the cell's facets as primitive integer rows in facets() order: expected ${canonical}`,
      counter,
    );
    const vertices = polytope.vertices();
    // inside the domain: every vertex satisfies every domain row
    vertices.forEach((v, k) => {
      const outside = domainRows.find((r) =>
        r.a.reduce((s, a, t) => s.add(a.mul(v[t]!)), Rational.ZERO).gt(r.b),
      );
      expectTrue(
        outside === undefined,
        `${claim}.hrep`,
        `vertex ${k} (${v.join(', ')}) lies outside the domain`,
        counter,
      );
    });
    expectTrue(
      (cell.vertices !== undefined) === withVertices,
      `${claim}.vertices`,
      withVertices
        ? `missing: cells of a ${d}-D partition list their vertices`
        : d <= 3
          ? 'left out (omitted lists "vertices")'
          : `only listed for d ≤ 3`,
      counter,
    );
    if (cell.vertices !== undefined)
      expectSamePoints(cell.vertices, vertices, `${claim}.vertices`, counter);
    const volume = polytope.volume();
    expectMeasureForm(cell.volume, measures, `${claim}.volume`, counter);
    expectValue(cell.volume, volume, `${claim}.volume`, counter);
    const centroid = polytope.centroid();
    expectTrue(
      cell.centroid?.length === d,
      `${claim}.centroid`,
      `expected ${d} coordinates`,
      counter,
    );
    centroid.forEach((c, k) => {
      expectMeasureForm(cell.centroid?.[k], measures, `${claim}.centroid[${k}]`, counter);
      expectValue(cell.centroid?.[k], c, `${claim}.centroid[${k}]`, counter);
    });
    sum = sum.add(volume);
    cells.push({ polytope, key, vertices, ...floatBox(vertices, d) });
  });
  expectMeasureForm(report.partition.volumeSum, measures, 'partition.volumeSum', counter);
  expectValue(report.partition.volumeSum, sum, 'partition.volumeSum', counter);
  expectTrue(
    report.partition.cellCount === cells.length,
    'partition.cellCount',
    `report says ${report.partition.cellCount}, the list has ${cells.length} cells`,
    counter,
  );

  // pairwise: interiors disjoint; remember the closures' intersections for the complex part
  const intersections = new Map<string, Polytope>();
  const order = cells.map((_, i) => i).sort((a, b) => cells[a]!.lo[0]! - cells[b]!.lo[0]!);
  for (let s = 0; s < order.length; s++) {
    const i = order[s]!;
    for (let t = s + 1; t < order.length; t++) {
      const j = order[t]!;
      if (cells[j]!.lo[0]! > cells[i]!.hi[0]!) break;
      if (!boxesMeet(cells[i]!, cells[j]!)) continue;
      const [a, b] = i < j ? [i, j] : [j, i];
      const meet = cache.get(`meet:${cells[a]!.key}|${cells[b]!.key}`, () =>
        cells[a]!.polytope.intersect(cells[b]!.polytope),
      );
      const dim = meet.dimension();
      expectTrue(
        dim < d,
        `partition.cells[${b}].hrep`,
        `the interiors of cells ${a} and ${b} overlap`,
        counter,
      );
      if (dim >= 0) intersections.set(`${a},${b}`, meet);
    }
  }
  // complete: every cell of the domain was enumerated (mode "all"); "data" builds only the cells
  // that hold data points, a partial partition (SPEC §2)
  expectTrue(
    // a partial report (a budget stopped the partition) may be incomplete in mode "all"
    report.partition.complete === (report.partition.mode === 'all') ||
      (report.partial !== undefined && !report.partition.complete),
    'partition.complete',
    `partition.mode "${report.partition.mode}" ${report.partition.mode === 'all' ? 'enumerates every cell' : 'builds a partial partition'}: complete must be ${report.partition.mode === 'all'}`,
    counter,
  );
  expectTrue(
    report.partition.mode === 'all' || report.data !== null,
    'partition.mode',
    '"data" builds the cells that hold data points, but the report has no data',
    counter,
  );
  if (report.partition.complete) {
    expectTrue(
      sum.equals(domainVolume),
      'partition.complete',
      `the cells' volumes sum to ${sum}, the domain's volume is ${domainVolume}: the cells do not cover the domain`,
      counter,
    );
  }
  const domainKey = hrepKey(report.domain.hrep);
  const geometryKey = JSON.stringify([domainKey, ...cells.map((c) => c.key)]);
  const geometryId = cache.get(`geometry:${geometryKey}`, () => cache.nextId());
  return { dimension: d, domain, domainKey, geometryId, cells, intersections };
}
