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
import { type CellGeometry, type FacetInfo, TestPoint, filteredSign } from './cells.js';
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
import { cosAngle3 } from './cos3.js';
import type { FloatVertices, PointIndex } from './float-points.js';
import { BoxGrid } from './spatial.js';
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
  const a = fa.aF;
  const b = fb.aF;
  const ra = U2 * Math.max(Math.abs(a[0]!), Math.abs(a[1]!), Math.abs(a[2]!));
  const rb = U2 * Math.max(Math.abs(b[0]!), Math.abs(b[1]!), Math.abs(b[2]!));
  const c = cosAngle3(a, ra, b, rb);
  const value = certifyFloat({ value: c.v, error: c.r * SAFE }, () =>
    ridgeCos(fa, fb, 3).toNumber(),
  );
  if (value.value > 1) value.value = 1;
  if (value.value < -1) value.value = -1;
  return { cos: value, angle: Math.atan2(c.sin, c.v) };
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

/** mul(x, y).r of float-values.ts: |x|·ry + rx·|y| + rx·ry + U2·|v| (v = fl(xy)). */
function mulR(x: number, rx: number, y: number, ry: number, v: number): number {
  return Math.abs(x) * ry + rx * Math.abs(y) + rx * ry + U2 * Math.abs(v);
}

/** sqrt of float-values.ts on (v, r): the radius of √v. */
function sqrtR(v: number, r: number): number {
  const w = Math.sqrt(Math.max(v, 0));
  if (v > r) return r / (Math.sqrt(v - r) + w) + U2 * w;
  return Math.sqrt(Math.max(v, 0) + r) * (1 + U2);
}

/** dot of float-values.ts for 2-vectors with common radii rx, ry: the radius of x·y (= v). */
function dot2R(
  x0: number,
  x1: number,
  rx: number,
  y0: number,
  y1: number,
  ry: number,
  v: number,
): number {
  const m0 = x0 * y0;
  const m1 = x1 * y1;
  // add(ball(0), m0), then add(·, m1)
  return mulR(x0, rx, y0, ry, m0) + U2 * Math.abs(m0) + mulR(x1, rx, y1, ry, m1) + U2 * Math.abs(v);
}

/**
 * {@link floatCosAngle} in 2-D: the same ball operations as float-values.ts (`mul`, `add`, `sqrt`,
 * `div`) written out on scalars (no ball objects).
 */
function floatCosAngle2(fa: FacetInfo, fb: FacetInfo): { cos: FloatValue; angle: number } {
  const a0 = fa.aF[0]!;
  const a1 = fa.aF[1]!;
  const b0 = fb.aF[0]!;
  const b1 = fb.aF[1]!;
  const ra = U2 * Math.max(Math.abs(a0), Math.abs(a1));
  const rb = U2 * Math.max(Math.abs(b0), Math.abs(b1));
  const aa = a0 * a0 + a1 * a1;
  const raa = dot2R(a0, a1, ra, a0, a1, ra, aa);
  const bb = b0 * b0 + b1 * b1;
  const rbb = dot2R(b0, b1, rb, b0, b1, rb, bb);
  const na = Math.sqrt(Math.max(aa, 0));
  const rna = sqrtR(aa, raa);
  const nb = Math.sqrt(Math.max(bb, 0));
  const rnb = sqrtR(bb, rbb);
  const norms = na * nb;
  const rnorms = mulR(na, rna, nb, rnb, norms);
  const ab = a0 * b0 + a1 * b1;
  const rab = dot2R(a0, a1, ra, b0, b1, rb, ab);
  // sub(0, ab): radius rab + U2·|ab|; div by norms
  const num = 0 - ab;
  const rnum = rab + U2 * Math.abs(num);
  const c = num / norms;
  const den = Math.abs(norms) - rnorms;
  const rc = den > 0 ? (rnum + Math.abs(c) * rnorms) / den + U2 * Math.abs(c) : Infinity;
  const sin = Math.abs(a0 * b1 - a1 * b0) / norms;
  const f = { value: c, error: rc * SAFE };
  // (the fallback's closure made only when it is needed)
  const value = isCertified(f.value, f.error)
    ? f
    : certifyFloat(f, () => ridgeCos(fa, fb, 2).toNumber());
  if (value.value > 1) value.value = 1;
  if (value.value < -1) value.value = -1;
  return { cos: value, angle: Math.atan2(sin, c) };
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

/** Exact cos and sin (on demand), float cos and θ of the angle between two facets. */
class CachedAngle {
  private value: { cos: SqrtRational; sin: SqrtRational } | undefined;
  constructor(
    private readonly fa: FacetInfo,
    private readonly fb: FacetInfo,
    private readonly d: number,
    readonly floatCos: FloatValue,
    readonly angle: number,
  ) {}
  exact(): { cos: SqrtRational; sin: SqrtRational } {
    return (this.value ??= exactCosSin(this.fa, this.fb, this.d));
  }
}

const exactCosSin = exactMeasure(ridgeCosSin);

/** The angle between two facets, shared by every ridge of one hyperplane pair. */
type AngleCache = Map<string | number, CachedAngle>;

/**
 * ridgeCosSin and θ through the cache: the values depend only on the two oriented normals, are
 * symmetric in them and unchanged when both flip, so the key is the unordered pair of hyperplanes
 * (their ids on the float path, else their keys) with the product of the orientations.
 */
function cachedCosSin(fa: FacetInfo, fb: FacetInfo, d: number, cache: AngleCache): CachedAngle {
  const same = fa.side === fb.side ? 1 : 0;
  let key: number | string;
  if (fa.hid !== undefined && fb.hid !== undefined && fa.hid < 67108864 && fb.hid < 67108864) {
    const lo = Math.min(fa.hid, fb.hid);
    const hi = Math.max(fa.hid, fb.hid);
    // small integer keys when the ids allow (hashed without a heap number), negative so they
    // never meet the large ones
    key = hi < 16384 ? -((lo * 16384 + hi) * 2 + same) - 1 : (lo * 67108864 + hi) * 2 + same;
  } else
    key = `${fa.key < fb.key ? `${fa.key}|${fb.key}` : `${fb.key}|${fa.key}`}|${fa.side * fb.side}`;
  let v = cache.get(key);
  if (!v) {
    const { cos: floatCos, angle } = floatCosAngle(fa, fb, d);
    cache.set(key, (v = new CachedAngle(fa, fb, d, floatCos, angle)));
  }
  return v;
}

/** The angle of a cell at a ridge in a ridge of the cell (two facets); exact cos and sin on demand. */
class RidgeAngle implements CellAngle {
  readonly kind = 'ridge' as const;
  readonly floatCos: FloatValue;
  readonly angle: number;
  constructor(
    readonly cell: number,
    readonly facets: number[],
    private readonly cached: CachedAngle,
  ) {
    this.floatCos = cached.floatCos;
    this.angle = cached.angle;
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
  d: number,
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
    return new RidgeAngle(
      cell.index,
      tight,
      cachedCosSin(cell.facets[tight[0]!]!, cell.facets[tight[1]!]!, d, cache),
    );
  if (typeof what !== 'string') what = what();
  throw new InconsistentPartitionError(
    tight.length === 0
      ? `${what} lies inside cell ${cell.index} ("${cell.label}"): cell interiors overlap`
      : `${what} lies on ${tight.length} facets of cell ${cell.index} ("${cell.label}")`,
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

/** A ridge whose point is made on first read: location, expected sum, angles and Σθ as given. */
abstract class LazyPointRidge implements Ridge {
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

/** An exact 3-D edge ridge: the midpoint made on first read. */
class StarRidge extends LazyPointRidge {
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
 * `visit(k, cells, tight, n)` gets point k's cells in increasing order (the first n entries of
 * scratch arrays, reused for the next point).
 */
function pointStars2(
  cells: readonly CellGeometry[],
  pts: PointIndex,
  visit: (k: number, starCells: Int32Array, tight: number[][], n: number) => void,
): void {
  // the (cell, vertex) pairs holding each point, in CSR form
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
  let rmax = 0;
  for (let k = 0; k < pts.count; k++) rmax = Math.max(rmax, pts.r[k]!);
  const boxes = cells.map((c) => ({
    lo: c.lo.map((x) => x - 2 * rmax),
    hi: c.hi.map((x) => x + 2 * rmax),
  }));
  const grid = new BoxGrid(boxes, boundsOfBoxes(boxes));
  let starCells = new Int32Array(16);
  const tight: number[][] = [];
  let n = 0;
  const add = (cell: number, t: number[]): void => {
    if (n === starCells.length) starCells = doubled(starCells);
    // insertion by cell index (stars are short)
    let j = n - 1;
    for (; j >= 0 && starCells[j]! > cell; j--) {
      starCells[j + 1] = starCells[j]!;
      tight[j + 1] = tight[j]!;
    }
    starCells[j + 1] = cell;
    tight[j + 1] = t;
    n++;
  };
  for (let k = 0; k < pts.count; k++) {
    n = 0;
    const from = start[k]!;
    const to = start[k + 1]!;
    for (let t = from; t < to; t++) add(hc[t]!, tightOf(cells[hc[t]!]!.float!, hv[t]!));
    const x = pts.x[k]!;
    const bucket = grid.bucketOf(x);
    for (let b = 0; b < bucket.length; b++) {
      const idx = bucket[b]!;
      const box = boxes[idx]!;
      if (x[0]! < box.lo[0]! || x[0]! > box.hi[0]! || x[1]! < box.lo[1]! || x[1]! > box.hi[1]!)
        continue;
      let own = false;
      for (let t = from; t < to && !own; t++) own = hc[t] === idx;
      if (own) continue;
      const tf = pts.tightFacets(k, cells[idx]!);
      if (tf !== null) add(idx, tf);
    }
    visit(k, starCells, tight, n);
  }
}

/**
 * Vertex v's tight facets as a new list: read from the cell's flat CSR lists, so that the cell does
 * not make and keep a list per vertex (the star uses it only while the point is visited).
 */
function tightOf(fv: FloatVertices, v: number): number[] {
  const m = fv.tightCount(v);
  const out = new Array<number>(m);
  for (let i = 0; i < m; i++) out[i] = fv.tightAt(v, i);
  return out;
}

function boundsOfBoxes(boxes: readonly { lo: number[]; hi: number[] }[]): {
  lo: number[];
  hi: number[];
} {
  const d = boxes[0]!.lo.length;
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  for (const b of boxes)
    for (let k = 0; k < d; k++) {
      lo[k] = Math.min(lo[k]!, b.lo[k]!);
      hi[k] = Math.max(hi[k]!, b.hi[k]!);
    }
  return { lo, hi };
}

/** The cosine key of {@link cachedCosSin}: the unordered pair of hyperplanes and their orientations. */
function pairKey(fa: FacetInfo, fb: FacetInfo): number | string {
  const same = fa.side === fb.side ? 1 : 0;
  if (fa.hid !== undefined && fb.hid !== undefined && fa.hid < 67108864 && fb.hid < 67108864) {
    const lo = Math.min(fa.hid, fb.hid);
    const hi = Math.max(fa.hid, fb.hid);
    // small integer keys when the ids allow (hashed without a heap number), negative so they
    // never meet the large ones
    return hi < 16384 ? -((lo * 16384 + hi) * 2 + same) - 1 : (lo * 67108864 + hi) * 2 + same;
  }
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
  /** Per pair p: cos θ (clamped to [−1, 1]), its bound, θ; its facets at 2p, 2p + 1. */
  cosV: Float64Array = new Float64Array(64);
  cosE: Float64Array = new Float64Array(64);
  theta: Float64Array = new Float64Array(64);
  pairs = 0;
  readonly pairFacets: FacetInfo[] = [];
  private readonly exactOf: ({ cos: SqrtRational; sin: SqrtRational } | undefined)[] = [];
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
  private readonly cache = new Map<number | string, number>();
  constructor(count: number) {
    this.start = new Int32Array(count + 1);
    this.sum = new Float64Array(count);
    this.at = new Uint8Array(count);
  }
  /** The pair of two facets (computed now, once per key: {@link cachedCosSin}'s values). */
  pairOf(fa: FacetInfo, fb: FacetInfo): number {
    const key = pairKey(fa, fb);
    let p = this.cache.get(key);
    if (p === undefined) {
      const { cos, angle } = floatCosAngle2(fa, fb);
      p = this.pairs++;
      if (p === this.theta.length) {
        this.cosV = doubled(this.cosV);
        this.cosE = doubled(this.cosE);
        this.theta = doubled(this.theta);
      }
      this.cosV[p] = cos.value;
      this.cosE[p] = cos.error;
      this.theta[p] = angle;
      this.pairFacets.push(fa, fb);
      this.cache.set(key, p);
    }
    return p;
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
  /** Forgets the build-time cache (the pairs stay). */
  done(): void {
    this.cache.clear();
  }
  exact(p: number): { cos: SqrtRational; sin: SqrtRational } {
    return (this.exactOf[p] ??= exactCosSin(
      this.pairFacets[2 * p]!,
      this.pairFacets[2 * p + 1]!,
      2,
    ));
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
    return p < 0 ? Math.PI : this.store.theta[p]!;
  }
  get floatCos(): FloatValue {
    const p = this.store.pair[this.t]!;
    return p < 0 ? MINUS_ONE_F : { value: this.store.cosV[p]!, error: this.store.cosE[p]! };
  }
  get cos(): SqrtRational {
    const p = this.store.pair[this.t]!;
    return p < 0 ? MINUS_ONE : this.store.exact(p).cos;
  }
  /** sin θ exactly (ridge angles; for the angle-sum check without new square roots). */
  sin(): SqrtRational | undefined {
    const p = this.store.pair[this.t]!;
    return p < 0 ? undefined : this.store.exact(p).sin;
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
    const cache: AngleCache = new Map();
    return edgeRidges(
      cells,
      domainFacets,
      pts,
      {
        pairAngle: (cell, f, g) => cachedCosSin(cell.facets[f]!, cell.facets[g]!, 3, cache),
        angleView: (cell, facets, pair) => new RidgeAngle(cell, facets, pair as CachedAngle),
        domainCos: (a, b) => ridgeCos(a, b, 3),
      },
      tick,
    );
  }
  if (d === 2 && pts) {
    const store = new PointAngles(pts.count);
    const ridges: Ridge[] = new Array(pts.count);
    // the point named in an error (one closure: no wrapper per ridge)
    let current = 0;
    const what = () => describe(pts.exact(current));
    let total = 0;
    // sorted as cellsAtVertices lists them: by first occurrence over the cells' vertices
    pointStars2(cells, pts, (k, starCells, tight, n) => {
      tick?.(k, pts.count);
      current = k;
      store.start[k] = total;
      let sum = 0;
      for (let t = 0; t < n; t++) {
        const cell = cells[starCells[t]!]!;
        const tt = tight[t]!;
        // cellAngle's angles: flat (θ = π) on one facet, the pair's θ on two, else an error
        if (tt.length !== 1 && tt.length !== 2) cellAngle(cell, tt, d, what, new Map());
        if (tt.length === 1) {
          store.addAngle(cell.index, tt[0]!, -1, -1);
          sum += Math.PI;
        } else {
          const p = store.pairOf(cell.facets[tt[0]!]!, cell.facets[tt[1]!]!);
          store.addAngle(cell.index, tt[0]!, tt[1]!, p);
          sum += store.theta[p]!;
        }
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
    });
    store.start[pts.count] = total;
    store.done();
    return ridges;
  }
  let stars: { vertices: Rational[][]; star: PointStar }[];
  let grid: ReturnType<typeof cellGrid> | undefined;
  if (d > 3)
    stars = ridgesNd(cells, d); // d ≥ 4: per (d−2)-flat arrangement (ridges-nd.ts)
  else if (d === 2)
    stars = cellsAtVertices(cells).map((star) => ({ vertices: [star.point], star }));
  else {
    // a polyhedral complex (MLP partitions): the stars from the cell edges (edge-stars3d.ts);
    // otherwise the edge arrangement and a point location per ridge
    stars =
      edgeStars3(cells, domainFacets) ??
      edgeArrangement3d(cells).ridges.map(({ vertices, point }) => ({
        vertices,
        star: starOf(point, (grid ??= cellGrid(cells)), cells),
      }));
    stars.sort((x, y) => compareStars3(x, y));
  }
  const cache: AngleCache = new Map();
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
  return stars.map(({ vertices, star }, r): Ridge => {
    tick?.(r, stars.length);
    current = star;
    const angles = star.cells.map((idx, t) =>
      cellAngle(cells[idx]!, star.tight[t]!, d, what, cache),
    );
    const sum = angles.reduce((s, a) => s + a.angle, 0);
    if (star instanceof EdgeStar)
      return new StarRidge(
        vertices,
        star,
        locateEdge(domainFacets, endOf(star.pCell, star.pVertex), endOf(star.qCell, star.qVertex)),
        angles,
        sum,
      );
    return {
      vertices,
      point: star.point,
      ...locate(domainFacets, star.point, d, star.test),
      angles,
      sum,
    };
  });
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
