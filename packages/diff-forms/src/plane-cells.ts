/**
 * The activation regions of a float64 ReLU MLP with two inputs, as convex polygons in a box (the
 * fast path of the training loop; the exact cells are model-partitions' partitionOf). Each cell is
 * clipped layer by layer, unit by unit, by the pulled-back line z_l[j] = 0 (SPEC §2, §5), and every
 * polygon edge remembers the line it lies on: a unit of a hidden layer or a side of the box.
 */
import { DiffFormsError } from './errors.js';
import { type FloatMaps, type FloatMlp, nextLayerMap } from './float-net.js';

/** The line an edge lies on: unit `unit` of hidden layer `layer` (0-based) or box side 0..3. */
export type EdgeTag = { kind: 'unit'; layer: number; unit: number } | { kind: 'box'; side: number };

/** One activation region as a counter-clockwise polygon. */
export interface PlaneCell {
  label: string;
  pattern: boolean[][];
  /** Vertices counter-clockwise; edge i runs from vertex i to vertex i + 1 (cyclically). */
  vertices: [number, number][];
  /** tags[i]: the line of edge i. */
  tags: EdgeTag[];
  /** The cell's affine maps (A_l, c_l) of every layer. */
  maps: FloatMaps;
  area: number;
}

/** A box [lo_0, hi_0] × [lo_1, hi_1] (default the unit square). */
export interface PlaneBox {
  lo: [number, number];
  hi: [number, number];
}

/**
 * The line w·x + c = 0 of an edge and the side σ of the cell: the cell lies in {σ(w·x + c) ≥ 0}.
 * Box sides are x ≥ lo_0, x ≤ hi_0, y ≥ lo_1, y ≤ hi_1 (σ = +1).
 */
export function edgeLine(
  cell: PlaneCell,
  tag: EdgeTag,
  box: PlaneBox,
): { w: [number, number]; c: number; sigma: 1 | -1 } {
  if (tag.kind === 'unit') {
    const w = cell.maps.A[tag.layer]![tag.unit]!;
    return {
      w: [w[0]!, w[1]!],
      c: cell.maps.c[tag.layer]![tag.unit]!,
      sigma: cell.pattern[tag.layer]![tag.unit] ? 1 : -1,
    };
  }
  const s = tag.side;
  const axis = (s >> 1) as 0 | 1;
  const w: [number, number] = [0, 0];
  w[axis] = s % 2 === 0 ? 1 : -1;
  const c = s % 2 === 0 ? -box.lo[axis] : box.hi[axis];
  return { w, c, sigma: 1 };
}

/** Shoelace area of a counter-clockwise polygon. */
export function polygonArea(v: readonly (readonly [number, number])[]): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const a = v[i]!;
    const b = v[(i + 1) % v.length]!;
    s += a[0] * b[1] - a[1] * b[0];
  }
  return s / 2;
}

interface Poly {
  vertices: [number, number][];
  tags: EdgeTag[];
}

/** The part of a polygon where s·(w·x + c) ≥ 0; the new edge gets tag `cut`. */
function clip(
  p: Poly,
  w: readonly number[],
  c: number,
  s: 1 | -1,
  cut: EdgeTag,
  eps: number,
): Poly {
  const n = p.vertices.length;
  const h = p.vertices.map((v) => {
    const g = s * (w[0]! * v[0] + w[1]! * v[1] + c);
    return Math.abs(g) <= eps ? 0 : g;
  });
  const vertices: [number, number][] = [];
  const tags: EdgeTag[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const [ha, hb] = [h[i]!, h[j]!];
    const [a, b] = [p.vertices[i]!, p.vertices[j]!];
    if (ha >= 0) {
      vertices.push(a);
      tags.push(ha === 0 && hb < 0 ? cut : p.tags[i]!);
    }
    if ((ha > 0 && hb < 0) || (ha < 0 && hb > 0)) {
      const t = ha / (ha - hb);
      vertices.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      tags.push(ha > 0 ? cut : p.tags[i]!);
    }
  }
  return { vertices, tags };
}

/**
 * The input contract and tolerances of the 2-D cell builders (planeCells and plane-arrangement.ts
 * build the same cells): two inputs, the box (default [0, 1]²), the smallest kept area (default
 * 1e-13 · box area) and the coordinate scale of the sign tolerance.
 */
export function planeSetup(
  net: FloatMlp,
  options: { box?: PlaneBox; minArea?: number },
): { box: PlaneBox; minArea: number; scale: number } {
  if (net.inputDimension !== 2)
    throw new DiffFormsError(
      'DIMENSION_UNSUPPORTED',
      `planeCells needs 2 inputs, the network has ${net.inputDimension}`,
      'net.inputDimension',
      'use model-partitions (partitionOf / dataHoldingPartition) in other dimensions',
    );
  const box = options.box ?? { lo: [0, 0], hi: [1, 1] };
  const boxArea = (box.hi[0] - box.lo[0]) * (box.hi[1] - box.lo[1]);
  const minArea = options.minArea ?? 1e-13 * boxArea;
  const scale = Math.max(...box.lo.map(Math.abs), ...box.hi.map(Math.abs), 1);
  return { box, minArea, scale };
}

/**
 * Every activation region of a 2-input float MLP in the box, sorted by label (SPEC §2 order).
 * Regions thinner than `minArea` (default 1e-13 · box area) are dropped as float noise.
 */
export function planeCells(
  net: FloatMlp,
  options: { box?: PlaneBox; minArea?: number } = {},
): PlaneCell[] {
  const { box, minArea, scale } = planeSetup(net, options);
  const first = net.layers[0]!;
  let states: { poly: Poly; pattern: boolean[][]; maps: FloatMaps }[] = [
    {
      poly: {
        vertices: [
          [box.lo[0], box.lo[1]],
          [box.hi[0], box.lo[1]],
          [box.hi[0], box.hi[1]],
          [box.lo[0], box.hi[1]],
        ],
        // bottom (y ≥ lo_1), right (x ≤ hi_0), top (y ≤ hi_1), left (x ≥ lo_0)
        tags: [2, 1, 3, 0].map((side) => ({ kind: 'box', side }) as EdgeTag),
      },
      pattern: [],
      maps: { A: [first.weights.map((r) => r.slice())], c: [first.bias.slice()] },
    },
  ];
  const hidden = net.layers.length - 1;
  // one tag object per unit, shared by every edge on its line
  const unitTags: EdgeTag[][] = net.layers
    .slice(0, hidden)
    .map((layer, l) => layer.bias.map((_, unit) => ({ kind: 'unit', layer: l, unit })));
  for (let l = 0; l < hidden; l++) {
    const next: typeof states = [];
    for (const st of states) {
      const A = st.maps.A[l]!;
      const c = st.maps.c[l]!;
      let parts: { poly: Poly; bits: boolean[] }[] = [{ poly: st.poly, bits: [] }];
      for (let j = 0; j < A.length; j++) {
        const w = A[j]!;
        const tag = unitTags[l]![j]!;
        const eps = 1e-12 * (Math.abs(w[0]!) * scale + Math.abs(w[1]!) * scale + Math.abs(c[j]!));
        const split: typeof parts = [];
        for (const part of parts) {
          // most lines miss most cells: decide those by the signs at the vertices, without clipping
          const side = sideOf(part.poly, w, c[j]!, eps);
          if (side !== 0) {
            part.bits.push(side > 0);
            split.push(part);
            continue;
          }
          const pos = clip(part.poly, w, c[j]!, 1, tag, eps);
          const neg = clip(part.poly, w, c[j]!, -1, tag, eps);
          const [ap, an] = [polygonArea(pos.vertices), polygonArea(neg.vertices)];
          if (ap > minArea && an > minArea) {
            split.push({ poly: neg, bits: [...part.bits, false] });
            part.bits.push(true);
            split.push({ poly: pos, bits: part.bits });
          } else {
            // the whole part is on one side (a constant unit: bit 1 iff the constant is > 0)
            part.bits.push(w[0] === 0 && w[1] === 0 ? c[j]! > 0 : ap > an);
            split.push(part);
          }
        }
        parts = split;
      }
      for (const part of parts) {
        // the maps of layer l+2 from those of layer l+1 and the part's bits (SPEC §2 recursion)
        const m = nextLayerMap(A, c, part.bits, net.layers[l + 1]!, net.layers[l]!.negativeSlopes);
        next.push({
          poly: part.poly,
          pattern: [...st.pattern, part.bits],
          maps: { A: [...st.maps.A, m.A], c: [...st.maps.c, m.c] },
        });
      }
    }
    states = next;
  }
  // SPEC §2 order: lexicographic in the bits (0 before 1), compared without building strings
  states.sort((a, b) => {
    for (let l = 0; l < a.pattern.length; l++) {
      const [x, y] = [a.pattern[l]!, b.pattern[l]!];
      for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return x[j] ? 1 : -1;
    }
    return 0;
  });
  return states.map((st) => {
    const poly = dropDuplicates(st.poly);
    const codes: number[] = [];
    for (const bits of st.pattern) for (const b of bits) codes.push(b ? 49 : 48); // '1' : '0'
    return {
      label: String.fromCharCode(...codes),
      pattern: st.pattern,
      vertices: poly.vertices,
      tags: poly.tags,
      maps: st.maps,
      area: polygonArea(poly.vertices),
    };
  });
}

/** +1 / −1 when every vertex is on that side of w·x + c = 0 (within eps), 0 when the line cuts. */
function sideOf(p: Poly, w: readonly number[], c: number, eps: number): -1 | 0 | 1 {
  let pos = false;
  let neg = false;
  for (const v of p.vertices) {
    const g = w[0]! * v[0] + w[1]! * v[1] + c;
    if (g > eps) pos = true;
    else if (g < -eps) neg = true;
    if (pos && neg) return 0;
  }
  if (pos) return 1;
  if (neg) return -1;
  // every vertex on the line: a degenerate polygon or a constant unit
  return w[0] === 0 && w[1] === 0 && c > 0 ? 1 : -1;
}

/** Removes vertices equal to their successor (zero-length edges from cuts through vertices). */
function dropDuplicates(p: Poly): Poly {
  const vertices: [number, number][] = [];
  const tags: EdgeTag[] = [];
  const n = p.vertices.length;
  for (let i = 0; i < n; i++) {
    const a = p.vertices[i]!;
    const b = p.vertices[(i + 1) % n]!;
    if (
      Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) <=
      1e-14 * (1 + Math.abs(a[0]) + Math.abs(a[1]))
    )
      continue;
    vertices.push(a);
    tags.push(p.tags[i]!);
  }
  return { vertices, tags };
}
