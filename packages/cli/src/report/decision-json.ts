/**
 * The report's decision regions (SPEC §5, docs/report-schema.md "Decision regions"): each cell's class
 * pieces and the top-level `decision` block, from `decisionPartition` of @mlgeo/model-partitions.
 */
import type { Measures, Predicates, Rational, SqrtRational } from '@mlgeo/exact-arith';
import { decisionPartition, type Model, type Partition } from '@mlgeo/model-partitions';
import type { DecisionJson, HRepJson, PieceJson } from './types.js';

const points = (vs: readonly (readonly Rational[])[]) => vs.map((v) => v.map((x) => x.toString()));

function hrepOf(rows: readonly { a: readonly Rational[]; b: Rational }[]): HRepJson {
  return { A: rows.map((r) => r.a.map((x) => x.toString())), b: rows.map((r) => r.b.toString()) };
}

const measure = (v: Rational | number) => (typeof v === 'number' ? v : v.toJSON());
const radical = (v: SqrtRational | number) => (typeof v === 'number' ? v : v.toJSON());

/** Per-cell pieces (same order as the partition) and the `decision` block; null without classes. */
export function decisionJson(
  partition: Partition,
  model: Model,
  options: { predicates: Predicates; measures: Measures; withVertices?: boolean },
): { pieces: PieceJson[][]; decision: DecisionJson } | null {
  const dp = decisionPartition(partition, model, options);
  if (dp === undefined) return null;
  // exact vertices for d ≤ 3, unless left out (--omit vertices)
  const withVertices = partition.inputDimension <= 3 && options.withVertices !== false;
  const pieces = dp.cells.map((cell) =>
    cell.map((p) => {
      const out: PieceJson = {
        class: p.class,
        label: p.label,
        hrep: hrepOf(p.polytope.facets()),
        volume: measure(p.volume),
      };
      if (withVertices) out.vertices = points(p.polytope.vertices());
      return out;
    }),
  );
  const decision: DecisionJson = {
    regions: dp.regions.map((r) => ({
      class: r.class,
      volume: measure(r.volume),
      pieces: r.pieces,
    })),
    boundary: dp.boundary.map((b) => {
      const out: DecisionJson['boundary'][number] = {
        cell: b.cell,
        classes: b.classes,
        hyperplane: { w: b.hyperplane.w.map((x) => x.toString()), c: b.hyperplane.c.toString() },
        volume: radical(b.volume),
      };
      if (withVertices) out.vertices = points(b.vertices);
      return out;
    }),
    bends: dp.bends.map((b) => ({ between: b.between, angle: b.angle, cos: radical(b.cos) })),
  };
  return { pieces, decision };
}
