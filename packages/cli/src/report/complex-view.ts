/**
 * Read-only accessors for the complex part of a report (riemannian-complex `ComplexJson`), used by
 * the summary table and the SVG scene.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { ComplexJson } from '@mlgeo/riemannian-complex';
import type { SvgAngle } from '../svg/render.js';

/** Numbers of edges and triangles of the complex. */
export function complexCounts(c: ComplexJson): { edges: number; triangles: number } {
  return { edges: c.simplices[1]?.length ?? 0, triangles: c.simplices[2]?.length ?? 0 };
}

/** The edges (1-simplices) as index pairs. */
export function complexEdges(c: ComplexJson): [number, number][] {
  return (c.simplices[1] ?? []).map((e) => [e[0]!, e[1]!]);
}

/** One mark per (ridge, cell) with the ridge point in floats (2-D pictures). */
export function complexAngles(c: ComplexJson): SvgAngle[] {
  return (c.ridges ?? []).flatMap((r) => {
    const at = r.point.map((x) => Rational.parse(x).toNumber());
    return r.angles.map((a) => ({ at, cell: a.cell, angle: a.angle }));
  });
}
