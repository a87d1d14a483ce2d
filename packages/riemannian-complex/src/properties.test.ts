/**
 * Invariants on random partitions (fast-check): self-checks pass, and the pruned/fast paths agree
 * with brute-force oracles that test every pair (and small subset) of cells with Polytope.intersect.
 */
import fc from 'fast-check';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { buildComplex, readPartition } from './complex.js';
import { facetVolumes } from './facet-measures.js';
import { findSharedFaces } from './shared-faces.js';
import { nerveSimplices } from './simplices.js';
import { arrangementPartition, boxRows, partitionOf, type Row } from './partitions.test-helper.js';
import type { PartitionLike, RiemannianComplex } from './types.js';
import { verify } from './verify.js';

const lineArb = fc.record({
  w: fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 })),
  px: fc.integer({ min: 1, max: 7 }),
  py: fc.integer({ min: 1, max: 7 }),
});

/** Lines through points (px/8, py/8) of the unit square. */
function arrangementOf(lines: { w: [number, number]; px: number; py: number }[]): PartitionLike {
  const hs = lines
    .filter((l) => l.w[0] !== 0 || l.w[1] !== 0)
    .map((l) => ({ w: l.w, c: Rational.of(-(l.w[0] * l.px + l.w[1] * l.py), 8) }));
  return arrangementPartition(boxRows([0, 0], [1, 1]), hs);
}

/** Random guillotine (decision-tree) partition of the unit box: not face-to-face. */
function treePartition(d: number, splits: { axis: number; t: number }[]): PartitionLike {
  type Box = { lo: Rational[]; hi: Rational[] };
  let boxes: Box[] = [
    { lo: new Array(d).fill(Rational.ZERO), hi: new Array(d).fill(Rational.ONE) },
  ];
  splits.forEach((s, k) => {
    // split the box number k mod |boxes| at a point t/8 of its extent along axis
    const idx = k % boxes.length;
    const b = boxes[idx]!;
    const axis = s.axis % d;
    const cut = b.lo[axis]!.add(b.hi[axis]!.sub(b.lo[axis]!).mul(Rational.of(s.t, 8)));
    const left = { lo: b.lo.slice(), hi: b.hi.slice() };
    const right = { lo: b.lo.slice(), hi: b.hi.slice() };
    left.hi[axis] = cut;
    right.lo[axis] = cut;
    boxes = [...boxes.slice(0, idx), left, right, ...boxes.slice(idx + 1)];
  });
  const domain = boxRows(new Array(d).fill(0), new Array(d).fill(1));
  return partitionOf(
    domain,
    boxes.map((b, i) => ({ label: String(i), rows: boxRows(b.lo, b.hi) as Row[] })),
  );
}

const splitArb = (d: number) =>
  fc.array(
    fc.record({ axis: fc.integer({ min: 0, max: d - 1 }), t: fc.integer({ min: 1, max: 7 }) }),
    {
      minLength: 1,
      maxLength: 10,
    },
  );

/** Brute force: every pair of cells whose closures meet in dimension d − 1. */
function bruteForceEdges(p: PartitionLike): number[][] {
  const d = p.domain.ambientDimension;
  const out: number[][] = [];
  for (let i = 0; i < p.cells.length; i++)
    for (let j = i + 1; j < p.cells.length; j++) {
      const I = p.cells[i]!.polytope.intersect(p.cells[j]!.polytope);
      if (!I.isEmpty() && I.dimension() === d - 1) out.push([i, j]);
    }
  return out;
}

/** Brute force nerve up to 3 vertices (every triple tested). */
function bruteForceNerve(p: PartitionLike): number[][][] {
  const n = p.cells.length;
  const P = p.cells.map((c) => c.polytope);
  const pairs: number[][] = [];
  const triples: number[][] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const Iij = P[i]!.intersect(P[j]!);
      if (Iij.isEmpty()) continue;
      pairs.push([i, j]);
      for (let k = j + 1; k < n; k++) if (!Iij.intersect(P[k]!).isEmpty()) triples.push([i, j, k]);
    }
  return [pairs, triples];
}

function expectChecks(c: RiemannianComplex): void {
  for (const r of verify(c)) expect(r.ok, `${r.name}: ${r.detail}`).toBe(true);
}

describe('random arrangements in the unit square', () => {
  it('self-checks pass and facet adjacency equals the brute-force pair test', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), (lines) => {
        const p = arrangementOf(lines);
        const c = buildComplex(p);
        expectChecks(c);
        expect(c.simplices[1]).toEqual(bruteForceEdges(p));
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('2-D nerve (cells around vertices) equals the brute-force nerve up to triangles', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), (lines) => {
        const p = arrangementOf(lines);
        const n = buildComplex(p, { kind: 'nerve', maxDimension: 2 });
        const [pairs, triples] = bruteForceNerve(p);
        expect(n.simplices[1]).toEqual(pairs);
        expect(n.simplices[2] ?? []).toEqual(triples);
      }),
      { numRuns: 20, seed: 12 },
    );
  });
});

describe('random decision-tree partitions (not face-to-face)', () => {
  it('2-D: self-checks pass; adjacency and nerve equal brute force', () => {
    fc.assert(
      fc.property(splitArb(2), (splits) => {
        const p = treePartition(2, splits);
        const c = buildComplex(p);
        expectChecks(c);
        expect(c.simplices[1]).toEqual(bruteForceEdges(p));
        const n = buildComplex(p, { kind: 'nerve', maxDimension: 2 });
        const [pairs, triples] = bruteForceNerve(p);
        expect(n.simplices[1]).toEqual(pairs);
        expect(n.simplices[2] ?? []).toEqual(triples);
        expectChecks(buildComplex(p, { kind: 'nerve' }));
      }),
      { numRuns: 25, seed: 13 },
    );
  });
});

describe('fast exact paths agree with Polytope.intersect', () => {
  const sameFaces = (p: PartitionLike): void => {
    const { d, geometry } = readPartition(p);
    const fast = findSharedFaces(geometry, d);
    const generic = findSharedFaces(geometry, d, { generic: true });
    expect(fast.map((f) => [f.i, f.j])).toEqual(generic.map((f) => [f.i, f.j]));
    fast.forEach((f, k) => expect(f.volume.equals(generic[k]!.volume)).toBe(true));
  };

  /** Nerve from the stars of 0-cells (fast) = brute force; its I(σ) = Polytope.intersect's. */
  const sameNerve = (p: PartitionLike): void => {
    const { d, geometry } = readPartition(p);
    const faces = findSharedFaces(geometry, d);
    const fast = nerveSimplices(geometry, faces, d, 3);
    const generic = nerveSimplices(geometry, faces, d, 3, true);
    const [pairs, triples] = bruteForceNerve(p);
    expect(fast.simplices[1]).toEqual(pairs);
    expect(fast.simplices[2] ?? []).toEqual(triples);
    expect(fast.simplices).toEqual(generic.simplices);
    fast.intersections.forEach((level, k) =>
      level.forEach((I, s) => {
        const J = generic.intersections[k]![s]!;
        expect(I.dimension).toBe(J.dimension);
        expect(I.volume.equals(J.volume)).toBe(true);
      }),
    );
  };

  /** facet-measures.ts (projection formula) = Polytope.faces(1) volumes (pulling triangulation). */
  const sameFacetVolumes = (p: PartitionLike): void => {
    const { d, geometry } = readPartition(p);
    for (const cell of geometry) {
      const mine = facetVolumes(cell, d);
      const theirs = cell.polytope.faces(1);
      expect(theirs.length).toBe(mine.length);
      for (const F of theirs) expect(F.volume.equals(mine[F.facets[0]!]!)).toBe(true);
    }
  };

  it('2-D segments: random arrangements and trees', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 5 }),
        splitArb(2),
        (lines, splits) => {
          sameFaces(arrangementOf(lines));
          sameFaces(treePartition(2, splits));
        },
      ),
      { numRuns: 15, seed: 14 },
    );
  });

  it('3-D polygons: random trees (not face-to-face), adjacency = brute force, checks pass', () => {
    fc.assert(
      fc.property(splitArb(3), (splits) => {
        const p = treePartition(3, splits);
        sameFaces(p);
        const c = buildComplex(p);
        expect(c.simplices[1]).toEqual(bruteForceEdges(p));
        expectChecks(c);
        sameNerve(p);
      }),
      { numRuns: 15, seed: 15 },
    );
  });

  it('3-D: random planes through the unit cube', () => {
    const planeArb = fc.record({
      w: fc.tuple(
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: -3, max: 3 }),
      ),
      p: fc.tuple(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(planeArb, { minLength: 1, maxLength: 3 }), (planes) => {
        const hs = planes
          .filter((h) => h.w.some((x) => x !== 0))
          .map((h) => ({
            w: h.w,
            c: Rational.of(-(h.w[0] * h.p[0] + h.w[1] * h.p[1] + h.w[2] * h.p[2]), 4),
          }));
        const p = arrangementPartition(boxRows([0, 0, 0], [1, 1, 1]), hs);
        sameFaces(p);
        sameNerve(p);
        sameFacetVolumes(p);
        expectChecks(buildComplex(p));
      }),
      { numRuns: 10, seed: 16 },
    );
  });
});

export { treePartition };
