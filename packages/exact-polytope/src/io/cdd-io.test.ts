import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '@mlgeo/exact-arith';
import {
  CddFormatError,
  CddWriteError,
  formatExt,
  formatIne,
  parseExt,
  parseIne,
} from '../index.js';

const s = (rows: Rational[][]) => rows.map((r) => r.map((x) => x.toString()));

/** Runs `f`, expects a CddFormatError, and returns it for inspection. */
function formatError(f: () => unknown): CddFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CddFormatError);
    return e as CddFormatError;
  }
  throw new Error('expected a CddFormatError');
}

describe('parseIne', () => {
  it('reads rows b a1 … ad as A = −a, b = b', () => {
    const text = ['H-representation', 'begin', '2 3 integer', '1 -2 3', '0 1 0', 'end'].join('\n');
    const p = parseIne(text);
    expect(p.dimension).toBe(2);
    expect(s(p.A)).toEqual([
      ['2', '-3'],
      ['-1', '0'],
    ]);
    expect(p.b.map(String)).toEqual(['1', '0']);
    expect(p.equalities).toEqual([]);
    expect(p.numberType).toBe('integer');
  });

  it('keeps the name line, skips comments and free text, ignores options after end', () => {
    const text = [
      '* a comment',
      'my triangle',
      'some more free text',
      'H-representation',
      '* comment between header lines',
      'linearity 1 2',
      'begin',
      '  3  3  rational ',
      '',
      ' 1/2 -1 0',
      '* comment inside the rows',
      ' 0 1 1',
      ' 1 0 -1',
      'end',
      'minimize',
      ' 0 1 1',
      'project 1 1',
    ].join('\n');
    const p = parseIne(text);
    expect(p.name).toBe('my triangle');
    expect(p.numberType).toBe('rational');
    expect(p.equalities).toEqual([1]);
    expect(p.b.map(String)).toEqual(['1/2', '0', '1']);
    expect(p.A.length).toBe(3);
  });

  it('reads real entries as the exact decimal written, including e-notation, 1. and .5', () => {
    const text = [
      'begin',
      '1 5 real',
      '0.61803398874989485 2.618033989E+00 -1. .5 -9.54915028e-02',
      'end',
    ].join('\n');
    const p = parseIne(text);
    expect(p.b[0]!.equals(Rational.of(61803398874989485n, 10n ** 17n))).toBe(true);
    expect(p.A[0]!.map(String)).toEqual([
      '-2618033989/1000000000',
      '1',
      '-1/2',
      Rational.of(954915028n, 10n ** 10n).toString(),
    ]);
  });

  it("accepts lrs's ***** row count, rows wrapped over several lines, CRLF, decimals in integer files", () => {
    const text = [
      'H-representation',
      'begin',
      '***** 5 integer',
      '3976210973720   -5964591245895   -33802508475500   -161110322828670',
      '-745886931169976',
      '1 1.5 0 0 0',
      'end',
    ].join('\r\n');
    const p = parseIne(text);
    expect(p.A.length).toBe(2);
    expect(p.b[0]!.toString()).toBe('3976210973720');
    expect(p.A[0]![3]!.toString()).toBe('745886931169976');
    expect(p.A[1]![0]!.toString()).toBe('-3/2');
  });

  it('reads a file with zero rows (all of R^d)', () => {
    const p = parseIne('H-representation\nbegin\n0 4 integer\nend\n');
    expect(p.dimension).toBe(3);
    expect(p.A).toEqual([]);
  });

  it('reports a missing begin at the last line', () => {
    const e = formatError(() => parseIne('H-representation\n2 3 integer\n1 0 0\n'));
    expect(e.problem).toBe('missing-begin');
    expect(e.code).toBe('CDD_FORMAT');
    expect(e.line).toBe(4);
    expect(e.fix).toMatch(/begin/);
  });

  it('reports a missing end', () => {
    const e = formatError(() => parseIne('begin\n1 3 integer\n1 0 0\n'));
    expect(e.problem).toBe('missing-end');
    expect(e.message).toMatch(/end/);
  });

  it('reports a file that stops right after begin', () => {
    expect(formatError(() => parseIne('begin\n')).problem).toBe('missing-end');
  });

  it('reports a bad size line and an unknown number type', () => {
    expect(formatError(() => parseIne('begin\nthree 3 integer\nend\n'))).toMatchObject({
      problem: 'bad-size-line',
      line: 2,
    });
    expect(formatError(() => parseIne('begin\n1 3\n1 0 0\nend\n')).problem).toBe('bad-size-line');
    expect(formatError(() => parseIne('begin\n1 1 integer\n1\nend\n')).problem).toBe(
      'bad-size-line',
    );
    expect(formatError(() => parseIne('begin\n1 3 complex\n1 0 0\nend\n'))).toMatchObject({
      problem: 'bad-number-type',
      line: 2,
    });
  });

  it('reports a bad number with its line', () => {
    const text = 'begin\n2 3 rational\n1 0 0\n1 x 0\nend\n';
    expect(formatError(() => parseIne(text))).toMatchObject({ problem: 'bad-number', line: 4 });
    expect(formatError(() => parseIne('begin\n1 3 rational\n1/0 1 0\nend\n')).problem).toBe(
      'bad-number',
    );
    expect(formatError(() => parseIne('begin\n1 3 real\n1e 1 0\nend\n')).problem).toBe(
      'bad-number',
    );
  });

  it('reports a row with too many entries at its line', () => {
    const text = 'begin\n2 3 integer\n1 0 0\n1 0 0 7\nend\n';
    const e = formatError(() => parseIne(text));
    expect(e).toMatchObject({ problem: 'wrong-column-count', line: 4 });
    expect(e.message).toMatch(/row 2/);
  });

  it('reports a short row (its tail would run into the next row)', () => {
    const text = 'begin\n2 3 integer\n1 0\n1 0 0\nend\n';
    expect(formatError(() => parseIne(text))).toMatchObject({
      problem: 'wrong-column-count',
      line: 4,
    });
    const last = 'begin\n2 3 integer\n1 0 0\n1 0\nend\n';
    expect(formatError(() => parseIne(last))).toMatchObject({
      problem: 'wrong-column-count',
      line: 4,
    });
  });

  it('reports a row count that differs from the size line, at the end line', () => {
    const e = formatError(() => parseIne('begin\n3 3 integer\n1 0 0\n1 1 0\nend\n'));
    expect(e).toMatchObject({ problem: 'row-count-mismatch', line: 5 });
    expect(e.fix).toMatch(/2/);
  });

  it('reports linearity indices out of range and malformed linearity lines', () => {
    const out = 'linearity 1 3\nbegin\n2 3 integer\n1 0 0\n1 1 0\nend\n';
    expect(formatError(() => parseIne(out))).toMatchObject({
      problem: 'linearity-out-of-range',
      line: 1,
    });
    const zero = 'linearity 1 0\nbegin\n1 3 integer\n1 0 0\nend\n';
    expect(formatError(() => parseIne(zero)).problem).toBe('linearity-out-of-range');
    const count = 'linearity 2 1\nbegin\n1 3 integer\n1 0 0\nend\n';
    expect(formatError(() => parseIne(count)).problem).toBe('bad-linearity');
    const junk = 'linearity two 1\nbegin\n1 3 integer\n1 0 0\nend\n';
    expect(formatError(() => parseIne(junk)).problem).toBe('bad-linearity');
  });

  it("refuses lrs's nonnegative option instead of silently dropping x ≥ 0", () => {
    const text = 'H-representation\nnonnegative\nbegin\n1 3 integer\n1 -1 -1\nend\n';
    expect(formatError(() => parseIne(text))).toMatchObject({
      problem: 'unsupported-option',
      line: 2,
    });
  });

  it('refuses a V-representation', () => {
    const text = 'V-representation\nbegin\n1 3 integer\n1 0 0\nend\n';
    expect(formatError(() => parseIne(text)).problem).toBe('wrong-representation');
  });
});

describe('parseExt', () => {
  it('splits points, rays and lines; a leading t > 0 means the point x/t', () => {
    const text = [
      'V-representation',
      'linearity 1 4',
      'begin',
      '4 3 rational',
      '1 1/2 0',
      '2 1 4',
      '0 1 1',
      '0 0 1',
      'end',
    ].join('\n');
    const p = parseExt(text);
    expect(p.dimension).toBe(2);
    expect(s(p.points)).toEqual([
      ['1/2', '0'],
      ['1/2', '2'],
    ]);
    expect(s(p.rays)).toEqual([['1', '1']]);
    expect(s(p.lines)).toEqual([['0', '1']]);
  });

  it('reads rays without a point as the cone at the origin (cdd/lrs convention)', () => {
    const p = parseExt('V-representation\nbegin\n2 3 integer\n0 1 0\n0 1 1\nend\n');
    expect(s(p.points)).toEqual([['0', '0']]);
    expect(s(p.rays)).toEqual([
      ['1', '0'],
      ['1', '1'],
    ]);
    expect(() => formatExt({ points: [], rays: [[1, 0]] })).toThrow(/origin/);
    const empty = parseExt(formatExt({ points: [], dimension: 2 }));
    expect(empty.points).toEqual([]);
  });

  it('refuses a line row that starts with 1, a negative leading entry and an H-representation', () => {
    const pointLine = 'V-representation\nlinearity 1 1\nbegin\n1 3 integer\n1 0 0\nend\n';
    expect(formatError(() => parseExt(pointLine))).toMatchObject({
      problem: 'bad-generator',
      line: 5,
    });
    const negative = 'V-representation\nbegin\n2 3 integer\n1 0 0\n-1 0 0\nend\n';
    expect(formatError(() => parseExt(negative))).toMatchObject({
      problem: 'bad-generator',
      line: 5,
    });
    expect(formatError(() => parseExt('H-representation\nbegin\n0 3 integer\nend\n')).problem).toBe(
      'wrong-representation',
    );
  });
});

describe('formatIne / formatExt', () => {
  it('writes the true row count, integer type for integer data and b, −A rows', () => {
    const text = formatIne({
      A: [
        [1, 0],
        [0, 1],
      ],
      b: [1, 2],
    });
    expect(text).toBe('H-representation\nbegin\n2 3 integer\n1 -1 0\n2 0 -1\nend\n');
    const r = formatIne({ A: [[0.5, 0]], b: ['1/3'], equalities: [0], name: 'half' });
    expect(r).toBe('half\nH-representation\nlinearity 1 1\nbegin\n1 3 rational\n1/3 -1/2 0\nend\n');
  });

  it('writes points, rays and lines with lines under linearity', () => {
    const text = formatExt({ points: [[0, 0]], rays: [[1, 0]], lines: [[0, 1]] });
    expect(text).toBe(
      'V-representation\nlinearity 1 3\nbegin\n3 3 integer\n1 0 0\n0 1 0\n0 0 1\nend\n',
    );
  });

  it('rejects data it cannot write, with a typed error naming the field', () => {
    expect(() => formatIne({ A: [[1, 0]], b: [1, 2] })).toThrow(CddWriteError);
    expect(() => formatIne({ A: [[1, 0], [1]], b: [1, 2] })).toThrow(/A\[1\]/);
    expect(() => formatIne({ A: [[1, 0]], b: [1], equalities: [1] })).toThrow(CddWriteError);
    expect(() => formatIne({ A: [], b: [] })).toThrow(/dimension/);
    expect(() => formatIne({ A: [[1]], b: [1], name: 'begin here' })).toThrow(CddWriteError);
    expect(() => formatIne({ A: [[1]], b: [1], name: 'two\nlines' })).toThrow(CddWriteError);
    expect(() => formatExt({ points: [] })).toThrow(CddWriteError);
    expect(() => formatExt({ points: [[1, 2]], rays: [[1]] })).toThrow(/rays\[0\]/);
  });

  it('writes an empty system when the dimension is given', () => {
    const p = parseIne(formatIne({ A: [], b: [], dimension: 3 }));
    expect(p.dimension).toBe(3);
    expect(p.A).toEqual([]);
  });
});

const rational = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
  .map(([n, d]) => Rational.of(n, d));

describe('round trips parse(format(x)) = x', () => {
  it('H-representations', () => {
    const arb = fc
      .integer({ min: 1, max: 5 })
      .chain((d) =>
        fc.record({
          A: fc.array(fc.array(rational, { minLength: d, maxLength: d }), { maxLength: 8 }),
          d: fc.constant(d),
          eq: fc.array(fc.nat(), { maxLength: 3 }),
          name: fc.option(fc.constantFrom('cube', 'random polytope 7', 'x'), { nil: undefined }),
        }),
      )
      .chain((r) =>
        fc.record({
          A: fc.constant(r.A),
          b: fc.array(rational, { minLength: r.A.length, maxLength: r.A.length }),
          d: fc.constant(r.d),
          eq: fc.constant(
            r.A.length ? [...new Set(r.eq.map((k) => k % r.A.length))].sort((a, b) => a - b) : [],
          ),
          name: fc.constant(r.name),
        }),
      );
    fc.assert(
      fc.property(arb, ({ A, b, d, eq, name }) => {
        const text = formatIne({ A, b, equalities: eq, dimension: d, ...(name ? { name } : {}) });
        const p = parseIne(text);
        expect(p.dimension).toBe(d);
        expect(s(p.A)).toEqual(s(A));
        expect(p.b.map(String)).toEqual(b.map(String));
        expect(p.equalities).toEqual(eq);
        expect(p.name).toBe(name);
        const integral = [...A.flat(), ...b].every((x) => x.den === 1n);
        expect(p.numberType).toBe(integral ? 'integer' : 'rational');
      }),
    );
  });

  it('V-representations', () => {
    const arb = fc.integer({ min: 1, max: 5 }).chain((d) => {
      const vecs = fc.array(fc.array(rational, { minLength: d, maxLength: d }), { maxLength: 6 });
      const point = fc.array(rational, { minLength: d, maxLength: d });
      return fc.record({
        d: fc.constant(d),
        points: fc.array(point, { minLength: 1, maxLength: 6 }),
        rays: vecs,
        lines: vecs,
      });
    });
    fc.assert(
      fc.property(arb, ({ d, points, rays, lines }) => {
        const p = parseExt(formatExt({ points, rays, lines, dimension: d }));
        expect(p.dimension).toBe(d);
        expect(s(p.points)).toEqual(s(points));
        expect(s(p.rays)).toEqual(s(rays));
        expect(s(p.lines)).toEqual(s(lines));
      }),
    );
  });
});
