/**
 * The pause view: what the page shows of a paused 2-D net before the whole report exists — every
 * cell with its exact area, every shared face with its exact length r·√q, every angle of a cell at
 * a vertex with its exact cosine r·√q — built with the least work that gives these exact numbers:
 * the partition by the library's float-filtered exact path (`predicates: 'filtered'`: every sign
 * decision certified or decided exactly, so the cells are the exact path's), the adjacency complex
 * with its exact measures read on demand (only the ones shown), no data counts, no self-checks,
 * no JSON. It is posted as a few typed arrays and newline-joined strings (a cheap structured
 * clone). The CLI-schema report follows (analysis.ts); the tests check that every number shown
 * equals the CLI's report of the same model.
 */
import { partitionOf } from '@mlgeo/model-partitions';
import { readModelBytes } from '@mlgeo/model-readers';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { type NamedFile, modelDomain } from './analysis.js';

/** The exact cells, shared faces and angles of a paused 2-D net, compactly. */
export interface PauseView {
  /** Cell labels (SPEC §2, the report's order), joined by '\n'. */
  labels: string;
  /** Exact cell areas ("p/q", the report's `volume.exact`), joined by '\n'. */
  areas: string;
  /** Class at the cell's float centroid (for colouring; the report decides it exactly). */
  classes: Int8Array;
  /** Cell k's polygon is xy[2·starts[k] … 2·starts[k+1]) (float, counter-clockwise). */
  starts: Int32Array;
  xy: Float64Array;
  /** Shared face f separates cells faces[2f] < faces[2f+1] (the report's i, j). */
  faces: Int32Array;
  /** Exact lengths r·√q of the shared faces (the report's `volume.exact`), joined by '\n'. */
  faceLengths: string;
  /** Float endpoints of the shared faces, 4 numbers per face. */
  faceEnds: Float64Array;
  /** Angle a: cell angleCells[a] at the point anglePoints[2a], [2a+1] (float). */
  angleCells: Int32Array;
  anglePoints: Float64Array;
  /** Exact cos of every angle r·√q (the report's `cos.exact`), joined by '\n'. */
  angleCos: string;
  /** The angles in radians (float). */
  angles: Float64Array;
  /** CPU milliseconds in the worker, by phase. */
  phases: Record<string, number>;
}

/** The pause view of a 2-D model file (an `mlgeo-mlp` JSON of the trained net, or any model). */
export async function pauseViewOf(model: NamedFile): Promise<PauseView | undefined> {
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    phases[phase] = Math.round(now - mark);
    mark = now;
  };
  const read = await readModelBytes(model.name, model.bytes);
  if (read.model.inputDimension !== 2) return undefined;
  const { A, b } = modelDomain(read, model.name);
  const domain = { kind: 'hrep' as const, A, b };
  lap('read');
  const partition = partitionOf(read.model, { domain, predicates: 'filtered' });
  lap('partition');
  const complex = buildComplex(partition, {
    kind: 'adjacency',
    edgeLength: 'centroid',
    angles: true,
    // the view shows cells, shared faces and angles: no triangles (vertices of three cells)
    maxDimension: 1,
  });
  lap('complex');
  const n = partition.cells.length;
  const starts = new Int32Array(n + 1);
  const polygons: number[][][] = partition.cells.map((cell) => {
    const points = cell.floatVertices
      ? (cell.floatVertices.points as ArrayLike<number>[]).map((p) => [p[0]!, p[1]!])
      : cell.polytope.vertices().map((v) => [v[0]!.toNumber(), v[1]!.toNumber()]);
    const cx = points.reduce((s, p) => s + p[0]!, 0) / points.length;
    const cy = points.reduce((s, p) => s + p[1]!, 0) / points.length;
    return points.sort(
      (a, b) => Math.atan2(a[1]! - cy, a[0]! - cx) - Math.atan2(b[1]! - cy, b[0]! - cx),
    );
  });
  polygons.forEach((p, k) => (starts[k + 1] = starts[k]! + p.length));
  const xy = new Float64Array(2 * starts[n]!);
  polygons.forEach((p, k) => p.forEach(([x, y], v) => xy.set([x!, y!], 2 * (starts[k]! + v))));
  const classes = new Int8Array(n);
  // the class by a float forward pass (the cells' exact output maps are not built for the view)
  const net =
    read.model.kind === 'mlp' && read.model.layers.at(-1)?.weights.length === 1
      ? read.model.layers.map((l, i, all) => ({
          w: l.weights.map((row) => row.map((x) => x.toNumber())),
          b: l.bias.map((x) => x.toNumber()),
          slopes:
            i < all.length - 1
              ? l.bias.map((_, j) => l.negativeSlopes?.[j]?.toNumber() ?? 0)
              : undefined,
        }))
      : undefined;
  partition.cells.forEach((_cell, k) => {
    // the class at the float centroid of the polygon (the report's rule, SPEC §5, in float)
    const p = polygons[k]!;
    let twice = 0;
    let sx = 0;
    let sy = 0;
    p.forEach(([x0, y0], v) => {
      const [x1, y1] = p[(v + 1) % p.length]!;
      const cross = x0! * y1! - x1! * y0!;
      twice += cross;
      sx += (x0! + x1!) * cross;
      sy += (y0! + y1!) * cross;
    });
    const mx = sx / (3 * twice);
    const my = sy / (3 * twice);
    classes[k] = net ? (forwardFloat(net, mx, my) > 0 ? 1 : 0) : -1;
  });
  lap('polygons');
  const areas = complex.cells.map((c) => c.volume.toString()).join('\n');
  lap('areas');
  const faces = new Int32Array(2 * complex.sharedFaces.length);
  const faceEnds = new Float64Array(4 * complex.sharedFaces.length);
  const faceLengths = complex.sharedFaces
    .map((f, e) => {
      faces[2 * e] = f.i;
      faces[2 * e + 1] = f.j;
      f.vertices.slice(0, 2).forEach((v, t) => {
        faceEnds[4 * e + 2 * t] = v[0]!.toNumber();
        faceEnds[4 * e + 2 * t + 1] = v[1]!.toNumber();
      });
      return f.volume.toString();
    })
    .join('\n');
  lap('faces');
  const all = (complex.ridges ?? []).flatMap((r) => r.angles.map((a) => [r, a] as const));
  const angleCells = new Int32Array(all.length);
  const anglePoints = new Float64Array(2 * all.length);
  const angles = new Float64Array(all.length);
  const angleCos = all
    .map(([r, a], k) => {
      angleCells[k] = a.cell;
      anglePoints[2 * k] = r.point[0]!.toNumber();
      anglePoints[2 * k + 1] = r.point[1]!.toNumber();
      angles[k] = a.angle;
      return a.cos.toString();
    })
    .join('\n');
  lap('angles');
  return {
    labels: complex.cells.map((c) => c.label).join('\n'),
    areas,
    classes,
    starts,
    xy,
    faces,
    faceLengths,
    faceEnds,
    angleCells,
    anglePoints,
    angleCos,
    angles,
    phases,
  };
}

/** The output of a float MLP (hidden layers (leaky) relu, the last affine) at (x, y). */
function forwardFloat(
  net: { w: number[][]; b: number[]; slopes: number[] | undefined }[],
  x: number,
  y: number,
) {
  let h = [x, y];
  for (const { w, b, slopes } of net)
    h = w.map((row, j) => {
      const z = row.reduce((s, a, i) => s + a * h[i]!, b[j]!);
      return slopes && z < 0 ? slopes[j]! * z : z;
    });
  return h[0]!;
}

/** The transferable buffers of a pause view (posted without a copy). */
export function pauseViewBuffers(view: PauseView): ArrayBuffer[] {
  return [
    view.classes,
    view.starts,
    view.xy,
    view.faces,
    view.faceEnds,
    view.angleCells,
    view.anglePoints,
    view.angles,
  ].map((a) => a.buffer as ArrayBuffer);
}
