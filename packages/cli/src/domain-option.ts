/**
 * The `--domain` option: `box` (unit box [0,1]^d), `box:lo,hi` (the same interval on every axis),
 * `box:lo1,hi1,lo2,hi2,…` (one interval per axis), `data` / `data:MARGIN` (the data's bounding box
 * padded by MARGIN × extent per axis, default 0.05; resolved by {@link dataDomain} once the data is
 * read), or a file: `.ine` (cdd/lrs H-representation) or `.json` (`{"box": [[lo, hi], …]}`,
 * `{"A": […], "b": […]}`, or a model-style object with a `domain` field).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rational, isMlgeoError } from '@mlgeo/exact-arith';
import { Polytope, boxHRep } from '@mlgeo/exact-polytope';
import { InputError, UsageError, libraryCode } from './errors.js';

/** A domain {x : A x ≤ b} with exact entries and a short description for the report. */
export interface DomainChoice {
  A: Rational[][];
  b: Rational[];
  description: string;
  /**
   * A file holding A and b at its top level (not under a `domain` key): library errors about the
   * domain name `domain.b[2]`, which that file calls `b[2]`.
   */
  topLevel?: boolean;
}

/** True for `--domain data` and `--domain data:MARGIN` (the data's padded bounding box). */
export function isDataDomain(spec: string): boolean {
  return spec === 'data' || spec.startsWith('data:');
}

/** The margin of `--domain data` when none is given: 5 % of each axis' extent. */
export const DEFAULT_DATA_MARGIN = Rational.of(1n, 20n);

/**
 * `--domain data[:margin]`: the bounding box of the data, each axis widened on both sides by
 * margin × (its extent), or by 1/2 where every point has the same coordinate (the domain must be
 * full-dimensional). Exact: the box of exact data points with an exact margin.
 */
export function dataDomain(
  spec: string,
  points: readonly (readonly Rational[])[],
  dimension: number,
): DomainChoice {
  let margin = DEFAULT_DATA_MARGIN;
  if (spec !== 'data') {
    try {
      margin = Rational.parse(spec.slice('data:'.length).trim());
    } catch {
      margin = Rational.MINUS_ONE;
    }
    if (margin.sign() < 0) {
      throw new UsageError(`cannot read the margin of --domain ${spec}`, {
        field: '--domain',
        fix: 'write --domain data (5 % margin) or data:M with a number M ≥ 0, e.g. data:0.1',
      });
    }
  }
  const lows: Rational[] = [];
  const highs: Rational[] = [];
  for (let k = 0; k < dimension; k++) {
    let lo = points[0]![k]!;
    let hi = lo;
    for (const p of points) {
      if (p[k]!.cmp(lo) < 0) lo = p[k]!;
      if (p[k]!.cmp(hi) > 0) hi = p[k]!;
    }
    const pad = lo.equals(hi) ? Rational.of(1n, 2n) : hi.sub(lo).mul(margin);
    lows.push(lo.sub(pad));
    highs.push(hi.add(pad));
  }
  const percent = margin.mul(Rational.of(100n, 1n));
  return {
    ...boxHRep(lows, highs, 'per-coordinate'),
    description: `data bounding box + ${percent.isInteger() ? percent.toString() : percent.toNumber()} % margin: ${lows.map((lo, i) => `[${lo.toNumber()}, ${highs[i]!.toNumber()}]`).join(' × ')}`,
  };
}

const DOMAIN_KEYS = [['box'], ['A', 'b']];

/** Rejects keys a domain object does not have (a misspelt "bx" must not silently mean no box). */
function checkDomainKeys(v: object, file: string, prefix: string): void {
  const keys = Object.keys(v);
  const form = 'box' in v ? DOMAIN_KEYS[0]! : DOMAIN_KEYS[1]!;
  const unknown = keys.find((k) => !form.includes(k));
  if (unknown !== undefined) {
    throw new InputError('DOMAIN', `unknown key "${unknown}"`, {
      file,
      field: `${prefix}${unknown}`,
      fix: 'a domain has "box", or "A" and "b", and nothing else',
    });
  }
}

/** The box [lo, hi]^d as A x ≤ b (boxHRep: rows −e_i ≤ −lo, then e_i ≤ hi). */
export function cubeDomain(dimension: number, lo: Rational, hi: Rational): DomainChoice {
  const { A, b } = boxHRep(new Array(dimension).fill(lo), new Array(dimension).fill(hi));
  return { A, b, description: `box [${lo}, ${hi}]^${dimension}` };
}

/** Reads the JSON forms of a domain file (see module comment). */
function domainFromJson(value: unknown, dimension: number, file: string): DomainChoice {
  const embedded = typeof value === 'object' && value !== null && 'domain' in value;
  const v = (embedded ? (value as { domain: unknown }).domain : value) as {
    box?: unknown;
    A?: unknown;
    b?: unknown;
  };
  if (typeof v === 'object' && v !== null && !Array.isArray(v))
    checkDomainKeys(v, file, embedded ? 'domain.' : '');
  const num = (x: unknown, field: string): Rational => {
    if (typeof x === 'number' || typeof x === 'string') {
      try {
        return Rational.from(x, field);
      } catch (error) {
        if (isMlgeoError(error)) {
          throw new InputError(
            libraryCode(error),
            `cannot read ${JSON.stringify(x)} as an exact number`,
            {
              file,
              field,
              fix: 'write finite numbers or exact strings "p/q"',
            },
          );
        }
        throw error;
      }
    }
    throw new InputError('PARSE', `expected a number, got ${JSON.stringify(x)}`, {
      file,
      field,
      fix: 'write a number',
    });
  };
  if (Array.isArray(v?.box)) {
    const box = v.box as unknown[];
    if (box.length !== dimension) {
      throw new InputError(
        'DOMAIN',
        `the box has ${box.length} intervals, the model ${dimension} inputs`,
        {
          file,
          field: 'box',
          fix: `give ${dimension} [lo, hi] pairs`,
        },
      );
    }
    const lows: Rational[] = [];
    const highs: Rational[] = [];
    box.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InputError('DOMAIN', 'expected [lo, hi]', {
          file,
          field: `box[${i}]`,
          fix: 'write [lo, hi]',
        });
      }
      const lo = num(pair[0], `box[${i}][0]`);
      const hi = num(pair[1], `box[${i}][1]`);
      if (lo.cmp(hi) >= 0) {
        throw new InputError('DOMAIN', `interval [${lo}, ${hi}] is empty or a point`, {
          file,
          field: `box[${i}]`,
          fix: 'write lo < hi',
        });
      }
      lows.push(lo);
      highs.push(hi);
    });
    return { ...boxHRep(lows, highs, 'per-coordinate'), description: `box from ${file}` };
  }
  if (Array.isArray(v?.A) && Array.isArray(v?.b)) {
    const rows = v.A as unknown[];
    const rhs = v.b as unknown[];
    if (rows.length !== rhs.length || rows.length === 0) {
      throw new InputError('DOMAIN', `A has ${rows.length} rows, b has ${rhs.length} entries`, {
        file,
        field: 'b',
        fix: 'give one right-hand side per row of A (at least d + 1 rows)',
      });
    }
    const A = rows.map((row, i) => {
      if (!Array.isArray(row) || row.length !== dimension) {
        throw new InputError('DOMAIN', `row needs ${dimension} entries`, {
          file,
          field: `A[${i}]`,
          fix: `give ${dimension} coefficients per row`,
        });
      }
      return row.map((x, k) => num(x, `A[${i}][${k}]`));
    });
    return {
      A,
      b: rhs.map((x, i) => num(x, `b[${i}]`)),
      description: `H-representation from ${file}`,
      ...(embedded ? {} : { topLevel: true }),
    };
  }
  throw new InputError('DOMAIN', 'expected {"box": [[lo, hi], …]} or {"A": […], "b": […]}', {
    file,
    field: '(root)',
    fix: 'see docs/getting-started.md for the domain formats',
  });
}

const BOX_FORMS = 'box, box:lo,hi (e.g. box:-1,1), box:lo1,hi1,lo2,hi2,… (one lo,hi per axis)';

/**
 * `box:lo,hi` (the same interval on every axis) or `box:lo1,hi1,…,lod,hid` (one interval per
 * axis, 2d numbers); each bound is an exact number (`-1/2`, `0.1` = 1/10).
 */
function boxFromSpec(spec: string, dimension: number): DomainChoice {
  const parts = spec.slice('box:'.length).split(',');
  let bounds: Rational[];
  try {
    bounds = parts.map((p) => Rational.parse(p.trim()));
  } catch {
    throw new UsageError(`cannot read the bounds of --domain ${spec}`, {
      field: '--domain',
      fix: `write ${BOX_FORMS} or a .json/.ine file`,
    });
  }
  if (bounds.length !== 2 && bounds.length !== 2 * dimension) {
    throw new UsageError(
      `--domain ${spec} gives ${bounds.length} bound(s), but the model has ${dimension} input(s)`,
      {
        field: '--domain',
        fix: `give 2 bounds (box:lo,hi, the same on every axis) or ${2 * dimension} (box:lo1,hi1,…, one lo,hi pair per axis)`,
      },
    );
  }
  const lows: Rational[] = [];
  const highs: Rational[] = [];
  for (let i = 0; i < dimension; i++) {
    const k = bounds.length === 2 ? 0 : 2 * i;
    const lo = bounds[k]!;
    const hi = bounds[k + 1]!;
    if (lo.cmp(hi) >= 0) {
      throw new UsageError(
        `--domain ${spec} is empty: [${lo}, ${hi}]${bounds.length === 2 ? '' : ` on axis ${i + 1}`} has lo ≥ hi`,
        { field: '--domain', fix: 'write each interval as lo,hi with lo < hi' },
      );
    }
    lows.push(lo);
    highs.push(hi);
  }
  if (bounds.length === 2) return cubeDomain(dimension, lows[0]!, highs[0]!);
  return {
    ...boxHRep(lows, highs, 'per-coordinate'),
    description: `box ${lows.map((lo, i) => `[${lo}, ${highs[i]!}]`).join(' × ')}`,
  };
}

/** Resolves the `--domain` option for a model with `dimension` inputs. */
export function parseDomainOption(spec: string, dimension: number, cwd: string): DomainChoice {
  if (spec === 'box') return cubeDomain(dimension, Rational.ZERO, Rational.ONE);
  if (spec.startsWith('box:')) return boxFromSpec(spec, dimension);
  const path = resolve(cwd, spec);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('NOT_FOUND', 'cannot read the domain file', {
      file: spec,
      fix: `give ${BOX_FORMS} or an existing .json/.ine file`,
    });
  }
  if (spec.toLowerCase().endsWith('.ine')) {
    let polytope: Polytope;
    try {
      polytope = Polytope.fromIne(text);
    } catch (error) {
      if (isMlgeoError(error)) {
        throw new InputError(libraryCode(error), error.message, {
          file: spec,
          fix: 'write a cdd/lrs H-representation',
        });
      }
      throw error;
    }
    if (polytope.ambientDimension !== dimension) {
      throw new InputError(
        'DOMAIN',
        `the domain is in R^${polytope.ambientDimension}, the model in R^${dimension}`,
        {
          file: spec,
          fix: `give a domain with ${dimension} columns after the constant`,
        },
      );
    }
    const facets = polytope.facets();
    return {
      A: facets.map((f) => f.a),
      b: facets.map((f) => f.b),
      description: `H-representation from ${spec}`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError('DECODE', `not valid JSON (${(error as Error).message})`, {
      file: spec,
      fix: 'write {"box": [[lo, hi], …]} or {"A": […], "b": […]}',
    });
  }
  return domainFromJson(value, dimension, spec);
}
