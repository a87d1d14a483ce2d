/**
 * The optional `domain` field of a model file: `{"box": [[lo, hi], …]}` or `{"A": […], "b": […]}`
 * (SPEC §2: X = {x : A x ≤ b}, default the unit box). Shapes are checked here; emptiness and
 * boundedness are decided by the engine with an exact Polytope.
 */
import { Rational } from '@mlgeo/exact-arith';
import { z } from 'zod';
import { ModelFormatError } from './errors.js';
import { exactMatrix, exactNumber, exactVector, parseStructure } from './schema.js';
import type { DomainHRep } from './types.js';

const boxSchema = z.strictObject({ box: z.array(z.tuple([exactNumber, exactNumber])) });
const hrepSchema = z.strictObject({ A: exactMatrix, b: exactVector });

/** The box [lo_1,hi_1]×…×[lo_d,hi_d] as A x ≤ b: rows +e_i x ≤ hi_i, then −e_i x ≤ −lo_i. */
export function boxToHRep(box: readonly (readonly [Rational, Rational])[]): DomainHRep {
  const d = box.length;
  const A: Rational[][] = [];
  const b: Rational[] = [];
  for (let i = 0; i < d; i++) {
    A.push(Array.from({ length: d }, (_, j) => (j === i ? Rational.ONE : Rational.ZERO)));
    b.push(box[i]![1]);
    A.push(Array.from({ length: d }, (_, j) => (j === i ? Rational.MINUS_ONE : Rational.ZERO)));
    b.push(box[i]![0].neg());
  }
  return { kind: 'hrep', A, b, box: { lo: box.map((r) => r[0]), hi: box.map((r) => r[1]) } };
}

/**
 * Reads a `domain` value for a model with `inputDimension` inputs. `field` names it in errors.
 */
export function readDomain(value: unknown, inputDimension: number, field = 'domain'): DomainHRep {
  const isBox = typeof value === 'object' && value !== null && 'box' in value;
  const parsed = isBox
    ? parseStructure(boxSchema, value, field, 'domain')
    : parseStructure(hrepSchema, value, field, 'domain');
  if ('box' in parsed) {
    if (parsed.box.length !== inputDimension) {
      throw new ModelFormatError(
        'DOMAIN',
        `the box has ${parsed.box.length} intervals but the model has ${inputDimension} inputs`,
        { field: `${field}.box`, fix: `give one [lo, hi] pair per input (${inputDimension})` },
      );
    }
    parsed.box.forEach(([lo, hi], i) => {
      if (lo.cmp(hi) >= 0) {
        throw new ModelFormatError('DOMAIN', `interval [${lo}, ${hi}] is empty or a single point`, {
          field: `${field}.box[${i}]`,
          fix: 'write each interval as [lo, hi] with lo < hi (the domain must be full-dimensional)',
        });
      }
    });
    return boxToHRep(parsed.box);
  }
  const { A, b } = parsed;
  if (A.length === 0) {
    throw new ModelFormatError('DOMAIN', 'the domain has no inequalities (it is unbounded)', {
      field: `${field}.A`,
      fix: 'give at least d+1 inequalities a·x ≤ b that bound the domain',
    });
  }
  if (b.length !== A.length) {
    throw new ModelFormatError('DOMAIN', `A has ${A.length} rows but b has ${b.length} entries`, {
      field: `${field}.b`,
      fix: 'give one right-hand side per row of A',
    });
  }
  A.forEach((row, i) => {
    if (row.length !== inputDimension) {
      throw new ModelFormatError(
        'DOMAIN',
        `row has ${row.length} entries but the model has ${inputDimension} inputs`,
        { field: `${field}.A[${i}]`, fix: `give ${inputDimension} coefficients per row` },
      );
    }
  });
  return { kind: 'hrep', A, b };
}
