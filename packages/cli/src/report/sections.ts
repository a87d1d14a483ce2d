/**
 * Report sections a user can leave out (`--omit metric,ridges,vertices`) and the measures of the
 * report (`--measures exact|float`): validated option values.
 */
import { UsageError } from '../errors.js';

/** Sections `--omit` accepts (docs/report-schema.md, "Omitted sections"). */
export const OMITTABLE = ['metric', 'ridges', 'vertices'] as const;

/** One omittable section. */
export type OmittedSection = (typeof OMITTABLE)[number];

/**
 * Parses `--omit a,b` into the sections in {@link OMITTABLE} order (duplicates merged); an empty
 * or unknown name is a usage error naming the accepted ones.
 */
export function parseOmit(text: string | undefined): OmittedSection[] {
  if (text === undefined) return [];
  const names = text.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(OMITTABLE as readonly string[]).includes(name)) {
      throw new UsageError(
        `"${name}" is not a section that can be left out (${OMITTABLE.join(', ')})`,
        { field: '--omit', fix: `write e.g. --omit ${OMITTABLE.slice(0, 2).join(',')}` },
      );
    }
  }
  return OMITTABLE.filter((s) => names.includes(s));
}
