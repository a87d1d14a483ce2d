import { describe, expect, it } from 'vitest';
import { Rational } from '../rational.js';
import {
  commonDenominator,
  floatCoordinates,
  integerPointToRationals,
  isFilterOperand,
  reducedIntegerPoint,
  toIntegerPoint,
} from './integer-point.js';

describe('integer points', () => {
  it('puts rationals over the lcm of their denominators, already reduced', () => {
    const x = [Rational.of(1n, 4n), Rational.of(-5n, 6n), Rational.of(3n)];
    const p = toIntegerPoint(x);
    expect(p).toEqual({ num: [3n, -10n, 36n], den: 12n });
    expect(integerPointToRationals(p).map(String)).toEqual(x.map(String));
    expect(commonDenominator([])).toBe(1n);
    expect(toIntegerPoint([Rational.of(1n, 2n), Rational.of(1n, 2n)])).toEqual({
      num: [1n, 1n],
      den: 2n,
    });
  });
  it('normalises sign and gcd', () => {
    expect(reducedIntegerPoint([4n, -6n], -8n)).toEqual({ num: [-2n, 3n], den: 4n });
    expect(() => reducedIntegerPoint([1n], 0n)).toThrow(RangeError);
  });
  it('rounds coordinates correctly and refuses values below the normal range', () => {
    const f = floatCoordinates({ num: [1n, 0n, 1n], den: 3n });
    expect(Array.from(f)).toEqual([1 / 3, 0, 1 / 3]);
    expect(Number.isNaN(floatCoordinates({ num: [1n], den: 2n ** 1030n })[0])).toBe(true);
    expect([
      isFilterOperand(0, true),
      isFilterOperand(0, false),
      isFilterOperand(2 ** -1030, false),
    ]).toEqual([true, false, false]);
    expect(isFilterOperand(-1e-300, false)).toBe(true);
  });
});
