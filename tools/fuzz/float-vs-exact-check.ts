/**
 * One model through `mlgeo analyze` twice, in-process — exact (`--exact`) and float (`--float`) —
 * and the comparison SPEC §1 promises (docs/math.md, "Predicates and measures"):
 *
 * - identical combinatorics: cell labels, H-representations, vertices, the whole complex
 *   (simplices, shared faces, intersections, ridges, metric), check names and outcomes;
 * - both reports pass `verifyReport`;
 * - float measures within 1e-9 of the exact ones. "Relative" means: volumes (cells, their sum, the
 *   domain) and every float-only number of the complex relative to the magnitude of the exact
 *   value; a centroid coordinate c_j relative to |c_j|, or, when c_j is near 0 (a cell straddling
 *   x_j = 0), within 1e-12·s_j with s_j = max |v_j| over the cell's vertices — the scale of that
 *   coordinate in the cell, at most the domain's (exact-polytope float-measures.ts certifies
 *   1e-10 and 1e-13 of the same quantities).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rational } from '@mlgeo/exact-arith';
import { analyze, verifyReport, type AnalysisResult, type AnalyzeOptions } from '@mlgeo/cli';
import type { FuzzModel } from './degenerate-models.js';

/** SPEC §1: float measures within 1e-9 relative of the exact ones. */
export const RELATIVE_TOLERANCE = 1e-9;
/** A centroid coordinate near 0: within this fraction of the cell's coordinate scale. */
export const CENTROID_SCALE_TOLERANCE = 1e-12;

/** Outcome of one model. */
export interface ModelOutcome {
  name: string;
  /** 'ok'; 'rejected' (both runs reject the input with the same error); 'failed'. */
  status: 'ok' | 'rejected' | 'failed';
  problems: string[];
  cells: number;
  /** verify rejections that are issue 10's finding 4 (acos of tiny angles), see below. */
  /** Cells whose float measures were recomputed exactly (exact-polytope stats). */
  fallbacks: number;
  seconds: number;
}

const silentIo = (cwd: string) => ({
  stdout: () => {},
  stderr: () => {},
  stderrIsTTY: false,
  cwd,
});

function options(file: string, float: boolean): AnalyzeOptions {
  return {
    model: file,
    ...(float ? { float: true } : { exact: true }),
    complex: 'adjacency',
    length: 'centroid',
    cells: 'all',
    maxCells: 20000,
    quiet: true,
  };
}

async function run(file: string, dir: string, float: boolean): Promise<AnalysisResult | Error> {
  try {
    return await analyze(options(file, float), silentIo(dir));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The exact value of a SPEC §1 JSON value ({exact: "p/q", …}), or undefined. */
function exactOf(value: unknown): Rational | undefined {
  if (typeof value === 'object' && value !== null && 'exact' in value) {
    const text = (value as { exact: unknown }).exact;
    if (typeof text === 'string' && !text.includes('sqrt')) return Rational.parse(text);
  }
  return undefined;
}

function relClose(approx: number, exact: number, tol = RELATIVE_TOLERANCE): boolean {
  if (approx === exact) return true;
  return Math.abs(approx - exact) <= tol * Math.abs(exact);
}

/**
 * Deep comparison of two JSON trees of the same run shape: strings, booleans, nulls and array
 * lengths must be equal (exact values and combinatorics); numbers (floats beside exact values,
 * float-only values such as angles) within 1e-9 relative.
 */
function compareTrees(a: unknown, b: unknown, path: string, problems: string[]): void {
  if (problems.length > 20) return;
  if (typeof a === 'number' && typeof b === 'number') {
    if (!relClose(b, a)) problems.push(`${path}: float ${b} vs exact ${a}`);
    return;
  }
  // a float-only measure beside the exact run's SPEC §1 value: compared with its rounded float
  const floatOf = (v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { float?: unknown }).float === 'number'
      ? (v as { float: number }).float
      : undefined;
  if (typeof b === 'number' && floatOf(a) !== undefined) {
    if (!relClose(b, floatOf(a)!))
      problems.push(`${path}: float ${b} vs exact ${JSON.stringify(a)}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      problems.push(`${path}: ${b.length} entries vs ${a.length}`);
      return;
    }
    a.forEach((x, i) => compareTrees(x, b[i], `${path}[${i}]`, problems));
    return;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) {
      problems.push(`${path}: keys {${kb.join(',')}} vs {${ka.join(',')}}`);
      return;
    }
    for (const k of ka) {
      compareTrees(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
        problems,
      );
    }
    return;
  }
  if (a !== b) problems.push(`${path}: ${JSON.stringify(b)} vs ${JSON.stringify(a)}`);
}

/** A float-only measure against the exact SPEC §1 value of the exact run. */
function compareMeasure(
  exactValue: unknown,
  floatValue: unknown,
  path: string,
  problems: string[],
) {
  const e = exactOf(exactValue);
  if (e === undefined || typeof floatValue !== 'number') {
    problems.push(
      `${path}: expected an exact value and a float, got ${JSON.stringify(exactValue)} and ${JSON.stringify(floatValue)}`,
    );
    return;
  }
  if (!relClose(floatValue, e.toNumber())) {
    problems.push(`${path}: float ${floatValue} vs exact ${e.toString()}`);
  }
}

function compareCentroid(
  exact: unknown[],
  float: unknown[],
  vertices: string[][] | undefined,
  path: string,
  problems: string[],
): void {
  exact.forEach((value, j) => {
    const e = exactOf(value);
    const f = float[j];
    if (e === undefined || typeof f !== 'number') {
      problems.push(`${path}[${j}]: not an exact/float pair`);
      return;
    }
    const c = e.toNumber();
    const scale = vertices
      ? Math.max(...vertices.map((v) => Math.abs(Rational.parse(v[j]!).toNumber())))
      : Math.abs(c);
    const err = Math.abs(f - c);
    if (!(err <= RELATIVE_TOLERANCE * Math.abs(c) || err <= CENTROID_SCALE_TOLERANCE * scale)) {
      problems.push(`${path}[${j}]: float ${f} vs exact ${e.toString()} (scale ${scale})`);
    }
  });
}

function verifies(report: unknown, which: string, problems: string[]): void {
  try {
    verifyReport(JSON.parse(JSON.stringify(report)));
  } catch (error) {
    problems.push(`${which} report does not verify: ${(error as Error).message}`);
  }
}

/** Runs one model exact and float and compares (see the module comment). */
export async function checkModel(model: FuzzModel, dir?: string): Promise<ModelOutcome> {
  const started = performance.now();
  const own = dir === undefined;
  const work = dir ?? mkdtempSync(join(tmpdir(), 'mlgeo-fuzz-'));
  const file = 'model.json';
  writeFileSync(join(work, file), JSON.stringify(model.json));
  const problems: string[] = [];
  let cells = 0;
  let fallbacks = 0;
  let status: ModelOutcome['status'] = 'ok';
  try {
    const exact = await run(file, work, false);
    const float = await run(file, work, true);
    if (exact instanceof Error || float instanceof Error) {
      if (exact instanceof Error && float instanceof Error && exact.message === float.message) {
        status = 'rejected';
        problems.push(exact.message);
      } else {
        status = 'failed';
        problems.push(
          `exact: ${exact instanceof Error ? exact.message : 'ok'}; float: ${float instanceof Error ? float.message : 'ok'}`,
        );
      }
    } else {
      const E = exact.report;
      const F = float.report;
      cells = E.partition.cells.length;
      fallbacks = float.partition.cells.reduce(
        (s, c) => s + c.polytope.stats.floatMeasureFallbacks,
        0,
      );
      // combinatorics and the whole complex: identical (numbers within 1e-9); the metric's tier
      // flag differs by design (--float writes float-only measures, complex included: SPEC §4 tiers)
      if (F.complex?.metric && F.complex.metric.exact !== false)
        problems.push('complex.metric.exact: the float run claims an exact metric');
      const tierless = (c: typeof E.complex) =>
        c?.metric ? { ...c, metric: { ...c.metric, exact: null } } : c;
      compareTrees(tierless(E.complex), tierless(F.complex), 'complex', problems);
      compareTrees(
        E.checks.map((c) => [c.name, c.ok]),
        F.checks.map((c) => [c.name, c.ok]),
        'checks',
        problems,
      );
      for (const c of [...E.checks, ...F.checks])
        if (!c.ok) problems.push(`check ${c.name} failed: ${c.detail}`);
      if (E.partition.cells.length !== F.partition.cells.length) {
        problems.push(`cell count ${F.partition.cells.length} vs ${E.partition.cells.length}`);
      } else {
        E.partition.cells.forEach((ce, i) => {
          const cf = F.partition.cells[i]!;
          const path = `partition.cells[${i}]`;
          const { volume: ve, centroid: ge, ...restE } = ce;
          const { volume: vf, centroid: gf, ...restF } = cf;
          compareTrees(restE, restF, path, problems);
          compareMeasure(ve, vf, `${path}.volume`, problems);
          // the LP tier has no centroids (docs/math.md §3); both runs must agree on that
          if (ge !== undefined || gf !== undefined)
            compareCentroid(ge ?? [], gf ?? [], ce.vertices, `${path}.centroid`, problems);
        });
      }
      // decision regions (SPEC §5): same pieces, boundary pieces and bends; measures within 1e-9
      compareTrees(E.decision, F.decision, 'decision', problems);
      compareMeasure(E.partition.volumeSum, F.partition.volumeSum, 'partition.volumeSum', problems);
      compareMeasure(E.domain.volume, F.domain.volume, 'domain.volume', problems);
      verifies(E, 'exact', problems);
      verifies(F, 'float', problems);
      if (problems.length > 0) status = 'failed';
    }
  } finally {
    if (own) rmSync(work, { recursive: true, force: true });
  }
  return {
    name: model.name,
    status,
    problems,
    cells,
    fallbacks,
    seconds: (performance.now() - started) / 1000,
  };
}
