import { describe, expect, it } from 'vitest';
import {
  Float64Field,
  RationalField,
  createFloat64Field,
  isFloat64Field,
  isRationalField,
  type Field,
} from './field.js';
import { Rational } from './rational.js';

describe('Field discriminant', () => {
  it('names each field by kind', () => {
    expect(RationalField.kind).toBe('rational');
    expect(Float64Field.kind).toBe('float64');
    expect(createFloat64Field(1e-9).kind).toBe('float64');
  });

  it('narrows by kind, not by identity', () => {
    const fields: Field<unknown>[] = [RationalField, Float64Field, createFloat64Field(0)];
    expect(fields.map(isRationalField)).toEqual([true, false, false]);
    expect(fields.map(isFloat64Field)).toEqual([false, true, true]);
    // a copy of RationalField (another object) is still the rational field
    const copy: Field<unknown> = { ...RationalField };
    expect(isRationalField(copy)).toBe(true);
    if (isRationalField(copy))
      expect(copy.add(Rational.of(1n, 2n), copy.one).toString()).toBe('3/2');
  });
});
