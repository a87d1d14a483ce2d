/**
 * Measures of a polytope (or of one of its faces) from its vertices and vertex–facet incidence
 * (SPEC §3): d-volume, relative k-volume as r·√q, centroid, the faces of a codimension, and the
 * Minkowski-identity residual. Exact over RationalField; float over Float64Field.
 */
import {
  Rational,
  RationalField,
  ShapeError,
  SqrtRational,
  determinant,
  bitLength,
  gcdOfList,
  isRationalField,
  rref,
  type Field,
} from '@mlgeo/exact-arith';
import { EmptyPolytopeError } from '../errors.js';
import { FaceLattice } from './face-lattice.js';
import { floatMeasuresOfFace, type FloatFrame, type FloatMeasures } from './float-measures.js';
import {
  BigIntElimination,
  FieldElimination,
  RowScaledElimination,
  pullingSums,
} from './pulling.js';

/** A face of a polytope (SPEC §3): dimension, sorted vertex indices, containing facets, vol_k. */
export interface FaceMeasure {
  dimension: number;
  /** Sorted indices into the polytope's vertex list. */
  vertices: number[];
  /** Sorted indices (into the facet list given) of the facets that contain the face. */
  facets: number[];
  /** vol_k of the face within its affine hull (SPEC §3), k = dimension; 1 for a vertex. */
  volume: SqrtRational;
}

/** Vertices and the vertex sets of the facets (rows of an H-representation may add non-facets). */
export interface VertexIncidence<T> {
  vertices: readonly (readonly T[])[];
  /** For each facet (or row), the indices of the vertices on it. */
  facetVertices: readonly (readonly number[])[];
}

function checkVertices<T>(vertices: readonly (readonly T[])[]): number {
  const d = vertices[0]?.length ?? 0;
  vertices.forEach((v, i) => {
    if (!Array.isArray(v) || v.length !== d) {
      throw new ShapeError(
        `vertex ${i} has ${Array.isArray(v) ? v.length : 'no'} coordinates, expected ${d}`,
        `vertices[${i}]`,
        'give every vertex the same number of coordinates',
      );
    }
  });
  return d;
}

/** Affine frame of a vertex set: dimension k, coordinates S it projects onto injectively, U. */
interface AffineFrame<T> {
  k: number;
  /** Pivot coordinates: the projection onto them is injective on the affine hull. */
  S: number[];
  /** Rows u_1..u_k of the reduced echelon basis of the direction space (U_S = identity). */
  U: T[][];
}

function affineFrame<T>(
  F: Field<T>,
  vertices: readonly (readonly T[])[],
  face: readonly number[],
): AffineFrame<T> {
  if (face.length <= 1) return { k: 0, S: [], U: [] };
  if (!F.exact) {
    // rank decided exactly on the rationals the floats are (SPEC §1): a thin full-dimensional
    // polytope is not mistaken for a flat one
    const exact = vertices.map((v) => v.map((x) => Rational.fromDouble(F.toNumber(x))));
    const frame = affineFrame(RationalField, exact, face);
    return { k: frame.k, S: frame.S, U: frame.U.map((row) => row.map((x) => F.fromRational(x))) };
  }
  const base = vertices[face[0]!]!;
  const diffs = face.slice(1).map((v) => vertices[v]!.map((x, j) => F.sub(x, base[j]!)));
  const { rref: r, pivots } = rref(F, diffs);
  return { k: pivots.length, S: pivots, U: r.slice(0, pivots.length) };
}

function factorial(k: number): bigint {
  let f = 1n;
  for (let i = 2n; i <= BigInt(k); i++) f *= i;
  return f;
}

/**
 * Exact pulling sums in the coordinates S: the k-volume there, Σ|det| and per-vertex weights (as
 * rationals, in the same scale). With a small common denominator L the coordinates are scaled to
 * integers once; otherwise (e.g. points with many distinct denominators) every pushed edge row is
 * scaled by its own denominator, so integers stay the size of one row.
 */
function exactProjected(
  lattice: FaceLattice,
  vertices: readonly (readonly Rational[])[],
  face: readonly number[],
  k: number,
  S: readonly number[],
  withWeights: boolean,
): { volume: Rational; total: Rational; vertexWeight: Rational[] } {
  let L = 1n;
  for (const v of face) {
    for (const j of S) {
      const den = vertices[v]![j]!.den;
      if (den !== 1n) L = (L / gcdOfList([L, den])) * den;
    }
    if (bitLength(L) > COMMON_DENOMINATOR_BITS) break;
  }
  const kFact = Rational.fromBigInt(factorial(k));
  if (bitLength(L) <= COMMON_DENOMINATOR_BITS) {
    const coords: bigint[][] = vertices.map(() => []);
    for (const v of face) {
      coords[v] = S.map((j) => vertices[v]![j]!.num * (L / vertices[v]![j]!.den));
    }
    const sums = pullingSums(
      lattice,
      face,
      k,
      coords,
      (a, b) => a - b,
      new BigIntElimination(k),
      withWeights,
    );
    const scale = L ** BigInt(k);
    const total = Rational.of(sums.total, scale);
    return {
      volume: total.div(kFact),
      total,
      vertexWeight: sums.vertexWeight.map((w) => Rational.of(w ?? 0n, scale)),
    };
  }
  const coords: Rational[][] = vertices.map(() => []);
  for (const v of face) coords[v] = S.map((j) => vertices[v]![j]!);
  const sums = pullingSums(
    lattice,
    face,
    k,
    coords,
    (a, b) => a.sub(b),
    new RowScaledElimination(k),
    withWeights,
  );
  return {
    volume: sums.total.div(kFact),
    total: sums.total,
    vertexWeight: sums.vertexWeight.map((w) => w ?? Rational.ZERO),
  };
}

/** Above this many bits of the common denominator, rows are scaled one by one. */
const COMMON_DENOMINATOR_BITS = 128;

function fieldProjected<T>(
  F: Field<T>,
  lattice: FaceLattice,
  vertices: readonly (readonly T[])[],
  face: readonly number[],
  k: number,
  S: readonly number[],
  withWeights: boolean,
): { volume: T; total: T; vertexWeight: T[] } {
  const coords: T[][] = vertices.map((v) => S.map((j) => v[j]!));
  const sums = pullingSums(
    lattice,
    face,
    k,
    coords,
    (a, b) => F.sub(a, b),
    new FieldElimination(F, k),
    withWeights,
  );
  return {
    volume: F.div(sums.total, F.fromInt(factorial(k))),
    total: sums.total,
    vertexWeight: sums.vertexWeight,
  };
}

interface Context<T> {
  F: Field<T>;
  vertices: readonly (readonly T[])[];
  d: number;
  lattice: FaceLattice;
  /** The polytope's affine dimension (−1 when empty). */
  k: number;
}

/**
 * Validates the input and the incidence (every ridge in two facets) once per call. `knownDimension`
 * (the polytope's affine dimension, when the caller has it exactly) skips the rank computation.
 */
function prepare<T>(F: Field<T>, input: VertexIncidence<T>, knownDimension?: number): Context<T> {
  const d = checkVertices(input.vertices);
  const lattice = new FaceLattice(input.vertices.length, input.facetVertices);
  const n = input.vertices.length;
  const k = n === 0 ? -1 : (knownDimension ?? affineFrame(F, input.vertices, lattice.top()).k);
  lattice.validate(k);
  return { F, vertices: input.vertices, d, lattice, k };
}

function rootOf<T>(ctx: Context<T>, face: readonly number[] | undefined): number[] {
  if (!face) return ctx.lattice.top();
  for (const v of face) {
    if (!Number.isInteger(v) || v < 0 || v >= ctx.vertices.length) {
      throw new ShapeError(`vertex index ${v} out of range`, 'face', 'use indices into vertices');
    }
  }
  return [...new Set(face)].sort((a, b) => a - b);
}

function exactRelativeVolume(ctx: Context<Rational>, root: readonly number[]): SqrtRational {
  if (root.length === 0) throw new EmptyPolytopeError('relativeVolume');
  const { k, S, U } = affineFrame(RationalField, ctx.vertices, root);
  if (k === 0) return SqrtRational.ONE;
  const projected = exactProjected(ctx.lattice, ctx.vertices, root, k, S, false).volume;
  return SqrtRational.of(projected, gram(RationalField, U));
}

/**
 * The d-volume of conv(vertices) (0 when it is not full-dimensional), by a pulling triangulation
 * over the face lattice derived from `facetVertices`. Exact over RationalField.
 */
export function volumeFromVertices<T>(F: Field<T>, input: VertexIncidence<T>): T {
  const { d, lattice, k } = prepare(F, input);
  if (k < d || k <= 0) return k === 0 && d === 0 ? F.one : F.zero;
  const root = lattice.top();
  const { S } = affineFrame(F, input.vertices, root);
  if (isRationalField(F)) {
    const vs = input.vertices as unknown as Rational[][];
    return exactProjected(lattice, vs, root, k, S, false).volume as unknown as T;
  }
  return fieldProjected(F, lattice, input.vertices, root, k, S, false).volume;
}

/** Dimension (affine) of conv of the face's vertices (−1 when empty). */
export function affineDimension<T>(
  F: Field<T>,
  vertices: readonly (readonly T[])[],
  face?: readonly number[],
): number {
  const root = face ?? vertices.map((_, i) => i);
  if (root.length === 0) return -1;
  return affineFrame(F, vertices, root).k;
}

/**
 * vol_k of a k-dimensional polytope (or of its face `face`, given by vertex indices) within its
 * affine hull, exactly as r·√q (SPEC §3): the k-volume of the projection onto k coordinates S in
 * which the hull projects injectively, times √det(UᵀU)/|det U_S| (here U_S = I). A point has
 * volume 1.
 */
export function relativeVolumeFromVertices(
  input: VertexIncidence<Rational>,
  face?: readonly number[],
): SqrtRational {
  const ctx = prepare(RationalField, input);
  return exactRelativeVolume(ctx, rootOf(ctx, face));
}

/**
 * vol_{k−1} of every facet, k the affine dimension (one entry per row of `facetVertices`, in that
 * order), exactly as r·√q; the face lattice is built once for all of them.
 */
export function facetVolumesFromVertices(input: VertexIncidence<Rational>): SqrtRational[] {
  const ctx = prepare(RationalField, input);
  return input.facetVertices.map((face) => exactRelativeVolume(ctx, rootOf(ctx, face)));
}

/** Float version of {@link relativeVolumeFromVertices} (any field; result as a number). */
export function relativeVolumeFloatFromVertices<T>(
  F: Field<T>,
  input: VertexIncidence<T>,
  face?: readonly number[],
): number {
  const ctx = prepare(F, input);
  const { lattice } = ctx;
  const root = rootOf(ctx, face);
  if (root.length === 0) throw new EmptyPolytopeError('relativeVolume');
  const { k, S, U } = affineFrame(F, input.vertices, root);
  if (k === 0) return 1;
  const projected = fieldProjected(F, lattice, input.vertices, root, k, S, false).volume;
  return F.toNumber(projected) * Math.sqrt(F.toNumber(gram(F, U)));
}

/**
 * Float64 measures of the polytope (or of its face `face`) with exact vertices, for
 * `measures: 'float'` (SPEC §1): vol_k and, with `centroid`, the centroid, within 1e-10 relative
 * (float-measures.ts). The combinatorics stay exact; the vertices are translated exactly before
 * rounding and every float value carries a proven error radius; when a radius is too large (a
 * sliver whose vertices round together, a near-zero pivot) the face's measures are computed exactly
 * and rounded, and `exactFallback` says so. `dimension`, when given, is the polytope's exact affine
 * dimension (saves a rank computation).
 */
export function floatMeasuresFromVertices(
  input: VertexIncidence<Rational>,
  options: { face?: readonly number[]; centroid?: boolean; dimension?: number } = {},
): FloatMeasures {
  const ctx = prepare(
    RationalField,
    input,
    options.face === undefined ? options.dimension : undefined,
  );
  const root = rootOf(ctx, options.face);
  if (root.length === 0) throw new EmptyPolytopeError('measures');
  const withCentroid = options.centroid === true;
  let frame: FloatFrame;
  if (options.face === undefined && ctx.k === ctx.d) {
    frame = { k: ctx.d, S: Array.from({ length: ctx.d }, (_, j) => j), gramRoot: 1 };
  } else {
    const exactFrame = affineFrame(RationalField, ctx.vertices, root);
    frame = {
      k: exactFrame.k,
      S: exactFrame.S,
      gramRoot: Math.sqrt(gram(RationalField, exactFrame.U).toNumber()),
    };
  }
  return floatMeasuresOfFace(ctx.lattice, ctx.vertices, root, frame, withCentroid, () => ({
    relativeVolume: exactRelativeVolume(ctx, root).toNumber(),
    ...(withCentroid
      ? {
          centroid: centroidFromVertices(RationalField, input, options.face).map((x) =>
            x.toNumber(),
          ),
        }
      : {}),
  }));
}

/** det(U Uᵀ) for the k×d matrix of direction rows U. */
function gram<T>(F: Field<T>, U: readonly (readonly T[])[]): T {
  const G = U.map((a) => U.map((b) => a.reduce((s, x, j) => F.add(s, F.mul(x, b[j]!)), F.zero)));
  return determinant(F, G);
}

/**
 * Centroid of the polytope (or of its face `face`) as a k-dimensional body, k its affine
 * dimension: Σ vol(σ)·centroid(σ) / Σ vol(σ) over the pulling triangulation. A vertex is its own
 * centroid; a segment has its midpoint. Exact over RationalField.
 */
export function centroidFromVertices<T>(
  F: Field<T>,
  input: VertexIncidence<T>,
  face?: readonly number[],
): T[] {
  const ctx = prepare(F, input);
  const { d, lattice } = ctx;
  const root = rootOf(ctx, face);
  if (root.length === 0) throw new EmptyPolytopeError('centroid');
  const vs = input.vertices;
  const { k, S } = affineFrame(F, vs, root);
  if (k === 0) return vs[root[0]!]!.slice();
  let weights: T[];
  let total: T;
  if (isRationalField(F)) {
    const res = exactProjected(lattice, vs as unknown as Rational[][], root, k, S, true);
    weights = res.vertexWeight as unknown as T[];
    total = res.total as unknown as T;
  } else {
    const res = fieldProjected(F, lattice, vs, root, k, S, true);
    weights = res.vertexWeight;
    total = res.total;
  }
  const denom = F.mul(total, F.fromInt(k + 1));
  const c = new Array<T>(d).fill(F.zero);
  for (const v of root) {
    const w = weights[v]!;
    // an exact zero only: a float weight of a 1e-13-thin simplex is tiny but not negligible
    if (F.exact ? F.isZero(w) : F.toNumber(w) === 0) continue;
    for (let j = 0; j < d; j++) c[j] = F.add(c[j]!, F.mul(w, vs[v]![j]!));
  }
  return c.map((x) => F.div(x, denom));
}

/**
 * All faces of codimension `codim` (relative to the polytope's own dimension k; codim 0 is the
 * polytope, codim k its vertices), each with its dimension, vertices, containing facets and exact
 * relative volume. Faces are computed from the incidence: the faces of codimension j+1 are the
 * maximal proper intersections of the codimension-j faces with facets. Sorted by vertex list.
 */
export function facesFromIncidence(input: VertexIncidence<Rational>, codim: number): FaceMeasure[] {
  if (!Number.isInteger(codim) || codim < 0) {
    throw new ShapeError(
      `codimension must be a non-negative integer, got ${codim}`,
      'codim',
      'pass 0 (the polytope), 1 (facets), 2 (ridges), …',
    );
  }
  const ctx = prepare(RationalField, input);
  const { lattice, k } = ctx;
  if (codim > k) return [];
  return lattice.facesOfCodimension(codim).map((vertices) => ({
    dimension: k - codim,
    vertices,
    facets: codim === 0 ? [] : lattice.facetsContaining(vertices),
    volume: exactRelativeVolume(ctx, vertices),
  }));
}

/**
 * Minkowski-identity residual (SPEC §3) of a full-dimensional polytope with facet rows a_F·x ≤ b_F
 * (`facets[i]`, outward normals) and their vertex sets `facetVertices[i]`:
 * Σ_F (vol_{d−1}(F)/|a_F|)·a_F, computed exactly since vol_{d−1}(F)/|a_F| = vol_{d−1}(F
 * projected along e_j)/|a_{F,j}| for any j with a_{F,j} ≠ 0. The zero vector means the identity
 * Σ vol_{d−1}(F)·n_F = 0 holds. Rows whose vertex set is not a facet contribute nothing; a facet
 * listed twice counts once.
 */
export function minkowskiResidual(
  input: VertexIncidence<Rational>,
  facets: readonly { a: readonly Rational[]; b: Rational }[],
): Rational[] {
  if (facets.length !== input.facetVertices.length) {
    throw new ShapeError(
      `${facets.length} facet rows but ${input.facetVertices.length} vertex sets`,
      'facets',
      'give one row per entry of facetVertices',
    );
  }
  const { d, lattice, k } = prepare(RationalField, input);
  if (k !== d) {
    throw new ShapeError(
      `the Minkowski identity needs a full-dimensional polytope (dimension ${k}, ambient ${d})`,
      'vertices',
      'pass the vertices of a full-dimensional bounded polytope',
    );
  }
  const sum = new Array<Rational>(d).fill(Rational.ZERO);
  lattice.facets.forEach((facet, f) => {
    const i = lattice.facetInputIndices[f]![0]!;
    const a = facets[i]!.a;
    if (a.length !== d) {
      throw new ShapeError(
        `facet row has ${a.length} coefficients, expected ${d}`,
        `facets[${i}].a`,
      );
    }
    // drop the coordinate where |a_j| is largest: the projection of the facet is injective
    let j = -1;
    a.forEach((x, t) => {
      if (!x.isZero() && (j < 0 || x.abs().cmp(a[j]!.abs()) > 0)) j = t;
    });
    if (j < 0) throw new ShapeError('facet normal is zero', `facets[${i}].a`);
    const S = Array.from({ length: d }, (_, t) => t).filter((t) => t !== j);
    const projected = exactProjected(lattice, input.vertices, facet, d - 1, S, false).volume;
    const scale = projected.div(a[j]!.abs());
    for (let t = 0; t < d; t++) sum[t] = sum[t]!.add(scale.mul(a[t]!));
  });
  return sum;
}
