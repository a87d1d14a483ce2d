/**
 * Compares our answers with the peer suite's `expected.json` exactly as its README prescribes:
 * H-files — emptiness, boundedness, affine dimension, vertices (exact), extreme rays up to positive
 * scaling, lines up to span; V-files — facets as coprime integer rows `b a1 … ad` (b + a·x ≥ 0),
 * equalities up to span. For a polyhedron with lines, vertices and rays are only defined modulo the
 * lineality space, so both sides are projected onto its orthogonal complement first.
 */
import { Rational, RationalField, rank, solve, toPrimitiveIntegers } from '@mlgeo/exact-arith';

/** An H-file's entry of expected.json. */
export interface ExpectedH {
  representation: 'H';
  d: number;
  empty: boolean;
  bounded: boolean;
  dimension: number;
  vertices: string[][];
  rays: string[][];
  lines: string[][];
}

/** A V-file's entry of expected.json. */
export interface ExpectedV {
  representation: 'V';
  d: number;
  facets: string[][];
  equalities: string[][];
}

export type Expected = ExpectedH | ExpectedV;

/** What we computed for an H-file. */
export interface OursH {
  empty: boolean;
  bounded: boolean;
  dimension: number;
  vertices: Rational[][];
  rays: Rational[][];
  lines: Rational[][];
}

/** What we computed for a V-file: rows `b a1 … ad` meaning b + a·x ≥ 0 (any positive scaling). */
export interface OursV {
  facets: Rational[][];
  equalities: Rational[][];
}

const vec = (v: readonly string[]) => v.map((x) => Rational.parse(x));
const key = (v: readonly Rational[]) => v.map(String).join(' ');
const show = (v: readonly Rational[]) => `(${v.map(String).join(', ')})`;

/** Scales a direction so that its first non-zero entry is ±1 (positive scaling only). */
export function normaliseRay(v: readonly Rational[]): Rational[] {
  const p = v.find((x) => !x.isZero());
  return p === undefined ? v.slice() : v.map((x) => x.div(p.abs()));
}

/** Coprime integer row; with `freeSign` the first non-zero entry is made positive. */
export function primitiveRow(v: readonly Rational[], freeSign: boolean): Rational[] {
  let ints = toPrimitiveIntegers(v);
  const first = ints.find((x) => x !== 0n);
  if (freeSign && first !== undefined && first < 0n) ints = ints.map((x) => -x);
  return ints.map((x) => Rational.fromBigInt(x));
}

/** True when the row spaces of a and b coincide (exact ranks). */
export function sameSpan(a: Rational[][], b: Rational[][]): boolean {
  const ra = a.length ? rank(RationalField, a) : 0;
  const rb = b.length ? rank(RationalField, b) : 0;
  if (ra !== rb) return false;
  const both = [...a, ...b];
  return (both.length ? rank(RationalField, both) : 0) === ra;
}

/** The orthogonal projection onto span(L)^⊥, exact. */
export function complementProjector(L: Rational[][]): (v: readonly Rational[]) => Rational[] {
  if (L.length === 0) return (v) => v.slice();
  const dot = (x: readonly Rational[], y: readonly Rational[]) =>
    x.reduce((s, xi, i) => s.add(xi.mul(y[i]!)), Rational.ZERO);
  const gram = L.map((li) => L.map((lj) => dot(li, lj)));
  return (v) => {
    const y = solve(
      RationalField,
      gram,
      L.map((li) => dot(li, v)),
    );
    if (!y) throw new Error('lines are linearly dependent');
    return v.map((vi, k) => L.reduce((s, li, i) => s.sub(y[i]!.mul(li[k]!)), vi));
  };
}

/** A basis of the row space (independent rows of the reduced echelon form). */
function basis(rows: Rational[][]): Rational[][] {
  if (rows.length === 0) return [];
  const r = rank(RationalField, rows);
  const out: Rational[][] = [];
  for (const row of rows) {
    const trial = [...out, row];
    if (rank(RationalField, trial) === trial.length) out.push(row);
    if (out.length === r) break;
  }
  return out;
}

/** Compares two sets of vectors; returns the first difference as text, or null. */
function compareSets(what: string, ours: Rational[][], expected: Rational[][]): string | null {
  const mine = new Map(ours.map((v) => [key(v), v]));
  const theirs = new Map(expected.map((v) => [key(v), v]));
  if (mine.size !== ours.length) return `${what}: we report duplicates`;
  for (const [k, v] of theirs)
    if (!mine.has(k))
      return `${what}: missing ${show(v)} (${ours.length} vs ${expected.length} expected)`;
  for (const [k, v] of mine)
    if (!theirs.has(k))
      return `${what}: extra ${show(v)} (${ours.length} vs ${expected.length} expected)`;
  return null;
}

/** First difference between our H-answer and the expected one, or null when they agree. */
export function compareH(expected: ExpectedH, ours: OursH): string | null {
  if (ours.empty !== expected.empty) return `empty: ${ours.empty}, expected ${expected.empty}`;
  if (ours.dimension !== expected.dimension)
    return `dimension: ${ours.dimension}, expected ${expected.dimension}`;
  if (expected.empty) return null;
  if (ours.bounded !== expected.bounded)
    return `bounded: ${ours.bounded}, expected ${expected.bounded}`;
  const expLines = expected.lines.map(vec);
  if (ours.lines.length !== expLines.length || !sameSpan(ours.lines, expLines))
    return `lines: ${ours.lines.length} spanning another space than the ${expLines.length} expected`;
  const project = complementProjector(basis(expLines));
  const vertices = compareSets(
    'vertices',
    ours.vertices.map(project),
    expected.vertices.map((v) => project(vec(v))),
  );
  if (vertices) return vertices;
  const rays = (rs: Rational[][]) => {
    const seen = new Map<string, Rational[]>();
    for (const r of rs) {
      const n = normaliseRay(project(r));
      if (n.some((x) => !x.isZero())) seen.set(key(n), n);
    }
    return [...seen.values()];
  };
  return compareSets('rays', rays(ours.rays), rays(expected.rays.map(vec)));
}

/** First difference between our V-answer (facet enumeration) and the expected one, or null. */
export function compareV(expected: ExpectedV, ours: OursV): string | null {
  const expEq = expected.equalities.map(vec);
  if (ours.equalities.length !== expEq.length || !sameSpan(ours.equalities, expEq))
    return `equalities: ${ours.equalities.length} spanning another space than the ${expEq.length} expected`;
  const facets = ours.facets.map((f) => primitiveRow(f, false));
  if (expEq.length === 0) return compareSets('facets', facets, expected.facets.map(vec));
  // With equalities a facet is only defined modulo them: compare counts and that each facet of
  // ours is, modulo the equalities, a positive multiple of an expected one.
  if (facets.length !== expected.facets.length)
    return `facets: ${facets.length}, expected ${expected.facets.length}`;
  const project = complementProjector(basis(expEq));
  const exp = new Set(expected.facets.map((f) => key(normaliseRay(project(vec(f))))));
  for (const f of facets) {
    if (!exp.has(key(normaliseRay(project(f))))) return `facets: extra ${show(f)}`;
  }
  return null;
}
