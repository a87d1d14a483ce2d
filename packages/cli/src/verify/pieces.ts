/**
 * `mlgeo verify`, decision regions (SPEC §5): every cell's class pieces, the decision boundary pieces
 * inside cells, their bends and the class-region volumes are recomputed from the report's own cell
 * H-representation and `output` map (exact): piece k of a cell is rebuilt as
 * C ∩ {z_j ≤ z_k for all j ≠ k} (a constant z_j − z_k decided exactly, ties to the lowest index) and
 * must have the claimed facets, vertices and volume; no full-dimensional piece may be missing; a
 * boundary piece must be the facet of its lower class's piece on a hyperplane where z_hi − z_lo
 * vanishes, positive towards the higher class, with the claimed (d−1)-volume; a bend's cosine is
 * n_1·n_2 of the two pieces' hyperplanes. Models without an output map (constant class per cell)
 * have one piece, the cell, of the cell's predicted class.
 */
import { Rational, SqrtRational, angleFromCos } from '@mlgeo/exact-arith';
import { Polytope, type HalfspaceRow } from '@mlgeo/exact-polytope';
import {
  type AffineMap,
  type DecisionBoundaryPiece,
  type Partition,
  boundaryBends,
  cellDecision,
  classAt,
  classScores,
  unitNormalCos,
} from '@mlgeo/model-partitions';
import type { ReportJson } from '../report/types.js';
import { type ClaimCounter, exactString, expectTrue, expectValue } from './claims.js';
import type { VerifiedPartition } from './partition.js';

type Cell = ReportJson['partition']['cells'][number];

function rowsOf(hrep: { A: string[][]; b: string[] }, claim: string): HalfspaceRow[] {
  return hrep.A.map((row, i) => ({
    a: row.map((x, k) => exactString(x, `${claim}.A[${i}][${k}]`)),
    b: exactString(hrep.b[i], `${claim}.b[${i}]`),
  }));
}

const key = (v: readonly Rational[]) => v.map((x) => x.toString()).join(',');
const sameRow = (p: HalfspaceRow, q: HalfspaceRow) => key([...p.a, p.b]) === key([...q.a, q.b]);

/** The closed piece of class k on a cell, or undefined when z_j − z_k > 0 (or a lost tie) on C. */
function recomputedPiece(cell: Polytope, scores: AffineMap, k: number): Polytope | undefined {
  const rows: HalfspaceRow[] = cell.facets();
  for (let j = 0; j < scores.A.length; j++) {
    if (j === k) continue;
    const a = scores.A[j]!.map((x, i) => x.sub(scores.A[k]![i]!));
    const b = scores.c[k]!.sub(scores.c[j]!);
    if (a.every((x) => x.isZero())) {
      if (b.sign() < 0 || (b.isZero() && j < k)) return undefined;
      continue;
    }
    rows.push({ a, b });
  }
  const piece = Polytope.fromHRep(
    rows.map((r) => r.a),
    rows.map((r) => r.b),
  );
  return piece.dimension() === cell.ambientDimension ? piece : undefined;
}

function outputOf(cell: Cell, claim: string): AffineMap | undefined {
  if (!cell.output) return undefined;
  return {
    A: cell.output.A.map((row, j) =>
      row.map((x, i) => exactString(x, `${claim}.output.A[${j}][${i}]`)),
    ),
    c: cell.output.c.map((x, j) => exactString(x, `${claim}.output.c[${j}]`)),
  };
}

/** Checks one claimed piece against the recomputed polytope. */
function expectPiece(
  claimed: NonNullable<Cell['pieces']>[number],
  piece: Polytope,
  claim: string,
  counter: ClaimCounter,
  omitVertices = false,
): void {
  expectTrue(
    claimed.hrep.A.length === claimed.hrep.b.length,
    `${claim}.hrep`,
    `${claimed.hrep.A.length} rows in A but ${claimed.hrep.b.length} in b`,
    counter,
  );
  const facets = rowsOf(claimed.hrep, `${claim}.hrep`);
  const real = piece.facets();
  // the rows as a multiset (their order is not a claim: docs/report-schema.md)
  const sortedKeys = (rows: readonly HalfspaceRow[]) => rows.map((r) => key([...r.a, r.b])).sort();
  expectTrue(
    sortedKeys(facets).join(';') === sortedKeys(real).join(';'),
    `${claim}.hrep`,
    'the rows are not the irredundant facets of the piece recomputed from the cell and its output',
    counter,
  );
  // exact vertices are written exactly when d ≤ 3 (as for cells)
  const withVertices = piece.ambientDimension <= 3 && !omitVertices;
  expectTrue(
    (claimed.vertices !== undefined) === withVertices,
    `${claim}.vertices`,
    withVertices ? 'missing: exact vertices are written for d ≤ 3' : 'only written for d ≤ 3',
    counter,
  );
  if (claimed.vertices) {
    const got = new Set(claimed.vertices.map((v) => v.join(',')));
    const want = piece.vertices().map(key);
    expectTrue(
      got.size === want.length &&
        claimed.vertices.length === want.length &&
        want.every((v) => got.has(v)),
      `${claim}.vertices`,
      'not the vertices of the recomputed piece',
      counter,
    );
  }
  expectValue(claimed.volume, piece.volume(), `${claim}.volume`, counter);
}

/** Verifies the decision regions of a report (see module comment); one call from verifyReport. */
export function verifyPieces(
  report: ReportJson,
  partition: VerifiedPartition,
  counter: ClaimCounter,
): void {
  // --omit vertices leaves out every vertex list
  const omitVertices = (report.omitted ?? []).includes('vertices');
  const decision = report.decision;
  const cells = report.partition.cells;
  expectTrue(
    (decision === null) === cells.every((c) => c.pieces === undefined) &&
      (decision === null || cells.every((c) => c.pieces !== undefined)),
    'decision',
    'a decision block needs pieces on every cell, and pieces need a decision block',
    counter,
  );
  if (decision === null) return;
  const pieceVolumes = new Map<number, { volume: Rational; float: number; count: number }>();
  cells.forEach((cell, i) => {
    const claim = `partition.cells[${i}]`;
    const polytope = partition.cells[i]!.polytope;
    const output = outputOf(cell, claim);
    const pieces = cell.pieces!;
    const classes = pieces.map((p) => p.class);
    expectTrue(
      classes.every((c, k) => k === 0 || c > classes[k - 1]!),
      `${claim}.pieces`,
      'pieces must be in increasing class order, one per class',
      counter,
    );
    if (output) {
      const scores = classScores(output);
      expectTrue(
        cell.predictedClass === classAt(output, polytope.centroid()),
        `${claim}.predictedClass`,
        `the output at the exact centroid predicts class ${classAt(output, polytope.centroid())}`,
        counter,
      );
      const present: number[] = [];
      for (let k = 0; k < scores.A.length; k++)
        if (recomputedPiece(polytope, scores, k) !== undefined) present.push(k);
      expectTrue(
        present.join(',') === classes.join(','),
        `${claim}.pieces`,
        `the full-dimensional pieces are of classes [${present.join(', ')}]`,
        counter,
      );
      pieces.forEach((p, k) => {
        expectTrue(
          p.label === `${cell.label}:${p.class}`,
          `${claim}.pieces[${k}].label`,
          `expected "${cell.label}:${p.class}"`,
          counter,
        );
        expectPiece(
          p,
          recomputedPiece(polytope, scores, p.class)!,
          `${claim}.pieces[${k}]`,
          counter,
          omitVertices,
        );
      });
    } else {
      const p = pieces[0];
      expectTrue(
        pieces.length === 1 && p !== undefined && p.class === cell.predictedClass,
        `${claim}.pieces`,
        'a cell of constant class is one piece of its predicted class',
        counter,
      );
      expectTrue(
        p!.label === `${cell.label}:${p!.class}`,
        `${claim}.pieces[0].label`,
        `expected "${cell.label}:${p!.class}"`,
        counter,
      );
      expectPiece(p!, polytope, `${claim}.pieces[0]`, counter, omitVertices);
    }
    for (const p of pieces) {
      const value = p.volume;
      const r = pieceVolumes.get(p.class) ?? { volume: Rational.ZERO, float: 0, count: 0 };
      if (typeof value === 'number') r.float += value;
      else r.volume = r.volume.add(Rational.parse(value.exact));
      r.count++;
      pieceVolumes.set(p.class, r);
    }
  });

  // class regions: sums of the (verified) piece volumes
  const classes = [...pieceVolumes.keys()].sort((a, b) => a - b);
  expectTrue(
    decision.regions.map((r) => r.class).join(',') === classes.join(','),
    'decision.regions',
    `expected one region per class with a piece: [${classes.join(', ')}]`,
    counter,
  );
  decision.regions.forEach((region, i) => {
    const r = pieceVolumes.get(region.class)!;
    expectTrue(
      region.pieces === r.count,
      `decision.regions[${i}].pieces`,
      `expected ${r.count}`,
      counter,
    );
    if (report.measures === 'exact')
      expectValue(region.volume, r.volume, `decision.regions[${i}].volume`, counter);
    else
      expectTrue(
        typeof region.volume === 'number' &&
          Math.abs(region.volume - r.float) <= 1e-9 * Math.max(1, Math.abs(r.float)),
        `decision.regions[${i}].volume`,
        `the pieces sum to ${r.float}`,
        counter,
      );
  });

  // boundary pieces: facets of the lower class's piece where z_hi = z_lo, with their volume
  const expected = new Map<number, number>();
  cells.forEach((cell, i) => {
    const output = outputOf(cell, `partition.cells[${i}]`);
    if (output) expected.set(i, cellDecision(partition.cells[i]!.polytope, output).boundary.length);
  });
  const withVertices = partition.dimension <= 3 && !omitVertices;
  const claimedCount = new Map<number, number>();
  const seen = new Set<string>();
  const faces: DecisionBoundaryPiece[] = [];
  decision.boundary.forEach((b, n) => {
    const claim = `decision.boundary[${n}]`;
    const cell = cells[b.cell];
    const output = cell ? outputOf(cell, `partition.cells[${b.cell}]`) : undefined;
    expectTrue(output !== undefined, `${claim}.cell`, 'not a cell with an output map', counter);
    const [lo, hi] = b.classes;
    const scores = classScores(output!);
    expectTrue(
      lo < hi && hi < scores.A.length,
      `${claim}.classes`,
      'expected two classes, lower first',
      counter,
    );
    const w = b.hyperplane.w.map((x, k) => exactString(x, `${claim}.hyperplane.w[${k}]`));
    const c = exactString(b.hyperplane.c, `${claim}.hyperplane.c`);
    // z_hi − z_lo = λ (w·x + c) with λ > 0
    const dz = scores.A[hi]!.map((x, k) => x.sub(scores.A[lo]![k]!));
    const dc = scores.c[hi]!.sub(scores.c[lo]!);
    const k0 = w.findIndex((x) => !x.isZero());
    const lambda = k0 < 0 ? Rational.ZERO : dz[k0]!.div(w[k0]!);
    expectTrue(
      lambda.sign() > 0 &&
        dz.every((x, k) => x.equals(lambda.mul(w[k]!))) &&
        dc.equals(lambda.mul(c)),
      `${claim}.hyperplane`,
      `not the hyperplane z_${hi} = z_${lo} of the cell's output, positive towards class ${hi}`,
      counter,
    );
    const piece = recomputedPiece(partition.cells[b.cell]!.polytope, scores, lo);
    const f = piece ? piece.facets().findIndex((r) => sameRow(r, { a: w, b: c.neg() })) : -1;
    expectTrue(f >= 0, `${claim}.hyperplane`, `not a facet of the class-${lo} piece`, counter);
    expectValue(b.volume, piece!.facetVolumes()[f]!, `${claim}.volume`, counter);
    // exact vertices (d ≤ 3): those of the piece on the boundary hyperplane, as a set
    const onPlane = piece!
      .vertices()
      .filter((v) => v.reduce((acc, x, k) => acc.add(x.mul(w[k]!)), c).isZero())
      .map(key)
      .sort();
    const claimedVertices = b.vertices?.map((v) => v.join(',')).sort();
    expectTrue(
      withVertices
        ? claimedVertices !== undefined && claimedVertices.join(';') === onPlane.join(';')
        : b.vertices === undefined,
      `${claim}.vertices`,
      withVertices
        ? 'not the exact vertices of the boundary piece'
        : 'vertices are only written for d ≤ 3',
      counter,
    );
    // the face as the decision engine sees it, for the completeness of the bends below
    const face = piece!.intersect(Polytope.fromHRep([w.map((x) => x.neg())], [c]));
    faces.push({
      cell: b.cell,
      classes: [lo, hi],
      hyperplane: { w, c },
      face,
      volume: SqrtRational.fromRational(Rational.ZERO), // not used by boundaryBends
      vertices: face.vertices(),
    });
    const id = `${b.cell}|${b.classes.join()}|${key([...w, c])}`;
    expectTrue(!seen.has(id), claim, 'the same boundary piece is listed twice', counter);
    seen.add(id);
    claimedCount.set(b.cell, (claimedCount.get(b.cell) ?? 0) + 1);
  });
  for (const [i, count] of expected)
    expectTrue(
      (claimedCount.get(i) ?? 0) === count,
      'decision.boundary',
      `cell ${i} has ${count} boundary pieces, the report lists ${claimedCount.get(i) ?? 0}`,
      counter,
    );

  // bends: n_1·n_2 of the two pieces' hyperplanes, same classes, different cells
  decision.bends.forEach((bend, n) => {
    const claim = `decision.bends[${n}]`;
    const [i, j] = bend.between;
    const a = decision.boundary[i];
    const b = decision.boundary[j];
    expectTrue(
      a !== undefined &&
        b !== undefined &&
        i < j &&
        a.cell !== b.cell &&
        a.classes.join() === b.classes.join(),
      `${claim}.between`,
      'two boundary pieces of the same classes in different cells, lower index first',
      counter,
    );
    // the list's order is a claim (docs/report-schema.md): sorted by `between`, each pair once
    const previous = decision.bends[n - 1]?.between;
    expectTrue(
      previous === undefined || previous[0] < i || (previous[0] === i && previous[1] < j),
      `${claim}.between`,
      `bends are sorted by between (i, then j), each pair once; [${previous?.join(', ')}] comes first`,
      counter,
    );
    const wa = a!.hyperplane.w.map((x) => Rational.parse(x));
    const wb = b!.hyperplane.w.map((x) => Rational.parse(x));
    const cos: SqrtRational = unitNormalCos(wa, wb);
    expectValue(bend.cos, cos, `${claim}.cos`, counter);
    const angle = angleFromCos(cos);
    expectTrue(
      Math.abs(bend.angle - angle) <= 1e-12 * Math.max(1, angle),
      `${claim}.angle`,
      `report says ${bend.angle}, recomputed ${angle}`,
      counter,
    );
  });

  // no bend missing and none invented: the pairs of boundary pieces of the same classes in cells
  // sharing a facet that meet in a (d−2)-face, recomputed from the verified pieces
  const cellsLike = { inputDimension: partition.dimension, cells: partition.cells } as unknown;
  const want = boundaryBends(cellsLike as Partition, faces, { predicates: 'exact', exact: true })
    .map((bend) => bend.between.join('-'))
    .sort();
  const got = decision.bends.map((bend) => bend.between.join('-')).sort();
  expectTrue(
    got.join(',') === want.join(','),
    'decision.bends',
    `the boundary pieces bend at [${want.join(', ')}] (pairs of decision.boundary indices)`,
    counter,
  );
}
