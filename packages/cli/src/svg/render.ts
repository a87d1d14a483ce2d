/**
 * A small dependency-free SVG renderer for 2-D partitions, or for a 2-D slice of a d-dimensional one
 * (`slice`: the plane through three points). Cells are drawn from their H-representations by
 * half-plane clipping in float64 — pictures only, never reported numbers.
 */
import { type SvgAngle, angleArcLegend, drawAngleMarks } from './angle-marks.js';
import { type CellValues, cellValueColour, colourBar } from './cell-values.js';
import { categoryColor, curvatureColor, pointColor, pointShape } from './colors.js';
import {
  type FloatHalfspace,
  type Point2,
  type SlicePlane,
  clipPolygon,
  planeThrough,
  polygonArea,
  polygonOfHalfplanes,
  projectToPlane,
  restrictToPlane,
  vertexMean,
} from './geometry.js';

/** One cell to draw. */
export interface SvgCell {
  /** The cell's label (SPEC §2), written as `data-label` on its polygon. */
  label: string;
  /** The cell's closed H-representation a·x ≤ b in R^d (domain constraints included). */
  halfspaces: FloatHalfspace[];
  /** Colour category (e.g. predicted class); cells of equal category share a fill. */
  category: number;
  /** Legend text for the category (e.g. `class 1`). */
  categoryName: string;
  /**
   * Optional affine output f(x) = w·x + c on the cell: its zero line is drawn as the decision
   * boundary; with `classes` = [class where f ≤ 0, class where f > 0] the two sides are filled with
   * their class colours (so the picture shows the decision regions exactly).
   */
  output?: { w: number[]; c: number; classes?: [number, number] };
  /**
   * Optional class pieces of the cell (SPEC §5): when given, each piece is filled with its class
   * colour instead of the cell (any number of classes).
   */
  pieces?: SvgPiece[];
}

/** A class piece of a cell: its closed H-representation a·x ≤ b in R^d and its class. */
export interface SvgPiece {
  label: string;
  class: number;
  halfspaces: FloatHalfspace[];
}

/**
 * A decision boundary piece inside a cell: the face of `piece` (the lower class's piece, as
 * half-spaces) on the hyperplane w·x + c = 0.
 */
export interface SvgBoundary {
  piece: FloatHalfspace[];
  hyperplane: { w: number[]; c: number };
}

/** A data point; `category` colours it (e.g. its label in the CSV). */
export interface SvgPoint {
  x: number[];
  category?: number;
}

export type { SvgAngle } from './angle-marks.js';

/**
 * Which boundary lines a picture draws: `both` (default) the cell boundaries thin and light and
 * the decision boundary thick and dark on top, `decision` only the decision boundary, `cells` only
 * the cell boundaries (darker, as the one line work of the picture).
 */
export type BoundaryLines = 'both' | 'decision' | 'cells';

/** Everything {@link renderPartitionSvg} draws. */
export interface SvgScene {
  dimension: number;
  /** Domain X as half-spaces (the picture's frame). */
  domain: FloatHalfspace[];
  cells: SvgCell[];
  /** Decision boundary pieces drawn as thick lines (SPEC §5). */
  boundary?: SvgBoundary[];
  /** Decision boundary segments on cell facets (2-D, endpoints in R^2), drawn like `boundary`. */
  boundaryFaces?: [number[], number[]][];
  /** Adjacency edges as pairs of indices into `cells`, drawn between cell centres. */
  edges?: [number, number][];
  points?: SvgPoint[];
  /** Dihedral-angle marks (arcs with their value in degrees, svg/angle-marks.ts). */
  angles?: SvgAngle[];
  /** Mark only the angles below this many degrees (default 180: every ridge angle). */
  anglesBelow?: number;
  /** Boundary lines drawn ({@link BoundaryLines}; default `both`). */
  boundaries?: BoundaryLines;
  title?: string;
  /**
   * Names of the picture's horizontal and vertical axes (feature names; default x1, x2, or s, t
   * for the coordinates in a slicing plane), drawn with ticks below and left of the domain.
   */
  axisNames?: [string, string];
  /** Required when dimension ≠ 2: three points spanning the slicing plane. */
  slice?: [number[], number[], number[]];
  /**
   * Named points to mark (e.g. the three points of a slice), given like the data points (in R^d,
   * projected to the slicing plane when slicing): a ring and the name beside it.
   */
  marks?: { x: number[]; name: string }[];
  /**
   * When slicing: data points within this distance of the plane are projected and drawn (default
   * 1e-9).
   */
  pointTolerance?: number;
  /** Width of the drawing area in pixels (default 480). */
  size?: number;
  /**
   * Curvature (SPEC §8) to colour by: cells by `cells[i]`, the edges of `edges` by `edges[k]`
   * (null: no value, drawn grey), on a diverging scale symmetric about 0, with a legend.
   */
  curvature?: { name: string; cells: (number | null)[]; edges: (number | null)[] };
  /**
   * A cell quantity to colour by instead of the class (`--colour-by volume|count|slope`): cells by
   * `cells[i]` (null: grey) on a sequential scale from the smallest to the largest value, with a
   * colour bar in the legend.
   */
  quantity?: { name: string; cells: (number | null)[] };
  /** Legend names of the model's classes (`--class-names`); default "class k" / "cluster k". */
  classNames?: string[];
  /** Legend names of the data labels (text labels of the CSV); default "class k". */
  pointClassNames?: string[];
  /** What a category is called in the legend: classes, or clusters (k-means / Voronoi sites). */
  categoryWord?: 'class' | 'cluster';
  /** Cluster centres (k-means / Voronoi sites) in R^d, drawn as crosses. */
  sites?: number[][];
  /** `--colour-by eigenvector:j|spline`: cells coloured by a number each, with a colour bar. */
  cellValues?: CellValues;
}

/** White → dark blue for t ∈ [0, 1] (null / non-finite: grey): the colour bar of a cell quantity. */
export function sequentialColor(value: number | null, lo: number, hi: number): string {
  if (value === null || !Number.isFinite(value)) return '#bbbbbb';
  const t = hi > lo ? Math.max(0, Math.min(1, (value - lo) / (hi - lo))) : 0.5;
  const a = [247, 251, 255];
  const b = [8, 48, 107];
  const hex = (k: number) =>
    Math.round(a[k]! + (b[k]! - a[k]!) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** The rendered SVG and the map from plane coordinates to pixels (for tests and overlays). */
export interface SvgResult {
  svg: string;
  width: number;
  height: number;
  /** Pixel position of a point given in R^d (projected to the slicing plane when d ≠ 2). */
  toPixel(x: readonly number[]): Point2;
  /**
   * The fill colour of each drawn cell by label (its category's colour; a cell split by its decision
   * boundary is filled per side with the class colours instead).
   */
  fills: Map<string, string>;
  /** Labels of the cells whose slice is empty (not drawn). */
  hidden: string[];
}

const MARGIN = 16;
const TITLE_HEIGHT = 28;
const LEGEND_WIDTH = 150;
/** Room for the vertical axis (tick values and name) left of the drawing and the horizontal below. */
const AXIS_LEFT = 48;
const AXIS_BOTTOM = 38;

/**
 * Tick values for [lo, hi]: multiples of a step 1, 2 or 5 × 10^k giving about 5 ticks (the
 * usual "nice numbers"), rounded so that printing them shows no float noise.
 */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const raw = (hi - lo) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.999)!;
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
    ticks.push(Number((k * step).toFixed(digits)) + 0);
  return ticks;
}

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

function fmt3(x: number): string {
  return (Math.round(x * 1000) / 1000 + 0).toString();
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Renders the scene; see {@link SvgScene}. */
export function renderPartitionSvg(scene: SvgScene): SvgResult {
  const size = scene.size ?? 480;
  let plane: SlicePlane;
  if (scene.dimension === 2 && scene.slice === undefined) {
    plane = { origin: [0, 0], u: [1, 0], v: [0, 1] };
  } else {
    if (scene.slice === undefined) {
      throw new RangeError(
        `a ${scene.dimension}-dimensional partition needs a slice (three points)`,
      );
    }
    plane = planeThrough(...scene.slice);
  }
  const toPlane = (x: readonly number[]): Point2 =>
    scene.dimension === 2 && scene.slice === undefined
      ? [x[0]!, x[1]!]
      : projectToPlane(plane, x).st;
  const restrict = (hs: FloatHalfspace[]) => hs.map((h) => restrictToPlane(h, plane));

  const frame = polygonOfHalfplanes(restrict(scene.domain));
  if (frame.length === 0) throw new RangeError('the slicing plane misses the domain');
  const xs = frame.map((p) => p[0]);
  const ys = frame.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const span = Math.max(maxX - minX, maxY - minY);
  const scale = size / span;
  const drawW = (maxX - minX) * scale;
  const drawH = (maxY - minY) * scale;
  const width = Math.ceil(MARGIN * 2 + AXIS_LEFT + drawW + LEGEND_WIDTH);
  const height = Math.ceil(MARGIN * 2 + TITLE_HEIGHT + drawH + AXIS_BOTTOM);
  const px = (p: Point2): Point2 => [
    MARGIN + AXIS_LEFT + (p[0] - minX) * scale,
    MARGIN + TITLE_HEIGHT + (maxY - p[1]) * scale,
  ];
  const toPixel = (x: readonly number[]) => px(toPlane(x));

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (scene.title) {
    parts.push(
      `<text x="${MARGIN}" y="${MARGIN + 12}" font-size="14" fill="#222">${escapeXml(scene.title)}</text>`,
    );
  }

  // cells
  const fills = new Map<string, string>();
  const hidden: string[] = [];
  const polygons: (Point2[] | undefined)[] = [];
  const legend = new Map<number, string>();
  const word = scene.categoryWord ?? 'class';
  const className = (c: number) => scene.classNames?.[c] ?? `${word} ${c}`;
  const quantity = scene.curvature || scene.cellValues ? undefined : scene.quantity;
  const finite = (quantity?.cells ?? []).filter(
    (v): v is number => v !== null && Number.isFinite(v),
  );
  const qLo = finite.length > 0 ? Math.min(...finite) : 0;
  const qHi = finite.length > 0 ? Math.max(...finite) : 0;
  const curvature = scene.curvature;
  const curvatureScale = curvature
    ? Math.max(
        0,
        ...[...curvature.cells, ...curvature.edges]
          .filter((x): x is number => x !== null && Number.isFinite(x))
          .map(Math.abs),
      )
    : 0;
  parts.push('<g id="cells" stroke="none">');
  scene.cells.forEach((cell, index) => {
    const poly = polygonOfHalfplanes(restrict(cell.halfspaces));
    if (poly.length === 0) {
      polygons.push(undefined);
      hidden.push(cell.label);
      return;
    }
    polygons.push(poly);
    const valued = scene.cellValues;
    const fill = valued
      ? cellValueColour(valued, valued.cells[index] ?? null)
      : curvature
        ? curvatureColor(curvature.cells[index] ?? null, curvatureScale)
        : quantity
          ? sequentialColor(quantity.cells[index] ?? null, qLo, qHi)
          : categoryColor(cell.category);
    fills.set(cell.label, fill);
    const label = escapeXml(cell.label);
    const pts = (q: Point2[]) => q.map((p) => px(p).map(fmt).join(',')).join(' ');
    if (cell.pieces && !curvature && !quantity && !valued) {
      for (const piece of cell.pieces) {
        const part = polygonOfHalfplanes(restrict(piece.halfspaces));
        if (part.length < 3 || Math.abs(polygonArea(part)) === 0) continue;
        legend.set(piece.class, className(piece.class));
        fills.set(piece.label, categoryColor(piece.class));
        parts.push(
          `<polygon data-label="${escapeXml(piece.label)}" data-class="${piece.class}" points="${pts(part)}" fill="${categoryColor(piece.class)}"/>`,
        );
      }
      return;
    }
    const classes = curvature || quantity || valued ? undefined : cell.output?.classes;
    if (cell.output && classes) {
      // f ≤ 0 side: −(−w)·x ≤ c … as a half-plane in the plane's coordinates
      const below = restrictToPlane({ a: cell.output.w, b: -cell.output.c }, plane);
      const above = restrictToPlane({ a: cell.output.w.map((w) => -w), b: cell.output.c }, plane);
      const sides: [Point2[], number][] = [
        [clipPolygon(poly, below.a, below.b), classes[0]],
        [clipPolygon(poly, above.a, above.b), classes[1]],
      ];
      for (const [side, category] of sides) {
        if (side.length < 3 || Math.abs(polygonArea(side)) === 0) continue;
        legend.set(category, className(category));
        parts.push(
          `<polygon data-label="${label}" data-side="${category}" points="${pts(side)}" fill="${categoryColor(category)}"/>`,
        );
      }
      return;
    }
    if (!curvature && !quantity && !valued)
      legend.set(
        cell.category,
        scene.classNames?.[cell.category] !== undefined && cell.categoryName.startsWith(word)
          ? className(cell.category)
          : cell.categoryName,
      );
    parts.push(`<polygon data-label="${label}" points="${pts(poly)}" fill="${fill}"/>`);
  });
  parts.push('</g>');

  // cell boundaries: the outlines of the drawn cells, thin and light under the decision boundary
  const lines = scene.boundaries ?? 'both';
  const cellEdgeStyle =
    lines === 'cells'
      ? { stroke: '#333', width: 0.8, opacity: 1 }
      : { stroke: '#555', width: 0.6, opacity: 0.55 };
  if (lines !== 'decision') {
    parts.push(
      `<g id="cell-edges" fill="none" stroke="${cellEdgeStyle.stroke}" stroke-width="${cellEdgeStyle.width}" stroke-opacity="${cellEdgeStyle.opacity}" stroke-linejoin="round">`,
    );
    polygons.forEach((poly, i) => {
      if (poly)
        parts.push(
          `<polygon data-edges-of="${escapeXml(scene.cells[i]!.label)}" points="${poly.map((p) => px(p).map(fmt).join(',')).join(' ')}"/>`,
        );
    });
    parts.push('</g>');
  }

  // decision boundary pieces: the zero line of the affine output clipped to the cell
  const boundary: string[] = [];
  scene.cells.forEach((cell, i) => {
    const poly = polygons[i];
    if (!poly || !cell.output) return;
    const seg = zeroSegment(
      poly,
      restrictToPlane({ a: cell.output.w.map((w) => -w), b: cell.output.c }, plane),
    );
    if (seg) {
      const [p, q] = [px(seg[0]), px(seg[1])];
      boundary.push(
        `<line x1="${fmt(p[0])}" y1="${fmt(p[1])}" x2="${fmt(q[0])}" y2="${fmt(q[1])}"/>`,
      );
    }
  });
  for (const b of scene.boundary ?? []) {
    const seg = faceSegment(
      polygonOfHalfplanes(restrict(b.piece)),
      restrictToPlane({ a: b.hyperplane.w, b: -b.hyperplane.c }, plane),
    );
    if (seg) {
      const [p, q] = [px(seg[0]), px(seg[1])];
      boundary.push(
        `<line x1="${fmt(p[0])}" y1="${fmt(p[1])}" x2="${fmt(q[0])}" y2="${fmt(q[1])}"/>`,
      );
    }
  }
  for (const [a, b] of scene.boundaryFaces ?? []) {
    const [p, q] = [toPixel(a), toPixel(b)];
    boundary.push(
      `<line x1="${fmt(p[0])}" y1="${fmt(p[1])}" x2="${fmt(q[0])}" y2="${fmt(q[1])}"/>`,
    );
  }
  const decisionDrawn = boundary.length > 0 && lines !== 'cells';
  if (decisionDrawn) {
    parts.push(
      `<g id="decision-boundary" stroke="#000" stroke-width="2.2" stroke-linecap="round">${boundary.join('')}</g>`,
    );
  }

  // adjacency graph on cell centres (vertex means of the drawn polygons)
  const centres = polygons.map((p) => (p ? px(vertexMean(p)) : undefined));
  if (scene.edges && scene.edges.length > 0) {
    parts.push(
      curvature
        ? '<g id="adjacency" stroke-width="2.5" stroke-linecap="round">'
        : '<g id="adjacency" stroke="#444" stroke-width="0.8" stroke-opacity="0.6">',
    );
    scene.edges.forEach(([i, j], k) => {
      const p = centres[i];
      const q = centres[j];
      const stroke = curvature
        ? ` stroke="${curvatureColor(curvature.edges[k] ?? null, curvatureScale, true)}"`
        : '';
      if (p && q)
        parts.push(
          `<line x1="${fmt(p[0])}" y1="${fmt(p[1])}" x2="${fmt(q[0])}" y2="${fmt(q[1])}"${stroke}/>`,
        );
    });
    parts.push('</g>');
    parts.push('<g id="cell-centres" fill="#444">');
    for (const c of centres)
      if (c) parts.push(`<circle cx="${fmt(c[0])}" cy="${fmt(c[1])}" r="2"/>`);
    parts.push('</g>');
  }

  // angle marks: a small arc inside the cell at the ridge point, labelled in degrees
  const angleMarks =
    scene.angles && scene.angles.length > 0
      ? drawAngleMarks(
          scene.angles,
          polygons,
          toPlane,
          px,
          { x: MARGIN + AXIS_LEFT, y: MARGIN + TITLE_HEIGHT, w: drawW, h: drawH },
          scene.anglesBelow,
        )
      : undefined;
  if (angleMarks) parts.push(...angleMarks.arcParts);

  // data points (only those on the slicing plane when slicing)
  if (scene.points && scene.points.length > 0) {
    parts.push('<g id="points" stroke="#000" stroke-width="0.5">');
    for (const point of scene.points) {
      if (!(scene.dimension === 2 && scene.slice === undefined)) {
        if (projectToPlane(plane, point.x).distance > (scene.pointTolerance ?? 1e-9)) continue;
      }
      const [cx, cy] = toPixel(point.x);
      parts.push(
        point.category === undefined
          ? `<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="2.2" fill="#000"/>`
          : pointMarker(point.category, cx, cy, 3.5),
      );
    }
    parts.push('</g>');
  }

  // cluster centres (k-means / Voronoi sites), plain 2-D pictures
  if (scene.sites && scene.sites.length > 0 && scene.dimension === 2 && scene.slice === undefined) {
    parts.push('<g id="sites" stroke-linecap="round">');
    scene.sites.forEach((site, k) => {
      const [cx, cy] = toPixel(site);
      parts.push(`<g data-site="${k}">${siteMarker(cx, cy, 5)}</g>`);
    });
    parts.push('</g>');
  }

  // angle values on top of the points and sites, each with a white halo
  if (angleMarks) parts.push(...angleMarks.labelParts);

  // marked points (the three points of a slice): a ring and the name
  if (scene.marks && scene.marks.length > 0) {
    parts.push('<g id="marks" font-size="11" fill="#000">');
    for (const mark of scene.marks) {
      const [cx, cy] = toPixel(mark.x);
      parts.push(
        `<circle data-mark="${escapeXml(mark.name)}" cx="${fmt(cx)}" cy="${fmt(cy)}" r="6" fill="none" stroke="#000" stroke-width="1.6"/>`,
      );
      parts.push(
        `<text stroke="#fff" stroke-width="3" paint-order="stroke" x="${fmt(cx + 8)}" y="${fmt(cy - 8)}">${escapeXml(mark.name)}</text>`,
      );
    }
    parts.push('</g>');
  }

  // axes: along the bottom and left of the domain's bounding box, ticks outward, names centred
  const plain = scene.dimension === 2 && scene.slice === undefined;
  const [xName, yName] = scene.axisNames ?? (plain ? ['x1', 'x2'] : ['s', 't']);
  const [left, bottom] = px([minX, minY]);
  const [right, top] = px([maxX, maxY]);
  parts.push('<g id="axes" stroke="#222" stroke-width="1" font-size="11" fill="#222">');
  parts.push(
    `<line x1="${fmt(left)}" y1="${fmt(bottom + 4)}" x2="${fmt(right)}" y2="${fmt(bottom + 4)}"/>`,
  );
  parts.push(
    `<line x1="${fmt(left - 4)}" y1="${fmt(top)}" x2="${fmt(left - 4)}" y2="${fmt(bottom)}"/>`,
  );
  for (const t of niceTicks(minX, maxX)) {
    const x = px([t, minY])[0];
    parts.push(
      `<line data-tick-x="${t}" x1="${fmt(x)}" y1="${fmt(bottom + 4)}" x2="${fmt(x)}" y2="${fmt(bottom + 8)}"/>`,
    );
    parts.push(
      `<text stroke="none" text-anchor="middle" x="${fmt(x)}" y="${fmt(bottom + 19)}">${t}</text>`,
    );
  }
  for (const t of niceTicks(minY, maxY)) {
    const y = px([minX, t])[1];
    parts.push(
      `<line data-tick-y="${t}" x1="${fmt(left - 8)}" y1="${fmt(y)}" x2="${fmt(left - 4)}" y2="${fmt(y)}"/>`,
    );
    parts.push(
      `<text stroke="none" text-anchor="end" x="${fmt(left - 10)}" y="${fmt(y + 4)}">${t}</text>`,
    );
  }
  parts.push(
    `<text data-axis="x" stroke="none" text-anchor="middle" font-size="12" x="${fmt((left + right) / 2)}" y="${fmt(bottom + 34)}">${escapeXml(xName)}</text>`,
  );
  const yx = MARGIN + 4;
  const ym = (top + bottom) / 2;
  parts.push(
    `<text data-axis="y" stroke="none" text-anchor="middle" font-size="12" x="${fmt(yx)}" y="${fmt(ym)}" transform="rotate(-90 ${fmt(yx)} ${fmt(ym)})">${escapeXml(yName)}</text>`,
  );
  parts.push('</g>');

  // legend
  const lx = MARGIN * 2 + AXIS_LEFT + drawW;
  let ly = MARGIN + TITLE_HEIGHT;
  parts.push('<g id="legend" font-size="12" fill="#222">');
  for (const [category, name] of [...legend.entries()].sort((a, b) => a[0] - b[0]).slice(0, 20)) {
    parts.push(
      `<rect x="${fmt(lx)}" y="${fmt(ly)}" width="14" height="14" fill="${categoryColor(category)}" stroke="#333" stroke-width="0.6"/>`,
    );
    parts.push(`<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">${escapeXml(name)}</text>`);
    ly += 20;
  }
  if (scene.cellValues) {
    const bar = colourBar(scene.cellValues, lx, ly);
    parts.push(...bar.parts);
    ly += bar.height;
  }
  if (curvature) {
    parts.push(`<text x="${fmt(lx)}" y="${fmt(ly + 11)}">${escapeXml(curvature.name)}</text>`);
    ly += 18;
    for (const t of [1, 0.5, 0, -0.5, -1]) {
      const v = t * curvatureScale;
      parts.push(
        `<rect x="${fmt(lx)}" y="${fmt(ly)}" width="14" height="14" fill="${curvatureColor(v, curvatureScale)}" stroke="#333" stroke-width="0.6"/>`,
      );
      parts.push(`<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">${fmt3(v)}</text>`);
      ly += 18;
    }
    ly += 4;
  }
  if (quantity) {
    // colour bar: five swatches from the largest value down to the smallest
    parts.push(`<text x="${fmt(lx)}" y="${fmt(ly + 11)}">${escapeXml(quantity.name)}</text>`);
    ly += 18;
    for (const t of [1, 0.75, 0.5, 0.25, 0]) {
      const v = qLo + t * (qHi - qLo);
      parts.push(
        `<rect data-colour-bar="${t}" x="${fmt(lx)}" y="${fmt(ly)}" width="14" height="14" fill="${sequentialColor(v, qLo, qHi)}" stroke="#333" stroke-width="0.6"/>`,
      );
      parts.push(`<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">${fmt3(v)}</text>`);
      ly += 18;
    }
    ly += 4;
  }
  if (scene.sites && scene.sites.length > 0) {
    parts.push(
      `<g data-legend-site="1" stroke-linecap="round">${siteMarker(lx + 7, ly + 7, 5)}</g>`,
    );
    parts.push(`<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">cluster centre</text>`);
    ly += 20;
  }
  if (decisionDrawn) {
    parts.push(
      `<line data-legend-line="decision" x1="${fmt(lx)}" y1="${fmt(ly + 7)}" x2="${fmt(lx + 14)}" y2="${fmt(ly + 7)}" stroke="#000" stroke-width="2.2"/>`,
    );
    parts.push(`<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">decision boundary</text>`);
    ly += 20;
  }
  if (lines !== 'decision') {
    parts.push(
      `<line data-legend-line="cells" x1="${fmt(lx)}" y1="${fmt(ly + 7)}" x2="${fmt(lx + 14)}" y2="${fmt(ly + 7)}" stroke="${cellEdgeStyle.stroke}" stroke-width="${cellEdgeStyle.width}" stroke-opacity="${cellEdgeStyle.opacity}"/>`,
    );
    parts.push(`<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">cell boundary</text>`);
    ly += 20;
  }
  if (angleMarks && angleMarks.arcs > 0) {
    parts.push(angleArcLegend(lx, ly));
    const below = scene.anglesBelow ?? 180;
    parts.push(
      `<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">${below < 180 ? `angle &lt; ${fmt(below)}° (value)` : 'angle (value in °)'}</text>`,
    );
    ly += 20;
    if (angleMarks.unlabelled > 0) {
      parts.push(
        `<text data-unlabelled="${angleMarks.unlabelled}" x="${fmt(lx)}" y="${fmt(ly + 11)}" font-size="10">${angleMarks.unlabelled} value${angleMarks.unlabelled === 1 ? '' : 's'} not printed (no room)</text>`,
      );
      ly += 18;
    }
  }
  const pointLabels = [...new Set((scene.points ?? []).map((p) => p.category))]
    .filter((c): c is number => c !== undefined)
    .sort((a, b) => a - b);
  // one entry per class of the data (the first 20), with its marker
  for (const category of pointLabels.slice(0, 20)) {
    parts.push(
      `<g data-legend-point="${category}" stroke="#000" stroke-width="0.5">${pointMarker(category, lx + 7, ly + 7, 4)}</g>`,
    );
    const named = scene.pointClassNames?.[category];
    const text = named !== undefined ? `data: ${named}` : `data class ${category}`;
    parts.push(`<text x="${fmt(lx + 20)}" y="${fmt(ly + 11)}">${escapeXml(text)}</text>`);
    ly += 20;
  }
  if (pointLabels.length > 20) {
    parts.push(
      `<text x="${fmt(lx)}" y="${fmt(ly + 11)}">… ${pointLabels.length - 20} more data classes</text>`,
    );
    ly += 20;
  }
  parts.push(
    `<text x="${fmt(lx)}" y="${fmt(ly + 11)}">${scene.cells.length - hidden.length} cells</text>`,
  );
  if (scene.slice) {
    parts.push(`<text x="${fmt(lx)}" y="${fmt(ly + 31)}">slice through 3 points</text>`);
  }
  parts.push('</g>');
  parts.push('</svg>');
  return { svg: parts.join('\n') + '\n', width, height, toPixel, fills, hidden };
}

/** A cluster centre: a black × on a white halo, centred at pixel (cx, cy). */
function siteMarker(cx: number, cy: number, r: number): string {
  const d = `M${fmt(cx - r)},${fmt(cy - r)}L${fmt(cx + r)},${fmt(cy + r)}M${fmt(cx - r)},${fmt(cy + r)}L${fmt(cx + r)},${fmt(cy - r)}`;
  return `<path d="${d}" stroke="#fff" stroke-width="4.5" fill="none"/><path d="${d}" stroke="#000" stroke-width="2" fill="none"/>`;
}

/**
 * The marker of a data point of class `category` centred at pixel (cx, cy) with radius r: its
 * class's shape and colour ({@link pointShape}, {@link pointColor}), tagged `data-class`.
 */
function pointMarker(category: number, cx: number, cy: number, r: number): string {
  const attrs = `data-class="${category}" fill="${pointColor(category)}"`;
  const path = (pts: Point2[]) =>
    `<path ${attrs} d="M${pts.map((p) => `${fmt(p[0])},${fmt(p[1])}`).join(' L')} Z"/>`;
  switch (pointShape(category)) {
    case 'circle':
      return `<circle ${attrs} cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}"/>`;
    case 'square': {
      const h = r * 0.9;
      return `<rect ${attrs} x="${fmt(cx - h)}" y="${fmt(cy - h)}" width="${fmt(2 * h)}" height="${fmt(2 * h)}"/>`;
    }
    case 'triangle': // centroid at (cx, cy)
      return path([
        [cx, cy - 1.3 * r],
        [cx + 1.125 * r, cy + 0.65 * r],
        [cx - 1.125 * r, cy + 0.65 * r],
      ]);
    case 'diamond':
      return path([
        [cx, cy - 1.25 * r],
        [cx + 1.25 * r, cy],
        [cx, cy + 1.25 * r],
        [cx - 1.25 * r, cy],
      ]);
    case 'triangle-down':
      return path([
        [cx, cy + 1.3 * r],
        [cx + 1.125 * r, cy - 0.65 * r],
        [cx - 1.125 * r, cy - 0.65 * r],
      ]);
  }
}

/**
 * The edge of a convex polygon on the line a·p = b (a face of a piece drawn as a segment): the
 * extreme polygon vertices along the line among those within a small relative distance of it.
 */
function faceSegment(poly: Point2[], h: { a: Point2; b: number }): [Point2, Point2] | undefined {
  const norm = Math.hypot(h.a[0], h.a[1]);
  if (poly.length < 2 || norm === 0) return undefined;
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const on = poly.filter(
    (p) => Math.abs(h.a[0] * p[0] + h.a[1] * p[1] - h.b) / norm <= 1e-9 * span,
  );
  if (on.length < 2) return undefined;
  const dir: Point2 = [-h.a[1] / norm, h.a[0] / norm];
  const t = (p: Point2) => p[0] * dir[0] + p[1] * dir[1];
  const p = on.reduce((m, x) => (t(x) < t(m) ? x : m));
  const q = on.reduce((m, x) => (t(x) > t(m) ? x : m));
  return t(q) - t(p) > 0 ? [p, q] : undefined;
}

/** The segment {p in poly : a·p = b} when the line crosses the polygon's interior. */
function zeroSegment(poly: Point2[], h: { a: Point2; b: number }): [Point2, Point2] | undefined {
  const crossings: Point2[] = [];
  const scale = Math.max(Math.abs(h.a[0]), Math.abs(h.a[1]), 1e-300);
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    const sp = (h.a[0] * p[0] + h.a[1] * p[1] - h.b) / scale;
    const sq = (h.a[0] * q[0] + h.a[1] * q[1] - h.b) / scale;
    if (sp === 0) crossings.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      crossings.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  if (crossings.length < 2) return undefined;
  const [p, q] = [crossings[0]!, crossings[crossings.length - 1]!];
  return Math.hypot(p[0] - q[0], p[1] - q[1]) > 0 ? [p, q] : undefined;
}
