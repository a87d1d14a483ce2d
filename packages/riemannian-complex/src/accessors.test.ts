/**
 * Public accessors: facet areas of a cell, maximal simplices, the f-vector with trailing zeros
 * (`simplexCounts`) and `metricFor` (another edge length from one built complex), checked against
 * SPEC §9 examples A and B and closed forms on boxes.
 */
import { describe, expect, it } from 'vitest';
import { buildComplex } from './complex.js';
import { specExampleA, specExampleB } from './partitions.test-helper.js';

const str = (xs: readonly { toString(): string }[]) => xs.map(String);

// SPEC §9 A: x = 1/2, y = 1/2 cut the unit square into four squares of side 1/2
const A = specExampleA;
// SPEC §9 B: x = 1/2 and x + y = 1
const B = specExampleB;

describe('ComplexCell.facetAreas', () => {
  it('SPEC §9 A: every cell is a square of side 1/2, four facets of length 1/2', () => {
    const c = buildComplex(A());
    for (const cell of c.cells) expect(str(cell.facetAreas)).toEqual(['1/2', '1/2', '1/2', '1/2']);
  });

  it('SPEC §9 B: shared faces are facets of both cells; the facet lengths add up to the cuts', () => {
    const c = buildComplex(B());
    // each shared face is a facet of both of its cells, with the same length
    for (const f of c.sharedFaces) {
      for (const idx of [f.i, f.j]) {
        const areas = c.cells[idx]!.facetAreas;
        expect(areas.some((a) => a.equals(f.volume))).toBe(true);
      }
    }
    // the perimeter of all cells = perimeter of the square (4) + twice the interior cuts
    // (x = 1/2: length 1; x + y = 1: length √2)
    let rational = 0;
    let sqrt2 = 0;
    for (const cell of c.cells)
      for (const a of cell.facetAreas) {
        if (a.toString().includes('sqrt(2)')) sqrt2 += a.toNumber();
        else rational += a.toNumber();
      }
    expect(rational).toBeCloseTo(4 + 2 * 1, 12);
    expect(sqrt2).toBeCloseTo(2 * Math.SQRT2, 12);
  });
});

describe('RiemannianComplex.maximalSimplices', () => {
  it('SPEC §9 A adjacency: the 4-cycle has its four edges as maximal simplices', () => {
    expect(buildComplex(A()).maximalSimplices()).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
  });

  it('SPEC §9 A nerve: the four cells meet at the centre, one maximal 3-simplex', () => {
    expect(buildComplex(A(), { kind: 'nerve' }).maximalSimplices()).toEqual([[0, 1, 2, 3]]);
  });

  it('nerve cut at maxDimension 2: the four triangles (flagged truncated)', () => {
    const n = buildComplex(A(), { kind: 'nerve', maxDimension: 2 });
    expect(n.truncated).toBe(true);
    expect(n.maximalSimplices()).toEqual([
      [0, 1, 2],
      [0, 1, 3],
      [0, 2, 3],
      [1, 2, 3],
    ]);
  });

  it('partial partition: an isolated cell is a maximal 0-simplex', () => {
    const p = A();
    const partial = { ...p, complete: false, cells: [p.cells[0]!, p.cells[3]!] }; // 00 and 11
    expect(buildComplex(partial).maximalSimplices()).toEqual([[0], [1]]);
    expect(buildComplex(partial, { kind: 'nerve' }).maximalSimplices()).toEqual([[0, 1]]);
  });
});

describe('RiemannianComplex.simplexCounts', () => {
  it('keeps trailing empty levels: length maxDimension + 1, equal to the simplices counts', () => {
    const c = buildComplex(A());
    expect(c.maxDimension).toBe(2);
    expect(c.simplexCounts).toEqual([4, 4, 0]);
    expect(c.fVector).toEqual([4, 4]);
    expect(buildComplex(A(), { maxDimension: 1 }).simplexCounts).toEqual([4, 4]);
    expect(buildComplex(A(), { kind: 'nerve' }).simplexCounts).toEqual([4, 6, 4, 1]);
    expect(buildComplex(A(), { kind: 'nerve', maxDimension: 2 }).simplexCounts).toEqual([4, 6, 4]);
    for (const x of [buildComplex(A()), buildComplex(B(), { kind: 'nerve' })]) {
      expect(x.simplexCounts).toHaveLength(x.maxDimension + 1);
      x.simplexCounts.forEach((f, k) => expect(f).toBe(x.simplices[k]?.length ?? 0));
    }
  });
});

describe('RiemannianComplex.metricFor', () => {
  it('SPEC §9 B: unit and centroid metrics from one complex', () => {
    const c = buildComplex(B(), { edgeLength: 'unit' });
    const e = c.indexOf([0, 1])!;
    const unit = c.metricFor('unit');
    expect(unit).toBe(c.metric); // the built metric is reused
    expect(unit.measures).toBe('exact');
    expect(String(unit.M1[e])).toBe('1/2*sqrt(2)'); // ℓ = 1: M_1 = the shared face length
    const centroid = c.metricFor({ kind: 'centroid' });
    expect(centroid.edgeLength).toBe('centroid');
    expect(String(centroid.edgeLengths[e])).toBe('1/9*sqrt(17)');
    expect(String(centroid.M1[e])).toBe('9/34*sqrt(34)');
    expect(c.metricFor('centroid')).toBe(centroid); // cached per option
  });

  it('agrees entry by entry with a complex built for that edge length', () => {
    const c = buildComplex(A());
    for (const option of ['unit', 'centroid'] as const) {
      const fresh = buildComplex(A(), { edgeLength: option }).metric;
      const m = c.metricFor(option);
      expect(str(m.M1)).toEqual(str(fresh.M1));
      expect(str(m.edgeLengths)).toEqual(str(fresh.edgeLengths));
      expect(m.M.map(str)).toEqual(fresh.M.map(str));
    }
    // SPEC §9 A: centroid distances 1/2, faces 1/2 → M_1 = 1; unit → M_1 = 1/2
    expect(str(c.metricFor('centroid').M1)).toEqual(['1', '1', '1', '1']);
    expect(str(c.metricFor('unit').M1)).toEqual(['1/2', '1/2', '1/2', '1/2']);
  });
});
