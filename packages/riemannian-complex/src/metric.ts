/**
 * Riemannian data of SPEC §4: M_0 = vol_d(C_i); edge lengths `centroid`, `unit`, `density`;
 * M_1 = vol_{d−1}(I(e)) / ℓ(e); M_k = vol_{d−k}(I(σ)), M_d = 1 (vol_0 of a point).
 */
import type { Tick } from './types.js';
import { Rational, SqrtRational, isRational, toIntegerPoint } from '@mlgeo/exact-arith';
import type { CellGeometry } from './cells.js';
import { ComplexOptionError, PartitionInputError } from './errors.js';
import type { IntersectionWork } from './simplices.js';
import type { ComplexOptions, EdgeLength, Metric, Weight } from './types.js';

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
  const edgeLengths = edges.map(([i, j], e) => {
    tick?.(e, edges.length);
    return edgeLength(cells[i!]!, cells[j!]!, option, totalPoints);
  });
  const exact = edgeLengths.every((l) => typeof l !== 'number' || l === Infinity);
  const faceArea = (e: number): SqrtRational | undefined => {
    const I = intersections[1]![e]!;
    return I.dimension === d - 1 ? I.volume : undefined;
  };
  const higher: SqrtRational[][] = [];
  for (let k = 2; k < simplices.length; k++)
    higher.push(
      intersections[k]!.map((I) =>
        k <= d && I.dimension === d - k ? I.volume : SqrtRational.ZERO,
      ),
    );
  const M0 = cells.map((c) => SqrtRational.fromRational(c.volume));
  const withM1 = edges.length > 0 || simplices.length > 1;
  const base = {
    edgeLength: option.kind,
    beta: option.beta.toNumber(),
    M0: cells.map((c) => c.volume),
  };
  if (exact) {
    const M1 = edges.map((_, e) => {
      tick?.(e, edges.length);
      const area = faceArea(e);
      return area === undefined ? SqrtRational.ZERO : exactRatio(area, edgeLengths[e]!);
    });
    return {
      ...base,
      measures: 'exact',
      edgeLengths,
      M1,
      M: [M0, ...(withM1 ? [M1] : []), ...higher],
    };
  }
  const M1 = edges.map((_, e) => {
    const area = faceArea(e);
    return area === undefined ? 0 : floatRatio(area, edgeLengths[e]!);
  });
  return {
    ...base,
    measures: 'float',
    edgeLengths: edgeLengths.map((l) => (typeof l === 'number' ? l : l.toNumber())),
    M1,
    M: [M0, ...(withM1 ? [M1] : []), ...higher],
  };
}
