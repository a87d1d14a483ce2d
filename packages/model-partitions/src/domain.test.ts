import { MlgeoError } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { DomainError, box, domainFrom } from './domain.js';
import { partitionOf } from './engines/enumerate.js';
import { arrangement, polygonArea } from './engines/test-helpers.js';

function errorOf(f: () => unknown): MlgeoError {
  try {
    f();
  } catch (e) {
    return e as MlgeoError;
  }
  throw new Error('expected an error');
}

describe('domainFrom', () => {
  it('defaults to the unit box', () => {
    const d = domainFrom(undefined, 3);
    expect(d.box!.lo.map(String)).toEqual(['0', '0', '0']);
    expect(d.box!.hi.map(String)).toEqual(['1', '1', '1']);
    expect(d.initialCell().vertices.length).toBe(8);
  });
  it('box(lo, hi) and an H-representation give the same cells', () => {
    const model = arrangement(2, [[[1, -1], 0]]);
    const a = partitionOf(model, { domain: box([-1, -1], [1, 1]) });
    const b = partitionOf(model, {
      domain: {
        kind: 'hrep',
        A: [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ],
        b: [1, 1, 1, 1],
      },
    });
    expect(a.cells.map((c) => c.label)).toEqual(['0', '1']);
    expect(b.cells.map((c) => c.label)).toEqual(['0', '1']);
    expect(a.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual(['2', '2']);
    expect(b.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual(['2', '2']);
  });
  it('a triangle domain', () => {
    const model = arrangement(2, [[[1, 0], '-1/2']]);
    const p = partitionOf(model, {
      domain: {
        kind: 'hrep',
        A: [
          [-1, 0],
          [0, -1],
          [1, 1],
        ],
        b: [0, 0, 1],
      },
    });
    expect(p.cells.map((c) => polygonArea(c.vertices!).toString())).toEqual(['3/8', '1/8']);
  });
  it('empty box: DOMAIN_EMPTY naming the bound', () => {
    const e = errorOf(() => domainFrom(box([0, 2], [1, 1]), 2));
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('DOMAIN_EMPTY');
    expect(e.field).toBe('domain.hi[1]');
    expect(e.fix).toBeTruthy();
  });
  it('flat box: DOMAIN_NOT_FULL_DIMENSIONAL', () => {
    const e = errorOf(() => domainFrom(box([0, 1], [1, 1]), 2));
    expect(e.code).toBe('DOMAIN_NOT_FULL_DIMENSIONAL');
    expect(e.field).toBe('domain.hi[1]');
  });
  it('wrong number of bounds: DOMAIN_SHAPE', () => {
    expect(errorOf(() => domainFrom(box([0], [1]), 2)).code).toBe('DOMAIN_SHAPE');
    expect(errorOf(() => domainFrom({ kind: 'hrep', A: [[1, 0, 0]], b: [1] }, 2)).field).toBe(
      'domain.A[0]',
    );
  });
  it('empty H-representation: DOMAIN_EMPTY', () => {
    // x ≥ 0, y ≥ 0, x + y ≤ −1
    const e = errorOf(() =>
      domainFrom(
        {
          kind: 'hrep',
          A: [
            [-1, 0],
            [0, -1],
            [1, 1],
          ],
          b: [0, 0, -1],
        },
        2,
      ),
    );
    expect(e.code).toBe('DOMAIN_EMPTY');
    expect(e.field).toBe('domain');
    // box-shaped rows with lo > hi
    const f = errorOf(() =>
      domainFrom(
        {
          kind: 'hrep',
          A: [
            [1, 0],
            [-1, 0],
            [0, 1],
            [0, -1],
          ],
          b: [0, -1, 1, 1],
        },
        2,
      ),
    );
    expect(f.code).toBe('DOMAIN_EMPTY');
    // named in the user's terms: the rows of A, b (x ≤ 0 is row 0, x ≥ 1 is row 1), never a box
    // field the user did not write
    expect(f.field).toBe('domain.b[0]');
    expect(f.message).toMatch(/rows 1 and 0 of A x ≤ b give 1 ≤ x_0 ≤ 0/);
  });
  it('lower-dimensional H-representation: DOMAIN_NOT_FULL_DIMENSIONAL', () => {
    // x ≥ 0, y ≥ 0, x + y ≤ 0 is a point
    const e = errorOf(() =>
      domainFrom(
        {
          kind: 'hrep',
          A: [
            [-1, 0],
            [0, -1],
            [1, 1],
          ],
          b: [0, 0, 0],
        },
        2,
      ),
    );
    expect(e.code).toBe('DOMAIN_NOT_FULL_DIMENSIONAL');
    const f = errorOf(() =>
      domainFrom(
        {
          kind: 'hrep',
          A: [
            [1, 0],
            [-1, 0],
            [0, 1],
            [0, -1],
          ],
          b: [0, 0, 1, 1],
        },
        2,
      ),
    );
    expect(f.code).toBe('DOMAIN_NOT_FULL_DIMENSIONAL');
  });
  it('unbounded H-representation: DOMAIN_UNBOUNDED', () => {
    // the strip x ≥ 0, |x − y| ≤ 1
    const e = errorOf(() =>
      domainFrom(
        {
          kind: 'hrep',
          A: [
            [-1, 0],
            [1, -1],
            [-1, 1],
          ],
          b: [0, 1, 1],
        },
        2,
      ),
    );
    expect(e.code).toBe('DOMAIN_UNBOUNDED');
    expect(
      errorOf(() =>
        domainFrom(
          {
            kind: 'hrep',
            A: [
              [-1, 0],
              [0, -1],
            ],
            b: [0, 0],
          },
          2,
        ),
      ).code,
    ).toBe('DOMAIN_UNBOUNDED');
    expect(errorOf(() => domainFrom({ kind: 'hrep', A: [], b: [] }, 2)).code).toBe(
      'DOMAIN_UNBOUNDED',
    );
  });
  it('high-dimensional H-representations are validated by exact LPs (no vertex enumeration)', () => {
    const d = 12;
    const unit = (k: number, s: number) => Array.from({ length: d }, (_, i) => (i === k ? s : 0));
    const ones = new Array(d).fill(1);
    const nonneg = Array.from({ length: d }, (_, k) => unit(k, -1));
    const zeros = new Array(d).fill(0);
    // the standard simplex is fine and usable
    const simplex = domainFrom({ kind: 'hrep', A: [...nonneg, ones], b: [...zeros, 1] }, d);
    expect(simplex.rows.length).toBe(d + 1);
    const code = (A: number[][], b: number[]) =>
      errorOf(() => domainFrom({ kind: 'hrep', A, b }, d)).code;
    expect(code([...nonneg, ones], [...zeros, -1])).toBe('DOMAIN_EMPTY');
    expect(code([...nonneg, ones], [...zeros, 0])).toBe('DOMAIN_NOT_FULL_DIMENSIONAL');
    // x ≥ 0 and x_0 + x_1 ≤ 1: the other coordinates are free upwards
    const pair = zeros.map((_, i) => (i < 2 ? 1 : 0));
    expect(code([...nonneg, pair], [...zeros, 1])).toBe('DOMAIN_UNBOUNDED');
    // a slab |Σ x| ≤ 1 has a lineality space (rank 1 < d)
    expect(code([ones, ones.map((v) => -v)], [1, 1])).toBe('DOMAIN_UNBOUNDED');
  });
  it('a non-number bound is a parse error naming the field', () => {
    const e = errorOf(() => domainFrom(box(['x', 0], [1, 1]), 2));
    expect(e.field).toBe('domain.lo[0]');
  });
});
