/**
 * Facet enumeration of conv(points) + cone(rays) + span(lines) by the same double description
 * engine run on the dual cone {h : h·g ≥ 0 for every generator g, h·l = 0 for every line}
 * (homogeneous rows h = (b, −a) of a·x ≤ b; SPEC §3, issue 6).
 *
 * The dual's lineality space is the set of affine-hull equations; its extreme rays are the facets
 * of the homogenised cone: the facets of P plus, when P is unbounded, possibly the trivial
 * inequality t ≥ 0 (face at infinity), recognised as the ray tight on no point (every facet of a
 * pointed polyhedron holds a vertex). Vertices and extreme rays are the generators whose sets of
 * tight dual rays are maximal (a generator is extreme iff its face is 1-dimensional iff no other
 * generator lies on every facet it lies on), after projecting the generators onto L^⊥.
 */
import {
  Rational,
  RationalField,
  integerNullSpace,
  solve,
  toPrimitiveIntegers,
  transpose,
  matMul,
} from '@mlgeo/exact-arith';
import { type IntegerHRep, integerHRep } from '../hrep.js';
import type { IntegerVRep } from '../vrep.js';
import { bitsToList, isSubset, popcount, setBit, wordCount } from './bitset.js';
import { enumerateCone, newDDStats, type DDStats, type SignMode } from './cone.js';
import { compareFractions, compareInts } from './order.js';
import { emptyAnalysis, exactFloatVertices, type HAnalysis } from './hside.js';

export interface VAnalysis {
  /** The polyhedron as an irredundant H-representation (facets, affine-hull equations). */
  hrep: IntegerHRep;
  /** The full analysis (facetRows index hrep.ineq). */
  analysis: HAnalysis;
}

/** Projects homogeneous generator rows (t, x) onto t × L^⊥ (L spanned by `lines`, x-space). */
function projectGenerators(gens: readonly bigint[][], lines: readonly bigint[][]): bigint[][] {
  if (lines.length === 0) return gens.map((g) => g.slice());
  const L = lines.map((l) => l.map((x) => Rational.fromBigInt(x)));
  const gram = matMul(RationalField, L, transpose(L));
  return gens.map((g) => {
    const x = g.slice(1).map((v) => Rational.fromBigInt(v));
    const rhs = L.map((l) => l.reduce((s, li, i) => s.add(li.mul(x[i]!)), Rational.ZERO));
    const c = solve(RationalField, gram, rhs)!;
    const proj = x.map((xi, i) => L.reduce((s, l, j) => s.sub(c[j]!.mul(l[i]!)), xi));
    return toPrimitiveIntegers([Rational.fromBigInt(g[0]!), ...proj]);
  });
}

/** Facets, affine hull, vertices, rays and incidence of a V-representation. */
export function analyzeVRep(v: IntegerVRep, mode: SignMode): VAnalysis {
  const n = v.d + 1;
  const stats: DDStats = newDDStats();
  if (v.pointCount === 0) {
    const hrep: IntegerHRep = integerHRep(v.d, [], [], true);
    return {
      hrep,
      analysis: emptyAnalysis(stats, []),
    };
  }
  const cone = enumerateCone({ n, ineq: v.generators, eq: v.lines, mode });
  const G = v.generators.length;
  const gw = wordCount(v.pointCount);
  const facetIdx: number[] = [];
  cone.rays.forEach((_, i) => {
    const z = cone.zeroSets[i]!;
    // does the ray vanish on at least one point (generator rows 0..pointCount-1)?
    for (let w = 0; w < gw; w++) {
      let mask = z[w]!;
      const bitsHere = v.pointCount - w * 32;
      if (bitsHere < 32) mask &= (1 << bitsHere) - 1;
      if (mask !== 0) {
        facetIdx.push(i);
        return;
      }
    }
  });
  const hull = cone.lineality.map((h) => {
    const first = h.find((x) => x !== 0n)!;
    return first < 0n ? h.map((x) => -x) : h;
  });
  const facets = facetIdx.map((i) => cone.rays[i]!);
  // lineality space of P: x with h'·x = 0 for every facet and hull row
  const lines = integerNullSpace(
    [...facets, ...hull].map((h) => h.slice(1)),
    v.d,
  );

  // generators projected onto L^⊥ and deduplicated; each keeps its set of tight dual rays
  const projected = projectGenerators(v.generators, lines);
  const R = cone.rays.length;
  const rw = wordCount(R);
  const sets: Uint32Array[] = Array.from({ length: G }, () => new Uint32Array(rw));
  for (let j = 0; j < R; j++) for (const i of bitsToList(cone.zeroSets[j]!)) setBit(sets[i]!, j);
  const reps: number[] = [];
  const seen = new Set<string>();
  projected.forEach((g, i) => {
    if (g.every((x) => x === 0n)) return; // a ray inside the lineality space
    const key = g.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    reps.push(i);
  });
  const sizes = reps.map((i) => popcount(sets[i]!));
  // extreme iff no other (distinct) generator lies on every dual ray this one lies on
  const extremeSet = reps
    .map((_, j) => j)
    .filter((j) => {
      const s = sets[reps[j]!]!;
      for (let t = 0; t < reps.length; t++)
        if (t !== j && sizes[t]! >= sizes[j]! && isSubset(s, sets[reps[t]!]!)) return false;
      return true;
    });
  const vertexGen: number[] = [];
  const rayGen: number[] = [];
  for (const j of extremeSet) (projected[reps[j]!]![0]! > 0n ? vertexGen : rayGen).push(reps[j]!);
  vertexGen.sort((a, b) => compareFractions(projected[a]!, projected[b]!));
  rayGen.sort((a, b) => compareInts(projected[a]!, projected[b]!));
  const incidenceOf = (list: number[]) =>
    facetIdx.map((f) => {
      const out: number[] = [];
      list.forEach((gi, idx) => {
        if ((sets[gi]![f >>> 5]! & (1 << (f & 31))) !== 0) out.push(idx);
      });
      return out;
    });
  const analysis: HAnalysis = {
    empty: false,
    dimension: v.d - hull.length,
    vertexRays: vertexGen.map((i) => projected[i]!),
    floatVertices: () => exactFloatVertices(vertexGen.map((i) => projected[i]!)),
    rays: rayGen.map((i) => projected[i]!.slice(1)),
    lines,
    facetRows: facets.map((_, i) => i),
    incidence: incidenceOf(vertexGen),
    rayIncidence: incidenceOf(rayGen),
    hull,
    stats: cone.stats,
  };
  return { hrep: integerHRep(v.d, facets, hull, false), analysis };
}
