/**
 * CsrMatrix against the dense linear algebra of this package (matMul, transpose) over the exact
 * rationals and float64 (small integer entries: every float sum is exact, so results agree exactly).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors.js';
import { type Field, Float64Field, RationalField } from '../field.js';
import { matMul, matVec, transpose } from '../linalg.js';
import { Rational } from '../rational.js';
import { CsrMatrix } from './csr-matrix.js';

/** Sparse-ish integer matrices: about half the entries are zero. */
const sparseEntry = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -4, max: 4 }));
const dims = fc.integer({ min: 0, max: 6 });
const matrixOf = (r: number, c: number) =>
  fc.array(fc.array(sparseEntry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });

interface Case<T> {
  name: string;
  F: Field<T>;
  lift: (n: number) => T;
  show: (x: T) => number;
}
const cases: [Case<Rational>, Case<number>] = [
  {
    name: 'RationalField',
    F: RationalField,
    lift: (n) => Rational.of(n),
    show: (x) => x.toNumber(),
  },
  { name: 'Float64Field', F: Float64Field, lift: (n) => n, show: (x) => x },
];

describe.each(cases as Case<unknown>[])('CsrMatrix over $name', ({ F, lift, show }) => {
  const liftM = (m: number[][]) => m.map((row) => row.map(lift));
  const showM = (m: unknown[][]) => m.map((row) => row.map(show));
  const csr = (m: number[][], cols: number) => CsrMatrix.fromDense(F, liftM(m), cols);

  it('fromDense → toDense, get, nnz and transpose agree with the dense matrix', () => {
    fc.assert(
      fc.property(
        dims.chain((r) => dims.chain((c) => matrixOf(r, c).map((m) => [m, c] as const))),
        ([m, c]) => {
          const A = csr(m, c);
          expect([A.rows, A.cols]).toEqual([m.length, c]);
          expect(showM(A.toDense())).toEqual(m);
          expect(A.nnz).toBe(m.flat().filter((x) => x !== 0).length);
          m.forEach((row, i) => row.forEach((x, j) => expect(show(A.get(i, j))).toBe(x)));
          if (m.length > 0) expect(showM(A.transpose().toDense())).toEqual(transpose(m));
          expect([A.transpose().rows, A.transpose().cols]).toEqual([c, m.length]);
        },
      ),
    );
  });

  it('fromTriplets sums duplicates and drops entries that cancel', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            row: fc.integer({ min: 0, max: 3 }),
            col: fc.integer({ min: 0, max: 4 }),
            value: fc.integer({ min: -3, max: 3 }),
          }),
        ),
        (ts) => {
          const dense = Array.from({ length: 4 }, () => new Array<number>(5).fill(0));
          for (const t of ts) dense[t.row]![t.col]! += t.value;
          const A = CsrMatrix.fromTriplets(
            F,
            4,
            5,
            ts.map((t) => ({ ...t, value: lift(t.value) })),
          );
          expect(showM(A.toDense())).toEqual(dense);
          expect(A.nnz).toBe(dense.flat().filter((x) => x !== 0).length);
          const stored = [...A.entries()];
          expect(stored.map((e) => [e.row, e.col])).toEqual(
            [...stored.map((e) => [e.row, e.col])].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
          );
        },
      ),
    );
  });

  it('sparse × vector and sparse × sparse agree with matVec and matMul', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), dims)
          .chain(([r, k, c]) =>
            fc.tuple(
              matrixOf(r, k),
              matrixOf(k, c),
              fc.array(fc.integer({ min: -3, max: 3 }), { minLength: k, maxLength: k }),
              fc.constant(c),
            ),
          ),
        ([a, b, x, c]) => {
          const A = csr(a, a[0]!.length);
          const B = csr(b, c);
          expect(A.mulVec(x.map(lift)).map(show)).toEqual(
            matVec(F, liftM(a), x.map(lift)).map(show),
          );
          const AB = A.mul(B);
          expect([AB.rows, AB.cols]).toEqual([a.length, c]);
          if (c > 0) expect(showM(AB.toDense())).toEqual(showM(matMul(F, liftM(a), liftM(b))));
          expect(AB.nnz).toBe(
            c > 0
              ? showM(matMul(F, liftM(a), liftM(b)))
                  .flat()
                  .filter((v) => v !== 0).length
              : 0,
          );
        },
      ),
    );
  });

  it('B·diag(m)·Bᵀ agrees with the dense triple product', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
          .chain(([r, c]) =>
            fc.tuple(
              matrixOf(r, c),
              fc.array(fc.integer({ min: -3, max: 3 }), { minLength: c, maxLength: c }),
            ),
          ),
        ([b, m]) => {
          const B = csr(b, b[0]!.length);
          const M = m.map((v, i) => m.map((_, j) => (i === j ? v : 0)));
          const dense = matMul(F, matMul(F, liftM(b), liftM(M)), transpose(liftM(b)));
          expect(showM(B.congruenceByDiagonal(m.map(lift)).toDense())).toEqual(showM(dense));
        },
      ),
    );
  });

  it('rejects mismatched shapes and out-of-range indices with ShapeError', () => {
    const A = csr(
      [
        [1, 0],
        [0, 2],
      ],
      2,
    );
    expect(() => A.mul(csr([[1, 2, 3]], 3))).toThrow(ShapeError);
    expect(() => A.mulVec([lift(1)])).toThrow(ShapeError);
    expect(() => A.congruenceByDiagonal([lift(1)])).toThrow(ShapeError);
    expect(() => A.get(2, 0)).toThrow(ShapeError);
    expect(() => CsrMatrix.fromTriplets(F, 1, 1, [{ row: 0, col: 1, value: lift(1) }])).toThrow(
      ShapeError,
    );
  });
});

describe.each(cases as Case<unknown>[])('CsrMatrix map, scale, add, diagonal over $name', (c) => {
  const { F, lift, show } = c;
  const liftM = (m: number[][]) => m.map((row) => row.map(lift));
  const showM = (m: unknown[][]) => m.map((row) => row.map(show));
  const square = dims.chain((n) => fc.tuple(matrixOf(n, n), matrixOf(n, n), fc.constant(n)));

  it('scale(l, r) = diag(l)·A·diag(r), add(B, α) = A + αB, diagonal, map agree with dense', () => {
    fc.assert(
      fc.property(square, fc.integer({ min: -3, max: 3 }), ([a, b, n], alpha) => {
        const A = CsrMatrix.fromDense(F, liftM(a), n);
        const B = CsrMatrix.fromDense(F, liftM(b), n);
        const l = Array.from({ length: n }, (_, i) => i - 1);
        const r = Array.from({ length: n }, (_, i) => 2 - i);
        const scaled = a.map((row, i) => row.map((x, j) => l[i]! * x * r[j]! + 0));
        expect(showM(A.scale(l.map(lift), r.map(lift)).toDense())).toEqual(scaled);
        const sum = a.map((row, i) => row.map((x, j) => x + alpha * b[i]![j]! + 0));
        expect(showM(A.add(B, lift(alpha)).toDense())).toEqual(sum);
        expect(A.add(B, lift(alpha)).nnz).toBe(sum.flat().filter((x) => x !== 0).length);
        expect(A.diagonal().map(show)).toEqual(a.map((row, i) => row[i]! + 0));
        const doubled = A.map(F, (x) => F.add(x, x));
        expect(showM(doubled.toDense())).toEqual(a.map((row) => row.map((x) => 2 * x + 0)));
      }),
    );
  });
});

describe('CsrMatrix.mulVecFloat', () => {
  it('equals mulVec over float64 and refuses exact matrices', () => {
    fc.assert(
      fc.property(
        dims.chain((r) => dims.chain((c) => matrixOf(r, c).map((m) => [m, c] as const))),
        ([m, c]) => {
          const A = CsrMatrix.fromDense(Float64Field, m, c);
          const x = Array.from({ length: c }, (_, j) => j + 0.5);
          expect(Array.from(A.mulVecFloat(Float64Array.from(x)))).toEqual(
            matVec(Float64Field, m, x).map((v) => v + 0),
          );
        },
      ),
    );
    const Q = CsrMatrix.fromDense(RationalField, [[Rational.ONE]]);
    expect(() => Q.mulVecFloat(new Float64Array(1))).toThrow(ShapeError);
  });
});

describe('CsrMatrix storage', () => {
  it('uses Int32Array indices, Float64Array values over float64 and an array over rationals', () => {
    const f = CsrMatrix.fromDense(Float64Field, [[0, 1.5]]);
    expect(f.colIndex).toBeInstanceOf(Int32Array);
    expect(f.rowStart).toBeInstanceOf(Int32Array);
    expect(f.values).toBeInstanceOf(Float64Array);
    const q = CsrMatrix.fromDense(RationalField, [[Rational.ZERO, Rational.of(1n, 3n)]]);
    expect(Array.isArray(q.values)).toBe(true);
    expect(q.get(0, 1).equals(Rational.of(1n, 3n))).toBe(true);
  });
});
