/**
 * docs/errors.md lists every code of every package's error-code union, under that package, so the
 * document cannot go stale when a code is added or renamed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** The string literals of `export type <name> = 'A' | 'B' …;` in `source`. */
function unionCodes(source: string, name: string): string[] {
  const match = new RegExp(`export type ${name} =([^;]*);`).exec(source);
  if (match?.[1] === undefined) throw new Error(`no union ${name}`);
  return [...match[1].replace(/\/\/.*$/gm, '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1] ?? '');
}

/** Package name → the error-code unions (file, type name) making up its union. */
const unions: Record<string, [string, string][]> = {
  'exact-arith': [['packages/exact-arith/src/errors.ts', 'ExactArithErrorCode']],
  'exact-polytope': [['packages/exact-polytope/src/errors.ts', 'ExactPolytopeErrorCode']],
  'model-partitions': [['packages/model-partitions/src/errors.ts', 'ModelPartitionsErrorCode']],
  'model-readers': [
    ['packages/model-readers/src/errors.ts', 'ModelFormatErrorCode'],
    ['packages/model-readers/src/data/errors.ts', 'DataFormatErrorCode'],
  ],
  'riemannian-complex': [
    ['packages/riemannian-complex/src/errors.ts', 'RiemannianComplexErrorCode'],
  ],
  curvature: [['packages/curvature/src/errors.ts', 'CurvatureErrorCode']],
  'diff-forms': [['packages/diff-forms/src/errors.ts', 'DiffFormsErrorCode']],
  'laplacian-splines': [['packages/laplacian-splines/src/errors.ts', 'LaplacianSplinesErrorCode']],
  cli: [['packages/cli/src/errors.ts', 'CliErrorCode']],
};

/** The section `## @mlgeo/<name> …` of docs/errors.md. */
function section(doc: string, name: string): string {
  const start = doc.indexOf(`## @mlgeo/${name} `);
  if (start < 0) return '';
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe('docs/errors.md', () => {
  const doc = read('docs/errors.md');
  for (const [name, parts] of Object.entries(unions)) {
    it(`lists every code of @mlgeo/${name}`, () => {
      const codes = parts.flatMap(([file, type]) => unionCodes(read(file), type));
      expect(codes.length).toBeGreaterThan(0);
      const text = section(doc, name);
      expect(codes.filter((code) => !text.includes(`| \`${code}\` |`))).toEqual([]);
    });
  }
});
