/**
 * Dihedral angles (SPEC §4). Ridges are the (d−2)-cells of the common refinement of all cells'
 * (d−2)-skeleta: in 2-D the distinct vertices of the cells; in 3-D the cells' edges, grouped by
 * supporting line and cut at every endpoint and at every point where an edge of another line
 * meets them. For a ridge R and a cell C whose closure contains R, the facets of C tight at a
 * relative-interior point of R give the smallest face of C containing R: one facet → θ = π
 * (T-junction), two facets a, b → θ = π − arccos(n_a·n_b), cos θ = −(a·b)/(|a||b|) exactly.
 */
import type { Tick } from './types.js';
import {
  RadicalSum,
  Rational,
  SqrtRational,
  angleFromCos,
  complexMul,
  gcdOfList,
  sqrtInteger,
  unitFromCos,
} from '@mlgeo/exact-arith';
import {
  type CellGeometry,
  type FacetInfo,
  TestPoint,
  facetNormalF,
  filteredSign,
} from './cells.js';
import { InconsistentPartitionError } from './errors.js';
import { type PointStar, cellGrid, cellsAtVertices, starOf } from './simplices.js';
import { edgeArrangement3d } from './edges3d.js';
import { EdgeStar, edgeStars3 } from './edge-stars3d.js';
import { ridgesNd } from './ridges-nd.js';
import type { CellAngle, Ridge, SharedFace } from './types.js';
import { edgeRidges, faceToFace } from './float3d.js';
import {
  type Ball,
  type FloatValue,
  cross3,
  div,
  dot,
  mul,
  pointBalls,
  sqrt,
  sub,
  ball,
  certifyFloat,
  isCertified,
  toValue,
} from './float-values.js';
import { exactMeasure } from './lazy.js';
import { cosAngle3Into } from './cos3.js';
import type { PointIndex } from './float-points.js';
import { IntPairTable } from './pair-table.js';
import { FlatBoxGrid } from './spatial.js';
import { doubled } from './typed-growth.js';

const MINUS_ONE = SqrtRational.fromRational(Rational.MINUS_ONE);
const MINUS_ONE_F: FloatValue = { value: -1, error: 0 };

/** A facet normal as balls (aF is correctly rounded: error ≤ 2u·max|aF|). */
function normalBalls(F: FacetInfo, d: number): Ball[] {
  let max = 0;
  for (let k = 0; k < d; k++) max = Math.max(max, Math.abs(F.aF[k]!));
  return pointBalls(F.aF.slice(0, d), 2 ** -52 * max);
}

/**
 * cos θ = −(a·b)/(|a||b|) in float64 with its error bound, and θ = atan2(sin, cos) with
 * sin = |a × b|/(|a||b|) in 2-D and 3-D (accurate near 0 and π), √(1 − cos²) otherwise.
 */
export function floatCosAngle(
  fa: FacetInfo,
  fb: FacetInfo,
  d: number,
): { cos: FloatValue; angle: number } {
  return d === 2
    ? floatCosAngle2(fa, fb)
    : d === 3
      ? floatCosAngle3(fa, fb)
      : floatCosAngleBalls(fa, fb, d);
}

/** {@link floatCosAngle} in 3-D: the ball operations on scalars (cos3.ts, bit for bit). */
function floatCosAngle3(fa: FacetInfo, fb: FacetInfo): { cos: FloatValue; angle: number } {
  floatCosAngle3Into(fa, fb, cosOut);
  return { cos: { value: cosOut[0]!, error: cosOut[1]! }, angle: cosOut[2]! };
}

/**
 * Scratch of the `…Into` forms of {@link floatCosAngle}: cos θ (certified, clamped to [−1, 1]),
 * its bound, θ.
 */
const cosOut = new Float64Array(3);

/** Scratch of {@link floatCosAngle3Into}: cos3.ts `cosAngle3Into`'s (cos θ, radius, sin θ). */
const cos3Scratch = new Float64Array(3);

/**
 * {@link floatCosAngle} in 3-D into out = (cos θ, bound, θ): no object unless the cosine falls
 * back to the exact one.
 */
function floatCosAngle3Into(fa: FacetInfo, fb: FacetInfo, out: Float64Array): void {
  const a = facetNormalF(fa);
  const b = facetNormalF(fb);
  const ra = U2 * Math.max(Math.abs(a[0]!), Math.abs(a[1]!), Math.abs(a[2]!));
  const rb = U2 * Math.max(Math.abs(b[0]!), Math.abs(b[1]!), Math.abs(b[2]!));
  // (cos θ, radius, sin θ) into a scratch: no result object read through boxed fields
  const c = cos3Scratch;
  cosAngle3Into(a, ra, b, rb, c);
  const value = c[0]!;
  const error = c[1]! * SAFE;
  out[2] = Math.atan2(c[2]!, value);
  // (as floatCosAngle2Into: the common case without a call)
  if (isCertified(value, error)) {
    out[0] = value > 1 ? 1 : value < -1 ? -1 : value;
    out[1] = error;
  } else certifiedCosInto(fa, fb, 3, value, error, out);
}

/**
 * SPEC §1: the float cosine (value, error) certified to FLOAT_MEASURE_TOLERANCE, else the exact
 * cosine rounded (float-values.ts `certifyFloat`, its closure and objects made only then); the
 * value clamped to [−1, 1] (|cos| ≤ 1 exactly: the bound stays valid). Into out[0], out[1].
 */
function certifiedCosInto(
  fa: FacetInfo,
  fb: FacetInfo,
  d: number,
  value: number,
  error: number,
  out: Float64Array,
): void {
  let v = value;
  let e = error;
  if (!isCertified(v, e)) {
    const f = certifyFloat({ value: v, error: e }, () => ridgeCos(fa, fb, d).toNumber());
    v = f.value;
    e = f.error;
  }
  out[0] = v > 1 ? 1 : v < -1 ? -1 : v;
  out[1] = e;
}

/** {@link floatCosAngle} in ball arithmetic (any d; the reference of the 2-D scalar version). */
export function floatCosAngleBalls(
  fa: FacetInfo,
  fb: FacetInfo,
  d: number,
): { cos: FloatValue; angle: number } {
  const a = normalBalls(fa, d);
  const b = normalBalls(fb, d);
  const norms = mul(sqrt(dot(a, a)), sqrt(dot(b, b)));
  const cos = div(sub(ball(0), dot(a, b)), norms);
  let sin: number;
  if (d === 2) sin = Math.abs(a[0]!.v * b[1]!.v - a[1]!.v * b[0]!.v) / norms.v;
  else if (d === 3) {
    const c = cross3(a, b);
    sin = Math.sqrt(c.reduce((s, x) => s + x.v * x.v, 0)) / norms.v;
  } else sin = Math.sqrt(Math.max(0, 1 - cos.v * cos.v));
  // SPEC §1: certified to FLOAT_MEASURE_TOLERANCE, else the exact cosine rounded
  const value = certifyFloat(toValue(cos), () => ridgeCos(fa, fb, d).toNumber());
  // |cos| ≤ 1 exactly: clamp the value (the bound stays valid)
  if (value.value > 1) value.value = 1;
  if (value.value < -1) value.value = -1;
  return { cos: value, angle: Math.atan2(sin, cos.v) };
}

/** Radius of one rounding (float-values.ts: 2u). */
const U2 = 2 ** -52;
/** float-values.ts's safety factor on radii. */
const SAFE = 1 + 2 ** -30;

/**
 * {@link floatCosAngle} in 2-D: the same ball operations as float-values.ts (`mul`, `add`, `sqrt`,
 * `div`) written out on scalars (no ball objects).
 */
function floatCosAngle2(fa: FacetInfo, fb: FacetInfo): { cos: FloatValue; angle: number } {
  floatCosAngle2Into(fa, fb, cosOut);
  return { cos: { value: cosOut[0]!, error: cosOut[1]! }, angle: cosOut[2]! };
}

/** {@link floatCosAngle2} into out = (cos θ, bound, θ) (as {@link floatCosAngle3Into}). */
function floatCosAngle2Into(fa: FacetInfo, fb: FacetInfo, out: Float64Array): void {
  const a = facetNormalF(fa);
  const b = facetNormalF(fb);
  const a0 = a[0]!;
  const a1 = a[1]!;
  const b0 = b[0]!;
  const b1 = b[1]!;
  const ra = U2 * Math.max(Math.abs(a0), Math.abs(a1));
  const rb = U2 * Math.max(Math.abs(b0), Math.abs(b1));
  // every ball operation written out in this frame (as cos3.ts does): a call per operation
  // would box its float arguments and result when it is not inlined. mul(x, y) has the radius
  // |x|·ry + rx·|y| + rx·ry + 2u·|fl(xy)|; dot(x, y) = add(add(ball(0), x_0·y_0), x_1·y_1).
  // a·a
  const aam0 = a0 * a0;
  const aam1 = a1 * a1;
  const aa = aam0 + aam1;
  const aar0 = Math.abs(a0) * ra + ra * Math.abs(a0) + ra * ra + U2 * Math.abs(aam0);
  const aar1 = Math.abs(a1) * ra + ra * Math.abs(a1) + ra * ra + U2 * Math.abs(aam1);
  const raa = aar0 + U2 * Math.abs(aam0) + aar1 + U2 * Math.abs(aa);
  // b·b
  const bbm0 = b0 * b0;
  const bbm1 = b1 * b1;
  const bb = bbm0 + bbm1;
  const bbr0 = Math.abs(b0) * rb + rb * Math.abs(b0) + rb * rb + U2 * Math.abs(bbm0);
  const bbr1 = Math.abs(b1) * rb + rb * Math.abs(b1) + rb * rb + U2 * Math.abs(bbm1);
  const rbb = bbr0 + U2 * Math.abs(bbm0) + bbr1 + U2 * Math.abs(bb);
  // sqrt(v, r): r/(√(v − r) + √v) + 2u·√v when v > r, else √(v + r)·(1 + 2u)
  const na = Math.sqrt(Math.max(aa, 0));
  const rna =
    aa > raa
      ? raa / (Math.sqrt(aa - raa) + na) + U2 * na
      : Math.sqrt(Math.max(aa, 0) + raa) * (1 + U2);
  const nb = Math.sqrt(Math.max(bb, 0));
  const rnb =
    bb > rbb
      ? rbb / (Math.sqrt(bb - rbb) + nb) + U2 * nb
      : Math.sqrt(Math.max(bb, 0) + rbb) * (1 + U2);
  // |a|·|b|
  const norms = na * nb;
  const rnorms = Math.abs(na) * rnb + rna * Math.abs(nb) + rna * rnb + U2 * Math.abs(norms);
  // a·b
  const abm0 = a0 * b0;
  const abm1 = a1 * b1;
  const ab = abm0 + abm1;
  const abr0 = Math.abs(a0) * rb + ra * Math.abs(b0) + ra * rb + U2 * Math.abs(abm0);
  const abr1 = Math.abs(a1) * rb + ra * Math.abs(b1) + ra * rb + U2 * Math.abs(abm1);
  const rab = abr0 + U2 * Math.abs(abm0) + abr1 + U2 * Math.abs(ab);
  // sub(0, ab): radius rab + U2·|ab|; div by norms
  const num = 0 - ab;
  const rnum = rab + U2 * Math.abs(num);
  const c = num / norms;
  const den = Math.abs(norms) - rnorms;
  let rc = Infinity; // (not a conditional expression with ∞: that boxed rc)
  if (den > 0) rc = (rnum + Math.abs(c) * rnorms) / den + U2 * Math.abs(c);
  const sin = Math.abs(a0 * b1 - a1 * b0) / norms;
  const error = rc * SAFE;
  out[2] = Math.atan2(sin, c);
  if (isCertified(c, error)) {
    out[0] = c > 1 ? 1 : c < -1 ? -1 : c;
    out[1] = error;
  } else certifiedCosInto(fa, fb, 2, c, error, out);
}

/** cos θ = −(a·b)/(|a||b|) for the angle of a polytope between facets a and b. */
export function ridgeCos(fa: FacetInfo, fb: FacetInfo, d: number): SqrtRational {
  return ridgeCosSin(fa, fb, d).cos;
}

/**
 * cos θ = −(a·b)/(|a||b|) and sin θ = |a × b|/(|a||b|) (θ ∈ (0, π)), exactly. √(|a|²|b|²) is the
 * product of the cached normal forms of √|a|² and √|b|² (one trial division per distinct normal,
 * not per angle); |a × b| = g·√|c|² with c the primitive direction of the ridge line (3-D).
 */
export function ridgeCosSin(
  fa: FacetInfo,
  fb: FacetInfo,
  d: number,
): { cos: SqrtRational; sin: SqrtRational } {
  let dot = 0n;
  for (let k = 0; k < d; k++) dot += fa.ints[k]! * fb.ints[k]!;
  const N = fa.norm2 * fb.norm2;
  const rootN = sqrtInteger(fa.norm2).mul(sqrtInteger(fb.norm2));
  // −dot/√N = (−dot/N)·√N
  const cos = rootN.mul(Rational.of(-dot, N));
  let sin: SqrtRational;
  if (d === 2) {
    const det = fa.ints[0]! * fb.ints[1]! - fa.ints[1]! * fb.ints[0]!;
    sin = rootN.mul(Rational.of(det < 0n ? -det : det, N));
  } else if (d === 3) {
    const [a0, a1, a2] = fa.ints as [bigint, bigint, bigint];
    const [b0, b1, b2] = fb.ints as [bigint, bigint, bigint];
    const c = [a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0];
    const g = gcdOfList(c);
    if (g === 0n) sin = SqrtRational.ZERO;
    else {
      let c2 = 0n;
      for (const x of c) c2 += (x / g) * (x / g);
      // |c|/√N = (g/N)·√|c'|²·√N
      sin = sqrtInteger(c2).mul(rootN).mul(Rational.of(g, N));
    }
  } else sin = SqrtRational.sqrt(Rational.ONE.sub(cos.squared()));
  return { cos, sin };
}

const exactCosSin = exactMeasure(ridgeCosSin);

/**
 * The angles between two facets, one entry per pair of hyperplanes with the product of their
 * orientations (the values depend only on the two oriented normals, are symmetric in them and
 * unchanged when both flip), shared by every ridge of that pair: per pair its float cos θ, bound
 * and θ in typed arrays (issue 11: no object or boxed number per pair), its facets, the exact cos
 * and sin on demand. Pairs are found by their hyperplane ids in a typed table ({@link pairKey}'s
 * numbers), else (no ids) by their keys.
 */
class PairAngles {
  cosV: Float64Array = new Float64Array(64);
  cosE: Float64Array = new Float64Array(64);
  theta: Float64Array = new Float64Array(64);
  count = 0;
  /** Pair p's cell and its two facets at 3p … 3p + 2. */
  private facets: Int32Array = new Int32Array(3 * 64);
  private readonly exactOf: ({ cos: SqrtRational; sin: SqrtRational } | undefined)[] = [];
  /** The pairs by hyperplane ids, else by keys (while pairs are added: {@link done}). */
  private table: IntPairTable | undefined;
  private strings: Map<string, number> | undefined;
  /** 3-D and the exact path: one {@link CachedAngle} view per pair, made when first asked for. */
  private views: (CachedAngle | undefined)[] | undefined;
  constructor(
    private readonly cells: readonly CellGeometry[],
    readonly d: number,
    expected?: number,
  ) {
    this.table = new IntPairTable(expected);
  }
  /** The pair of facets f and g of a cell (its float values computed now, once per pair). */
  of(cell: CellGeometry, f: number, g: number): number {
    const fa = cell.facets[f]!;
    const fb = cell.facets[g]!;
    const same = fa.side === fb.side ? 1 : 0;
    const numeric =
      fa.hid !== undefined && fb.hid !== undefined && fa.hid < 67108864 && fb.hid < 67108864;
    let x = 0;
    let y = 0;
    let key = '';
    let p: number;
    if (numeric) {
      x = Math.min(fa.hid!, fb.hid!);
      y = Math.max(fa.hid!, fb.hid!) * 2 + same;
      p = this.table!.get(x, y);
    } else {
      key = pairKey(fa, fb);
      p = (this.strings ??= new Map()).get(key) ?? -1;
    }
    if (p >= 0) return p;
    p = this.count++;
    if (p === this.theta.length) {
      this.cosV = doubled(this.cosV);
      this.cosE = doubled(this.cosE);
      this.theta = doubled(this.theta);
      this.facets = doubled(this.facets);
    }
    if (this.d === 2) floatCosAngle2Into(fa, fb, cosOut);
    else if (this.d === 3) floatCosAngle3Into(fa, fb, cosOut);
    else {
      const { cos, angle } = floatCosAngleBalls(fa, fb, this.d);
      cosOut[0] = cos.value;
      cosOut[1] = cos.error;
      cosOut[2] = angle;
    }
    this.cosV[p] = cosOut[0]!;
    this.cosE[p] = cosOut[1]!;
    this.theta[p] = cosOut[2]!;
    this.facets[3 * p] = cell.index;
    this.facets[3 * p + 1] = f;
    this.facets[3 * p + 2] = g;
    if (numeric) this.table!.set(x, y, p);
    else this.strings!.set(key, p);
    return p;
  }
  /** Forgets the lookup tables (no more pairs: the values stay). */
  done(): void {
    this.table = undefined;
    this.strings = undefined;
  }
  floatCos(p: number): FloatValue {
    return { value: this.cosV[p]!, error: this.cosE[p]! };
  }
  exact(p: number): { cos: SqrtRational; sin: SqrtRational } {
    const facets = this.cells[this.facets[3 * p]!]!.facets;
    return (this.exactOf[p] ??= exactCosSin(
      facets[this.facets[3 * p + 1]!]!,
      facets[this.facets[3 * p + 2]!]!,
      this.d,
    ));
  }
  /** The shared view of pair p. */
  view(p: number): CachedAngle {
    const views = (this.views ??= []);
    return (views[p] ??= new CachedAngle(this, p));
  }
}

/** A view of one pair of a {@link PairAngles}: float cos and θ, exact cos and sin on demand. */
class CachedAngle {
  constructor(
    private readonly store: PairAngles,
    private readonly p: number,
  ) {}
  get floatCos(): FloatValue {
    return this.store.floatCos(this.p);
  }
  get angle(): number {
    return this.store.theta[this.p]!;
  }
  exact(): { cos: SqrtRational; sin: SqrtRational } {
    return this.store.exact(this.p);
  }
}

/** The angle between two facets, shared by every ridge of one hyperplane pair. */
type AngleCache = PairAngles;

/** ridgeCosSin and θ through the cache (one view per pair of hyperplanes and orientations). */
function cachedCosSin(cell: CellGeometry, f: number, g: number, cache: AngleCache): CachedAngle {
  return cache.view(cache.of(cell, f, g));
}

/** The angle of a cell at a ridge in a ridge of the cell (two facets); exact cos and sin on demand. */
class RidgeAngle implements CellAngle {
  readonly kind = 'ridge' as const;
  constructor(
    readonly cell: number,
    readonly facets: number[],
    private readonly cached: CachedAngle,
  ) {}
  /** cos θ in float64 with its bound (read from the pair's store: made on each read). */
  get floatCos(): FloatValue {
    return this.cached.floatCos;
  }
  get angle(): number {
    return this.cached.angle;
  }
  get cos(): SqrtRational {
    return this.cached.exact().cos;
  }
  /** sin θ exactly (for the angle-sum check without new square roots). */
  sin(): SqrtRational {
    return this.cached.exact().sin;
  }
}

export function cellAngle(
  cell: CellGeometry,
  tight: number[],
  what: string | (() => string),
  cache: AngleCache,
): CellAngle {
  if (tight.length === 1)
    return {
      cell: cell.index,
      kind: 'flat',
      cos: MINUS_ONE,
      floatCos: MINUS_ONE_F,
      angle: Math.PI,
      facets: tight,
    };
  if (tight.length === 2)
    return new RidgeAngle(cell.index, tight, cachedCosSin(cell, tight[0]!, tight[1]!, cache));
  return badStar(cell, tight.length, what);
}

/** A ridge point on no facet of a cell whose closure holds it, or on more than two. */
function badStar(cell: CellGeometry, tight: number, what: string | (() => string)): never {
  if (typeof what !== 'string') what = what();
  throw new InconsistentPartitionError(
    tight === 0
      ? `${what} lies inside cell ${cell.index} ("${cell.label}"): cell interiors overlap`
      : `${what} lies on ${tight} facets of cell ${cell.index} ("${cell.label}")`,
    `cells[${cell.index}].polytope`,
    'pass cells with pairwise disjoint interiors (SPEC §2)',
  );
}

function describe(point: Rational[]): string {
  return `ridge point (${point.map((x) => x.toString()).join(', ')})`;
}

/**
 * 3-D: where the relative interior of an edge ridge [p, q] of X lies in X: on a facet of X iff
 * both ends are (a·p ≤ b and a·q ≤ b, so a·(p + q)/2 = b iff both are equalities).
 */
function locateEdge(
  domainFacets: readonly FacetInfo[],
  p: TestPoint,
  q: TestPoint,
): Pick<Ridge, 'location' | 'expectedSum' | 'expectedCos'> {
  const tight: FacetInfo[] = [];
  for (const F of domainFacets)
    if (filteredSign(F, p) === 0 && filteredSign(F, q) === 0) tight.push(F);
  if (tight.length === 0)
    return { location: 'interior', expectedSum: 2 * Math.PI, expectedCos: SqrtRational.ONE };
  if (tight.length === 1)
    return { location: 'boundary-facet', expectedSum: Math.PI, expectedCos: MINUS_ONE };
  const cos = ridgeCos(tight[0]!, tight[1]!, 3);
  return { location: 'boundary-ridge', expectedSum: angleFromCos(cos), expectedCos: cos };
}

/**
 * A ridge's vertices and the star of its point. This and the ridges are made by `new`, so born
 * young (docs/contributing.md, "Objects a run keeps").
 */
class RidgeStar {
  constructor(
    readonly vertices: Rational[][],
    readonly star: PointStar,
  ) {}
}

/**
 * A ridge's location, expected sum, angles and Σθ as given; its vertices and point from the
 * subclass (given, or made on first read).
 */
abstract class RidgeData implements Ridge {
  readonly location: Ridge['location'];
  readonly expectedSum: number;
  readonly expectedCos: SqrtRational;
  constructor(
    where: Pick<Ridge, 'location' | 'expectedSum' | 'expectedCos'>,
    readonly angles: CellAngle[],
    readonly sum: number,
  ) {
    this.location = where.location;
    this.expectedSum = where.expectedSum;
    this.expectedCos = where.expectedCos;
  }
  abstract get point(): Rational[];
  abstract get vertices(): Rational[][];
}

/** A ridge with its point given (2-D: the vertex; d ≥ 4: the vertex centroid). */
class VertexRidge extends RidgeData {
  constructor(
    readonly vertices: Rational[][],
    readonly point: Rational[],
    where: Pick<Ridge, 'location' | 'expectedSum' | 'expectedCos'>,
    angles: CellAngle[],
    sum: number,
  ) {
    super(where, angles, sum);
  }
}

/** An exact 3-D edge ridge: the midpoint made on first read. */
class StarRidge extends RidgeData {
  constructor(
    readonly vertices: Rational[][],
    private readonly star: EdgeStar,
    where: Pick<Ridge, 'location' | 'expectedSum' | 'expectedCos'>,
    angles: CellAngle[],
    sum: number,
  ) {
    super(where, angles, sum);
  }
  get point(): Rational[] {
    return this.star.point;
  }
}

/** Where a relative-interior point of a ridge lies in X, with the expected angle sum. */
function locate(
  domainFacets: readonly FacetInfo[],
  point: Rational[],
  d: number,
  /** The point's sign-test form, when the caller has it (its float form already made). */
  test?: TestPoint,
): Pick<Ridge, 'location' | 'expectedSum' | 'expectedCos'> {
  const tight: FacetInfo[] = [];
  const tp = test ?? new TestPoint(point);
  for (const F of domainFacets) if (filteredSign(F, tp) === 0) tight.push(F);
  if (tight.length === 0)
    return { location: 'interior', expectedSum: 2 * Math.PI, expectedCos: SqrtRational.ONE };
  if (tight.length === 1)
    return { location: 'boundary-facet', expectedSum: Math.PI, expectedCos: MINUS_ONE };
  const cos = ridgeCos(tight[0]!, tight[1]!, d);
  return { location: 'boundary-ridge', expectedSum: angleFromCos(cos), expectedCos: cos };
}

/**
 * Float path, 2-D: the ridges are the distinct vertices of the PointIndex; the cells holding one
 * as a vertex give their tight facets from the incidence, the others (T-junctions) are found in a
 * grid of the cells' boxes widened by the largest point bound and decided by the index's signs.
 * `at(k)` puts point k's cells in increasing order into `star` (the first n entries of
 * {@link STAR} numbers each, reused for the next point) and returns n. (A class, not a function
 * taking a visitor: a closure made per complex would be a new call target for the optimised loop
 * on every run, and the deoptimised loop boxes its floats.)
 */
class PointStars2 {
  /** The (cell, vertex) pairs holding each point, in CSR form. */
  private readonly start: Int32Array;
  private readonly hc: Int32Array;
  private readonly hv: Int32Array;
  private readonly boxes: Float64Array;
  private readonly grid: FlatBoxGrid;
  star = new Int32Array(16 * STAR);
  private n = 0;
  constructor(
    private readonly cells: readonly CellGeometry[],
    private readonly pts: PointIndex,
  ) {
    const start = new Int32Array(pts.count + 1);
    for (const c of cells) {
      const nv = c.float!.count;
      for (let v = 0; v < nv; v++) start[pts.of(c.index, v) + 1]!++;
    }
    for (let k = 0; k < pts.count; k++) start[k + 1] = start[k + 1]! + start[k]!;
    const fill = start.slice(0, pts.count);
    const hc = new Int32Array(start[pts.count]!);
    const hv = new Int32Array(start[pts.count]!);
    for (const c of cells) {
      const nv = c.float!.count;
      for (let v = 0; v < nv; v++) {
        const at = fill[pts.of(c.index, v)]!++;
        hc[at] = c.index;
        hv[at] = v;
      }
    }
    this.start = start;
    this.hc = hc;
    this.hv = hv;
    let rmax = 0;
    for (let k = 0; k < pts.count; k++) rmax = Math.max(rmax, pts.r[k]!);
    // the cells' boxes widened by 2·rmax: for the grid, and flat (lo_0, lo_1, hi_0, hi_1 per cell)
    // for the containment test
    const flat = new Float64Array(4 * cells.length);
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      flat[4 * i] = c.lo[0]! - 2 * rmax;
      flat[4 * i + 1] = c.lo[1]! - 2 * rmax;
      flat[4 * i + 2] = c.hi[0]! + 2 * rmax;
      flat[4 * i + 3] = c.hi[1]! + 2 * rmax;
    }
    this.boxes = flat;
    this.grid = new FlatBoxGrid(flat, cells.length, 2);
  }
  /** Point k's star into `star`; its number of cells. */
  at(k: number): number {
    const { cells, pts, hc, hv, boxes, grid } = this;
    this.n = 0;
    const from = this.start[k]!;
    const to = this.start[k + 1]!;
    for (let t = from; t < to; t++) {
      const at = this.room();
      // vertex hv[t]'s tight facets, read from the cell's flat CSR lists
      const fv = cells[hc[t]!]!.float!;
      const v = hv[t]!;
      const m = fv.tightCount(v);
      const star = this.star;
      star[at] = m;
      star[at + 1] = m > 0 ? fv.tightAt(v, 0) : -1;
      star[at + 2] = m > 1 ? fv.tightAt(v, 1) : -1;
      this.place(hc[t]!, at);
    }
    const x0 = pts.xf[2 * k]!;
    const x1 = pts.xf[2 * k + 1]!;
    const bucket = grid.bucketAt(pts.xf, 2 * k);
    const end = grid.start[bucket + 1]!;
    for (let b = grid.start[bucket]!; b < end; b++) {
      const idx = grid.boxes[b]!;
      const b4 = 4 * idx;
      if (x0 < boxes[b4]! || x0 > boxes[b4 + 2]! || x1 < boxes[b4 + 1]! || x1 > boxes[b4 + 3]!)
        continue;
      let own = false;
      for (let t = from; t < to && !own; t++) own = hc[t] === idx;
      if (own) continue;
      const at = this.room();
      if (pts.tightFacetsInto(k, cells[idx]!, this.star, at)) this.place(idx, at);
    }
    return this.n;
  }
  /** The scratch entry after the star's n entries (room made for it). */
  private room(): number {
    if (STAR * (this.n + 2) > this.star.length) this.star = doubled(this.star);
    return STAR * (this.n + 1);
  }
  /**
   * The scratch entry at `at` (the number of the cell's facets tight at the point, the first two)
   * as the entry of `cell`, in its place by cell index (insertion: stars are short).
   */
  private place(cell: number, at: number): void {
    const star = this.star;
    const m = star[at]!;
    const f0 = star[at + 1]!;
    const f1 = star[at + 2]!;
    let j = this.n - 1;
    for (; j >= 0 && star[STAR * j]! > cell; j--)
      star.copyWithin(STAR * (j + 1), STAR * j, STAR * (j + 1));
    star[STAR * (j + 1)] = cell;
    star[STAR * (j + 1) + 1] = m;
    star[STAR * (j + 1) + 2] = f0;
    star[STAR * (j + 1) + 3] = f1;
    this.n++;
  }
}

/**
 * {@link pointStars2}'s star entries: per cell t (increasing index) at STAR·t the cell, the number
 * of its facets tight at the point, the first two of them (−1: none).
 */
const STAR = 4;

/**
 * The key of a facet pair in {@link PairAngles} without hyperplane ids: the unordered pair of
 * hyperplane keys and the product of the orientations.
 */
function pairKey(fa: FacetInfo, fb: FacetInfo): string {
  return `${fa.key < fb.key ? `${fa.key}|${fb.key}` : `${fb.key}|${fa.key}`}|${fa.side * fb.side}`;
}

/** Location codes of {@link PointAngles} (boundary ridges keep their object in a map). */
const AT_INTERIOR = 0;
const AT_FACET = 1;
const AT_RIDGE = 2;

/**
 * Float path (2-D): every ridge's angles as flat arrays of numbers (struct of arrays, issue 11):
 * per distinct facet pair its float cos, bound and θ (exact cos and sin on demand); per angle its
 * cell, facets and pair; per ridge its first angle, Σθ and location. The public ridges and angles
 * are small views made on read, so the complex keeps no object per angle and no boxed number.
 */
class PointAngles {
  /** The distinct facet pairs' values. */
  readonly pairs: PairAngles;
  /** Per angle t: the cell, its facets (f1 = −1: flat, θ = π) and the pair (−1: flat). */
  cell: Int32Array = new Int32Array(256);
  f0: Int32Array = new Int32Array(256);
  f1: Int32Array = new Int32Array(256);
  pair: Int32Array = new Int32Array(256);
  angles = 0;
  /** Per ridge k: its angles start[k]..start[k + 1], Σθ, location code. */
  readonly start: Int32Array;
  readonly sum: Float64Array;
  readonly at: Uint8Array;
  /** The boundary ridges' locations (X's own angle). */
  readonly ridgeAt = new Map<number, Location>();
  constructor(cells: readonly CellGeometry[], count: number) {
    this.start = new Int32Array(count + 1);
    this.sum = new Float64Array(count);
    this.at = new Uint8Array(count);
    this.pairs = new PairAngles(cells, 2, 2 * count);
  }
  /** Appends an angle (f1 = pair = −1: flat). */
  addAngle(cell: number, f0: number, f1: number, pair: number): void {
    const t = this.angles++;
    if (t === this.cell.length) {
      this.cell = doubled(this.cell);
      this.f0 = doubled(this.f0);
      this.f1 = doubled(this.f1);
      this.pair = doubled(this.pair);
    }
    this.cell[t] = cell;
    this.f0[t] = f0;
    this.f1[t] = f1;
    this.pair[t] = pair;
  }
  location(k: number): Location {
    const at = this.at[k]!;
    return at === AT_INTERIOR ? INTERIOR : at === AT_FACET ? BOUNDARY_FACET : this.ridgeAt.get(k)!;
  }
}

/** Float path (2-D): the public view of angle t of a {@link PointAngles} (values read from it). */
class PointAngle implements CellAngle {
  constructor(
    private readonly store: PointAngles,
    private readonly t: number,
  ) {}
  get cell(): number {
    return this.store.cell[this.t]!;
  }
  get kind(): 'flat' | 'ridge' {
    return this.store.pair[this.t]! < 0 ? 'flat' : 'ridge';
  }
  get facets(): number[] {
    const s = this.store;
    const t = this.t;
    return s.f1[t]! < 0 ? [s.f0[t]!] : [s.f0[t]!, s.f1[t]!];
  }
  get angle(): number {
    const p = this.store.pair[this.t]!;
    return p < 0 ? Math.PI : this.store.pairs.theta[p]!;
  }
  get floatCos(): FloatValue {
    const p = this.store.pair[this.t]!;
    return p < 0 ? MINUS_ONE_F : this.store.pairs.floatCos(p);
  }
  get cos(): SqrtRational {
    const p = this.store.pair[this.t]!;
    return p < 0 ? MINUS_ONE : this.store.pairs.exact(p).cos;
  }
  /** sin θ exactly (ridge angles; for the angle-sum check without new square roots). */
  sin(): SqrtRational | undefined {
    const p = this.store.pair[this.t]!;
    return p < 0 ? undefined : this.store.pairs.exact(p).sin;
  }
}

/** Float path (2-D): a ridge at point k of the index; its exact point computed on first read. */
class PointRidge implements Ridge {
  constructor(
    private readonly pts: PointIndex,
    private readonly store: PointAngles,
    private readonly k: number,
  ) {}
  get point(): Rational[] {
    return this.pts.exact(this.k);
  }
  get vertices(): Rational[][] {
    return [this.pts.exact(this.k)];
  }
  get location(): Ridge['location'] {
    return this.store.location(this.k).location;
  }
  get expectedSum(): number {
    return this.store.location(this.k).expectedSum;
  }
  get expectedCos(): SqrtRational {
    return this.store.location(this.k).expectedCos;
  }
  get sum(): number {
    return this.store.sum[this.k]!;
  }
  /** The cells' angles, as views of the store (made on each read). */
  get angles(): CellAngle[] {
    const s = this.store;
    const from = s.start[this.k]!;
    const to = s.start[this.k + 1]!;
    const out = new Array<CellAngle>(to - from);
    for (let t = from; t < to; t++) out[t - from] = new PointAngle(s, t);
    return out;
  }
}

type Location = Pick<Ridge, 'location' | 'expectedSum' | 'expectedCos'>;
const INTERIOR: Location = {
  location: 'interior',
  expectedSum: 2 * Math.PI,
  expectedCos: SqrtRational.ONE,
};
const BOUNDARY_FACET: Location = {
  location: 'boundary-facet',
  expectedSum: Math.PI,
  expectedCos: MINUS_ONE,
};

/** Float path: where point k lies in X (signs of the index), as {@link locate}. */
function locateF(
  domainFacets: readonly FacetInfo[],
  pts: PointIndex,
  k: number,
  d: number,
): Location {
  let first: FacetInfo | undefined;
  let second: FacetInfo | undefined;
  for (const F of domainFacets)
    if (pts.sign(k, F) === 0) {
      if (first === undefined) first = F;
      else if (second === undefined) second = F;
    }
  if (first === undefined) return INTERIOR;
  if (second === undefined) return BOUNDARY_FACET;
  const cos = ridgeCos(first, second, d);
  return { location: 'boundary-ridge', expectedSum: angleFromCos(cos), expectedCos: cos };
}

/**
 * Ridges with the angles of every cell present whose closure contains them (any d). 3-D ridges
 * are ordered by their first cell, then that cell's facets holding them, then along their line.
 * On the float path (3-D) a polyhedral complex takes its ridges from the cell edges (float3d.ts).
 */
export function computeRidges(
  cells: readonly CellGeometry[],
  domainFacets: readonly FacetInfo[],
  d: number,
  tick?: Tick,
  pts?: PointIndex,
  faces?: readonly SharedFace[],
): Ridge[] {
  if (d === 1) return [];
  if (d === 3 && pts && faces && faceToFace(cells, faces, domainFacets)) {
    const cache: AngleCache = new PairAngles(cells, 3, pts.count);
    const ridges = edgeRidges(
      cells,
      domainFacets,
      pts,
      {
        pairAngle: (cell, f, g) => cachedCosSin(cell, f, g, cache),
        angleView: (cell, facets, pair) => new RidgeAngle(cell, facets, pair as CachedAngle),
        domainCos: (a, b) => ridgeCos(a, b, 3),
      },
      tick,
    );
    cache.done();
    return ridges;
  }
  if (d === 2 && pts) {
    const store = new PointAngles(cells, pts.count);
    const ridges: Ridge[] = new Array(pts.count);
    // the point named in an error (one closure: no wrapper per ridge)
    let current = 0;
    const what = () => describe(pts.exact(current));
    let total = 0;
    // sorted as cellsAtVertices lists them: by first occurrence over the cells' vertices
    const pairs = store.pairs;
    const stars = new PointStars2(cells, pts);
    for (let k = 0; k < pts.count; k++) {
      const n = stars.at(k);
      const star = stars.star;
      tick?.(k, pts.count);
      current = k;
      store.start[k] = total;
      let sum = 0;
      for (let t = 0; t < n; t++) {
        const cell = cells[star[STAR * t]!]!;
        const m = star[STAR * t + 1]!;
        const f0 = star[STAR * t + 2]!;
        const f1 = star[STAR * t + 3]!;
        // cellAngle's angles: flat (θ = π) on one facet, the pair's θ on two, else an error
        if (m === 1) {
          store.addAngle(cell.index, f0, -1, -1);
          sum += Math.PI;
        } else if (m === 2) {
          const p = pairs.of(cell, f0, f1);
          store.addAngle(cell.index, f0, f1, p);
          sum += pairs.theta[p]!;
        } else badStar(cell, m, what);
        total++;
      }
      store.sum[k] = sum;
      const where = locateF(domainFacets, pts, k, d);
      if (where === INTERIOR) store.at[k] = AT_INTERIOR;
      else if (where === BOUNDARY_FACET) store.at[k] = AT_FACET;
      else {
        store.at[k] = AT_RIDGE;
        store.ridgeAt.set(k, where);
      }
      ridges[k] = new PointRidge(pts, store, k);
    }
    store.start[pts.count] = total;
    pairs.done();
    return ridges;
  }
  let stars: RidgeStar[];
  let grid: ReturnType<typeof cellGrid> | undefined;
  if (d > 3)
    stars = ridgesNd(cells, d); // d ≥ 4: per (d−2)-flat arrangement (ridges-nd.ts)
  else if (d === 2)
    // (Array.of: a builtin's array, born young: docs/contributing.md, "Objects a run keeps")
    stars = cellsAtVertices(cells).map((star) => new RidgeStar(Array.of(star.point), star));
  else {
    // a polyhedral complex (MLP partitions): the stars from the cell edges (edge-stars3d.ts);
    // otherwise the edge arrangement and a point location per ridge
    stars =
      edgeStars3(cells, domainFacets) ??
      edgeArrangement3d(cells).ridges.map(
        ({ vertices, point }) =>
          new RidgeStar(vertices, starOf(point, (grid ??= cellGrid(cells)), cells)),
      );
    stars.sort((x, y) => compareStars3(x, y));
  }
  const cache: AngleCache = new PairAngles(cells, d);
  // the ridge named in an error, described only then (one closure)
  let current: PointStar | undefined;
  const what = () => describe(current!.point);
  // edge ridges: the ends as test points, once per cell vertex
  const ends = new Map<number, TestPoint>();
  const endOf = (c: number, v: number): TestPoint => {
    const key = c * 65536 + v;
    let t = ends.get(key);
    if (t === undefined) {
      const C = cells[c]!;
      ends.set(key, (t = new TestPoint(C.vertices[v]!, C.verticesF[v]!)));
    }
    return t;
  };
  const ridges = stars.map(({ vertices, star }, r): Ridge => {
    tick?.(r, stars.length);
    current = star;
    const angles = star.cells.map((idx, t) => cellAngle(cells[idx]!, star.tight[t]!, what, cache));
    const sum = angles.reduce((s, a) => s + a.angle, 0);
    if (star instanceof EdgeStar)
      return new StarRidge(
        vertices,
        star,
        locateEdge(domainFacets, endOf(star.pCell, star.pVertex), endOf(star.qCell, star.qVertex)),
        angles,
        sum,
      );
    return new VertexRidge(
      vertices,
      star.point,
      locate(domainFacets, star.point, d, star.test),
      angles,
      sum,
    );
  });
  cache.done();
  return ridges;
}

/**
 * Order of 3-D ridges: by their first cell, then the facets of that cell holding them, then along
 * their line (lexicographic order of the first vertex). The float path's cell edges come in this
 * order without exact points (float3d.ts).
 */
function compareStars3(
  x: { vertices: Rational[][]; star: PointStar },
  y: { vertices: Rational[][]; star: PointStar },
): number {
  const cx = x.star.cells[0] ?? -1;
  const cy = y.star.cells[0] ?? -1;
  if (cx !== cy) return cx - cy;
  const tx = x.star.tight[0] ?? [];
  const ty = y.star.tight[0] ?? [];
  for (let k = 0; k < Math.min(tx.length, ty.length); k++)
    if (tx[k] !== ty[k]) return tx[k]! - ty[k]!;
  if (tx.length !== ty.length) return tx.length - ty.length;
  const p = x.vertices[0]!;
  const q = y.vertices[0]!;
  for (let k = 0; k < p.length; k++) {
    const c = p[k]!.cmp(q[k]!);
    if (c !== 0) return c;
  }
  return 0;
}

/** Result of checking the angle sum at one ridge. */
export interface RidgeSumCheck {
  /** |Σθ − expected| ≤ 1e-12·max(1, expected) in float. */
  floatOk: boolean;
  /** Exact: Π e^{iθ} = e^{i·expected} in Q(√q_1, …) (null when skipped: too many radicals). */
  exactOk: boolean | null;
}

/** Angle-sum self-check of SPEC §4 for one ridge of a complete partition. */
export function checkRidgeSum(ridge: Ridge, maxTerms = 256): RidgeSumCheck {
  const floatOk = Math.abs(ridge.sum - ridge.expectedSum) <= 1e-12 * Math.max(1, ridge.expectedSum);
  let prod = { re: RadicalSum.of(Rational.ONE), im: RadicalSum.ZERO };
  for (const a of ridge.angles) {
    prod = complexMul(
      prod,
      unitFromCos(a.cos, a instanceof RidgeAngle || a instanceof PointAngle ? a.sin() : undefined),
    );
    if (prod.re.size + prod.im.size > maxTerms) return { floatOk, exactOk: null };
  }
  const target = unitFromCos(ridge.expectedCos);
  const exactOk = prod.re.sub(target.re).isZero() && prod.im.sub(target.im).isZero();
  return { floatOk, exactOk };
}
