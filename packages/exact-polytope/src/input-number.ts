/**
 * One conversion of a user-supplied entry (number, bigint, Rational of any copy of exact-arith,
 * "p/q"/decimal string, fraction.js value) to an exact Rational, with the one error for anything
 * else. Used by the H- and V-representation readers.
 */
import { MlgeoError, Rational, isRational, type RationalLike } from '@mlgeo/exact-arith';
import type { ExactPolytopeErrorCode } from './errors.js';

/** The exact value of `x`; `field` names the entry in the error. */
export function inputNumber(x: unknown, field: string): Rational {
  if (
    isRational(x) ||
    typeof x === 'number' ||
    typeof x === 'bigint' ||
    typeof x === 'string' ||
    (typeof x === 'object' && x !== null && 's' in x && 'n' in x && 'd' in x)
  )
    return Rational.from(x as RationalLike, field);
  throw new MlgeoError<ExactPolytopeErrorCode>(
    'NOT_A_NUMBER',
    `expected a number, got ${String(x)}`,
    {
      field,
      fix: 'give a number, bigint, Rational or a "p/q"/decimal string',
    },
  );
}
