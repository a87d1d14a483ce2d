/**
 * One peer-suite file through @mlgeo/exact-polytope: compute, compare with expected.json, and
 * exercise toExt/toIne (the written text must describe the same polyhedron).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Rational } from '@mlgeo/exact-arith';
import { Polytope, parseExt, parseIne } from '@mlgeo/exact-polytope';
import {
  compareH,
  compareV,
  primitiveRow,
  sameSpan,
  type Expected,
  type OursH,
  type OursV,
} from './compare.js';

/** One line of the peer-suite table. */
export interface FileOutcome {
  file: string;
  kind: 'H' | 'V';
  agree: boolean;
  /** First difference with expected.json (or the error), undefined when they agree. */
  difference?: string;
  /** Seconds for construction and all compared queries (in-process). */
  seconds: number;
  /** CPU seconds (process.cpuUsage, user + system) of the same computation. */
  cpuSeconds?: number;
  /** `ok`, `FAIL: …`, `text only` (output too large for a full recomputation) or `not run`. */
  roundTrip: string;
  roundTripSeconds: number;
  /** Short description of the answer, e.g. `24 vertices`. */
  size: string;
}

interface CheckOptions {
  roundTrip: boolean;
  roundTripLimit: number;
  /** Time a second run when the first took < 2 s (the first one warms up the JIT). */
  warm?: boolean;
  /** The per-file time limit (only quoted in a round trip's timeout note). */
  timeoutSeconds?: number;
}

const key = (v: readonly Rational[]) => v.map(String).join(' ');
const sameSet = (a: Rational[][], b: Rational[][]) => {
  const sa = new Set(a.map(key));
  return sa.size === new Set(b.map(key)).size && b.every((v) => sa.has(key(v)));
};

/** Facets as cdd rows `b −a` (b − a·x ≥ 0 ⇔ a·x ≤ b), coprime integers. */
function facetRows(P: Polytope): Rational[][] {
  return P.facets().map((f) => primitiveRow([f.b, ...f.a.map((x) => x.neg())], false));
}

/** Affine hull A x = b as rows `b −A`. */
function equalityRows(P: Polytope): Rational[][] {
  const h = P.affineHull();
  return h.A.map((row, i) => [h.b[i]!, ...row.map((x) => x.neg())]);
}

function solveH(P: Polytope): OursH {
  const empty = P.isEmpty();
  // expected.json's `bounded` means "has a vertex and no rays or lines" (make_expected.py), which is
  // false for the empty set; Polytope.isBounded() is the mathematical notion (the empty set is
  // bounded), so the comparison uses the reference's definition here.
  if (empty)
    return { empty, bounded: false, dimension: P.dimension(), vertices: [], rays: [], lines: [] };
  return {
    empty,
    bounded: P.isBounded(),
    dimension: P.dimension(),
    vertices: P.vertices(),
    rays: P.rays(),
    lines: P.lines(),
  };
}

/** H-file round trip: toExt() text holds our generators, fromExt of it gives our facets back. */
function roundTripH(P: Polytope, ours: OursH, o: CheckOptions): string {
  const ext = parseExt(P.toExt());
  if (!ours.empty) {
    if (!sameSet(ext.points, ours.vertices)) return 'FAIL: toExt points ≠ vertices';
    if (!sameSet(ext.rays, ours.rays)) return 'FAIL: toExt rays ≠ rays';
    if (!sameSpan(ext.lines, ours.lines)) return 'FAIL: toExt lines ≠ lines';
  } else if (ext.points.length > 0) return 'FAIL: toExt of an empty polyhedron has points';
  const ine = parseIne(P.toIne());
  const written = ine.A.map((a, i) => primitiveRow([ine.b[i]!, ...a.map((x) => x.neg())], false));
  const writtenEq = written.filter((_, i) => ine.equalities.includes(i));
  const writtenIneq = written.filter((_, i) => !ine.equalities.includes(i));
  if (!ours.empty) {
    if (!sameSet(writtenIneq, facetRows(P))) return 'FAIL: toIne rows ≠ facets';
    if (!sameSpan(writtenEq, equalityRows(P))) return 'FAIL: toIne linearity ≠ affine hull';
  }
  const size = ours.vertices.length + ours.rays.length + ours.lines.length;
  if (size > o.roundTripLimit) return 'text only';
  const Q = Polytope.fromExt(P.toExt());
  if (Q.isEmpty() !== ours.empty) return 'FAIL: fromExt(toExt()) emptiness differs';
  if (ours.empty) return 'ok';
  if (Q.dimension() !== ours.dimension) return 'FAIL: fromExt(toExt()) dimension differs';
  if (!sameSpan(equalityRows(Q), equalityRows(P)))
    return 'FAIL: fromExt(toExt()) affine hull differs';
  // Facets of a lower-dimensional polyhedron are defined modulo its equalities: compare counts.
  const full = ours.dimension === P.ambientDimension;
  if (full ? !sameSet(facetRows(Q), facetRows(P)) : facetRows(Q).length !== facetRows(P).length)
    return 'FAIL: fromExt(toExt()) facets differ';
  return 'ok';
}

/** V-file round trip: toIne() text holds our facets, fromIne of it gives our vertices back. */
function roundTripV(P: Polytope, ours: OursV, o: CheckOptions): string {
  const ine = parseIne(P.toIne());
  const rows = ine.A.map((a, i) => primitiveRow([ine.b[i]!, ...a.map((x) => x.neg())], false));
  const ineq = rows.filter((_, i) => !ine.equalities.includes(i));
  const eq = rows.filter((_, i) => ine.equalities.includes(i));
  if (
    !sameSet(
      ineq,
      ours.facets.map((f) => primitiveRow(f, false)),
    )
  )
    return 'FAIL: toIne rows ≠ facets';
  if (!sameSpan(eq, ours.equalities)) return 'FAIL: toIne linearity ≠ affine hull';
  const vertices = P.vertices();
  const ext = parseExt(P.toExt());
  if (!sameSet(ext.points, vertices)) return 'FAIL: toExt points ≠ vertices';
  if (ours.facets.length > o.roundTripLimit) return 'text only';
  const Q = Polytope.fromIne(P.toIne());
  if (!sameSet(Q.vertices(), vertices)) return 'FAIL: fromIne(toIne()) vertices differ';
  if (!sameSet(Q.rays(), P.rays())) return 'FAIL: fromIne(toIne()) rays differ';
  if (!sameSpan(Q.lines(), P.lines())) return 'FAIL: fromIne(toIne()) lines differ';
  return 'ok';
}

/** Runs one suite file; never throws (errors become a disagreement with their message). */
export function runFile(
  suite: string,
  file: string,
  expected: Expected | undefined,
  o: CheckOptions,
  /** Called with the compared result before the (possibly slow) round trip starts. */
  onCompared?: (outcome: FileOutcome) => void,
): FileOutcome {
  const kind = file.endsWith('.ext') ? 'V' : 'H';
  const outcome: FileOutcome = {
    file,
    kind,
    agree: false,
    seconds: NaN,
    roundTrip: 'not run',
    roundTripSeconds: 0,
    size: '',
  };
  if (!expected) {
    outcome.difference = 'no entry in expected.json';
    return outcome;
  }
  const text = readFileSync(join(suite, file), 'utf8');
  let P: Polytope;
  let oursH: OursH | undefined;
  let oursV: OursV | undefined;
  const cpuSince = (c: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(c);
    return (u.user + u.system) / 1e6;
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    if (expected.representation === 'H') {
      P = Polytope.fromIne(text);
      oursH = solveH(P);
    } else {
      P = Polytope.fromExt(text);
      oursV = { facets: facetRows(P), equalities: equalityRows(P) };
    }
  } catch (e) {
    outcome.seconds = (performance.now() - t0) / 1000;
    outcome.difference = `error: ${(e as Error).message}`;
    return outcome;
  }
  outcome.seconds = (performance.now() - t0) / 1000;
  outcome.cpuSeconds = cpuSince(c0);
  if (o.warm && outcome.seconds < 2) {
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    if (expected.representation === 'H') solveH(Polytope.fromIne(text));
    else {
      const Q = Polytope.fromExt(text);
      facetRows(Q);
      equalityRows(Q);
    }
    outcome.seconds = (performance.now() - t1) / 1000;
    outcome.cpuSeconds = cpuSince(c1);
  }
  const diff =
    expected.representation === 'H' ? compareH(expected, oursH!) : compareV(expected, oursV!);
  outcome.agree = diff === null;
  if (diff !== null) outcome.difference = diff;
  outcome.size = oursH
    ? oursH.empty
      ? 'empty'
      : `${oursH.vertices.length}v ${oursH.rays.length}r ${oursH.lines.length}l dim ${oursH.dimension}`
    : `${oursV!.facets.length}f ${oursV!.equalities.length}eq`;
  if (o.roundTrip) {
    onCompared?.({ ...outcome, roundTrip: `timeout (> ${o.timeoutSeconds ?? '?'} s in all)` });
    const t1 = performance.now();
    try {
      outcome.roundTrip = oursH ? roundTripH(P, oursH, o) : roundTripV(P, oursV!, o);
    } catch (e) {
      outcome.roundTrip = `FAIL: ${(e as Error).message}`;
    }
    outcome.roundTripSeconds = (performance.now() - t1) / 1000;
  }
  return outcome;
}
