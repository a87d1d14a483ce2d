/**
 * zod building blocks shared by the JSON readers: exact-number leaves (SPEC §1) and the
 * translation of the first zod issue into a ModelFormatError whose field is the JSON path.
 */
import type { Rational } from '@mlgeo/exact-arith';
import { z } from 'zod';
import { ModelFormatError, joinField, type ModelFormatErrorCode } from './errors.js';
import { toExactRational } from './exact-number.js';

/** A JSON number or exact string, converted to the Rational it exactly is. */
export const exactNumber = z.unknown().transform((value, ctx): Rational => {
  try {
    return toExactRational(value, '');
  } catch (error) {
    if (!(error instanceof ModelFormatError)) throw error;
    ctx.addIssue({
      code: 'custom',
      message: error.detail,
      params: { mlgeoCode: error.code, fix: error.fix },
    });
    return z.NEVER;
  }
});

/** A vector of exact numbers. */
export const exactVector = z.array(exactNumber);
/** A matrix (array of rows) of exact numbers; row lengths are checked by the readers. */
export const exactMatrix = z.array(exactVector);
/** A non-negative integer (node and feature indices, dimensions). */
export const index = z.number().int().nonnegative();

/** `["layers", 1, "weights"]` → `layers[1].weights`, below `prefix`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let field = prefix;
  for (const key of path) field = joinField(field, typeof key === 'number' ? key : String(key));
  return field === '' ? '(root)' : field;
}

/**
 * Parses `value` with `schema`; the first problem becomes a ModelFormatError naming its JSON path
 * (below `prefix`), with the count of further problems in the message.
 */
export function parseStructure<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = '',
  what = 'model',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues[0]!;
  const params = (first as { params?: { mlgeoCode?: ModelFormatErrorCode; fix?: string } }).params;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : '';
  return failStructure(
    params?.mlgeoCode ?? 'INVALID',
    `${first.message}${more}`,
    formatPath(first.path, prefix),
    params?.fix ?? `fix the ${what} file to follow the format in docs/formats.md`,
  );
}

function failStructure(
  code: ModelFormatErrorCode,
  detail: string,
  field: string,
  fix: string,
): never {
  throw new ModelFormatError(code, detail, { field, fix });
}
