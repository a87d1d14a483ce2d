/**
 * The decision partition of a partition (SPEC §5): every cell split into its class pieces (labelled
 * `<cell label>:<class>`), the decision boundary's pieces inside cells with their exact (d−1)-volumes,
 * the bends between boundary pieces of neighbouring cells, and the exact volume of each class region.
 */
import { Rational, SqrtRational, type Measures } from '@mlgeo/exact-arith';
import { Polytope, type Predicates } from '@mlgeo/exact-polytope';
import { adapterFor } from '../adapters/index.js';
import type { Model } from '../models.js';
import type { Partition } from '../partition.js';
import { boundaryBends, type DecisionBend } from './bends.js';
import { cellDecision, constantClassCell, type CellDecision } from './pieces.js';

/** Options: how signs are decided (identical results) and what the measures are. */
export interface DecisionOptions {
  predicates?: Predicates;
  measures?: Measures;
}

/** A class piece of a cell (a cell of the decision partition). */
export interface DecisionPiece {
  /** Index of the cell in the partition. */
  cell: number;
  class: number;
  /** `<cell label>:<class>` (SPEC §5). */
  label: string;
  polytope: Polytope;
  /** vol_d: exact, or float64 with `measures: 'float'`. */
  volume: Rational | number;
}

/** A piece of the decision boundary inside one cell. */
export interface DecisionBoundaryPiece {
  /** Index of the cell in the partition. */
  cell: number;
  /** The two classes it separates, lower first. */
  classes: [number, number];
  /** w·x + c = 0 with w·x + c > 0 on the side of `classes[1]`. */
  hyperplane: { w: Rational[]; c: Rational };
  /** The face as a polytope (the lower class's piece with the hyperplane as an equality). */
  face: Polytope;
  /** vol_{d−1} as r·√q (SPEC §3 relative measure), or float64 with `measures: 'float'`. */
  volume: SqrtRational | number;
  /** The face's vertices (exact). */
  vertices: Rational[][];
}

/** A class region of X (or of the cells present, for a partial partition). */
export interface DecisionRegion {
  class: number;
  volume: Rational | number;
  pieces: number;
}

/** The decision partition of a partition. */
export interface DecisionPartition {
  /** Per cell of the partition (same order), its pieces. */
  cells: DecisionPiece[][];
  boundary: DecisionBoundaryPiece[];
  bends: DecisionBend[];
  /** Class regions in class order (classes with no piece are left out). */
  regions: DecisionRegion[];
}

function cellDecisionOf(
  partition: Partition,
  model: Model,
  index: number,
  predicates: Predicates,
): CellDecision | undefined {
  const cell = partition.cells[index]!;
  if (model.kind === 'mlp') {
    const output = cell.mlp?.output ?? adapterFor(model).cellMaps!(model, cell.label).output;
    return cellDecision(cell.polytope, output, { predicates });
  }
  const cls = adapterFor(model).predictedClass(cell.prediction);
  return cls === undefined ? undefined : constantClassCell(cell.polytope, cls);
}

/**
 * The decision partition (SPEC §5). Undefined when the model predicts no class (arrangements,
 * regression trees and forests). ReLU MLPs are split along z_j = z_k inside each cell; every other
 * kind has one class per cell, so each cell is one piece and its decision boundary lies on cell
 * facets (not reported as inner boundary pieces).
 */
export function decisionPartition(
  partition: Partition,
  model: Model,
  options: DecisionOptions = {},
): DecisionPartition | undefined {
  const predicates = options.predicates ?? partition.predicates;
  const exact = (options.measures ?? 'exact') === 'exact';
  const cells: DecisionPiece[][] = [];
  const boundary: DecisionBoundaryPiece[] = [];
  for (let i = 0; i < partition.cells.length; i++) {
    const decided = cellDecisionOf(partition, model, i, predicates);
    if (decided === undefined) return undefined;
    const label = partition.cells[i]!.label;
    cells.push(
      decided.pieces.map((p) => ({
        cell: i,
        class: p.class,
        label: `${label}:${p.class}`,
        polytope: p.polytope,
        volume: exact ? p.polytope.volume() : p.polytope.volume({ measures: 'float' }),
      })),
    );
    for (const b of decided.boundary) {
      const facet = b.piece.facets()[b.facet]!;
      const rows = b.piece.facets().filter((_, f) => f !== b.facet);
      const face = Polytope.fromHRep(
        rows.map((r) => r.a),
        rows.map((r) => r.b),
        { predicates, equalities: { A: [facet.a], b: [facet.b] } },
      );
      const all = b.piece.vertices();
      const vertices = b.piece.incidence()[b.facet]!.map((v) => all[v]!);
      boundary.push({
        cell: i,
        classes: b.classes,
        hyperplane: b.hyperplane,
        face,
        // float path (issue 11): the face's certified float measure, no exact facet volumes
        volume: exact
          ? b.piece.facetVolumes()[b.facet]!
          : face.relativeVolume({ measures: 'float' }),
        vertices,
      });
    }
  }
  const byClass = new Map<number, { volume: Rational | number; pieces: number }>();
  for (const p of cells.flat()) {
    const r = byClass.get(p.class);
    if (r === undefined) byClass.set(p.class, { volume: p.volume, pieces: 1 });
    else {
      r.volume =
        typeof r.volume === 'number'
          ? r.volume + (p.volume as number)
          : r.volume.add(p.volume as Rational);
      r.pieces++;
    }
  }
  const regions = [...byClass.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([cls, r]) => ({ class: cls, ...r }));
  const bends = boundaryBends(partition, boundary, { predicates, exact });
  return { cells, boundary, bends, regions };
}
