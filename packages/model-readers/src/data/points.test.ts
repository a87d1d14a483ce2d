import { Rational } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataFormatError, type DataFormatErrorCode } from './errors.js';
import { checkPointsDimension, readPointsCsv, readPointsJson } from './points.js';

function expectDataError(
  fn: () => unknown,
  code: DataFormatErrorCode,
  where: { field?: string; row?: number; column?: number; line?: number },
) {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DataFormatError);
  const e = caught as DataFormatError;
  expect(e.code).toBe(code);
  expect({ field: e.field, row: e.row, column: e.column, line: e.line }).toMatchObject(where);
  expect(e.fix).toBeTruthy();
  return e;
}

const str = (points: Rational[][]) => points.map((p) => p.map(String));

describe('readPointsCsv', () => {
  it('reads decimal text exactly, with an auto-detected header', () => {
    const set = readPointsCsv('x,y\n0.1,1/3\n-2.5e-1, 4\n\n');
    expect(set.columns).toEqual(['x', 'y']);
    expect(set.dimension).toBe(2);
    expect(str(set.points)).toEqual([
      ['1/10', '1/3'],
      ['-1/4', '4'],
    ]);
  });

  it('float64 mode gives the doubles a float parser reads', () => {
    const set = readPointsCsv('0.1,2\n', { numbers: 'float64' });
    expect(set.points[0]![0]!.toString()).toBe('3602879701896397/36028797018963968');
    expect(set.points[0]![0]!.equals(Rational.fromDouble(0.1))).toBe(true);
    expect(readPointsCsv('1/3\n', { numbers: 'float64' }).points[0]![0]!.toString()).toBe('1/3');
    expectDataError(() => readPointsCsv('0\n1e400\n', { numbers: 'float64' }), 'NON_FINITE', {
      field: 'points[1][0]',
      line: 2,
    });
  });

  it('header: false reads the first line as data; a label column is kept apart', () => {
    expect(str(readPointsCsv('1,2\n3,4', { header: false }).points)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    const labelled = readPointsCsv('x;label;y\n0;a;1\n1;b;0\n', { labelColumn: 'label' });
    expect(labelled.labels).toEqual(['a', 'b']);
    expect(labelled.columns).toEqual(['x', 'y']);
    expect(str(labelled.points)).toEqual([
      ['0', '1'],
      ['1', '0'],
    ]);
    expect(str(readPointsCsv('"1","2"\n', { header: false }).points)).toEqual([['1', '2']]);
  });

  it('names line and column of a non-number, NaN and a ragged row', () => {
    const e = expectDataError(() => readPointsCsv('x,y\n0,1\n0.5,abc\n'), 'NOT_A_NUMBER', {
      field: 'points[1][1]',
      row: 1,
      column: 1,
      line: 3,
    });
    expect(e.message).toContain('line 3, column 2');
    expectDataError(() => readPointsCsv('0,1\nNaN,1\n'), 'NON_FINITE', {
      field: 'points[1][0]',
      row: 1,
      column: 0,
      line: 2,
    });
    expectDataError(() => readPointsCsv('0,1\n1,2\n3\n'), 'RAGGED', {
      field: 'points[2]',
      row: 2,
      line: 3,
    });
    expectDataError(() => readPointsCsv('x,y\n'), 'EMPTY', {});
  });

  it('checks the dimension against the model', () => {
    expectDataError(() => readPointsCsv('0,1,2\n', { dimension: 2 }), 'DIMENSION_MISMATCH', {
      field: 'points[0]',
      row: 0,
    });
    expect(() => readPointsCsv('0,1\n', { dimension: 2 })).not.toThrow();
  });
});

describe('readPointsJson', () => {
  it('reads arrays of arrays (numbers = exact doubles, strings exact) and {points, labels}', () => {
    expect(str(readPointsJson('[[0.5, "0.1"], [1, "-1/3"]]').points)).toEqual([
      ['1/2', '1/10'],
      ['1', '-1/3'],
    ]);
    expect(readPointsJson('[[0.1]]').points[0]![0]!.toString()).toBe(
      '3602879701896397/36028797018963968',
    );
    const wrapped = readPointsJson({ points: [[1, 2]], labels: [0] });
    expect(wrapped.labels).toEqual(['0']);
    expect(wrapped.dimension).toBe(2);
  });

  it('names the point and coordinate of bad values', () => {
    expectDataError(() => readPointsJson('[[0, 1], [2]]'), 'RAGGED', { field: '[1]', row: 1 });
    expectDataError(
      () =>
        readPointsJson({
          points: [
            [0, 1],
            [2, 'x'],
          ],
        }),
      'NOT_A_NUMBER',
      { field: 'points[1][1]', row: 1, column: 1 },
    );
    expectDataError(() => readPointsJson([[0, 'Infinity']]), 'NON_FINITE', {
      field: '[0][1]',
      row: 0,
      column: 1,
    });
    expectDataError(() => readPointsJson([[0, Number.NaN]]), 'NON_FINITE', {
      field: '[0][1]',
      row: 0,
      column: 1,
    });
    expectDataError(() => readPointsJson('[[0,'), 'INVALID', {});
    expectDataError(() => readPointsJson({ pts: [] }), 'INVALID', { field: 'points' });
    expectDataError(() => readPointsJson([]), 'EMPTY', {});
    expectDataError(() => readPointsJson([[0, 1]], { dimension: 3 }), 'DIMENSION_MISMATCH', {
      field: 'points[0]',
      row: 0,
    });
  });

  it('checkPointsDimension names the first bad point', () => {
    expectDataError(() => checkPointsDimension([[1, 2], [1, 2], [1]], 2), 'DIMENSION_MISMATCH', {
      row: 2,
    });
  });
});

describe('readPointsCsv: repeated cell texts', () => {
  it('each distinct text is one shared Rational, equal to parsing every cell on its own', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.constantFrom('0', '0.0039', '1', '0.5', '-0.25', '1/3', ' 0.0039', '2e-3', '0.10'),
            { minLength: 3, maxLength: 3 },
          ),
          { minLength: 1, maxLength: 20 },
        ),
        fc.constantFrom<'exact' | 'float64'>('exact', 'float64'),
        (rows, numbers) => {
          const text = rows.map((r) => r.join(',')).join('\n');
          const set = readPointsCsv(text, { header: false, numbers });
          rows.forEach((r, i) =>
            r.forEach((cell, k) => {
              // oracle: one file per cell, nothing to share with
              const alone = readPointsCsv(cell, { header: false, numbers }).points[0]![0]!;
              expect(set.points[i]![k]!.equals(alone)).toBe(true);
            }),
          );
          const byText = new Map<string, Rational>();
          rows.forEach((r, i) =>
            r.forEach((cell, k) => {
              const seen = byText.get(cell);
              if (seen) expect(set.points[i]![k]).toBe(seen);
              else byText.set(cell, set.points[i]![k]!);
            }),
          );
        },
      ),
    );
  });

  it('a bad cell is reported at every line it appears on, not only the first', () => {
    expectDataError(() => readPointsCsv('1,2\n3,x\n'), 'NOT_A_NUMBER', { line: 2, column: 1 });
    expectDataError(() => readPointsCsv('1,2\n3,4\n5,x\n'), 'NOT_A_NUMBER', { line: 3 });
  });
});
