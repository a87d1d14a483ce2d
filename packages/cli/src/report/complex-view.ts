/**
 * Read-only accessors for the complex part of a report (riemannian-complex `ComplexJson`), used by
 * the summary table and the SVG scene.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { SvgAngle } from '../svg/render.js';

interface ComplexShape {
  simplices?: number[][][];
  ridges?: { point: string[]; angles: { cell: number; angle: number }[] }[] | null;
}

/** Numbers of edges and triangles of the complex. */
export function complexCounts(complex: unknown): { edges: number; triangles: number } {
  const c = complex as ComplexShape;
  return { edges: c.simplices?.[1]?.length ?? 0, triangles: c.simplices?.[2]?.length ?? 0 };
}

/** The edges (1-simplices) as index pairs. */
export function complexEdges(complex: unknown): [number, number][] {
  const c = complex as ComplexShape;
  return (c.simplices?.[1] ?? []).map((e) => [e[0]!, e[1]!]);
}

/** One mark per (ridge, cell) with the ridge point in floats (2-D pictures). */
export function complexAngles(complex: unknown): SvgAngle[] {
  const c = complex as ComplexShape;
  return (c.ridges ?? []).flatMap((r) => {
    const at = r.point.map((x) => Rational.parse(x).toNumber());
    return r.angles.map((a) => ({ at, cell: a.cell, angle: a.angle }));
  });
}
