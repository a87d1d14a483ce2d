/**
 * Domains X (SPEC §2): a bounded, full-dimensional convex polytope in H-representation; the default
 * is the unit box [0,1]^d. Bad domains get a typed error naming the field and the fix.
 */
import {
  MlgeoError,
  Rational,
  type RationalLike,
  bareissRank,
  lazyProperty,
} from '@mlgeo/exact-arith';
import { Polytope, boxHRep, isPolytope } from '@mlgeo/exact-polytope';
import { type IntAffine, affineFromRationals, isConstantAffine } from './engines/affine.js';
import { maxMarginExact, positiveDependence } from './engines/lp-bridge.js';
import { type HVertex, VCell, filteredSign, vertexFromRationals } from './engines/vcell.js';
import type { ModelPartitionsErrorCode } from './errors.js';

/** A domain that is empty, not full-dimensional, unbounded or malformed. */
export class DomainError extends MlgeoError<ModelPartitionsErrorCode> {
  constructor(code: ModelPartitionsErrorCode, message: string, field: string, fix: string) {
    super(code, message, { field, fix });
  }
}

/** How a domain is given: a box, an H-representation {x : A x ≤ b}, or a ready Polytope. */
export type DomainSpec =
  | { kind: 'box'; lo: RationalLike[]; hi: RationalLike[] }
  | {
      kind: 'hrep';
      A: RationalLike[][];
      b: RationalLike[];
      /** When the rows are a box (as the model readers mark them), its bounds: no LP/DD needed. */
      box?: { lo: RationalLike[]; hi: RationalLike[] };
    }
  | Polytope;

/** The box [lo, hi] (SPEC §2 domain). */
export function box(lo: RationalLike[], hi: RationalLike[]): DomainSpec {
  return { kind: 'box', lo, hi };
}

/** The unit box [0,1]^d, the default domain. */
export function unitBox(dimension: number): DomainSpec {
  return box(new Array(dimension).fill(0), new Array(dimension).fill(1));
}

/** A validated domain: its polytope, its constraint rows g_k(x) ≤ 0, and its box if it is one. */
export interface Domain {
  readonly dimension: number;
  readonly polytope: Polytope;
  /** Rows g_k(x) ≤ 0 with integer coefficients (the domain's H-representation). */
  readonly rows: readonly IntAffine[];
  /** Bounds when the domain is a box. */
  readonly box: { lo: Rational[]; hi: Rational[] } | undefined;
  /** The domain as the starting cell of full enumeration (computes its vertices). */
  initialCell(): VCell;
  /** True when x ∈ X (closed), decided exactly (float filter first). */
  contains(x: HVertex): boolean;
}

const isDomain = (x: unknown): x is Domain =>
  typeof x === 'object' && x !== null && 'initialCell' in x && 'rows' in x && 'polytope' in x;

function toRational(x: RationalLike, field: string): Rational {
  return Rational.from(x, field);
}

function boxDomain(loIn: RationalLike[], hiIn: RationalLike[], dimension: number): Domain {
  if (!Array.isArray(loIn) || loIn.length !== dimension)
    throw new DomainError(
      'DOMAIN_SHAPE',
      `box lower corner needs ${dimension} entries, got ${Array.isArray(loIn) ? loIn.length : typeof loIn}`,
      'domain.lo',
      `give one lower bound per input coordinate (${dimension})`,
    );
  if (!Array.isArray(hiIn) || hiIn.length !== dimension)
    throw new DomainError(
      'DOMAIN_SHAPE',
      `box upper corner needs ${dimension} entries, got ${Array.isArray(hiIn) ? hiIn.length : typeof hiIn}`,
      'domain.hi',
      `give one upper bound per input coordinate (${dimension})`,
    );
  const lo = loIn.map((v, i) => toRational(v, `domain.lo[${i}]`));
  const hi = hiIn.map((v, i) => toRational(v, `domain.hi[${i}]`));
  for (let i = 0; i < dimension; i++) {
    const c = lo[i]!.cmp(hi[i]!);
    if (c > 0)
      throw new DomainError(
        'DOMAIN_EMPTY',
        `the box is empty: lo[${i}] = ${lo[i]} > hi[${i}] = ${hi[i]}`,
        `domain.hi[${i}]`,
        'make every upper bound larger than its lower bound',
      );
    if (c === 0)
      throw new DomainError(
        'DOMAIN_NOT_FULL_DIMENSIONAL',
        `the box is flat: lo[${i}] = hi[${i}] = ${lo[i]}`,
        `domain.hi[${i}]`,
        'give the box a positive width in every coordinate',
      );
  }
  // rows 0..d−1: lo_i − x_i ≤ 0; rows d..2d−1: x_i − hi_i ≤ 0 (boxHRep's order)
  const { A, b } = boxHRep(lo, hi);
  const rows: IntAffine[] = A.map((a, i) => affineFromRationals(a, b[i]!.neg()));
  // the polytope on first read (exact-arith lazyProperty: a shared getter, issue 11)
  const fields: Omit<Domain, 'polytope'> = {
    dimension,
    rows,
    box: { lo, hi },
    initialCell: () => boxCell(lo, hi, rows),
    contains: (x) => rows.every((r) => filteredSign(r, x) <= 0),
  };
  return lazyProperty(fields, 'polytope', () => Polytope.fromHRep(A, b));
}

/**
 * The largest input dimension whose box the full enumeration starts from (its 2^d corners); above
 * it only data-holding partitions are built.
 */
export const FULL_ENUMERATION_MAX_DIMENSION = 20;

/** The 2^d corners of a box with their incidence (full enumeration is for small d only). */
function boxCell(lo: Rational[], hi: Rational[], rows: IntAffine[]): VCell {
  const d = lo.length;
  if (d > FULL_ENUMERATION_MAX_DIMENSION)
    throw new DomainError(
      'DOMAIN_TOO_LARGE',
      `full enumeration of a ${d}-dimensional box needs its 2^${d} corners`,
      'domain',
      'use dataHoldingPartition for high-dimensional inputs',
    );
  const verts: HVertex[] = [];
  const inc: number[][] = [];
  for (let mask = 0; mask < 2 ** d; mask++) {
    const x: Rational[] = [];
    const list: number[] = [];
    for (let i = 0; i < d; i++) {
      const up = (mask >> i) & 1;
      x.push(up ? hi[i]! : lo[i]!);
      list.push(up ? d + i : i);
    }
    verts.push(vertexFromRationals(x));
    inc.push(list.sort((p, q) => p - q));
  }
  return new VCell(d, rows, verts, inc);
}

function hrepDomain(polytope: Polytope, dimension: number, field: string): Domain {
  if (polytope.ambientDimension !== dimension)
    throw new DomainError(
      'DOMAIN_SHAPE',
      `the domain lives in dimension ${polytope.ambientDimension}, the model in ${dimension}`,
      field,
      `give a domain in R^${dimension}`,
    );
  if (polytope.isEmpty())
    throw new DomainError(
      'DOMAIN_EMPTY',
      'the domain {x : A x ≤ b} is empty',
      field,
      'check the signs of the inequalities',
    );
  if (polytope.dimension() < dimension)
    throw new DomainError(
      'DOMAIN_NOT_FULL_DIMENSIONAL',
      `the domain has dimension ${polytope.dimension()} < ${dimension}`,
      field,
      'remove inequalities that force an equality (a ≤ b together with a ≥ b)',
    );
  if (!polytope.isBounded())
    throw new DomainError(
      'DOMAIN_UNBOUNDED',
      'the domain is unbounded',
      field,
      'add inequalities that bound every direction, e.g. a box',
    );
  const facets = polytope.facets();
  const rows = facets.map((f) => affineFromRationals(f.a, f.b.neg()));
  return {
    dimension,
    polytope,
    rows,
    box: undefined,
    initialCell: () => {
      const vertices = polytope.vertices().map((v) => vertexFromRationals(v));
      const inc: number[][] = vertices.map(() => []);
      polytope.incidence().forEach((list, f) => {
        for (const v of list) inc[v]!.push(f);
      });
      return new VCell(dimension, rows, vertices, inc);
    },
    contains: (x) => rows.every((r) => filteredSign(r, x) <= 0),
  };
}

/** Above this dimension general H-rep domains are validated by LPs, not by vertex enumeration. */
const LP_VALIDATION_DIMENSION = 8;

/**
 * The box an H-representation describes when every row bounds a single coordinate (the tightest
 * bounds win); undefined when some row involves two coordinates. A coordinate without a lower or an
 * upper bound makes the domain unbounded; a row 0 ≤ b with b < 0 makes it empty.
 */
function boxOfRows(
  A: Rational[][],
  b: Rational[],
  dimension: number,
): { lo: Rational[]; hi: Rational[] } | undefined {
  const lo: (Rational | undefined)[] = new Array(dimension).fill(undefined);
  const hi: (Rational | undefined)[] = new Array(dimension).fill(undefined);
  // the row giving each tightest bound, for errors in the user's terms (rows of A, b)
  const loRow: number[] = new Array(dimension).fill(-1);
  const hiRow: number[] = new Array(dimension).fill(-1);
  for (let i = 0; i < A.length; i++) {
    const nz = A[i]!.flatMap((a, k) => (a.isZero() ? [] : [k]));
    if (nz.length === 0) {
      if (b[i]!.sign() < 0)
        throw new DomainError(
          'DOMAIN_EMPTY',
          `row ${i} reads 0 ≤ ${b[i]}`,
          `domain.b[${i}]`,
          'remove or fix the row',
        );
      continue;
    }
    if (nz.length > 1) return undefined;
    const k = nz[0]!;
    const bound = b[i]!.div(A[i]![k]!);
    if (A[i]![k]!.sign() > 0) {
      if (hi[k] === undefined || bound.cmp(hi[k]!) < 0) [hi[k], hiRow[k]] = [bound, i];
    } else if (lo[k] === undefined || bound.cmp(lo[k]!) > 0) [lo[k], loRow[k]] = [bound, i];
  }
  for (let k = 0; k < dimension; k++)
    if (lo[k] === undefined || hi[k] === undefined)
      throw new DomainError(
        'DOMAIN_UNBOUNDED',
        `coordinate ${k} has no ${lo[k] === undefined ? 'lower' : 'upper'} bound`,
        'domain.A',
        `add a row bounding x_${k} from ${lo[k] === undefined ? 'below' : 'above'}`,
      );
  for (let k = 0; k < dimension; k++) {
    const c = lo[k]!.cmp(hi[k]!);
    if (c >= 0)
      throw new DomainError(
        c > 0 ? 'DOMAIN_EMPTY' : 'DOMAIN_NOT_FULL_DIMENSIONAL',
        `rows ${loRow[k]} and ${hiRow[k]} of A x ≤ b give ${lo[k]} ≤ x_${k} ≤ ${hi[k]}, ${c > 0 ? 'which no point satisfies (the domain is empty)' : 'a flat domain'}`,
        `domain.b[${hiRow[k]}]`,
        c > 0
          ? 'check the signs of the inequalities (a row a·x ≤ b bounds x from above when a > 0)'
          : `give x_${k} an interval of positive width`,
      );
  }
  return { lo: lo as Rational[], hi: hi as Rational[] };
}

/** A general H-rep domain in high dimension, validated by exact LPs (no vertex enumeration). */
function lpHrepDomain(A: Rational[][], b: Rational[], dimension: number): Domain {
  const rows = A.map((a, i) => affineFromRationals(a, b[i]!.neg())).filter(
    (g) => !isConstantAffine(g),
  );
  const t = maxMarginExact(rows);
  if (t.sign() < 0)
    throw new DomainError(
      'DOMAIN_EMPTY',
      'the domain {x : A x ≤ b} is empty',
      'domain',
      'check the signs of the inequalities',
    );
  if (t.sign() === 0)
    throw new DomainError(
      'DOMAIN_NOT_FULL_DIMENSIONAL',
      `the domain has dimension < ${dimension}`,
      'domain',
      'remove inequalities that force an equality (a ≤ b together with a ≥ b)',
    );
  if (bareissRank(rows.map((g) => g.w)) < dimension || !positiveDependence(rows))
    throw new DomainError(
      'DOMAIN_UNBOUNDED',
      'the domain is unbounded',
      'domain',
      'add inequalities that bound every direction, e.g. a box',
    );
  // the polytope on first read (exact-arith lazyProperty: a shared getter, issue 11)
  const fields: Omit<Domain, 'polytope'> = {
    dimension,
    rows,
    box: undefined,
    initialCell: () => hrepDomain(Polytope.fromHRep(A, b), dimension, 'domain').initialCell(),
    contains: (x) => rows.every((r) => filteredSign(r, x) <= 0),
  };
  return lazyProperty(fields, 'polytope', () => Polytope.fromHRep(A, b));
}

/**
 * Validates a domain: undefined → the unit box [0,1]^d; `box(lo, hi)`; `{ kind: 'hrep', A, b }`;
 * or a Polytope. Throws DomainError (codes DOMAIN_SHAPE, DOMAIN_EMPTY, DOMAIN_NOT_FULL_DIMENSIONAL,
 * DOMAIN_UNBOUNDED) naming the field.
 */
export function domainFrom(spec: DomainSpec | Domain | undefined, dimension: number): Domain {
  if (spec === undefined)
    return boxDomain(new Array(dimension).fill(0), new Array(dimension).fill(1), dimension);
  if (isDomain(spec)) {
    if (spec.dimension !== dimension)
      throw new DomainError(
        'DOMAIN_SHAPE',
        `the domain lives in dimension ${spec.dimension}, the model in ${dimension}`,
        'domain',
        `give a domain in R^${dimension}`,
      );
    return spec;
  }
  if (isPolytope(spec)) return hrepDomain(spec, dimension, 'domain');
  if (spec.kind === 'box') return boxDomain(spec.lo, spec.hi, dimension);
  if (spec.kind === 'hrep') {
    const { A, b } = spec;
    if (spec.box) return boxDomain(spec.box.lo, spec.box.hi, dimension);
    if (!Array.isArray(A) || !Array.isArray(b) || A.length !== b.length)
      throw new DomainError(
        'DOMAIN_SHAPE',
        'domain.A and domain.b must be arrays of the same length',
        'domain.b',
        'give one right-hand side per row of A',
      );
    A.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== dimension)
        throw new DomainError(
          'DOMAIN_SHAPE',
          `row ${i} of A has ${Array.isArray(row) ? row.length : 0} entries, expected ${dimension}`,
          `domain.A[${i}]`,
          `give ${dimension} coefficients per row`,
        );
    });
    const Ar = A.map((row, i) => row.map((v, j) => toRational(v, `domain.A[${i}][${j}]`)));
    const br = b.map((v, i) => toRational(v, `domain.b[${i}]`));
    if (Ar.length === 0)
      throw new DomainError(
        'DOMAIN_UNBOUNDED',
        'the domain has no inequalities',
        'domain.A',
        'add inequalities that bound every direction',
      );
    const asBox = boxOfRows(Ar, br, dimension);
    if (asBox) return boxDomain(asBox.lo, asBox.hi, dimension);
    if (dimension > LP_VALIDATION_DIMENSION) return lpHrepDomain(Ar, br, dimension);
    return hrepDomain(Polytope.fromHRep(Ar, br), dimension, 'domain');
  }
  throw new DomainError(
    'DOMAIN_SHAPE',
    `unknown domain kind ${JSON.stringify((spec as { kind?: unknown }).kind)}`,
    'domain.kind',
    "use box(lo, hi), { kind: 'hrep', A, b } or a Polytope",
  );
}
