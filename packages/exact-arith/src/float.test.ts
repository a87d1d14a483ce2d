/**
 * Exact float ↔ rational conversions (SPEC §1). Oracles: the JS number parser and IEEE division
 * (both correctly rounded), exact power-of-two scaling of doubles, and hand-built ties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NonFiniteNumberError } from './errors.js';
import { doubleToFraction, fractionToDouble } from './float.js';
import { Rational } from './rational.js';

const isPowerOfTwo = (d: bigint) => d > 0n && (d & (d - 1n)) === 0n;

/** Independent oracle: x = y / 2^k with y an integer-valued double (doubling is exact here). */
function exactByDoubling(x: number): { num: bigint; den: bigint } {
  let y = x;
  let k = 0n;
  while (!Number.isInteger(y)) {
    y *= 2;
    k += 1n;
  }
  return { num: BigInt(y), den: 1n << k };
}

const specialDoubles = [
  0,
  -0,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2 ** -1022, // smallest normal
  2 ** -1022 - Number.MIN_VALUE, // largest subnormal
  Number.EPSILON,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  2 ** 53 + 2,
  0.1,
  -0.3,
  1 / 3,
];

describe('fromDouble / toNumber round trip', () => {
  it('is the identity on special values', () => {
    for (const x of specialDoubles) {
      const r = Rational.fromDouble(x);
      expect(r.toNumber()).toBe(x === 0 ? 0 : x);
      expect(isPowerOfTwo(r.den)).toBe(true);
    }
  });

  it('is the identity for every finite double (fast-check, incl. subnormals)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = Rational.fromDouble(x);
        return r.toNumber() === x && isPowerOfTwo(r.den);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the doubling oracle (value is exactly the double)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = Rational.fromDouble(x);
        const { num, den } = exactByDoubling(x);
        // cross-multiplied equality: no reduction assumed on the oracle side
        return r.num * den === num * r.den;
      }),
      { numRuns: 5_000 },
    );
  });

  it('hits subnormals explicitly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 52 - 1 }), (m) => {
        const x = m * Number.MIN_VALUE; // exact: every subnormal is m·2^-1074
        const r = Rational.fromDouble(x);
        return r.toNumber() === x && r.num * (1n << 1074n) === BigInt(m) * r.den;
      }),
    );
  });

  it('0.1 is 3602879701896397/2^55 (SPEC §1)', () => {
    const r = Rational.fromDouble(0.1);
    expect(r.num).toBe(3602879701896397n);
    expect(r.den).toBe(2n ** 55n);
    expect(r.toString()).toBe('3602879701896397/36028797018963968');
  });

  it('MIN_VALUE is 2^-1074 and MAX_VALUE is (2^53-1)·2^971', () => {
    expect(Rational.fromDouble(Number.MIN_VALUE).equals(Rational.of(1n, 2n ** 1074n))).toBe(true);
    expect(Rational.fromDouble(-Number.MAX_VALUE).num).toBe(-(2n ** 53n - 1n) * 2n ** 971n);
  });

  it.each([NaN, Infinity, -Infinity])(
    'rejects %s with NonFiniteNumberError naming the field',
    (x) => {
      let err: unknown;
      try {
        Rational.fromDouble(x, 'layers[0].bias[2]');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(NonFiniteNumberError);
      const e = err as NonFiniteNumberError;
      expect(e.code).toBe('NON_FINITE');
      expect(e.field).toBe('layers[0].bias[2]');
      expect(e.message).toContain('layers[0].bias[2]');
      expect(e.fix).toBeTruthy();
      expect(() => doubleToFraction(x)).toThrow(NonFiniteNumberError);
      expect(() => Rational.from(x)).toThrow(NonFiniteNumberError);
    },
  );
});

describe('fromFloat32', () => {
  it('0.1f is 13421773/2^27', () => {
    const r = Rational.fromFloat32(0.1);
    expect(r.num).toBe(13421773n);
    expect(r.den).toBe(2n ** 27n);
  });

  it('smallest subnormal float32 2^-149 and largest float32', () => {
    expect(Rational.fromFloat32(2 ** -149).equals(Rational.of(1n, 2n ** 149n))).toBe(true);
    const max32 = (2 - 2 ** -23) * 2 ** 127;
    expect(Rational.fromFloat32(max32).num).toBe((2n ** 24n - 1n) * 2n ** 104n);
    // half of the smallest subnormal rounds (ties to even) to 0 in float32
    expect(Rational.fromFloat32(2 ** -150).isZero()).toBe(true);
  });

  it('equals fromDouble of the rounded value, for every float32 (Float32Array oracle)', () => {
    const buf = new Float32Array(1);
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.double(), (f, d) => {
        buf[0] = d; // Float32Array store is an independent float32 rounding
        const viaArray = Number.isFinite(buf[0]!) ? Rational.fromDouble(buf[0]!) : undefined;
        const okD = viaArray === undefined || Rational.fromFloat32(d).equals(viaArray);
        const r = Rational.fromFloat32(f);
        return okD && r.toNumber() === f && isPowerOfTwo(r.den) && r.den <= 2n ** 149n;
      }),
      { numRuns: 5_000 },
    );
  });

  it('rejects NaN', () => {
    expect(() => Rational.fromFloat32(NaN, 'w')).toThrow(NonFiniteNumberError);
  });
});

describe('correctly rounded toNumber', () => {
  const safeInt = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  const safeNonZero = safeInt.filter((q) => q !== 0);

  it('Rational.of(p, q).toNumber() === p / q (IEEE division is correctly rounded)', () => {
    fc.assert(
      fc.property(safeInt, safeNonZero, (p, q) => Rational.of(p, q).toNumber() === p / q),
      { numRuns: 10_000 },
    );
  });

  it('fractionToDouble on unreduced big fractions equals p / q', () => {
    fc.assert(
      fc.property(safeInt, safeNonZero, fc.bigInt({ min: 1n, max: 2n ** 300n }), (p, q, m) => {
        const sign = q < 0 ? -1n : 1n; // fractionToDouble wants a positive denominator
        return fractionToDouble(sign * BigInt(p) * m, sign * BigInt(q) * m) === p / q;
      }),
      { numRuns: 5_000 },
    );
  });

  it('matches the JS decimal parser on random decimal strings (overflow, subnormals, underflow)', () => {
    const decimal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^[0-9]{1,30}$/),
        fc.stringMatching(/^[0-9]{0,30}$/),
        fc.integer({ min: -360, max: 330 }),
      )
      .map(([s, i, f, e]) => `${s}${i}${f ? '.' + f : ''}e${e}`);
    fc.assert(
      fc.property(decimal, (s) => Rational.parse(s).toNumber() === Number(s)),
      { numRuns: 10_000 },
    );
  });

  it('ties to even, built by hand', () => {
    const two53 = 2n ** 53n;
    expect(Rational.of(two53 + 1n).toNumber()).toBe(2 ** 53); // tie → even mantissa
    expect(Rational.of(two53 + 3n).toNumber()).toBe(2 ** 53 + 4);
    expect(Rational.of(two53 + 5n).toNumber()).toBe(2 ** 53 + 4);
    expect(Rational.of(-(two53 + 1n)).toNumber()).toBe(-(2 ** 53));
    expect(fractionToDouble(2n ** 54n + 2n, 2n)).toBe(2 ** 53); // unreduced (2^53+1)/1
    expect(fractionToDouble(2n ** 54n + 6n, 2n)).toBe(2 ** 53 + 4);
    // 1 + 2^-53 is halfway between 1 and 1 + 2^-52 → 1; 1 + 3·2^-53 → 1 + 2^-51
    expect(Rational.of(two53 + 1n, two53).toNumber()).toBe(1);
    expect(Rational.of(two53 + 3n, two53).toNumber()).toBe(1 + 2 ** -51);
    // a quarter ulp stays, just above the tie (1 + 2^-53 + 2^-60) rounds up
    expect(Rational.of(2n * two53 + 1n, 2n * two53).toNumber()).toBe(1);
    expect(Rational.of(2n ** 60n + 2n ** 7n + 1n, 2n ** 60n).toNumber()).toBe(1 + 2 ** -52);
    expect(Rational.of(2n ** 60n + 2n ** 7n - 1n, 2n ** 60n).toNumber()).toBe(1);
  });

  it('ties and near ties of big unreduced fractions (operands past 2^53), both signs', () => {
    // (2m + 1)·2^k / 2^(j+1) is halfway between two doubles; times t / t it stays so
    const odd = fc.bigInt({ min: 2n ** 52n, max: 2n ** 53n - 1n }).map((m) => 2n * m + 1n);
    const scale = fc.bigInt({ min: 1n, max: 2n ** 200n });
    fc.assert(
      fc.property(odd, fc.integer({ min: -900, max: 900 }), scale, (h, e, t) => {
        const num = e >= 0 ? h << BigInt(e) : h;
        const den = e >= 0 ? 2n : 2n << BigInt(-e);
        // the tie goes to the even neighbour of h / 2: (h ± 1) / 2 whichever is even
        const lo = Number((h - 1n) / 2n);
        const even = ((h - 1n) / 2n) % 2n === 0n ? lo : Number((h + 1n) / 2n);
        const x = even * 2 ** e; // exact scaling of a normal double
        const above = Number((h + 1n) / 2n) * 2 ** e;
        const below = lo * 2 ** e;
        return (
          fractionToDouble(num * t, den * t) === x &&
          fractionToDouble(-num * t, den * t) === -x &&
          fractionToDouble(num * t + 1n, den * t) === above &&
          fractionToDouble(num * t - 1n, den * t) === below
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it('subnormal ties and underflow', () => {
    const t1075 = 2n ** 1075n;
    expect(Rational.of(1n, t1075).toNumber()).toBe(0); // half of MIN_VALUE → even (0)
    expect(Rational.of(-1n, t1075).toNumber()).toBe(-0);
    expect(Rational.of(3n, t1075).toNumber()).toBe(2 * Number.MIN_VALUE); // 1.5 → 2
    expect(Rational.of(5n, t1075).toNumber()).toBe(2 * Number.MIN_VALUE); // 2.5 → 2
    expect(Rational.of(2n * 1n + 1n, 2n * t1075).toNumber()).toBe(Number.MIN_VALUE); // 0.75 → 1
    expect(Rational.of(1n, 2n ** 1076n).toNumber()).toBe(0);
    expect(Rational.of(1n, 10n ** 400n).toNumber()).toBe(0);
    // the boundary between subnormal and normal
    expect(Rational.of(1n, 2n ** 1022n).toNumber()).toBe(2 ** -1022);
    expect(Rational.of(2n ** 52n - 1n, 2n ** 1074n).toNumber()).toBe(2 ** -1022 - 2 ** -1074);
  });

  it('overflow to ±Infinity, with the tie at MAX_VALUE + ulp/2', () => {
    const max = (2n ** 53n - 1n) * 2n ** 971n;
    expect(Rational.of(max).toNumber()).toBe(Number.MAX_VALUE);
    expect(Rational.of(max + 2n ** 970n - 1n).toNumber()).toBe(Number.MAX_VALUE);
    expect(Rational.of(max + 2n ** 970n).toNumber()).toBe(Infinity); // tie → even = 2^1024
    expect(Rational.of(-(2n ** 1024n)).toNumber()).toBe(-Infinity);
    expect(Rational.of(10n ** 400n, 3n).toNumber()).toBe(Infinity);
  });
});
