/**
 * Turns a report (plus the data points) into an SVG scene: cells from their stored H-reps, painted
 * by their class pieces (SPEC §5; by cell index when the model predicts no class), the decision
 * boundary pieces, and (on request) the adjacency edges and angle marks from the report's complex.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { DataPoints } from '../data.js';
import { complexAngles, complexEdges } from '../report/complex-view.js';
import type { HRepJson, ReportJson } from '../report/types.js';
import { cellValuesOf } from './cell-values.js';
import type { FloatHalfspace } from './geometry.js';
import type { BoundaryLines, SvgCell, SvgScene } from './render.js';

function floatHalfspaces(hrep: HRepJson): FloatHalfspace[] {
  return hrep.A.map((row, i) => ({
    a: row.map((x) => Rational.parse(x).toNumber()),
    b: Rational.parse(hrep.b[i]!).toNumber(),
  }));
}

/** Options of {@link sceneFromReport}. */
export interface SceneOptions {
  points?: DataPoints | undefined;
  /** Draw the adjacency graph on the cell centres (off by default: a hairball on big partitions). */
  graph?: boolean;
  /**
   * Mark the dihedral angles with their values (`--angles`): `true` for every ridge angle, a
   * number of degrees to mark only the angles below it (`--angles 30`).
   */
  angles?: boolean | number;
  /** `--boundaries`: which boundary lines are drawn (svg/render.ts `BoundaryLines`). */
  boundaries?: BoundaryLines;
  slice?: [number[], number[], number[]];
  /** `--feature-names`: axis names (else the CSV header's). */
  featureNames?: string[];
  /** `--class-names`: legend names of the model's classes. */
  classNames?: string[];
  /** Cluster centres to draw (k-means / Voronoi models). */
  sites?: number[][];
  /**
   * `--colour-by`: class (default), a cell quantity (volume, count, slope; {@link cellQuantity}) or
   * a cell value of an analysis (eigenvector:j, spline; svg/cell-values.ts), with a colour bar.
   */
  colourBy?: string;
}

/** The cell quantities `--colour-by` may name (besides class and svg/cell-values.ts's values). */
export type ColourBy = 'class' | 'volume' | 'count' | 'slope';

/** Whether `--colour-by <what>` is class or one of {@link cellQuantity}'s quantities. */
export function isCellQuantity(what: string): what is ColourBy {
  return what === 'class' || what === 'volume' || what === 'count' || what === 'slope';
}

const measureNumber = (m: number | { float: number } | null | undefined): number | null =>
  m === null || m === undefined ? null : typeof m === 'number' ? m : m.float;

/**
 * A cell quantity per cell: volume (d-volume), count (data points in the cell), slope (the norm
 * of the gradient of the model's output on the cell, ‖A‖_F of the affine output map f = A x + c;
 * models without per-cell maps have slope 0 — they are constant on each cell).
 */
export function cellQuantity(
  report: ReportJson,
  by: Exclude<ColourBy, 'class'>,
): { name: string; cells: (number | null)[] } {
  const cells = report.partition.cells.map((cell) => {
    if (by === 'volume') return measureNumber(cell.volume as number | { float: number });
    if (by === 'count') return cell.dataCount ?? null;
    if (!cell.output) return 0;
    let s = 0;
    for (const row of cell.output.A) for (const a of row) s += Rational.parse(a).toNumber() ** 2;
    return Math.sqrt(s);
  });
  const name =
    by === 'volume' ? 'cell volume' : by === 'count' ? 'data points per cell' : 'slope ‖∇f‖';
  return { name, cells };
}

/** The scene for `report`; see module comment. */
export function sceneFromReport(report: ReportJson, options: SceneOptions = {}): SvgScene {
  const word = report.model.kind === 'voronoi' ? 'cluster' : 'class';
  const cells: SvgCell[] = report.partition.cells.map((cell) => {
    const cls = cell.predictedClass;
    const svgCell: SvgCell = {
      label: cell.label,
      halfspaces: floatHalfspaces(cell.hrep),
      category: cls ?? cell.index,
      categoryName: cls !== undefined ? `${word} ${cls}` : `cell ${cell.label}`,
    };
    if (cell.pieces) {
      // SPEC §5: paint the class pieces (any number of classes), not the cell
      svgCell.pieces = cell.pieces.map((p) => ({
        label: p.label,
        class: p.class,
        halfspaces: floatHalfspaces(p.hrep),
      }));
    } else if (cell.output && cell.output.A.length === 1) {
      svgCell.output = {
        w: cell.output.A[0]!.map((x) => Rational.parse(x).toNumber()),
        c: Rational.parse(cell.output.c[0]!).toNumber(),
        classes: [0, 1], // one output: class 1 iff f > 0
      };
    }
    return svgCell;
  });
  const scene: SvgScene = {
    dimension: report.model.inputDimension,
    domain: floatHalfspaces(report.domain.hrep),
    cells,
    boundary: (report.decision?.boundary ?? []).map((b) => {
      const piece = report.partition.cells[b.cell]!.pieces!.find((p) => p.class === b.classes[0])!;
      return {
        piece: floatHalfspaces(piece.hrep),
        hyperplane: {
          w: b.hyperplane.w.map((x) => Rational.parse(x).toNumber()),
          c: Rational.parse(b.hyperplane.c).toNumber(),
        },
      };
    }),
    title: sceneTitle(report),
  };
  // the decision boundary on cell facets: shared faces of one-piece cells of different classes
  // (models of constant class per cell; 2-D pictures, where a shared face is a segment)
  if (report.model.inputDimension === 2 && options.slice === undefined) {
    const classOf = (i: number) => {
      const pieces = report.partition.cells[i]?.pieces;
      return pieces?.length === 1 ? pieces[0]!.class : undefined;
    };
    // (no complex in a partial report, no face vertices with --omit vertices: no lines)
    scene.boundaryFaces = (report.complex?.sharedFaces ?? [])
      .filter((f) => {
        const [a, b] = [classOf(f.i), classOf(f.j)];
        return a !== undefined && b !== undefined && a !== b && f.vertices?.length === 2;
      })
      .map((f) => {
        const [p, q] = f.vertices!.map((v) => v.map((x) => Rational.parse(x).toNumber()));
        return [p!, q!];
      });
  }
  if (options.points) {
    const labels = options.points.labels;
    scene.points = options.points.points.map((p, i) => ({
      x: p.map((x) => x.toNumber()),
      ...(labels ? { category: labels[i]! } : {}),
    }));
  }
  if (options.graph && report.complex) scene.edges = complexEdges(report.complex);
  if (options.angles !== undefined && options.angles !== false && report.complex) {
    scene.angles = complexAngles(report.complex);
    if (typeof options.angles === 'number') scene.anglesBelow = options.angles;
  }
  if (options.boundaries !== undefined) scene.boundaries = options.boundaries;
  if (report.curvature) {
    const k = report.curvature;
    scene.curvature = {
      name: `${k.kind === 'ollivier' ? 'Ollivier' : 'Forman'} curvature`,
      cells: k.cells,
      edges: k.edges.map((e) => e.value),
    };
  }
  if (word === 'cluster') scene.categoryWord = 'cluster';
  if (options.classNames) scene.classNames = options.classNames;
  if (options.points?.classNames) scene.pointClassNames = options.points.classNames;
  if (options.sites) scene.sites = options.sites;
  const by = options.colourBy;
  if (by !== undefined && isCellQuantity(by) && by !== 'class') {
    scene.quantity = cellQuantity(report, by);
  }
  if (options.slice) scene.slice = options.slice;
  else if (options.featureNames ?? options.points?.featureNames) {
    const [x, y] = (options.featureNames ?? options.points!.featureNames)!;
    scene.axisNames = [x!, y!];
  }
  const cellValues =
    options.colourBy !== undefined ? cellValuesOf(report, options.colourBy) : undefined;
  if (cellValues) scene.cellValues = cellValues;
  return scene;
}

/**
 * The picture's title: the model file's base name without extension and what is drawn, e.g.
 * "moons-mlp: 42 cells, 2 classes" (classes: those predicted somewhere in the drawn cells).
 */
export function sceneTitle(report: ReportJson): string {
  const name = report.model.file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]+$/, '');
  const { cellCount, complete } = report.partition;
  const classes = new Set<number>();
  for (const cell of report.partition.cells) {
    for (const piece of cell.pieces ?? []) classes.add(piece.class);
    if (!cell.pieces && cell.predictedClass !== undefined) classes.add(cell.predictedClass);
  }
  const cells = `${cellCount} ${complete ? '' : 'data-holding '}cell${cellCount === 1 ? '' : 's'}`;
  const classText =
    classes.size > 0 ? `, ${classes.size} class${classes.size === 1 ? '' : 'es'}` : '';
  return `${name}: ${cells}${classText}`;
}
