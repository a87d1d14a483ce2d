/**
 * Rational: parsing, normal form, field laws, and arithmetic checked against fraction.js (an
 * independent BigInt rational implementation).
 */
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { gcdBig } from './bigint.js';
import {
  DivisionByZeroError,
  MlgeoError,
  NonFiniteNumberError,
  NumberParseError,
} from './errors.js';
import { RationalField } from './field.js';
import { Rational, rat } from './rational.js';

/** Denominators built from small primes so that gcd(d1, d2) > 1 is common (Knuth add paths). */
const smoothDen = fc
  .tuple(fc.nat(6), fc.nat(4), fc.nat(3), fc.nat(2), fc.constantFrom(1n, 1n, 11n, 10007n))
  .map(
    ([a, b, c, e, p]) => 2n ** BigInt(a) * 3n ** BigInt(b) * 5n ** BigInt(c) * 7n ** BigInt(e) * p,
  );
const anyDen = fc.oneof(smoothDen, fc.bigInt({ min: 1n, max: 10n ** 30n }));
const anyNum = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
);
export const arbRational = fc.tuple(anyNum, anyDen).map(([n, d]) => Rational.of(n, d));
const arbNonZero = arbRational.filter((r) => !r.isZero());

const frac = (r: Rational) => new Fraction(r.num, r.den);
/** Same value as a fraction.js result (fraction.js keeps s, n, d separately, n ≥ 0). */
const sameAs = (r: Rational, f: Fraction) =>
  r.num === BigInt(f.s) * BigInt(f.n) && r.den === BigInt(f.d);
const isNormal = (r: Rational) =>
  r.den > 0n && gcdBig(r.num, r.den) === 1n && (r.num !== 0n || r.den === 1n);

describe('Rational.parse', () => {
  it.each([
    ['3/8', 3n, 8n],
    ['6/16', 3n, 8n],
    ['-6/16', -3n, 8n],
    ['6/-16', -3n, 8n],
    ['-6/-16', 3n, 8n],
    [' 1 / 2 ', 1n, 2n],
    ['0.1', 1n, 10n],
    ['-0.25', -1n, 4n],
    ['1e-3', 1n, 1000n],
    ['1.5E+2', 150n, 1n],
    ['.5', 1n, 2n],
    ['5.', 5n, 1n],
    ['+2', 2n, 1n],
    ['-0', 0n, 1n],
    ['\t 42 \n', 42n, 1n],
    ['0001.2500', 5n, 4n],
    ['12345678901234567890123456789', 12345678901234567890123456789n, 1n],
  ])('%j → %s/%s', (text, num, den) => {
    const r = Rational.parse(text);
    expect(r.num).toBe(num);
    expect(r.den).toBe(den);
  });

  it.each([
    '',
    '   ',
    'abc',
    '1.2.3',
    '.',
    '1/',
    '/2',
    '1/2/3',
    '1e',
    'e5',
    '--1',
    '0x10',
    '1_000',
    'NaN',
    'Infinity',
    '1e999999999',
  ])('rejects %j with NumberParseError naming the field', (text) => {
    let err: unknown;
    try {
      Rational.parse(text, 'weights[3]');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NumberParseError);
    expect((err as MlgeoError).code).toBe('PARSE');
    expect((err as MlgeoError).field).toBe('weights[3]');
  });

  it('rejects a zero denominator with DivisionByZeroError', () => {
    expect(() => Rational.parse('1/0', 'b[0]')).toThrow(DivisionByZeroError);
    expect(() => Rational.parse('0/0')).toThrow(DivisionByZeroError);
    expect(() => Rational.of(1, 0)).toThrow(DivisionByZeroError);
  });

  it('round-trips toString and agrees with fraction.js on decimals', () => {
    fc.assert(fc.property(arbRational, (r) => Rational.parse(r.toString()).equals(r)));
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{1,12}\.[0-9]{1,12}$/), (s) =>
        sameAs(Rational.parse(s), new Fraction(s)),
      ),
    );
  });
});

describe('Rational construction', () => {
  it('is always in lowest terms with a positive denominator', () => {
    fc.assert(
      fc.property(
        anyNum,
        anyNum.filter((d) => d !== 0n),
        (n, d) => {
          const r = Rational.of(n, d);
          return isNormal(r) && r.num * d === n * r.den;
        },
      ),
    );
  });

  it('from() accepts every RationalLike exactly', () => {
    expect(Rational.from(0.5).equals(rat(1, 2))).toBe(true);
    expect(Rational.from(7n).equals(rat(7))).toBe(true);
    expect(Rational.from('2/6').equals(rat(1, 3))).toBe(true);
    expect(Rational.from(new Fraction(-3, 9)).equals(rat(-1, 3))).toBe(true);
    expect(rat(0.1).equals(Rational.fromDouble(0.1))).toBe(true);
    expect(rat('0.1').equals(rat(1, 10))).toBe(true);
    // non-integer numbers in of() are converted exactly, not truncated
    expect(Rational.of(0.5, 3).equals(rat(1, 6))).toBe(true);
    expect(Rational.of(3, 0.25).equals(rat(12))).toBe(true);
    expect(() => Rational.of(NaN, 2)).toThrow(NonFiniteNumberError);
    expect(() => Rational.of(1, 0.0)).toThrow(DivisionByZeroError);
    // rat(x, den) for every RationalLike x
    expect(rat('0.5', 2).equals(rat(1, 4))).toBe(true);
    expect(rat(rat(2, 3), 2n).equals(rat(1, 3))).toBe(true);
    expect(rat(3n, -6).equals(rat(-1, 2))).toBe(true);
    expect(() => rat('1/2', 0)).toThrow(DivisionByZeroError);
  });

  it('toFraction round-trips through fraction.js', () => {
    fc.assert(fc.property(arbRational, (r) => Rational.from(r.toFraction()).equals(r)));
  });

  it('prints integers without /1 and JSON in SPEC form', () => {
    expect(JSON.stringify(rat(3, 8))).toBe('{"exact":"3/8","float":0.375}');
    expect(JSON.stringify(rat(2))).toBe('{"exact":"2","float":2}');
    expect(JSON.stringify(rat(-1, 3))).toBe(`{"exact":"-1/3","float":${-1 / 3}}`);
  });
});

describe('Rational arithmetic vs fraction.js', () => {
  it('add, sub, mul, div', () => {
    fc.assert(
      fc.property(arbRational, arbRational, (a, b) => {
        const fa = frac(a);
        const fb = frac(b);
        const sums = [a.add(b), a.sub(b), a.mul(b)];
        const ok =
          sameAs(sums[0]!, fa.add(fb)) &&
          sameAs(sums[1]!, fa.sub(fb)) &&
          sameAs(sums[2]!, fa.mul(fb)) &&
          sums.every(isNormal);
        if (b.isZero()) return ok;
        return ok && sameAs(a.div(b), fa.div(fb)) && isNormal(a.div(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('cmp, sign, floor, ceil, abs, neg, pow', () => {
    fc.assert(
      fc.property(arbRational, arbRational, fc.integer({ min: -4, max: 4 }), (a, b, k) => {
        const fa = frac(a);
        if (a.cmp(b) !== fa.compare(frac(b))) return false;
        if (a.sign() !== Number(fa.s) * (fa.n === 0n ? 0 : 1)) return false;
        if (a.floor() !== BigInt(fa.floor().s) * BigInt(fa.floor().n)) return false;
        if (a.ceil() !== BigInt(fa.ceil().s) * BigInt(fa.ceil().n)) return false;
        if (!sameAs(a.abs(), fa.abs()) || !sameAs(a.neg(), fa.neg())) return false;
        if (a.isZero() && k < 0) return true;
        return sameAs(a.pow(k), fa.pow(k)) && isNormal(a.pow(k));
      }),
      { numRuns: 2000 },
    );
  });

  it('division and inversion by zero throw DivisionByZeroError', () => {
    expect(() => rat(1, 2).div(Rational.ZERO)).toThrow(DivisionByZeroError);
    expect(() => Rational.ZERO.inv()).toThrow(DivisionByZeroError);
    expect(() => Rational.ZERO.pow(-1)).toThrow(DivisionByZeroError);
  });

  it('sum, min, max', () => {
    const xs = [rat(1, 2), rat(1, 3), rat(1, 6)];
    expect(Rational.sum(xs).equals(Rational.ONE)).toBe(true);
    expect(Rational.min(rat(1, 3), rat(1, 2)).equals(rat(1, 3))).toBe(true);
    expect(Rational.max(rat(-1, 3), rat(-1, 2)).equals(rat(-1, 3))).toBe(true);
  });
});

describe('RationalField laws (fast-check)', () => {
  const F = RationalField;
  it('associativity and commutativity of + and ·', () => {
    fc.assert(
      fc.property(
        arbRational,
        arbRational,
        arbRational,
        (a, b, c) =>
          F.eq(F.add(F.add(a, b), c), F.add(a, F.add(b, c))) &&
          F.eq(F.mul(F.mul(a, b), c), F.mul(a, F.mul(b, c))) &&
          F.eq(F.add(a, b), F.add(b, a)) &&
          F.eq(F.mul(a, b), F.mul(b, a)),
      ),
    );
  });

  it('distributivity', () => {
    fc.assert(
      fc.property(arbRational, arbRational, arbRational, (a, b, c) =>
        F.eq(F.mul(a, F.add(b, c)), F.add(F.mul(a, b), F.mul(a, c))),
      ),
    );
  });

  it('identities and inverses', () => {
    fc.assert(
      fc.property(
        arbRational,
        arbNonZero,
        (a, b) =>
          F.eq(F.add(a, F.zero), a) &&
          F.eq(F.mul(a, F.one), a) &&
          F.isZero(F.add(a, F.neg(a))) &&
          F.eq(F.mul(b, F.div(F.one, b)), F.one) &&
          F.eq(F.mul(F.div(a, b), b), a) &&
          F.eq(F.sub(a, a), F.zero),
      ),
    );
  });

  it('cmp is a total order consistent with toNumber (rounding is monotone)', () => {
    fc.assert(
      fc.property(arbRational, arbRational, (a, b) => {
        const c = F.cmp(a, b);
        if (c !== -F.cmp(b, a)) return false;
        if ((c === 0) !== F.eq(a, b)) return false;
        if (c < 0) return a.toNumber() <= b.toNumber();
        if (c > 0) return a.toNumber() >= b.toNumber();
        return a.toNumber() === b.toNumber();
      }),
    );
  });

  it('sign agrees with cmp against zero; fromInt/fromRational', () => {
    fc.assert(fc.property(arbRational, (a) => F.sign(a) === F.cmp(a, F.zero)));
    expect(F.eq(F.fromInt(-7), rat(-7))).toBe(true);
    expect(F.eq(F.fromInt(2n ** 70n), Rational.of(2n ** 70n))).toBe(true);
    expect(F.toString(rat(-3, 4))).toBe('-3/4');
    expect(F.toNumber(rat(-3, 4))).toBe(-0.75);
  });
});
