/**
 * SPEC §1 JSON forms for reports, fixtures and CLI output, and their exact reading back:
 * rational `{"exact": "3/8", "float": 0.375}`, r·√q `{"exact", "r", "q", "float", "sign",
 * "squared"}`, float-only a plain JSON number.
 */
import {
  type ExactArithErrorCode,
  MlgeoError,
  NonFiniteNumberError,
  NumberParseError,
} from './errors.js';
import { Rational } from './rational.js';
import { SqrtRational } from './sqrt-rational.js';

/** SPEC §1 JSON form of a rational. */
export interface RationalJson {
  exact: string;
  float: number;
}

/** SPEC §1 JSON form of an r·√q value. */
export interface SqrtRationalJson {
  exact: string;
  r: string;
  q: string;
  float: number;
  sign: number;
  squared: string;
}

/** Any SPEC §1 JSON number form handled here. */
export type SpecJson = RationalJson | SqrtRationalJson | number;

/**
 * The SPEC §1 JSON form of a value: Rational → `{exact, float}`, SqrtRational → `{exact, r, q,
 * float, sign, squared}`, a float-only number → the number itself (NaN/Infinity are rejected,
 * JSON cannot hold them).
 */
export function toSpecJson(value: Rational): RationalJson;
export function toSpecJson(value: SqrtRational): SqrtRationalJson;
export function toSpecJson(value: number, field?: string): number;
export function toSpecJson(value: Rational | SqrtRational | number, field?: string): SpecJson;
export function toSpecJson(value: Rational | SqrtRational | number, field?: string): SpecJson {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonFiniteNumberError(value, field);
    return value;
  }
  return value.toJSON();
}

/** Thrown when a JSON value is not one of the SPEC §1 number forms, or is inconsistent. */
export class SpecJsonError extends MlgeoError<ExactArithErrorCode> {
  constructor(message: string, field?: string) {
    super('SPEC_JSON', message, {
      ...(field !== undefined ? { field } : {}),
      fix: 'write {"exact": "p/q", "float": x}, the r·√q form {"exact", "r", "q", ...} or a plain number',
    });
  }
}

function stringField(o: Record<string, unknown>, key: string, field: string | undefined): string {
  const v = o[key];
  if (typeof v !== 'string') {
    throw new SpecJsonError(
      `"${key}" must be a string`,
      field === undefined ? key : `${field}.${key}`,
    );
  }
  return v;
}

/**
 * Reads a SPEC §1 JSON form back. The exact strings are authoritative; redundant members
 * (`exact` next to `r`/`q`, `sign`, `squared`) must agree with them, and `float` must be the
 * correctly rounded value (within 4 ulps for r·√q) — a mismatch means a corrupted file.
 * A plain number is returned as a (float-only) number.
 */
export function parseSpecJson(json: unknown, field?: string): Rational | SqrtRational | number {
  if (typeof json === 'number') {
    if (!Number.isFinite(json)) throw new NonFiniteNumberError(json, field);
    return json;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SpecJsonError(`expected an object or a number, got ${JSON.stringify(json)}`, field);
  }
  const o = json as Record<string, unknown>;
  const sub = (key: string) => (field === undefined ? key : `${field}.${key}`);
  if ('terms' in o) {
    throw new SpecJsonError('sums of radicals ("terms") are not read by parseSpecJson', field);
  }
  const exact = stringField(o, 'exact', field);
  let value: Rational | SqrtRational;
  if ('r' in o || 'q' in o) {
    const r = Rational.parse(stringField(o, 'r', field), sub('r'));
    const qText = stringField(o, 'q', field);
    if (!/^\d+$/.test(qText.trim()) || BigInt(qText) === 0n) {
      throw new NumberParseError(qText, sub('q'));
    }
    const sr = SqrtRational.of(r, BigInt(qText));
    if (!SqrtRational.parse(exact, sub('exact')).equals(sr)) {
      throw new SpecJsonError(`"exact" ${exact} disagrees with r = ${r}, q = ${qText}`, field);
    }
    if ('sign' in o && o['sign'] !== sr.sign()) {
      throw new SpecJsonError(`"sign" ${String(o['sign'])} disagrees with ${sr}`, sub('sign'));
    }
    if ('squared' in o) {
      const sq = Rational.parse(stringField(o, 'squared', field), sub('squared'));
      if (!sq.equals(sr.squared())) {
        throw new SpecJsonError(`"squared" ${sq} disagrees with ${sr}`, sub('squared'));
      }
    }
    value = sr;
  } else {
    value = Rational.parse(exact, sub('exact'));
  }
  if ('float' in o) {
    const f = o['float'];
    const expected = value.toNumber();
    const tolerance = value instanceof Rational ? 0 : 4 * ulp(expected);
    if (typeof f !== 'number' || !(Math.abs(f - expected) <= tolerance)) {
      throw new SpecJsonError(
        `"float" ${JSON.stringify(f)} is not the value of ${value} (${expected})`,
        sub('float'),
      );
    }
  }
  return value;
}

/** Unit in the last place of x (spacing of doubles at |x|). */
function ulp(x: number): number {
  const a = Math.abs(x);
  if (a < Number.MIN_VALUE * 2 ** 52) return Number.MIN_VALUE;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}
