/**
 * `mlgeo verify`, part 2: the complex (SPEC §3, §4). From the rebuilt cells it recomputes which
 * cell sets form simplices (adjacency: dim I(σ) = d − k with all faces present; nerve: I(σ) ≠ ∅),
 * the intersections' dimensions and relative volumes, shared faces, the metric M_0, ℓ, M_1, M_k,
 * the f-vector and Euler characteristic, and every dihedral angle's exact cosine.
 */
import { Rational, SqrtRational, angleFromCos } from '@mlgeo/exact-arith';
import type { Polytope } from '@mlgeo/exact-polytope';
import type { ComplexJson } from '@mlgeo/riemannian-complex';
import { VerificationError } from '../errors.js';
import type { VerifyCache } from './cache.js';
import type { ReportJson } from '../report/types.js';
import {
  type ClaimCounter,
  exactString,
  expectTrue,
  expectValue,
  floatClose,
  specValue,
} from './claims.js';
import { type VerifiedPartition, expectSamePoints } from './partition.js';

const dot = (a: readonly Rational[], x: readonly Rational[]) =>
  a.reduce((s, ai, i) => s.add(ai.mul(x[i]!)), Rational.ZERO);

/** I(σ) = ⋂ cl C_i for a sorted tuple of cell indices (undefined when empty). */
function intersectionOf(p: VerifiedPartition, sigma: readonly number[]): Polytope | undefined {
  if (sigma.length === 1) return p.cells[sigma[0]!]!.polytope;
  const first = p.intersections.get(`${sigma[0]},${sigma[1]}`);
  if (first === undefined) return undefined;
  let meet = first;
  for (let t = 2; t < sigma.length; t++) {
    for (let s = 0; s < t; s++)
      if (!p.intersections.has(`${sigma[s]},${sigma[t]}`)) return undefined;
    meet = meet.intersect(p.cells[sigma[t]!]!.polytope);
    if (meet.isEmpty()) return undefined;
  }
  return meet;
}

/** Whether σ (k = |σ| − 1) is a simplex of the complex, recomputed exactly (SPEC §4). */
function isSimplex(
  kind: 'adjacency' | 'nerve',
  d: number,
  I: Polytope | undefined,
  k: number,
): boolean {
  if (I === undefined) return false;
  const dim = I.dimension();
  return kind === 'nerve' ? dim >= 0 : dim === d - k;
}

/** Verifies `report.complex` against the rebuilt partition. */
export function verifyComplex(
  report: ReportJson,
  p: VerifiedPartition,
  counter: ClaimCounter,
): void {
  const c = report.complex!;
  const d = p.dimension;
  const cells = report.partition.cells;
  expectTrue(
    c.dimension === d,
    'complex.dimension',
    `report says ${c.dimension}, the model has ${d} inputs`,
    counter,
  );
  expectTrue(
    c.complete === report.partition.complete,
    'complex.complete',
    'disagrees with partition.complete',
    counter,
  );
  expectTrue(
    c.cells.length === cells.length,
    'complex.cells',
    `expected ${cells.length} cells`,
    counter,
  );
  // complex cells are references to partition cells: in range, and the partition's cells in order
  // (simplices, shared faces and ridges number the complex cells)
  c.cells.forEach((cell, i) => {
    const claim = `complex.cells[${i}].cell`;
    expectTrue(
      cell.cell < cells.length,
      claim,
      `refers to partition cell ${cell.cell}, but the partition has ${cells.length} cells (0 to ${cells.length - 1})`,
      counter,
    );
    expectTrue(
      cell.cell === i,
      claim,
      `refers to partition cell ${cell.cell}, expected ${i}: the complex's cells are the partition's cells in order`,
      counter,
    );
  });

  // simplices: every listed set is a simplex, and every candidate whose faces are all listed and
  // that is a simplex is listed (candidates at level k are built from level k − 1)
  const levels = c.simplices;
  const listed = levels.map((level) => new Set(level.map((s) => s.join(','))));
  expectTrue(
    levels[0]!.length === cells.length && levels[0]!.every((s, i) => s.length === 1 && s[0] === i),
    'complex.simplices[0]',
    'the 0-simplices must be the cells [0], [1], …',
    counter,
  );
  const meets: Map<string, Polytope | undefined>[] = levels.map(() => new Map());
  for (let k = 1; k < levels.length; k++) {
    levels[k]!.forEach((sigma, s) => {
      const claim = `complex.simplices[${k}][${s}]`;
      expectTrue(
        sigma.length === k + 1 &&
          sigma.every(
            (v, t) =>
              Number.isInteger(v) && v >= 0 && v < cells.length && (t === 0 || v > sigma[t - 1]!),
          ),
        claim,
        `a ${k}-simplex is ${k + 1} increasing cell indices`,
        counter,
      );
      const I = intersectionOf(p, sigma);
      meets[k]!.set(sigma.join(','), I);
      const dim = I === undefined ? -1 : I.dimension();
      expectTrue(
        isSimplex(c.kind, d, I, k),
        claim,
        `cells ${sigma.join(', ')} meet in dimension ${dim}, which is not a ${k}-simplex of the ${c.kind} complex`,
        counter,
      );
      for (let drop = 0; drop <= k; drop++) {
        const face = sigma.filter((_, t) => t !== drop).join(',');
        expectTrue(
          listed[k - 1]!.has(face),
          claim,
          `its face (${face}) is not in the complex`,
          counter,
        );
      }
    });
    // completeness: candidates from the (k−1)-simplices
    const prev = levels[k - 1]!;
    const byPrefix = new Map<string, number[]>();
    for (const tau of prev) {
      const prefix = tau.slice(0, -1).join(',');
      const list = byPrefix.get(prefix) ?? [];
      list.push(tau[tau.length - 1]!);
      byPrefix.set(prefix, list);
    }
    for (const [prefix, lasts] of byPrefix) {
      const head = prefix === '' ? [] : prefix.split(',').map(Number);
      for (let x = 0; x < lasts.length; x++) {
        for (let y = x + 1; y < lasts.length; y++) {
          const sigma = [...head, Math.min(lasts[x]!, lasts[y]!), Math.max(lasts[x]!, lasts[y]!)];
          const key = sigma.join(',');
          if (listed[k]!.has(key)) continue;
          const allFaces = sigma.every((_, drop) =>
            listed[k - 1]!.has(sigma.filter((__, t) => t !== drop).join(',')),
          );
          if (!allFaces) continue;
          const I = intersectionOf(p, sigma);
          expectTrue(
            !isSimplex(c.kind, d, I, k),
            `complex.simplices[${k}]`,
            `misses the ${k}-simplex (${key}): the cells meet in dimension ${I?.dimension()}`,
            counter,
          );
        }
      }
    }
  }
  if (levels.length >= 2 && c.kind === 'adjacency') {
    // edges from the pairwise sweep: every facet-adjacent pair is an edge
    for (const [key, I] of p.intersections) {
      if (I.dimension() === d - 1) {
        expectTrue(
          listed[1]!.has(key),
          'complex.simplices[1]',
          `misses the edge (${key}): the cells share a facet`,
          counter,
        );
      }
    }
  }
  // f-vector: the simplex counts, trailing empty levels omitted
  const counts = levels.map((l) => l.length);
  while (counts.length > 1 && counts[counts.length - 1] === 0) counts.pop();
  expectTrue(
    JSON.stringify(c.fVector) === JSON.stringify(counts),
    'complex.fVector',
    `report says (${c.fVector.join(', ')}), recomputed (${counts.join(', ')})`,
    counter,
  );
  const euler = levels.reduce((s, l, k) => s + (k % 2 === 0 ? l.length : -l.length), 0);
  expectTrue(
    c.eulerCharacteristic === euler,
    'complex.eulerCharacteristic',
    `report says ${c.eulerCharacteristic}, recomputed ${euler}`,
    counter,
  );

  // intersections: dimension and relative volume of I(σ)
  for (let k = 1; k < levels.length; k++) {
    (c.intersections[k] ?? []).forEach((claimed, s) => {
      const sigma = levels[k]![s];
      if (sigma === undefined)
        throw new VerificationError(`complex.intersections[${k}][${s}]`, 'has no simplex');
      const I = meets[k]!.get(sigma.join(','))!;
      const claim = `complex.intersections[${k}][${s}]`;
      expectTrue(
        claimed.dimension === I.dimension(),
        `${claim}.dimension`,
        `report says ${claimed.dimension}, recomputed ${I.dimension()}`,
        counter,
      );
      expectValue(claimed.volume, I.relativeVolume(), `${claim}.volume`, counter);
    });
  }

  // shared faces: exactly the facet-adjacent pairs, with exact areas, vertices and hyperplanes
  const omitVertices = (report.omitted ?? []).includes('vertices');
  const adjacent = [...p.intersections.entries()].filter(([, I]) => I.dimension() === d - 1);
  expectTrue(
    c.sharedFaces.length === adjacent.length,
    'complex.sharedFaces',
    `report lists ${c.sharedFaces.length} shared faces, recomputed ${adjacent.length}`,
    counter,
  );
  c.sharedFaces.forEach((face, s) => {
    const claim = `complex.sharedFaces[${s}]`;
    const I = p.intersections.get(`${face.i},${face.j}`);
    if (I === undefined || I.dimension() !== d - 1) {
      throw new VerificationError(claim, `cells ${face.i} and ${face.j} do not share a (d−1)-face`);
    }
    expectValue(face.volume, I.relativeVolume(), `${claim}.volume`, counter);
    const a = face.hyperplane.a.map((x, t) => exactString(x, `${claim}.hyperplane.a[${t}]`));
    const b = exactString(face.hyperplane.b, `${claim}.hyperplane.b`);
    const verts = I.vertices();
    expectTrue(
      verts.every((v) => dot(a, v).equals(b)),
      `${claim}.hyperplane`,
      'the face does not lie on it',
      counter,
    );
    const centroid = p.cells[face.i]!.polytope.centroid();
    expectTrue(
      dot(a, centroid).lt(b),
      `${claim}.hyperplane`,
      `cell ${face.i} is not on the side a·x ≤ b`,
      counter,
    );
    // compared as multisets: a vertex replaced by a duplicate of another is refuted
    expectTrue(
      (face.vertices === undefined) === omitVertices,
      `${claim}.vertices`,
      omitVertices ? 'left out (omitted lists "vertices")' : 'missing',
      counter,
    );
    if (face.vertices !== undefined)
      expectSamePoints(face.vertices, verts, `${claim}.vertices`, counter);
  });

  verifyMetric(
    c,
    p,
    c.cells.map((ref) => cells[ref.cell]!.dataCount ?? 0),
    counter,
  );
}

/**
 * M_0, ℓ, M_1 and M_k (SPEC §4); float-only entries are compared at 1e-9 relative. `counts` are
 * the data counts of the complex's cells (from the partition cells they refer to).
 */
function verifyMetric(
  c: ComplexJson,
  p: VerifiedPartition,
  counts: readonly number[],
  counter: ClaimCounter,
): void {
  const d = p.dimension;
  const m = c.metric;
  if (m === null) return; // --omit metric: verifyReport checks that it is listed as omitted
  // M_0 and M_1 are written once, as M0 and M1: M[0] and M[1] are null, every other level a list
  m.M.forEach((level, k) =>
    expectTrue(
      (level === null) === k <= 1,
      `complex.metric.M[${k}]`,
      k <= 1 ? `is M${k} (written once, as complex.metric.M${k}): expected null` : 'missing',
      counter,
    ),
  );
  // one entry per simplex: a truncated or padded list is refuted before its entries are read
  const edgeCount = (c.simplices[1] ?? []).length;
  const lengths: [string, number, number, string][] = [
    ['complex.metric.M0', m.M0.length, p.cells.length, 'cell'],
    ['complex.metric.edgeLengths', m.edgeLengths.length, edgeCount, 'edge'],
    ['complex.metric.M1', m.M1.length, edgeCount, 'edge'],
    ['complex.metric.M', m.M.length, c.simplices.length, 'simplex dimension'],
    ...m.M.flatMap((level, k): [string, number, number, string][] =>
      level === null
        ? []
        : [[`complex.metric.M[${k}]`, level.length, c.simplices[k]?.length ?? 0, `${k}-simplex`]],
    ),
    ['complex.intersections', c.intersections.length, c.simplices.length, 'simplex dimension'],
    ...c.intersections.map((level, k): [string, number, number, string] => [
      `complex.intersections[${k}]`,
      level.length,
      c.simplices[k]?.length ?? 0,
      `${k}-simplex`,
    ]),
  ];
  for (const [claim, have, want, per] of lengths) {
    expectTrue(
      have === want,
      claim,
      `report lists ${have} entries, expected ${want} (one per ${per})`,
      counter,
    );
  }
  p.cells.forEach((cell, i) =>
    expectValue(m.M0[i], cell.polytope.volume(), `complex.metric.M0[${i}]`, counter),
  );
  const edges = c.simplices[1] ?? [];
  const n = counts.reduce((s, x) => s + x, 0);
  edges.forEach(([i, j], e) => {
    const claim = `complex.metric`;
    const ci = p.cells[i!]!.polytope.centroid();
    const cj = p.cells[j!]!.polytope.centroid();
    const dist2 = ci.reduce((s, x, t) => s.add(x.sub(cj[t]!).mul(x.sub(cj[t]!))), Rational.ZERO);
    const centroidLength = SqrtRational.sqrt(dist2);
    const I = p.intersections.get(`${i},${j}`)!;
    const area =
      I.dimension() === d - 1 ? I.relativeVolume() : SqrtRational.fromRational(Rational.ZERO);
    let length: SqrtRational | undefined;
    let infinite = false;
    if (m.edgeLength === 'unit') length = SqrtRational.fromRational(Rational.ONE);
    else if (m.edgeLength === 'centroid') length = centroidLength;
    else if (m.edgeLength === 'density') {
      // ρ(e) = (n_i + n_j) / (n (vol C_i + vol C_j)); ℓ = ℓ_centroid / ρ^β, exact for β ∈ {1/2, 1}
      const vols = p.cells[i!]!.polytope.volume().add(p.cells[j!]!.polytope.volume());
      const rho =
        n === 0
          ? Rational.ZERO
          : Rational.of(counts[i!]! + counts[j!]!).div(Rational.of(n).mul(vols));
      if (rho.isZero()) infinite = true;
      else if (m.beta === 1) length = centroidLength.div(SqrtRational.fromRational(rho));
      else if (m.beta === 0.5) length = centroidLength.div(SqrtRational.sqrt(rho));
      else {
        const expected = centroidLength.toNumber() / Math.pow(rho.toNumber(), m.beta);
        const claimed = specValue(m.edgeLengths[e], `${claim}.edgeLengths[${e}]`);
        const value = typeof claimed === 'number' ? claimed : claimed.toNumber();
        expectTrue(
          floatClose(value, expected, 1e-9),
          `${claim}.edgeLengths[${e}]`,
          `report says ${value}, recomputed ${expected}`,
          counter,
        );
      }
    }
    if (infinite) {
      expectTrue(
        m.edgeLengths[e] === null,
        `${claim}.edgeLengths[${e}]`,
        'an edge with no data has infinite length (null)',
        counter,
      );
      const w = specValue(m.M1[e], `${claim}.M1[${e}]`);
      expectTrue(
        (typeof w === 'number' ? w : w.toNumber()) === 0,
        `${claim}.M1[${e}]`,
        'an edge of infinite length has M_1 = 0',
        counter,
      );
      return;
    }
    if (length !== undefined) {
      expectValue(m.edgeLengths[e], length, `${claim}.edgeLengths[${e}]`, counter);
      expectValue(m.M1[e], area.isZero() ? area : area.div(length), `${claim}.M1[${e}]`, counter);
    }
  });
  // M_k = vol_{d−k}(I(σ)) for k ≥ 2 (nerve: 0 when dim I(σ) ≠ d − k)
  for (let k = 2; k < c.simplices.length && k < m.M.length; k++) {
    c.simplices[k]!.forEach((sigma, s) => {
      const I = intersectionOf(p, sigma)!;
      const value =
        I.dimension() === d - k ? I.relativeVolume() : SqrtRational.fromRational(Rational.ZERO);
      expectValue(m.M[k]![s], value, `complex.metric.M[${k}][${s}]`, counter);
    });
  }
}

/** The cells whose closure contains a ridge point, and per such cell its tight facets' cosine. */
interface RidgeTruth {
  containing: number[];
  /** Per containing cell: number of its facets through the point, and cos θ when 1 or 2. */
  angles: Map<number, { tight: number; cos: SqrtRational | undefined }>;
}

function ridgeTruth(p: VerifiedPartition, point: readonly Rational[]): RidgeTruth {
  const containing = p.cells
    .map((_, i) => i)
    .filter((i) => p.cells[i]!.polytope.facets().every((f) => !dot(f.a, point).gt(f.b)));
  const angles = new Map<number, { tight: number; cos: SqrtRational | undefined }>();
  for (const i of containing) {
    const tight = p.cells[i]!.polytope.facets().filter((f) => dot(f.a, point).equals(f.b));
    let cos: SqrtRational | undefined;
    if (tight.length === 1) cos = SqrtRational.fromRational(Rational.MINUS_ONE);
    else if (tight.length === 2) {
      const [fa, fb] = [tight[0]!, tight[1]!];
      const norm2 = dot(fa.a, fa.a).mul(dot(fb.a, fb.a));
      // θ = π − arccos(n_a·n_b), so cos θ = −n_a·n_b
      cos = SqrtRational.fromRational(dot(fa.a, fb.a).neg()).div(SqrtRational.sqrt(norm2));
    }
    angles.set(i, { tight: tight.length, cos });
  }
  return { containing, angles };
}

/** Dihedral angles: exact cosines from the cells' facet normals at each ridge point (SPEC §4). */
export function verifyRidges(
  c: ComplexJson,
  p: VerifiedPartition,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  if (c.ridges === null) return;
  const d = p.dimension;
  c.ridges.forEach((ridge, r) => {
    const claim = `complex.ridges[${r}]`;
    const point = ridge.point.map((x, t) => exactString(x, `${claim}.point[${t}]`));
    expectTrue(point.length === d, `${claim}.point`, `expected ${d} coordinates`, counter);
    const truth = cache.get(`ridge:${p.geometryId}|${ridge.point.join(',')}`, () =>
      ridgeTruth(p, point),
    );
    const containing = truth.containing;
    // every cell whose closure contains the ridge point is listed exactly once
    const listedCells = ridge.angles.map((a) => a.cell).sort((x, y) => x - y);
    expectTrue(
      JSON.stringify(listedCells) === JSON.stringify(containing),
      `${claim}.angles`,
      `lists cells [${listedCells.join(', ')}], the cells containing the ridge are [${containing.join(', ')}]`,
      counter,
    );
    let sum = 0;
    ridge.angles.forEach((angle, k) => {
      const aclaim = `${claim}.angles[${k}]`;
      const { tight: tightCount, cos: truthCos } = truth.angles.get(angle.cell)!;
      if (truthCos === undefined) {
        throw new VerificationError(
          aclaim,
          `the ridge point lies on ${tightCount} facets of cell ${angle.cell}, expected 1 or 2`,
        );
      }
      const cos = truthCos;
      expectTrue(
        angle.kind === (tightCount === 1 ? 'flat' : 'ridge'),
        `${aclaim}.kind`,
        `expected ${tightCount === 1 ? 'flat' : 'ridge'}`,
        counter,
      );
      expectValue(angle.cos, cos, `${aclaim}.cos`, counter);
      // the accurate atan2 form analyze uses (arccos loses half the digits near 0 and π)
      const theta = angleFromCos(cos);
      expectTrue(
        floatClose(angle.angle, theta, 1e-9, 1e-12),
        `${aclaim}.angle`,
        `report says ${angle.angle}, recomputed ${theta}`,
        counter,
      );
      sum += theta;
    });
    expectTrue(
      floatClose(ridge.sum, sum, 1e-9, 1e-12),
      `${claim}.sum`,
      `report says ${ridge.sum}, recomputed ${sum}`,
      counter,
    );
    if (c.complete) {
      expectTrue(
        floatClose(sum, ridge.expectedSum, 1e-9, 1e-12),
        `${claim}.sum`,
        `the angles around the ridge sum to ${sum}, expected ${ridge.expectedSum} (${ridge.location})`,
        counter,
      );
    }
  });
  if (d === 2) {
    // in 2-D the ridges are exactly the points that are a vertex of some cell
    const vertexKeys = new Set(p.cells.flatMap((cell) => cell.vertices.map((v) => v.join(','))));
    const ridgeKeys = new Set(c.ridges.map((r) => r.point.join(',')));
    const missing = [...vertexKeys].find((k) => !ridgeKeys.has(k));
    expectTrue(
      missing === undefined,
      'complex.ridges',
      `misses the ridge at (${missing})`,
      counter,
    );
    expectTrue(
      ridgeKeys.size === c.ridges.length,
      'complex.ridges',
      'lists a ridge twice',
      counter,
    );
  }
}
