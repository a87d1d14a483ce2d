/**
 * Helpers for `mlgeo verify`: reading exact claims out of a report and comparing them with
 * recomputed values. A mismatch throws a VerificationError naming the claim's JSON path, e.g.
 * `partition.cells[3].volume: report says 1/8, recomputed 1/4`.
 */
import {
  Rational,
  SqrtRational,
  isMlgeoError,
  isRational,
  parseSpecJson,
} from '@mlgeo/exact-arith';
import { VerificationError, detailOf } from '../errors.js';

/** Counts the claims confirmed so far (reported at the end). */
export class ClaimCounter {
  count = 0;
  ok(): void {
    this.count++;
  }
}

/** Reads an exact rational string `"p/q"` at `claim`. */
export function exactString(value: unknown, claim: string): Rational {
  if (typeof value !== 'string') {
    throw new VerificationError(
      claim,
      `expected an exact number string, got ${JSON.stringify(value)}`,
    );
  }
  try {
    return Rational.parse(value, claim);
  } catch {
    throw new VerificationError(claim, `cannot read ${JSON.stringify(value)} as an exact number`);
  }
}

/** Successfully parsed SPEC §1 JSON values by their JSON text (parsing r·√q factors q). */
const parsedValues = new Map<string, Rational | SqrtRational | number>();

/**
 * Reads a SPEC §1 JSON value (rational or r·√q; its redundant members and float must agree with
 * the exact string). A float-only number is returned as a number.
 */
export function specValue(value: unknown, claim: string): Rational | SqrtRational | number {
  // values repeat (many r·√q weights, every re-verification of an edited report): parsed once
  const key = typeof value === 'object' && value !== null ? JSON.stringify(value) : undefined;
  const known = key !== undefined ? parsedValues.get(key) : undefined;
  if (known !== undefined) return known;
  try {
    const parsed = parseSpecJson(value, claim);
    if (typeof parsed !== 'number') expectCanonical(value, parsed, claim);
    if (key !== undefined) {
      if (parsedValues.size >= 100_000) parsedValues.clear();
      parsedValues.set(key, parsed);
    }
    return parsed;
  } catch (error) {
    if (isMlgeoError(error)) {
      const where = error.field !== undefined && error.field !== claim ? error.field : claim;
      throw new VerificationError(where, detailOf(error));
    }
    throw error;
  }
}

/**
 * A SPEC §1 object in the form mlgeo writes it (`toJSON`): the same value with another radicand
 * (r = 0 with q = 11), an unreduced fraction or a member missing is refuted.
 */
function expectCanonical(value: unknown, parsed: Rational | SqrtRational, claim: string): void {
  const want = parsed.toJSON() as Record<string, unknown>;
  const have = value as Record<string, unknown>;
  const keys = new Set([...Object.keys(want), ...Object.keys(have)]);
  for (const k of keys) {
    if (have[k] !== want[k]) {
      throw new VerificationError(
        `${claim}.${k}`,
        `not the SPEC §1 form of ${parsed.toString()}: expected ${JSON.stringify(want[k]) ?? 'no such member'}, got ${JSON.stringify(have[k]) ?? 'nothing'}`,
      );
    }
  }
}

function show(x: Rational | SqrtRational | number): string {
  return typeof x === 'number' ? String(x) : x.toString();
}

/** True when a and b are within SPEC §1 float tolerance (1e-10 relative / 1e-12 absolute). */
export function floatClose(a: number, b: number, relative = 1e-10, absolute = 1e-12): boolean {
  return Math.abs(a - b) <= Math.max(absolute, relative * Math.max(Math.abs(a), Math.abs(b)));
}

/**
 * Compares a claimed SPEC §1 value with the recomputed exact value: exact claims must be equal,
 * float-only claims must be within the float path's 1e-9 relative error (SPEC §1).
 */
export function expectValue(
  claimed: unknown,
  recomputed: Rational | SqrtRational,
  claim: string,
  counter: ClaimCounter,
): void {
  const value = specValue(claimed, claim);
  let same: boolean;
  if (typeof value === 'number') same = floatClose(value, recomputed.toNumber(), 1e-9, 1e-12);
  else if (isRational(value) && isRational(recomputed)) same = value.equals(recomputed);
  else {
    const a = isRational(value) ? SqrtRational.fromRational(value) : value;
    const b = isRational(recomputed) ? SqrtRational.fromRational(recomputed) : recomputed;
    same = a.equals(b);
  }
  if (!same) {
    throw new VerificationError(
      claim,
      `report says ${show(value)}, recomputed ${recomputed.toString()}`,
    );
  }
  counter.ok();
}

/** Fails at `claim` unless `condition`; `message` says what was expected. */
export function expectTrue(
  condition: boolean,
  claim: string,
  message: string,
  counter: ClaimCounter,
): void {
  if (!condition) throw new VerificationError(claim, message);
  counter.ok();
}
