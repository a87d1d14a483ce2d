/** SPEC §1 JSON forms: writing, reading back, and rejecting inconsistent or malformed input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NonFiniteNumberError, NumberParseError } from './errors.js';
import { SpecJsonError, parseSpecJson, toSpecJson } from './json.js';
import { Rational, rat } from './rational.js';
import { SqrtRational } from './sqrt-rational.js';

describe('toSpecJson', () => {
  it('writes the three SPEC §1 forms', () => {
    expect(toSpecJson(rat(3, 8))).toEqual({ exact: '3/8', float: 0.375 });
    expect(toSpecJson(rat(2))).toEqual({ exact: '2', float: 2 });
    expect(JSON.stringify(toSpecJson(SqrtRational.sqrt(rat(1, 2))))).toBe(
      '{"exact":"1/2*sqrt(2)","r":"1/2","q":"2","float":0.7071067811865476,"sign":1,"squared":"1/2"}',
    );
    expect(toSpecJson(0.5147186257614297)).toBe(0.5147186257614297);
    expect(() => toSpecJson(NaN, 'curvature[3]')).toThrow(NonFiniteNumberError);
  });
});

describe('parseSpecJson', () => {
  it('round-trips rationals, r·√q values and floats (through JSON text)', () => {
    const arbR = fc
      .tuple(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
      )
      .map(([n, d]) => Rational.of(n, d));
    fc.assert(
      fc.property(
        arbR,
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (r, q, x) => {
          const back = parseSpecJson(JSON.parse(JSON.stringify(toSpecJson(r))));
          const s = SqrtRational.of(r, q);
          const backS = parseSpecJson(JSON.parse(JSON.stringify(toSpecJson(s))));
          const backX = parseSpecJson(JSON.parse(JSON.stringify(toSpecJson(x))));
          return (
            back instanceof Rational &&
            back.equals(r) &&
            backS instanceof SqrtRational &&
            backS.r.equals(s.r) &&
            backS.q === s.q &&
            backX === (x === 0 ? 0 : x)
          );
        },
      ),
    );
  });

  it('reads the SPEC examples', () => {
    const v = parseSpecJson({ exact: '3/8', float: 0.375 });
    expect(v).toBeInstanceOf(Rational);
    expect((v as Rational).equals(rat(3, 8))).toBe(true);
    const s = parseSpecJson({
      exact: '1/2*sqrt(2)',
      r: '1/2',
      q: '2',
      float: 0.7071067811865476,
      sign: 1,
      squared: '1/2',
    });
    expect((s as SqrtRational).equals(SqrtRational.sqrt(rat(1, 2)))).toBe(true);
    // optional members may be left out; the exact string is authoritative
    expect((parseSpecJson({ exact: '0.1' }) as Rational).equals(rat(1, 10))).toBe(true);
  });

  it.each([
    [{ exact: '3/8', float: 0.5 }, 'float'],
    [{ exact: '1/3', float: 0.3333 }, 'float'],
    [{ exact: 'sqrt(2)', r: '1', q: '3' }, undefined],
    [{ exact: 'sqrt(2)', r: '1', q: '2', sign: -1 }, 'sign'],
    [{ exact: 'sqrt(2)', r: '1', q: '2', squared: '4' }, 'squared'],
    [{ exact: '9 - 6*sqrt(2)', terms: { '1': '9', '2': '-6' }, float: 0.51 }, undefined],
    [{ float: 0.5 }, 'exact'],
    [{ exact: 3 }, 'exact'],
    [[1, 2], undefined],
    ['1/2', undefined],
    [null, undefined],
  ])('rejects %j with a SpecJsonError', (json, field) => {
    try {
      parseSpecJson(json, field === undefined ? undefined : 'cells[0].volume');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpecJsonError);
      if (field !== undefined) expect((e as SpecJsonError).field).toBe(`cells[0].volume.${field}`);
    }
  });

  it('malformed numbers give NumberParseError / NonFiniteNumberError with the member path', () => {
    expect(() => parseSpecJson({ exact: 'x/2' }, 'v')).toThrow(NumberParseError);
    expect(() => parseSpecJson({ exact: 'sqrt(2)', r: '1', q: '-2' }, 'v')).toThrow(
      NumberParseError,
    );
    expect(() => parseSpecJson({ exact: '0', r: '0', q: '0' }, 'v')).toThrow(NumberParseError);
    try {
      parseSpecJson({ exact: 'sqrt(2)', r: '1', q: 'two' }, 'v');
    } catch (e) {
      expect((e as NumberParseError).field).toBe('v.q');
    }
    expect(() => parseSpecJson(Infinity)).toThrow(NonFiniteNumberError);
  });
});
