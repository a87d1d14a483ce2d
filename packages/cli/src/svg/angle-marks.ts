/**
 * Angle marks of a 2-D picture (`--angles [below]`): at each ridge point (a vertex of the drawn
 * partition) a small arc inside each cell, labelled with the cell's dihedral angle in degrees
 * (docs/math.md §4, "Dihedral angles"). Labels are placed greedily, smallest angle first, along the
 * arc's bisector; a label that would overlap an earlier label, another vertex's arcs or leave the
 * drawing area is left out (its arc stays) and counted, so the picture never prints text on text.
 * Pictures only: the angles themselves come from the report.
 */
import { type Point2, vertexMean } from './geometry.js';

/** A dihedral-angle mark: the angle `angle` (radians) of cell `cell` at the ridge point `at`. */
export interface SvgAngle {
  at: number[];
  cell: number;
  angle: number;
}

/** An axis-aligned pixel box. */
export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What {@link drawAngleMarks} returns: SVG parts and counts for the legend. */
export interface AngleMarksDrawing {
  /** The arcs (drawn under the data points). */
  arcParts: string[];
  /** The value labels (drawn on top of everything in the drawing area). */
  labelParts: string[];
  /** Marks drawn (arcs). */
  arcs: number;
  /** Arcs whose value is printed beside them. */
  labelled: number;
  /** Arcs whose label was left out because it would overlap (see the module comment). */
  unlabelled: number;
}

/** Font size of the labels (pixels) and the estimated advance of one character at that size. */
export const ANGLE_FONT_SIZE = 9;
const CHAR_WIDTH = 5.8;
const LABEL_HEIGHT = 10;

/** The label of an angle in radians: degrees, one decimal below 10°, whole degrees above. */
export function angleLabel(angle: number): string {
  const deg = (angle * 180) / Math.PI;
  return deg < 9.95 ? `${deg.toFixed(1)}°` : `${Math.round(deg)}°`;
}

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

/** The arc of one mark in pixels: centre, radius, start direction and signed sweep (radians). */
interface Arc {
  c: Point2;
  r: number;
  start: number;
  sweep: number;
}

/**
 * The arc at the ridge point `at` inside the polygon `poly` (plane coordinates): between the two
 * boundary directions leaving the point (a straight angle when the point lies inside an edge),
 * radius at most `rMax` pixels and at most 40 % of the shorter of the two boundary edges.
 */
export function angleArc(
  poly: Point2[],
  at: Point2,
  px: (p: Point2) => Point2,
  rMax = 9,
): Arc | undefined {
  const c = px(at);
  const pixels = poly.map(px);
  const tol = 0.5;
  const n = pixels.length;
  const far = (p: Point2) => Math.hypot(p[0] - c[0], p[1] - c[1]) >= tol;
  let d1: Point2 | undefined;
  let d2: Point2 | undefined;
  for (let i = 0; i < n; i++) {
    if (far(pixels[i]!)) continue;
    // nearest neighbours that are visibly apart from the ridge point
    let k = 1;
    while (k < n && !far(pixels[(i + n - k) % n]!)) k++;
    const prev = pixels[(i + n - k) % n]!;
    k = 1;
    while (k < n && !far(pixels[(i + k) % n]!)) k++;
    const next = pixels[(i + k) % n]!;
    d1 = [next[0] - c[0], next[1] - c[1]];
    d2 = [prev[0] - c[0], prev[1] - c[1]];
    break;
  }
  if (!d1 || !d2) {
    for (let i = 0; i < n && !d1; i++) {
      const p = pixels[i]!;
      const q = pixels[(i + 1) % n]!;
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (len === 0) continue;
      const cross = ((q[0] - p[0]) * (c[1] - p[1]) - (q[1] - p[1]) * (c[0] - p[0])) / len;
      const along = ((q[0] - p[0]) * (c[0] - p[0]) + (q[1] - p[1]) * (c[1] - p[1])) / (len * len);
      if (Math.abs(cross) < tol && along > 0 && along < 1) {
        d1 = [q[0] - c[0], q[1] - c[1]];
        d2 = [p[0] - c[0], p[1] - c[1]];
      }
    }
  }
  if (!d1 || !d2) return undefined;
  const [l1, l2] = [Math.hypot(d1[0], d1[1]), Math.hypot(d2[0], d2[1])];
  if (l1 === 0 || l2 === 0) return undefined;
  const u1: Point2 = [d1[0] / l1, d1[1] / l1];
  const u2: Point2 = [d2[0] / l2, d2[1] / l2];
  // the cell lies between u1 and u2 on the side of the polygon's interior; take the sweep that
  // passes through the direction of the polygon's vertex mean (pixel coordinates, y down)
  const m = px(vertexMean(poly));
  const toMean: Point2 = [m[0] - c[0], m[1] - c[1]];
  const cross = (a: Point2, b: Point2) => a[0] * b[1] - a[1] * b[0];
  const dot = (a: Point2, b: Point2) => a[0] * b[0] + a[1] * b[1];
  const positive = (x: number) => (x >= 0 ? x : x + 2 * Math.PI);
  const total = positive(Math.atan2(cross(u1, u2), dot(u1, u2)));
  const toM = positive(Math.atan2(cross(u1, toMean), dot(u1, toMean)));
  const sweep = toM <= total ? total : total - 2 * Math.PI;
  const r = Math.max(4, Math.min(rMax, 0.4 * Math.min(l1, l2)));
  return { c, r, start: Math.atan2(u1[1], u1[0]), sweep };
}

/** SVG path of the arc, with a gap at both ends so the arcs of neighbouring cells stay apart. */
function arcPath(arc: Arc): string {
  const a0 = arc.start + 0.12 * arc.sweep;
  const a1 = a0 + 0.76 * arc.sweep;
  const point = (a: number): Point2 => [
    arc.c[0] + arc.r * Math.cos(a),
    arc.c[1] + arc.r * Math.sin(a),
  ];
  const [p0, p1] = [point(a0), point(a1)];
  const large = Math.abs(0.76 * arc.sweep) > Math.PI ? 1 : 0;
  return `M${fmt(p0[0])},${fmt(p0[1])} A${fmt(arc.r)},${fmt(arc.r)} 0 ${large} ${arc.sweep > 0 ? 1 : 0} ${fmt(p1[0])},${fmt(p1[1])}`;
}

/** The estimated pixel box of a label centred at (cx, cy). */
export function labelBox(text: string, cx: number, cy: number): PixelBox {
  const w = CHAR_WIDTH * [...text].length + 2;
  return { x: cx - w / 2, y: cy - LABEL_HEIGHT / 2, w, h: LABEL_HEIGHT };
}

const boxesOverlap = (a: PixelBox, b: PixelBox) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function boxMeetsDisc(b: PixelBox, c: Point2, r: number): boolean {
  const dx = Math.max(b.x - c[0], 0, c[0] - (b.x + b.w));
  const dy = Math.max(b.y - c[1], 0, c[1] - (b.y + b.h));
  return dx * dx + dy * dy < r * r;
}

/** A uniform grid of buckets over pixel boxes, so placement stays near-linear in the marks. */
class BoxGrid<T> {
  private readonly buckets = new Map<string, T[]>();
  constructor(private readonly size: number) {}
  private keys(b: PixelBox): string[] {
    const keys: string[] = [];
    for (let i = Math.floor(b.x / this.size); i <= Math.floor((b.x + b.w) / this.size); i++)
      for (let j = Math.floor(b.y / this.size); j <= Math.floor((b.y + b.h) / this.size); j++)
        keys.push(`${i},${j}`);
    return keys;
  }
  add(b: PixelBox, item: T): void {
    for (const k of this.keys(b)) {
      const list = this.buckets.get(k);
      if (list) list.push(item);
      else this.buckets.set(k, [item]);
    }
  }
  near(b: PixelBox): Set<T> {
    const out = new Set<T>();
    for (const k of this.keys(b)) for (const item of this.buckets.get(k) ?? []) out.add(item);
    return out;
  }
}

/**
 * Arcs and labels of the marks whose angle is below `belowDegrees` (default 180: every ridge
 * angle, no straight angles). `polygons[cell]` is the drawn polygon of each cell (plane
 * coordinates; undefined when not drawn), `area` the drawing area labels must stay inside.
 */
export function drawAngleMarks(
  marks: readonly SvgAngle[],
  polygons: readonly (Point2[] | undefined)[],
  toPlane: (x: readonly number[]) => Point2,
  px: (p: Point2) => Point2,
  area: PixelBox,
  belowDegrees = 180,
): AngleMarksDrawing {
  const shown = marks
    .filter((m) => (m.angle * 180) / Math.PI < belowDegrees && polygons[m.cell] !== undefined)
    .sort((a, b) => a.angle - b.angle);
  const arcs: { mark: SvgAngle; arc: Arc; vertex: string }[] = [];
  for (const mark of shown) {
    const arc = angleArc(polygons[mark.cell]!, toPlane(mark.at), px);
    if (arc) arcs.push({ mark, arc, vertex: `${fmt(arc.c[0])},${fmt(arc.c[1])}` });
  }
  // obstacles: every arc (a disc around its vertex) and every placed label
  const discs = new BoxGrid<number>(32);
  arcs.forEach(({ arc }, k) =>
    discs.add({ x: arc.c[0] - arc.r, y: arc.c[1] - arc.r, w: 2 * arc.r, h: 2 * arc.r }, k),
  );
  // labels clear every arc at their own vertex (the largest radius there)
  const vertexRadius = new Map<string, number>();
  for (const { arc, vertex } of arcs)
    vertexRadius.set(vertex, Math.max(arc.r, vertexRadius.get(vertex) ?? 0));
  const labels = new BoxGrid<PixelBox>(32);
  const arcParts: string[] = [];
  const labelParts: string[] = [];
  let labelled = 0;
  arcs.forEach(({ mark, arc, vertex }) => {
    const deg = (mark.angle * 180) / Math.PI;
    const tag = `data-cell="${mark.cell}" data-at="${vertex}"`;
    arcParts.push(`<path data-angle="${fmt(deg)}" ${tag} d="${arcPath(arc)}"/>`);
    const text = angleLabel(mark.angle);
    const probe = labelBox(text, 0, 0);
    // along the bisector first, then turned towards either arm of the arc, then farther out
    const turns = [0, 0.3, -0.3].map((t) => t * Math.abs(arc.sweep));
    const tries = [2, 7, 13].flatMap((extra) => turns.map((turn) => ({ extra, turn })));
    for (const { extra, turn } of tries) {
      const mid = arc.start + arc.sweep / 2 + turn;
      const dir: Point2 = [Math.cos(mid), Math.sin(mid)];
      // distance from the vertex to the box centre so that the box just clears the arcs there
      const reach = Math.abs(dir[0]) * (probe.w / 2) + Math.abs(dir[1]) * (probe.h / 2);
      const d = vertexRadius.get(vertex)! + extra + reach;
      const [cx, cy] = [arc.c[0] + d * dir[0], arc.c[1] + d * dir[1]];
      const box = labelBox(text, cx, cy);
      const inside =
        box.x >= area.x &&
        box.y >= area.y &&
        box.x + box.w <= area.x + area.w &&
        box.y + box.h <= area.y + area.h;
      if (!inside) continue;
      if ([...labels.near(box)].some((b) => boxesOverlap(b, box))) continue;
      const hitsArc = [...discs.near(box)].some(
        (k) => arcs[k]!.vertex !== vertex && boxMeetsDisc(box, arcs[k]!.arc.c, arcs[k]!.arc.r),
      );
      if (hitsArc) continue;
      labels.add(box, box);
      labelled++;
      labelParts.push(
        `<text data-angle-label="${fmt(deg)}" ${tag} x="${fmt(cx)}" y="${fmt(cy + 3.2)}">${text}</text>`,
      );
      return;
    }
  });
  if (arcs.length === 0)
    return { arcParts: [], labelParts: [], arcs: 0, labelled: 0, unlabelled: 0 };
  return {
    arcParts: ['<g id="angles" fill="none" stroke="#b00" stroke-width="1.1">', ...arcParts, '</g>'],
    labelParts: [
      `<g id="angle-labels" font-size="${ANGLE_FONT_SIZE}" fill="#8b0000" stroke="#fff" stroke-width="2.4" stroke-linejoin="round" paint-order="stroke" text-anchor="middle">`,
      ...labelParts,
      '</g>',
    ],
    arcs: arcs.length,
    labelled,
    unlabelled: arcs.length - labelled,
  };
}

/** The legend's sample of an angle mark: two short edges with the arc between them, at (x, y). */
export function angleArcLegend(x: number, y: number): string {
  const [cx, cy] = [x + 1, y + 13];
  return (
    `<g data-legend-angle="1" fill="none">` +
    `<path d="M${fmt(cx + 14)},${fmt(cy)} L${fmt(cx)},${fmt(cy)} L${fmt(cx + 10)},${fmt(cy - 11)}" stroke="#555" stroke-width="0.8"/>` +
    `<path d="M${fmt(cx + 8)},${fmt(cy)} A8,8 0 0 0 ${fmt(cx + 5.4)},${fmt(cy - 5.9)}" stroke="#b00" stroke-width="1.1"/>` +
    `</g>`
  );
}
