/**
 * Exact number conversion for model files (SPEC §1): a JSON number is the rational the double
 * exactly is; a string is `"p/q"`, an integer or a decimal, parsed exactly (`"0.1"` is 1/10);
 * NaN and ±Infinity, as numbers or as strings, are rejected.
 */
import { Rational, isRational } from '@mlgeo/exact-arith';
import { ModelFormatError } from './errors.js';

const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;

/** Thrown-free core: the Rational for `value`, or a ModelFormatError naming `field`. */
export function toExactRational(value: unknown, field: string): Rational {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw nonFinite(String(value), field);
    return Rational.fromDouble(value);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (NON_FINITE_TEXT.test(text)) throw nonFinite(JSON.stringify(value), field);
    try {
      return Rational.parse(text);
    } catch {
      throw new ModelFormatError(
        'PARSE',
        `cannot read ${JSON.stringify(value)} as an exact number`,
        {
          field,
          fix: 'write a JSON number, an integer, a fraction "p/q" or a decimal string such as "0.1"',
        },
      );
    }
  }
  if (typeof value === 'bigint') return Rational.fromBigInt(value);
  if (isRational(value)) return Rational.from(value); // of any copy of exact-arith
  throw new ModelFormatError('INVALID', `expected a number, got ${describe(value)}`, {
    field,
    fix: 'write a JSON number or an exact string such as "1/3" or "0.1"',
  });
}

/** The rational a float32 (already widened to a double, e.g. read with getFloat32) exactly is. */
export function float32ToRational(value: number, field: string): Rational {
  if (!Number.isFinite(value)) throw nonFinite(String(value), field);
  return Rational.fromDouble(Math.fround(value));
}

function nonFinite(text: string, field: string): ModelFormatError {
  return new ModelFormatError('NON_FINITE', `expected a finite number, got ${text}`, {
    field,
    fix: 'replace NaN/Infinity by a finite value (retrain or clip the model)',
  });
}

/** A short description of a JSON value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
