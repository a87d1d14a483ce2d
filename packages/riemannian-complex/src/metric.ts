/**
 * Riemannian data of SPEC §4: M_0 = vol_d(C_i); edge lengths `centroid`, `unit`, `density`;
 * M_1 = vol_{d−1}(I(e)) / ℓ(e); M_k = vol_{d−k}(I(σ)), M_d = 1 (vol_0 of a point).
 */
import type { Tick } from './types.js';
import {
  Rational,
  SqrtRational,
  isRational,
  toIntegerPoint,
  lazyProperty,
} from '@mlgeo/exact-arith';
import { type CellGeometry, centroidDistanceInto, roundedMeasures2 } from './cells.js';
import { ComplexOptionError, PartitionInputError } from './errors.js';
import type { IntersectionWork } from './simplices.js';
import type { ComplexOptions, EdgeLength, FloatMetricValues, Metric, Weight } from './types.js';
import {
  type Ball,
  type FloatValue,
  type FloatVector,
  add,
  ball,
  div,
  mul,
  certifyFloat,
  isCertified,
  roundingError,
} from './float-values.js';
import { exactMeasure, lazyArray } from './lazy.js';
import { type FloatCellMeasures, refinedCellMeasures, roundedExactMeasures } from './float3d.js';
import { FLOAT_MEASURE_TOLERANCE } from '@mlgeo/exact-polytope';
import { SAFE, distanceInto } from './cos3.js';

/** Normalised edge-length option with β as a Rational. */
export interface LengthOption {
  kind: 'centroid' | 'unit' | 'density';
  beta: Rational;
}

export function readLengthOption(option: ComplexOptions['edgeLength']): LengthOption {
  const o: EdgeLength =
    option === undefined
      ? { kind: 'centroid' }
      : typeof option === 'string'
        ? ({ kind: option } as EdgeLength)
        : option;
  if (o.kind !== 'centroid' && o.kind !== 'unit' && o.kind !== 'density')
    throw new ComplexOptionError(
      `unknown edge length "${String((o as { kind: unknown }).kind)}"`,
      'options.edgeLength',
      "use 'centroid', 'unit' or 'density'",
    );
  let beta = Rational.ONE;
  if (o.kind === 'density' && o.beta !== undefined) {
    const b = isRational(o.beta)
      ? Rational.from(o.beta)
      : Number.isFinite(o.beta)
        ? Rational.fromDouble(o.beta)
        : undefined;
    if (b === undefined || b.sign() <= 0 || b.gt(Rational.ONE))
      throw new ComplexOptionError(
        `density exponent β = ${String(o.beta)} is not in (0, 1]`,
        'options.edgeLength.beta',
        'choose β with 0 < β ≤ 1 (default 1)',
      );
    beta = b;
  }
  return { kind: o.kind, beta };
}

/**
 * |c_i − c_j| exactly, as (1/D)·√(Σ n_k²) with Δ_k = n_k/D over a common denominator D: the
 * radicand is the integer Σ n_k², far smaller than numerator × denominator of |Δ|² (normal forms
 * of large radicands are the costly step of SqrtRational).
 */
export function centroidDistance(ci: CellGeometry, cj: CellGeometry): SqrtRational {
  const diff = ci.centroid.map((x, k) => x.sub(cj.centroid[k]!));
  const { num: X, den } = toIntegerPoint(diff);
  let N = 0n;
  for (const n of X) N += n * n;
  return SqrtRational.of(Rational.of(1n, den), N);
}

const HALF = Rational.of(1n, 2n);

/** ℓ(e) per SPEC §4; Infinity when ρ(e) = 0 (edge left out of the metric). */
export function edgeLength(
  ci: CellGeometry,
  cj: CellGeometry,
  option: LengthOption,
  totalPoints: number,
): Weight {
  if (option.kind === 'unit') return SqrtRational.ONE;
  const lc = centroidDistance(ci, cj);
  if (option.kind === 'centroid') return lc;
  // ρ(e) = (n_i + n_j) / (n · (vol C_i + vol C_j))
  const rho = Rational.of(BigInt(ci.dataCount! + cj.dataCount!), BigInt(totalPoints)).div(
    ci.volume.add(cj.volume),
  );
  if (rho.isZero()) return Infinity;
  if (option.beta.equals(Rational.ONE)) return lc.div(rho);
  if (option.beta.equals(HALF)) return lc.div(SqrtRational.sqrt(rho));
  return lc.toNumber() / Math.pow(rho.toNumber(), option.beta.toNumber());
}

/** vol / ℓ exactly (ℓ an r·√q, or Infinity → 0). */
function exactRatio(area: SqrtRational, len: Weight): SqrtRational {
  return typeof len === 'number' ? SqrtRational.ZERO : area.div(len);
}

/** vol / ℓ in float64 (ℓ = Infinity → 0). */
function floatRatio(area: SqrtRational, len: Weight): number {
  return typeof len === 'number' ? area.toNumber() / len : area.div(len).toNumber();
}

/** Builds the metric for the given levels. */
export function buildMetric(
  cells: readonly CellGeometry[],
  simplices: readonly number[][][],
  intersections: readonly IntersectionWork[][],
  d: number,
  option: LengthOption,
  tick?: Tick,
): Metric {
  let totalPoints = 0;
  if (option.kind === 'density') {
    cells.forEach((c, idx) => {
      if (c.dataCount === undefined)
        throw new PartitionInputError(
          'DATA_COUNT_MISSING',
          "edge length 'density' needs the number of data points in every cell",
          `cells[${idx}].dataCount`,
          "set dataCount on every cell or use edge length 'centroid' or 'unit'",
        );
      totalPoints += c.dataCount;
    });
    if (totalPoints === 0)
      throw new PartitionInputError(
        'NO_DATA',
        "edge length 'density' needs at least one data point in the partition's cells",
        'cells[].dataCount',
        "add data or use edge length 'centroid' or 'unit'",
      );
  }
  const edges = simplices[1] ?? [];
  // per value on demand: ℓ(e) and M_1(e) are computed when read (issue 11, exact on demand)
  const edgeLengths = lazyArray(
    edges.length,
    exactMeasure((e: number): Weight => {
      tick?.(e, edges.length);
      const [i, j] = edges[e]!;
      return edgeLength(cells[i!]!, cells[j!]!, option, totalPoints);
    }),
  );
  // float ℓ only for density with β ∉ {1/2, 1} (a property of the option, not of the values)
  const exact =
    edges.length === 0 ||
    option.kind !== 'density' ||
    option.beta.equals(Rational.ONE) ||
    option.beta.equals(HALF);
  const faceArea = (e: number): SqrtRational | undefined => {
    const I = intersections[1]![e]!;
    return I.dimension === d - 1 ? I.volume : undefined;
  };
  const higher: SqrtRational[][] = [];
  for (let k = 2; k < simplices.length; k++) {
    const level = intersections[k]!;
    higher.push(
      lazyArray(level.length, (s) =>
        k <= d && level[s]!.dimension === d - k ? level[s]!.volume : SqrtRational.ZERO,
      ),
    );
  }
  const M0 = lazyArray(cells.length, (i) => SqrtRational.fromRational(cells[i]!.volume));
  const withM1 = edges.length > 0 || simplices.length > 1;
  const base = {
    edgeLength: option.kind,
    beta: option.beta.toNumber(),
    M0: lazyArray(cells.length, (i) => cells[i]!.volume),
  };
  if (exact) {
    const M1 = lazyArray(
      edges.length,
      exactMeasure((e: number) => {
        tick?.(e, edges.length);
        const area = faceArea(e);
        return area === undefined ? SqrtRational.ZERO : exactRatio(area, edgeLengths[e]!);
      }),
    );
    return {
      ...base,
      measures: 'exact',
      edgeLengths,
      M1,
      M: [M0, ...(withM1 ? [M1] : []), ...higher],
    };
  }
  const M1 = lazyArray(edges.length, (e) => {
    const area = faceArea(e);
    return area === undefined ? 0 : floatRatio(area, edgeLengths[e]!);
  });
  return {
    ...base,
    measures: 'float',
    edgeLengths: lazyArray(edges.length, (e) => {
      const l = edgeLengths[e]!;
      return typeof l === 'number' ? l : l.toNumber();
    }),
    M1,
    M: [M0, ...(withM1 ? [M1] : []), ...higher],
  };
}

/** Validates density data counts; returns n = Σ n_i (0 for other options). */
function totalPointsOf(cells: readonly CellGeometry[], option: LengthOption): number {
  if (option.kind !== 'density') return 0;
  let total = 0;
  cells.forEach((c, idx) => {
    if (c.dataCount === undefined)
      throw new PartitionInputError(
        'DATA_COUNT_MISSING',
        "edge length 'density' needs the number of data points in every cell",
        `cells[${idx}].dataCount`,
        "set dataCount on every cell or use edge length 'centroid' or 'unit'",
      );
    total += c.dataCount;
  });
  if (total === 0)
    throw new PartitionInputError(
      'NO_DATA',
      "edge length 'density' needs at least one data point in the partition's cells",
      'cells[].dataCount',
      "add data or use edge length 'centroid' or 'unit'",
    );
  return total;
}

const ZERO_F: FloatValue = { value: 0, error: 0 };

/** ℓ not within half the tolerance (the tiers of buildFloatMetric aim there); ℓ = (v, radius r). */
const loose = (v: number, r: number): boolean =>
  !(r * SAFE <= 0.5 * FLOAT_MEASURE_TOLERANCE * Math.abs(v)) && v !== Infinity;

/** Sum of a cell's centroid bounds (which of two cells is looser). */
const boundSum = (c: FloatVector): number => c.error.reduce((a, b) => a + b, 0);
const errorOf = (m: FloatCellMeasures): number => boundSum(m.centroid);

/** A correctly rounded centroid with its bound (float-values.ts roundingError). */
const roundedCentroid = (c: number[]): FloatVector => ({ value: c, error: c.map(roundingError) });

/**
 * ℓ(e) in float64 with its bound (SPEC §4) into out = (value, radius), no ball object on the
 * centroid and unit lengths; value Infinity when ρ(e) = 0.
 */
function floatEdgeLengthInto(
  ci: CellGeometry,
  cj: CellGeometry,
  option: LengthOption,
  totalPoints: number,
  out: Float64Array,
  refinedI?: FloatCellMeasures,
  refinedJ?: FloatCellMeasures,
): void {
  if (option.kind === 'unit') {
    out[0] = 1;
    out[1] = 0;
    return;
  }
  // the cells' own centroids read in their store, else as lists
  if (refinedI !== undefined || refinedJ !== undefined || !centroidDistanceInto(ci, cj, out)) {
    const a = refinedI?.centroid ?? ci.floatCentroid;
    const b = refinedJ?.centroid ?? cj.floatCentroid;
    distanceInto(a.value, 0, a.error, 0, b.value, 0, b.error, 0, a.value.length, out);
  }
  if (option.kind === 'centroid') return;
  // ρ(e) = (n_i + n_j) / (n · (vol C_i + vol C_j)); ℓ = l_c / ρ^β
  const lc = ball(out[0]!, out[1]!);
  const vi = ci.floatVolume;
  const vj = cj.floatVolume;
  const counts = ci.dataCount! + cj.dataCount!;
  let l: Ball;
  if (counts === 0) l = ball(Infinity);
  else {
    const rho = div(
      ball(counts),
      mul(ball(totalPoints), add(ball(vi.value, vi.error), ball(vj.value, vj.error))),
    );
    const beta = option.beta.toNumber();
    if (beta === 1) l = div(lc, rho);
    else {
      // ρ^β for β ∈ (0, 1): monotone, so the ball maps to [lo^β, hi^β]
      const lo = Math.max(rho.v - rho.r, 0);
      const hi = rho.v + rho.r;
      const v = Math.pow(rho.v, beta);
      const r =
        Math.max(v - Math.pow(lo, beta), Math.pow(hi, beta) - v) * (1 + 2 ** -40) + 2 ** -50 * v;
      l = div(lc, { v, r });
    }
  }
  out[0] = l.v;
  out[1] = l.r;
}

/** Scratch of {@link floatEdgeLengthInto}: ℓ's value and radius. */
const lengthScratch = new Float64Array(2);

/**
 * The metric in float64 with error bounds (issue 11's float path): M_0 = vol C_i, ℓ(e) from the
 * float centroids, M_1 = vol_{d−1}(I(e))/ℓ(e), M_k from the float volumes of I(σ); no exact
 * measure is computed.
 */
export function buildFloatMetric(
  cells: readonly CellGeometry[],
  simplices: readonly number[][][],
  intersections: readonly IntersectionWork[][],
  d: number,
  option: LengthOption,
  tick?: Tick,
): FloatMetricValues {
  const totalPoints = totalPointsOf(cells, option);
  const edges = simplices[1] ?? [];
  // SPEC §1: ℓ(e) and M_1(e) certified to FLOAT_MEASURE_TOLERANCE, else from the exact ℓ(e)
  const exactLengths = new Map<number, Weight>();
  const exactLength = (e: number): Weight => {
    let l = exactLengths.get(e);
    if (l === undefined) {
      const edge = edges[e]!;
      l = exactMeasure(edgeLength)(cells[edge[0]!]!, cells[edge[1]!]!, option, totalPoints);
      exactLengths.set(e, l);
    }
    return l;
  };
  const weightNumber = (l: Weight): number => (typeof l === 'number' ? l : l.toNumber());
  // ℓ(e) as flat arrays (value, radius): no ball object or boxed number kept per edge
  const lv = new Float64Array(edges.length);
  const lr = new Float64Array(edges.length);
  const out = lengthScratch;
  for (let e = 0; e < edges.length; e++) {
    tick?.(e, edges.length);
    const edge = edges[e]!;
    const ci = cells[edge[0]!]!;
    const cj = cells[edge[1]!]!;
    floatEdgeLengthInto(ci, cj, option, totalPoints, out);
    if (out[0] === Infinity) {
      lv[e] = out[0];
      lr[e] = out[1]!;
      continue;
    }
    // 3-D float path: tighter centroids before the exact ℓ — from the rounded exact vertices, then
    // the exact centroid rounded of the looser cell, then of both (an exact centroid each, not
    // the exact ℓ). Aimed at half the tolerance, so that M_1 = area/ℓ certifies too.
    if (loose(out[0]!, out[1]!)) {
      let ri = refinedCellMeasures(ci);
      let rj = refinedCellMeasures(cj);
      const qi = d === 2 ? roundedMeasures2(ci) : undefined;
      const qj = d === 2 ? roundedMeasures2(cj) : undefined;
      if (qi && qj) {
        // 2-D float path: the exact centroid rounded (integer shoelace sums, cells.ts) of the
        // looser cell, then of both. A sliver's centroid moves by its aspect ratio times a move
        // of its vertices, so the bounds from the solved vertices can be ~1e-13 on short edges.
        const iLooser = boundSum(ci.floatCentroid) >= boundSum(cj.floatCentroid);
        const exactI = { volume: ci.floatVolume, centroid: roundedCentroid(qi.centroid) };
        const exactJ = { volume: cj.floatVolume, centroid: roundedCentroid(qj.centroid) };
        if (iLooser) floatEdgeLengthInto(ci, cj, option, totalPoints, out, exactI);
        else floatEdgeLengthInto(ci, cj, option, totalPoints, out, undefined, exactJ);
        if (loose(out[0]!, out[1]!))
          floatEdgeLengthInto(ci, cj, option, totalPoints, out, exactI, exactJ);
      } else if (ri && rj) {
        floatEdgeLengthInto(ci, cj, option, totalPoints, out, ri, rj);
        for (let step = 0; step < 2 && loose(out[0]!, out[1]!); step++) {
          const iLooser = errorOf(ri) >= errorOf(rj);
          if (step === 1 || iLooser) ri = roundedExactMeasures(ci);
          if (step === 1 || !iLooser) rj = roundedExactMeasures(cj);
          floatEdgeLengthInto(ci, cj, option, totalPoints, out, ri, rj);
        }
      }
    }
    // centroid ℓ: the exact r·√q's toNumber (√ of a correctly rounded fraction, rounded) is within
    // 1.5u relative, inside roundingError's 2u, so M_1 = area / ℓ can certify after a fallback.
    // Kept: ℓ's value and bound (toValue's error), as the radius of the ball M_1 divides by.
    const value = out[0]!;
    const error = out[1]! * SAFE;
    if (isCertified(value, error)) {
      lv[e] = value;
      lr[e] = error;
      continue;
    }
    // (the fallback's closure made only when it is needed)
    const c = certifyFloat(
      { value, error },
      () => weightNumber(exactLength(e)),
      option.kind === 'centroid',
    );
    lv[e] = c.value;
    lr[e] = c.value === Infinity ? 0 : c.error;
  }
  // M_1 as flat arrays (value, error; zero: 0 by definition), objects made on first read
  const m1v = new Float64Array(edges.length);
  const m1e = new Float64Array(edges.length);
  const zero = new Uint8Array(edges.length);
  for (let e = 0; e < edges.length; e++) {
    const I = intersections[1]![e]!;
    if (I.dimension !== d - 1 || lv[e] === Infinity) {
      zero[e] = 1;
      continue;
    }
    const area = I.floatVolume;
    // div(ball(area), ball(ℓ)) on scalars (float-values.ts `div`), then toValue
    const v = area.value / lv[e]!;
    const den = Math.abs(lv[e]!) - lr[e]!;
    // (∞ first, then the radius: a conditional expression with ∞ as an arm boxed r)
    let r = Infinity;
    if (den > 0) r = (area.error + Math.abs(v) * lr[e]!) / den + U2 * Math.abs(v);
    const error = r * SAFE;
    if (isCertified(v, error)) {
      m1v[e] = v;
      m1e[e] = error;
      continue;
    }
    const c = certifyFloat({ value: v, error }, () => floatRatio(I.volume, exactLength(e)));
    m1v[e] = c.value;
    m1e[e] = c.error;
  }
  const M: FloatValue[][] = [];
  for (let k = 2; k < simplices.length; k++)
    M.push(
      intersections[k]!.map((I) => (k <= d && I.dimension === d - k ? I.floatVolume : ZERO_F)),
    );
  const values = {
    edgeLength: option.kind,
    beta: option.beta.toNumber(),
    M0: cells.map((c) => c.floatVolume),
    M,
  };
  // the {value, error} entries made once, on first read (the float bench reads neither); shared
  // lazy getters (exact-arith lazyProperty), not getters of the literal (issue 11: an accessor
  // per object keeps the metric's scope alive through scavenges after it is dead)
  return lazyProperty(
    lazyProperty(values, 'edgeLengths', () =>
      Array.from(lv, (v, e) =>
        v === Infinity ? { value: Infinity, error: 0 } : { value: v, error: lr[e]! * SAFE },
      ),
    ),
    'M1',
    () => Array.from(m1v, (v, e) => (zero[e] === 1 ? ZERO_F : { value: v, error: m1e[e]! })),
  );
}

/** Twice the unit roundoff (float-values.ts's rounding radius of one operation). */
const U2 = 2 ** -52;
