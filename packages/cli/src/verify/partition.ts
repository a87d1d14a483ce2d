/**
 * `mlgeo verify`, part 1: the partition. Every cell is rebuilt from its stored H-representation with
 * @mlgeo/exact-polytope and its claims recomputed: full dimension, irredundant rows, inside the
 * domain, vertices, volume, centroid; interiors pairwise disjoint; the volume sum; completeness
 * (Σ vol = vol X, which with disjoint interiors inside X means the cells cover X).
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { VerificationError } from '../errors.js';
import type { ReportJson } from '../report/types.js';
import { type ClaimCounter, exactString, expectTrue, expectValue } from './claims.js';

/** A rebuilt cell with its float bounding box (for pruning pair tests). */
export interface VerifiedCell {
  polytope: Polytope;
  vertices: Rational[][];
  lo: number[];
  hi: number[];
}

/** What the partition part hands to the complex part. */
export interface VerifiedPartition {
  dimension: number;
  domain: Polytope;
  cells: VerifiedCell[];
  /** I = cl C_i ∩ cl C_j for every pair i < j whose closures meet, keyed `i,j`. */
  intersections: Map<string, Polytope>;
}

function polytopeOf(hrep: { A: unknown; b: unknown }, claim: string, d: number): Polytope {
  const A = hrep.A as unknown[];
  const b = hrep.b as unknown[];
  const rows = A.map((row, i) => {
    const r = row as unknown[];
    if (!Array.isArray(r) || r.length !== d) {
      throw new VerificationError(`${claim}.A[${i}]`, `a row must have ${d} entries`);
    }
    return r.map((x, k) => exactString(x, `${claim}.A[${i}][${k}]`));
  });
  const rhs = b.map((x, i) => exactString(x, `${claim}.b[${i}]`));
  return Polytope.fromHRep(rows, rhs);
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
export function verifyPartition(report: ReportJson, counter: ClaimCounter): VerifiedPartition {
  const d = report.model.inputDimension;
  const measures = report.measures;
  const domain = polytopeOf(report.domain.hrep, 'domain.hrep', d);
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

  const cells: VerifiedCell[] = [];
  let sum = Rational.ZERO;
  report.partition.cells.forEach((cell, i) => {
    const claim = `partition.cells[${i}]`;
    expectTrue(
      cell.index === i,
      `${claim}.index`,
      `expected index ${i}, found ${cell.index}`,
      counter,
    );
    const polytope = polytopeOf(cell.hrep, `${claim}.hrep`, d);
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
    if (cell.vertices !== undefined) {
      const claimed = cell.vertices.map((v, k) =>
        v.map((x, t) => exactString(x, `${claim}.vertices[${k}][${t}]`)),
      );
      const key = (v: Rational[]) => v.map((x) => x.toString()).join(',');
      const have = new Set(vertices.map(key));
      const want = new Set(claimed.map(key));
      const missing = vertices.find((v) => !want.has(key(v)));
      const extra = claimed.find((v) => !have.has(key(v)));
      expectTrue(
        missing === undefined && extra === undefined && have.size === want.size,
        `${claim}.vertices`,
        missing
          ? `report misses the vertex (${missing.join(', ')})`
          : `report lists (${extra?.join(', ')}), which is not a vertex`,
        counter,
      );
    }
    const volume = polytope.volume();
    expectMeasureForm(cell.volume, measures, `${claim}.volume`, counter);
    expectValue(cell.volume, volume, `${claim}.volume`, counter);
    const centroid = polytope.centroid();
    expectTrue(
      cell.centroid.length === d,
      `${claim}.centroid`,
      `expected ${d} coordinates`,
      counter,
    );
    centroid.forEach((c, k) => {
      expectMeasureForm(cell.centroid[k], measures, `${claim}.centroid[${k}]`, counter);
      expectValue(cell.centroid[k], c, `${claim}.centroid[${k}]`, counter);
    });
    sum = sum.add(volume);
    cells.push({ polytope, vertices, ...floatBox(vertices, d) });
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
      const meet = cells[a]!.polytope.intersect(cells[b]!.polytope);
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
  if (report.partition.complete) {
    expectTrue(
      sum.equals(domainVolume),
      'partition.complete',
      `the cells' volumes sum to ${sum}, the domain's volume is ${domainVolume}: the cells do not cover the domain`,
      counter,
    );
  }
  return { dimension: d, domain, cells, intersections };
}
