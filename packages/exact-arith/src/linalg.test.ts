/**
 * Linear algebra over Field<T> and the Bareiss kernels. Oracles: the Leibniz expansion of the
 * determinant, rank as the largest non-vanishing minor, M·v = 0 / M·M⁻¹ = I checks, and the
 * rational field for the float field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcdOfList } from './bigint.js';
import {
  bareissDeterminant,
  bareissEchelon,
  bareissRank,
  bareissSolve,
  integerKernel,
  integerNullSpace,
  toPrimitiveIntegers,
} from './bareiss.js';
import { ShapeError, SingularMatrixError } from './errors.js';
import { Float64Field, RationalField, createFloat64Field } from './field.js';
import Fraction from 'fraction.js';
import {
  determinant,
  eliminationDeterminant,
  dot,
  inverse,
  matMul,
  matVec,
  nullSpace,
  rank,
  rref,
  solve,
  transpose,
} from './linalg.js';
import { Rational, rat } from './rational.js';

const Q = RationalField;
const toQ = (m: bigint[][]) => m.map((row) => row.map((x) => Rational.of(x)));

function* permutations(n: number): Generator<number[]> {
  if (n === 0) {
    yield [];
    return;
  }
  for (const p of permutations(n - 1)) {
    for (let i = 0; i <= p.length; i++) yield [...p.slice(0, i), n - 1, ...p.slice(i)];
  }
}

/** Leibniz formula: sum over permutations of sign · product (independent of elimination). */
function leibniz(m: bigint[][]): bigint {
  const n = m.length;
  let total = 0n;
  for (const p of permutations(n)) {
    let inversions = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (p[i]! > p[j]!) inversions++;
    let prod = 1n;
    for (let i = 0; i < n; i++) prod *= m[i]![p[i]!]!;
    total += inversions % 2 === 0 ? prod : -prod;
  }
  return total;
}

function* subsets(n: number, k: number, start = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= n - k; i++) for (const s of subsets(n, k - 1, i + 1)) yield [i, ...s];
}

/** Rank = size of the largest non-zero minor (test oracle only: exponential, tiny matrices). */
function rankByMinors(m: bigint[][]): number {
  const rows = m.length;
  const cols = rows === 0 ? 0 : m[0]!.length;
  for (let k = Math.min(rows, cols); k > 0; k--) {
    for (const rs of subsets(rows, k))
      for (const cs of subsets(cols, k))
        if (leibniz(rs.map((i) => cs.map((j) => m[i]![j]!))) !== 0n) return k;
  }
  return 0;
}

const entry = fc.bigInt({ min: -6n, max: 6n });
const square = (maxN: number) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) =>
      fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    );
const rect = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) =>
    fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
  );
/** Low-rank r×c matrices as products of r×k and k×c factors. */
const lowRank = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .chain(([r, c, k]) =>
    fc
      .tuple(
        fc.array(fc.array(entry, { minLength: k, maxLength: k }), { minLength: r, maxLength: r }),
        fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: k, maxLength: k }),
      )
      .map(([a, b]) =>
        a.map((row) =>
          Array.from({ length: c }, (_, j) => row.reduce((s, x, t) => s + x * b[t]![j]!, 0n)),
        ),
      ),
  );
const anyMatrix = fc.oneof(rect, lowRank);

const isZeroVec = (v: Rational[]) => v.every((x) => x.isZero());

describe('determinant', () => {
  it('generic rref determinant = Bareiss = Leibniz on random integer matrices', () => {
    fc.assert(
      fc.property(square(5), (m) => {
        const expected = leibniz(m);
        return (
          bareissDeterminant(m) === expected && determinant(Q, toQ(m)).equals(Rational.of(expected))
        );
      }),
      { numRuns: 400 },
    );
  });

  it('singular matrices (repeated rows, zero columns) give 0', () => {
    expect(
      bareissDeterminant([
        [1n, 2n],
        [2n, 4n],
      ]),
    ).toBe(0n);
    expect(
      bareissDeterminant([
        [0n, 1n],
        [0n, 5n],
      ]),
    ).toBe(0n);
    expect(
      determinant(
        Q,
        toQ([
          [0n, 0n],
          [0n, 0n],
        ]),
      ).isZero(),
    ).toBe(true);
    // needs a row swap: det [[0,1],[1,0]] = -1
    expect(
      bareissDeterminant([
        [0n, 1n],
        [1n, 0n],
      ]),
    ).toBe(-1n);
    expect(
      determinant(
        Q,
        toQ([
          [0n, 1n],
          [1n, 0n],
        ]),
      ).equals(rat(-1)),
    ).toBe(true);
    expect(bareissDeterminant([])).toBe(1n);
    expect(determinant(Q, []).equals(Rational.ONE)).toBe(true);
  });

  it('float determinant agrees with exact on diagonally dominant matrices', () => {
    fc.assert(
      fc.property(square(7), (m) => {
        const n = m.length;
        const dom = m.map((row, i) => row.map((x, j) => (i === j ? x + 40n : x)));
        const exact = determinant(Q, toQ(dom)).toNumber();
        const float = determinant(
          Float64Field,
          dom.map((r) => r.map(Number)),
        );
        return Math.abs(float - exact) <= 1e-12 * Math.abs(exact) * n;
      }),
    );
  });
});

describe('rank, rref and null space', () => {
  it('rank = largest non-zero minor; Bareiss rank agrees', () => {
    fc.assert(
      fc.property(anyMatrix, (m) => {
        const r = rankByMinors(m);
        return rank(Q, toQ(m)) === r && bareissRank(m) === r;
      }),
      { numRuns: 300 },
    );
  });

  it('rref is reduced: pivots are 1 with zeros above and below', () => {
    fc.assert(
      fc.property(anyMatrix, (m) => {
        const { rref: r, pivots } = rref(Q, toQ(m));
        return pivots.every((c, i) =>
          r.every((row, k) => (k === i ? row[c]!.equals(Rational.ONE) : row[c]!.isZero())),
        );
      }),
    );
  });

  it('nullSpace: M·v = 0, dimension = cols − rank, basis independent', () => {
    fc.assert(
      fc.property(anyMatrix, (m) => {
        const M = toQ(m);
        const cols = m[0]!.length;
        const basis = nullSpace(Q, M);
        if (basis.length !== cols - rankByMinors(m)) return false;
        if (!basis.every((v) => isZeroVec(matVec(Q, M, v)))) return false;
        return basis.length === 0 || rank(Q, basis) === basis.length;
      }),
      { numRuns: 300 },
    );
  });

  it('nullSpace of an empty matrix with given width is the whole space', () => {
    expect(nullSpace(Q, [], 3).length).toBe(3);
    expect(integerNullSpace([], 2)).toEqual([
      [1n, 0n],
      [0n, 1n],
    ]);
  });

  it('integerNullSpace vectors are primitive, in the kernel, and span it', () => {
    fc.assert(
      fc.property(anyMatrix, (m) => {
        const cols = m[0]!.length;
        const basis = integerNullSpace(m);
        if (basis.length !== cols - rankByMinors(m)) return false;
        for (const v of basis) {
          if (gcdOfList(v) !== 1n) return false;
          if (!m.every((row) => row.reduce((s, x, j) => s + x * v[j]!, 0n) === 0n)) return false;
        }
        return basis.length === 0 || bareissRank(basis) === basis.length;
      }),
      { numRuns: 300 },
    );
  });

  it('integerKernel names the free column of each vector (non-zero there, 0 on other free columns)', () => {
    fc.assert(
      fc.property(anyMatrix, (m) => {
        const { free, basis } = integerKernel(m);
        return basis.every((v, k) => free.every((f, l) => (l === k ? v[f] !== 0n : v[f] === 0n)));
      }),
    );
    expect(integerKernel([[1n, 2n, 3n]])).toEqual({
      free: [1, 2],
      basis: [
        [-2n, 1n, 0n],
        [-3n, 0n, 1n],
      ],
    });
  });

  it('bareissEchelon rows stay integral minors (last pivot = det for full rank square)', () => {
    fc.assert(
      fc.property(square(5), (m) => {
        const { rows, pivots } = bareissEchelon(m);
        const n = m.length;
        if (pivots.length < n) return leibniz(m) === 0n;
        // row swaps only change the sign
        const last = rows[n - 1]![n - 1]!;
        return last === leibniz(m) || last === -leibniz(m);
      }),
    );
  });
});

describe('solve and inverse', () => {
  const nonsingular = square(5).filter((m) => leibniz(m) !== 0n);

  it('solve recovers x from b = M x exactly; bareissSolve agrees', () => {
    fc.assert(
      fc.property(
        nonsingular,
        fc.array(fc.bigInt({ min: -20n, max: 20n }), { minLength: 5, maxLength: 5 }),
        fc.bigInt({ min: 1n, max: 7n }),
        (m, xs, den) => {
          const n = m.length;
          const x = xs.slice(0, n).map((v) => Rational.of(v, den));
          const M = toQ(m);
          const b = matVec(Q, M, x);
          const got = solve(Q, M, b)!;
          // integer right-hand side for bareissSolve: scale by den
          const bInt = b.map((v) => v.mul(Rational.of(den)).num);
          const viaBareiss = bareissSolve(m, bInt)!;
          return (
            got.every((v, i) => v.equals(x[i]!)) &&
            viaBareiss.every((v, i) => v.equals(x[i]!.mul(Rational.of(den))))
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('inconsistent systems give undefined, underdetermined ones a particular solution', () => {
    const M = toQ([
      [1n, 1n],
      [1n, 1n],
    ]);
    expect(solve(Q, M, [rat(1), rat(2)])).toBeUndefined();
    const x = solve(Q, M, [rat(3), rat(3)])!;
    expect(dot(Q, [rat(1), rat(1)], x).equals(rat(3))).toBe(true);
    expect(
      bareissSolve(
        [
          [1n, 1n],
          [1n, 1n],
        ],
        [1n, 2n],
      ),
    ).toBeUndefined();
    expect(
      bareissSolve(
        [
          [1n, 1n],
          [1n, 1n],
        ],
        [3n, 3n],
      ),
    ).toBeUndefined(); // singular: no unique x
  });

  it('M·M⁻¹ = M⁻¹·M = I', () => {
    fc.assert(
      fc.property(nonsingular, (m) => {
        const M = toQ(m);
        const inv = inverse(Q, M);
        const isI = (P: Rational[][]) =>
          P.every((row, i) =>
            row.every((v, j) => v.equals(i === j ? Rational.ONE : Rational.ZERO)),
          );
        return isI(matMul(Q, M, inv)) && isI(matMul(Q, inv, M));
      }),
      { numRuns: 200 },
    );
  });

  it('inverse of a singular matrix throws SingularMatrixError', () => {
    expect(() =>
      inverse(
        Q,
        toQ([
          [1n, 2n],
          [2n, 4n],
        ]),
      ),
    ).toThrow(SingularMatrixError);
    expect(() =>
      inverse(Float64Field, [
        [1, 1],
        [1, 1 + 1e-14],
      ]),
    ).toThrow(SingularMatrixError);
  });

  it('float field agrees with the rational field on well-conditioned systems', () => {
    fc.assert(
      fc.property(
        square(8),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 8, maxLength: 8 }),
        (m, bs) => {
          const n = m.length;
          const dom = m.map((row, i) => row.map((x, j) => (i === j ? x + 60n : x)));
          const b = bs.slice(0, n);
          const exact = solve(
            Q,
            toQ(dom),
            b.map((v) => rat(v)),
          )!.map((v) => v.toNumber());
          const float = solve(
            Float64Field,
            dom.map((r) => r.map(Number)),
            b,
          )!;
          const exactInv = inverse(Q, toQ(dom)).map((r) => r.map((v) => v.toNumber()));
          const floatInv = inverse(
            Float64Field,
            dom.map((r) => r.map(Number)),
          );
          const close = (a: number, e: number) => Math.abs(a - e) <= 1e-12 * (1 + Math.abs(e));
          return (
            float.every((v, i) => close(v, exact[i]!)) &&
            floatInv.every((row, i) => row.every((v, j) => close(v, exactInv[i]![j]!))) &&
            rank(
              Float64Field,
              dom.map((r) => r.map(Number)),
            ) === n
          );
        },
      ),
    );
  });

  it('float rank uses the epsilon threshold', () => {
    const F = createFloat64Field(1e-9);
    expect(
      rank(F, [
        [1, 2],
        [2, 4 + 1e-12],
      ]),
    ).toBe(1);
    expect(
      rank(createFloat64Field(0), [
        [1, 2],
        [2, 4 + 1e-12],
      ]),
    ).toBe(2);
  });
});

describe('integer helpers', () => {
  it('toPrimitiveIntegers is primitive and positively proportional', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: -30n, max: 30n }), fc.bigInt({ min: 1n, max: 12n })), {
          minLength: 1,
          maxLength: 6,
        }),
        (pairs) => {
          const v = pairs.map(([n, d]) => Rational.of(n, d));
          const w = toPrimitiveIntegers(v);
          if (v.every((x) => x.isZero())) return w.every((x) => x === 0n);
          if (gcdOfList(w) !== 1n) return false;
          // w = λ v with λ > 0: all cross ratios agree and signs match
          const k = v.findIndex((x) => !x.isZero());
          const lambda = Rational.of(w[k]!).div(v[k]!);
          return lambda.sign() > 0 && v.every((x, i) => x.mul(lambda).equals(Rational.of(w[i]!)));
        },
      ),
    );
  });
});

describe('shape errors', () => {
  it.each([
    [
      'determinant of 2×3',
      () =>
        determinant(
          Q,
          toQ([
            [1n, 2n, 3n],
            [4n, 5n, 6n],
          ]),
        ),
    ],
    ['ragged rref', () => rref(Q, [[rat(1), rat(2)], [rat(3)]])],
    [
      'solve rhs length',
      () =>
        solve(
          Q,
          toQ([
            [1n, 0n],
            [0n, 1n],
          ]),
          [rat(1)],
        ),
    ],
    ['inverse of 1×2', () => inverse(Q, toQ([[1n, 2n]]))],
    ['matMul mismatch', () => matMul(Q, toQ([[1n, 2n]]), toQ([[1n, 2n]]))],
    ['matMul ragged', () => matMul(Q, toQ([[1n, 2n]]), [[rat(1)], [rat(2), rat(3)]])],
    ['dot lengths', () => dot(Q, [rat(1)], [rat(1), rat(2)])],
    ['matVec lengths', () => matVec(Q, toQ([[1n, 2n]]), [rat(1)])],
    ['bareissDeterminant non-square', () => bareissDeterminant([[1n, 2n]])],
    ['bareissEchelon ragged', () => bareissEchelon([[1n, 2n], [3n]])],
    ['bareissSolve rhs', () => bareissSolve([[1n]], [1n, 2n])],
    ['integerNullSpace ragged', () => integerNullSpace([[1n, 2n], [3n]])],
  ])('%s throws ShapeError', (_, f) => {
    expect(f).toThrow(ShapeError);
  });

  it('names the offending row', () => {
    try {
      rref(Q, [[rat(1), rat(2)], [rat(3)]]);
      expect.unreachable();
    } catch (e) {
      expect((e as ShapeError).field).toBe('matrix[1]');
      expect((e as ShapeError).code).toBe('SHAPE');
    }
  });

  it('transpose', () => {
    expect(
      transpose([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(transpose([])).toEqual([]);
  });
});

describe('RationalField fast paths (Bareiss) agree with the generic field code', () => {
  // a structurally identical Field<Rational> that is not RationalField takes the generic path
  const generic = { ...RationalField };
  const ratEntry = fc
    .tuple(fc.bigInt({ min: -9n, max: 9n }), fc.bigInt({ min: 1n, max: 6n }))
    .map(([n, d]) => Rational.of(n, d));
  const ratMatrix = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.boolean())
    .chain(([r, c, sq]) =>
      fc.array(fc.array(ratEntry, { minLength: sq ? r : c, maxLength: sq ? r : c }), {
        minLength: r,
        maxLength: r,
      }),
    );
  /** fraction.js cofactor expansion: an independent determinant of rational matrices. */
  function fracDet(m: Fraction[][]): Fraction {
    if (m.length === 0) return new Fraction(1);
    let total = new Fraction(0);
    m[0]!.forEach((x, j) => {
      const minor = m.slice(1).map((row) => row.filter((_, k) => k !== j));
      const term = x.mul(fracDet(minor));
      total = j % 2 === 0 ? total.add(term) : total.sub(term);
    });
    return total;
  }

  it('determinant of rational matrices = fraction.js cofactor expansion = generic elimination', () => {
    fc.assert(
      fc.property(
        ratMatrix.filter((m) => m.length === m[0]!.length),
        (m) => {
          const d = determinant(Q, m);
          const f = fracDet(m.map((row) => row.map((x) => new Fraction(x.num, x.den))));
          return (
            d.num === BigInt(f.s) * BigInt(f.n) &&
            d.den === BigInt(f.d) &&
            eliminationDeterminant(Q, m).equals(d) &&
            determinant(generic, m).equals(d)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('solve equals the generic rref solution exactly (consistent or not, any rank)', () => {
    fc.assert(
      fc.property(
        ratMatrix,
        fc.array(ratEntry, { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        (m, bs, consistent) => {
          const cols = m[0]!.length;
          // half the cases: b = M·x for a random x, so the system is consistent
          const b = consistent
            ? matVec(Q, m, bs.slice(0, cols).concat(Array(cols).fill(Rational.ONE)).slice(0, cols))
            : bs.slice(0, m.length).concat(Array(m.length).fill(Rational.ONE)).slice(0, m.length);
          const a = solve(Q, m, b);
          const g = solve(generic, m, b);
          if (consistent && a === undefined) return false;
          if (a === undefined || g === undefined) return a === g;
          return (
            a.every((v, i) => v.equals(g[i]!)) && matVec(Q, m, a).every((v, i) => v.equals(b[i]!))
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rank and nullSpace equal the generic rref results exactly', () => {
    fc.assert(
      fc.property(ratMatrix, (m) => {
        if (rank(Q, m) !== rank(generic, m)) return false;
        const a = nullSpace(Q, m);
        const b = nullSpace(generic, m);
        return a.length === b.length && a.every((v, i) => v.every((x, j) => x.equals(b[i]![j]!)));
      }),
      { numRuns: 300 },
    );
  });
});
