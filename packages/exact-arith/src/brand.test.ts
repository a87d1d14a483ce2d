/**
 * Brand checks across copies of the package: a second module instance of @mlgeo/exact-arith (as
 * with two installed versions, or a bundle next to a Node install) makes Rationals and errors that
 * are not `instanceof` this copy's classes, but are recognised by isRational / isSqrtRational /
 * isMlgeoError and converted by Rational.from.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  MlgeoError,
  Rational,
  ShapeError,
  SqrtRational,
  isMlgeoError,
  isRational,
  isSqrtRational,
} from './index.js';

/** A fresh evaluation of this package's entry: its classes are distinct from the ones above. */
async function secondCopy(): Promise<typeof import('./index.js')> {
  vi.resetModules();
  const copy = await import('./index.js');
  expect(copy.Rational).not.toBe(Rational);
  return copy;
}

describe('brand checks in one copy', () => {
  it('recognise instances and subclasses, and nothing else', () => {
    expect(isRational(Rational.of(1, 2))).toBe(true);
    expect(isRational(Rational.ZERO)).toBe(true);
    expect(isSqrtRational(SqrtRational.sqrt(Rational.of(2)))).toBe(true);
    expect(isSqrtRational(Rational.ONE)).toBe(false);
    expect(isRational(SqrtRational.ONE)).toBe(false);
    expect(isMlgeoError(new ShapeError('bad shape'))).toBe(true);
    expect(isMlgeoError(new MlgeoError('X', 'x'))).toBe(true);
    for (const other of [
      { num: 1n, den: 2n },
      { r: Rational.ONE, q: 2n },
      new Error('plain'),
      null,
      undefined,
      0.5,
      '1/2',
      1n,
      Rational,
    ]) {
      expect(isRational(other)).toBe(false);
      expect(isSqrtRational(other)).toBe(false);
      expect(isMlgeoError(other)).toBe(false);
    }
  });

  it('the brand is not an own property (no per-instance cost) and not enumerable', () => {
    const x = Rational.of(3, 4);
    expect(Object.getOwnPropertySymbols(x)).toEqual([]);
    expect(Object.keys(x)).toEqual(['num', 'den']);
  });
});

describe('a second copy of @mlgeo/exact-arith', () => {
  it('its Rationals are not instanceof ours but pass isRational and convert exactly', async () => {
    const copy = await secondCopy();
    const half = copy.Rational.of(1, 2);
    expect(half instanceof Rational).toBe(false);
    expect(isRational(half)).toBe(true);
    expect(copy.isRational(Rational.of(1, 3))).toBe(true);
    const local = Rational.from(half as unknown as Rational);
    expect(local instanceof Rational).toBe(true);
    expect(local.equals(Rational.of(1, 2))).toBe(true);
    expect(Rational.from(copy.Rational.parse('-7/3') as unknown as Rational).toString()).toBe(
      '-7/3',
    );
  });

  it('its SqrtRationals pass isSqrtRational; our r·√q times its Rational stays r·√q', async () => {
    const copy = await secondCopy();
    const s = copy.SqrtRational.sqrt(copy.Rational.of(8));
    expect(s instanceof SqrtRational).toBe(false);
    expect(isSqrtRational(s)).toBe(true);
    const prod = SqrtRational.sqrt(Rational.of(2)).mul(copy.Rational.of(3) as unknown as Rational);
    expect(prod.toString()).toBe(SqrtRational.parse('3*sqrt(2)').toString());
    expect(
      SqrtRational.sqrt(Rational.of(2))
        .div(copy.Rational.of(2) as unknown as Rational)
        .toString(),
    ).toBe('1/2*sqrt(2)');
  });

  it('its errors are not instanceof our MlgeoError but pass isMlgeoError', async () => {
    const copy = await secondCopy();
    let thrown: unknown;
    try {
      copy.Rational.parse('one half', 'weights[0]');
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof MlgeoError).toBe(false);
    expect(isMlgeoError(thrown)).toBe(true);
    expect(isMlgeoError(new copy.ShapeError('x'))).toBe(true);
    expect(copy.isMlgeoError(new ShapeError('x'))).toBe(true);
    if (isMlgeoError(thrown)) {
      expect(thrown.code).toBe('PARSE');
      expect(thrown.field).toBe('weights[0]');
    }
  });
});
