/**
 * r·√q values (SPEC §1): normal form, string and JSON forms, equality/order by sign and r²q,
 * products, tryAdd, parsing; float values checked against Math.sqrt.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NegativeRadicandError, NumberParseError } from './errors.js';
import { Rational, rat } from './rational.js';
import { SqrtRational } from './sqrt-rational.js';

const arbR = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }))
  .map(([n, d]) => Rational.of(n, d));
const arbQ = fc.oneof(
  fc.bigInt({ min: 1n, max: 200n }),
  fc.bigInt({ min: 1n, max: 10n ** 15n }),
  fc.bigInt({ min: 1n, max: 10n ** 40n }),
);
const arbSqrt = fc.tuple(arbR, arbQ).map(([r, q]) => SqrtRational.of(r, q));

describe('normal form and SPEC §1 strings', () => {
  it.each([
    [rat(8), 2n, 2n, '2*sqrt(2)'],
    [rat(1, 2), rat(1, 2), 2n, '1/2*sqrt(2)'],
    [rat(2), Rational.ONE, 2n, 'sqrt(2)'],
    [rat(1, 10), rat(1, 10), 10n, '1/10*sqrt(10)'],
    [rat(9, 4), rat(3, 2), 1n, '3/2'],
    [rat(72), 6n, 2n, '6*sqrt(2)'],
    [rat(12, 5), rat(2, 5), 15n, '2/5*sqrt(15)'],
    [rat(0), 0n, 1n, '0'],
  ])('sqrt(%s) = r·√q', (x, r, q, text) => {
    const v = SqrtRational.sqrt(x);
    expect(v.r.equals(Rational.from(r))).toBe(true);
    expect(v.q).toBe(q);
    expect(v.toString()).toBe(text);
  });

  it('signs: -sqrt(q), -1/10*sqrt(10), and zero is r = 0, q = 1', () => {
    expect(SqrtRational.sqrt(rat(3)).neg().toString()).toBe('-sqrt(3)');
    expect(SqrtRational.of(rat(-1), 3n).toString()).toBe('-sqrt(3)');
    expect(SqrtRational.sqrt(rat(1, 10)).neg().toString()).toBe('-1/10*sqrt(10)');
    const z = SqrtRational.of(Rational.ZERO, 17n);
    expect(z.r.isZero() && z.q === 1n).toBe(true);
    expect(SqrtRational.of(rat(5), Rational.ZERO).equals(SqrtRational.ZERO)).toBe(true);
  });

  it('moves every square factor p² with p ≤ 10^4 out of q (q square-free w.r.t. small primes)', () => {
    fc.assert(
      fc.property(arbR, arbQ, (r, q) => {
        const v = SqrtRational.of(r, q);
        if (v.isZero()) return r.isZero();
        for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 97n, 9973n])
          if (v.q % (p * p) === 0n) return false;
        // same value: r²q preserved exactly
        return v.squared().equals(r.mul(r).mul(Rational.of(q)));
      }),
    );
  });

  it('a rational radicand: √(a/b) = (1/b)√(ab)', () => {
    const v = SqrtRational.of(rat(3), rat(2, 3)); // 3·√(2/3) = √6
    expect(v.toString()).toBe('sqrt(6)');
  });

  it('rejects a negative radicand with a typed error', () => {
    expect(() => SqrtRational.sqrt(rat(-2))).toThrow(NegativeRadicandError);
    expect(() => SqrtRational.of(Rational.ONE, -3n)).toThrow(NegativeRadicandError);
  });
});

describe('SPEC §1 JSON form', () => {
  it('is exactly the SPEC example', () => {
    expect(JSON.stringify(SqrtRational.sqrt(rat(1, 2)))).toBe(
      '{"exact":"1/2*sqrt(2)","r":"1/2","q":"2","float":0.7071067811865476,"sign":1,"squared":"1/2"}',
    );
  });

  it('negative and rational values', () => {
    expect(SqrtRational.sqrt(rat(1, 10)).neg().toJSON()).toEqual({
      exact: '-1/10*sqrt(10)',
      r: '-1/10',
      q: '10',
      float: -Math.sqrt(0.1),
      sign: -1,
      squared: '1/10',
    });
    expect(SqrtRational.fromRational(rat(3, 8)).toJSON()).toEqual({
      exact: '3/8',
      r: '3/8',
      q: '1',
      float: 0.375,
      sign: 1,
      squared: '9/64',
    });
  });
});

describe('equality and order by sign and r²q', () => {
  const big = 10007n; // prime above the trial-division limit 10^4
  it('equal values stored differently (q = 10007²·3 vs 10007·√3) compare equal', () => {
    const a = SqrtRational.of(Rational.ONE, big * big * 3n);
    const b = SqrtRational.of(Rational.of(big), 3n);
    expect(a.q).not.toBe(b.q); // not detected by trial division, as SPEC §1 allows
    expect(a.equals(b)).toBe(true);
    expect(a.cmp(b)).toBe(0);
    expect(a.neg().equals(b.neg())).toBe(true);
    expect(a.cmp(SqrtRational.of(Rational.of(big + 1n), 3n))).toBe(-1);
    expect(a.neg().cmp(b)).toBe(-1);
    expect(a.toNumber()).toBeCloseTo(b.toNumber(), 6);
    // tryAdd sees through it: 10007√3 + √(10007²·3) = 20014√3
    const s = a.tryAdd(b)!;
    expect(s.equals(SqrtRational.of(Rational.of(2n * big), 3n))).toBe(true);
  });

  it('a square of a large prime collapses via the final perfect-square test', () => {
    const v = SqrtRational.of(Rational.ONE, big * big);
    expect(v.q).toBe(1n);
    expect(v.r.equals(Rational.of(big))).toBe(true);
  });

  it('cmp is antisymmetric, agrees with sign·r²q and with float order', () => {
    fc.assert(
      fc.property(arbSqrt, arbSqrt, (a, b) => {
        const c = a.cmp(b);
        if (c !== -b.cmp(a)) return false;
        if ((c === 0) !== a.equals(b)) return false;
        // independent route: compare a - b via squares when signs agree
        const fa = a.toNumber();
        const fb = b.toNumber();
        if (Math.abs(fa - fb) > 1e-9 * Math.max(Math.abs(fa), Math.abs(fb))) {
          return c === (fa < fb ? -1 : 1);
        }
        return true;
      }),
    );
  });

  it('equal values compare equal after arbitrary rescaling of the radicand', () => {
    fc.assert(
      fc.property(arbR, arbQ, fc.bigInt({ min: 1n, max: 10n ** 6n }), (r, q, k) => {
        // r·√q = (r/k)·√(k²q) — stored differently when k has a factor > 10^4
        const a = SqrtRational.of(r, q);
        const b = SqrtRational.of(r.div(Rational.of(k)), q * k * k);
        return a.equals(b) && a.cmp(b) === 0;
      }),
    );
  });
});

describe('products, quotients and sums', () => {
  it('hand examples', () => {
    const s2 = SqrtRational.sqrt(rat(2));
    const s3 = SqrtRational.sqrt(rat(3));
    expect(s2.mul(s2).toString()).toBe('2');
    expect(s2.mul(s3).toString()).toBe('sqrt(6)');
    expect(
      SqrtRational.sqrt(rat(6))
        .mul(SqrtRational.sqrt(rat(10)))
        .toString(),
    ).toBe('2*sqrt(15)');
    expect(SqrtRational.sqrt(rat(1, 2)).mul(s2).toString()).toBe('1');
    expect(s2.mul(rat(-3, 4)).toString()).toBe('-3/4*sqrt(2)');
    expect(s2.div(s3).toString()).toBe('1/3*sqrt(6)');
    expect(s2.div(rat(2)).toString()).toBe('1/2*sqrt(2)');
    expect(s2.tryAdd(SqrtRational.sqrt(rat(8)))!.toString()).toBe('3*sqrt(2)');
    expect(
      SqrtRational.sqrt(rat(12))
        .tryAdd(SqrtRational.sqrt(rat(27)))!
        .toString(),
    ).toBe('5*sqrt(3)');
    expect(s2.tryAdd(s3)).toBeUndefined();
    expect(s2.tryAdd(s2.neg())!.equals(SqrtRational.ZERO)).toBe(true);
    expect(s2.tryAdd(s2.neg())!.q).toBe(1n);
    expect(() => s2.div(SqrtRational.ZERO)).toThrow();
  });

  it('mul/div agree with squares: (ab)² = a²b², sign multiplies', () => {
    fc.assert(
      fc.property(arbSqrt, arbSqrt, (a, b) => {
        const p = a.mul(b);
        if (!p.squared().equals(a.squared().mul(b.squared()))) return false;
        if (p.sign() !== a.sign() * b.sign()) return false;
        if (b.isZero()) return true;
        const d = a.div(b);
        return d.squared().equals(a.squared().div(b.squared())) && d.mul(b).equals(a);
      }),
    );
  });

  it('tryAdd of like radicals matches (a + b)² = a² + b² + 2ab', () => {
    fc.assert(
      fc.property(arbR, arbR, arbQ, fc.bigInt({ min: 1n, max: 50n }), (r1, r2, q, k) => {
        const a = SqrtRational.of(r1, q);
        const b = SqrtRational.of(r2, q * k * k);
        const s = a.tryAdd(b);
        if (s === undefined) return false;
        const ab = a.mul(b).toRational()!; // like radicals: the product is rational
        return s.squared().equals(
          a
            .squared()
            .add(b.squared())
            .add(ab.mul(rat(2))),
        );
      }),
    );
  });
});

describe('parse and float value', () => {
  it('parse round-trips toString', () => {
    fc.assert(
      fc.property(arbSqrt, (v) => {
        const w = SqrtRational.parse(v.toString());
        return w.r.equals(v.r) && w.q === v.q;
      }),
    );
    expect(SqrtRational.parse(' -sqrt(12) ').toString()).toBe('-2*sqrt(3)');
    expect(SqrtRational.parse('3/8').toString()).toBe('3/8');
  });

  it.each(['sqrt(-2)', '1/2*sqrt(x)', 'sqrt()', '2*-sqrt(3)', 'abc', 'sqrt(2)*3'])(
    'rejects %j with NumberParseError',
    (text) => {
      expect(() => SqrtRational.parse(text, 'faces[0].volume')).toThrow(NumberParseError);
    },
  );

  it('toNumber is within a few ulps of r·Math.sqrt(q)', () => {
    fc.assert(
      fc.property(arbR, fc.integer({ min: 1, max: 2 ** 40 }), (r, q) => {
        const v = SqrtRational.of(r, BigInt(q));
        const expected = r.toNumber() * Math.sqrt(q);
        return Math.abs(v.toNumber() - expected) <= 4 * Number.EPSILON * Math.abs(expected);
      }),
    );
  });

  it('no spurious overflow/underflow when r²q leaves the double range', () => {
    const huge = SqrtRational.of(Rational.of(10n ** 200n), 2n);
    expect(huge.toNumber() / (1e200 * Math.SQRT2)).toBeCloseTo(1, 14);
    const tiny = SqrtRational.of(Rational.of(1n, 10n ** 200n), 2n).neg();
    expect(tiny.toNumber() / (-1e-200 * Math.SQRT2)).toBeCloseTo(1, 14);
    const subnormal = SqrtRational.of(Rational.of(1n, 2n ** 1070n), 2n);
    expect(subnormal.toNumber()).toBe(Math.SQRT2 * 2 ** -1070);
    expect(SqrtRational.of(Rational.of(10n ** 400n), 2n).toNumber()).toBe(Infinity);
  });
});
