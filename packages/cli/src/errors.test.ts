import { MlgeoError } from '@mlgeo/exact-arith';
import { describe, expect, it, vi } from 'vitest';
import { InputError, UsageError, attributeToFile, exitCodeOf, formatErrorLine } from './errors.js';

describe('error lines', () => {
  it('puts file, field, problem and fix on one line', () => {
    const e = new InputError('SHAPE', 'row has 3 entries, expected 2', {
      file: 'm.json',
      field: 'layers[1].weights[0]',
      fix: 'give 2 entries',
    });
    expect(formatErrorLine(e)).toBe(
      'mlgeo: m.json: layers[1].weights[0]: row has 3 entries, expected 2 (fix: give 2 entries)',
    );
    expect(exitCodeOf(e)).toBe(1);
    expect(exitCodeOf(new UsageError('bad'))).toBe(2);
  });

  it('attributes library errors to the file without repeating field and fix', () => {
    const lib = new MlgeoError('NON_FINITE', 'expected a finite number', {
      field: 'points[3][0]',
      fix: 'remove it',
    });
    const line = formatErrorLine(attributeToFile(lib, 'data.csv'));
    expect(line).toBe('mlgeo: data.csv: points[3][0]: expected a finite number (fix: remove it)');
  });

  it('treats errors of a second copy of @mlgeo/exact-arith as library errors, not internal ones', async () => {
    vi.resetModules();
    const copy = await import('@mlgeo/exact-arith');
    expect(copy.MlgeoError).not.toBe(MlgeoError);
    const lib = new copy.MlgeoError('NON_FINITE', 'expected a finite number', {
      field: 'points[3][0]',
      fix: 'remove it',
    });
    expect(formatErrorLine(attributeToFile(lib, 'data.csv'))).toBe(
      'mlgeo: data.csv: points[3][0]: expected a finite number (fix: remove it)',
    );
  });

  it('reports non-mlgeo errors as internal, on one line', () => {
    expect(formatErrorLine(new TypeError('x is undefined\n  at f'))).toBe(
      'mlgeo: internal error: x is undefined (rerun with --debug for details and report it)',
    );
  });
});
