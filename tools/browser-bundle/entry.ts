/**
 * The browser-bundle entry (see browser-bundle.test.ts): imports the main entry of every library
 * package and computes SPEC §9 B and D with all of them — models and data read from text by
 * @mlgeo/model-readers, cells by @mlgeo/model-partitions, areas and centroids by
 * @mlgeo/exact-polytope, shared faces, M_1 and angles by @mlgeo/riemannian-complex, Ollivier
 * curvature by @mlgeo/curvature, the eigenvalues of Δ_0 by @mlgeo/laplacian-splines, exact numbers
 * by @mlgeo/exact-arith, pullbacks and the layer-wise refinement by @mlgeo/diff-forms. Values are returned as strings (SPEC §1 forms) so the test can compare
 * them with the SPEC text.
 */
import { complexOllivier } from '@mlgeo/curvature';
import { cellLayerMaps, layerRefinement, layerVolume, pullbackHyperplane } from '@mlgeo/diff-forms';
import { Rational, RationalField, isMlgeoError, isRational } from '@mlgeo/exact-arith';
import { Polytope, isPolytope } from '@mlgeo/exact-polytope';
import {
  type Model,
  type Partition,
  dataHoldingPartition,
  facetAdjacency,
  partitionOf,
} from '@mlgeo/model-partitions';
import { readMlgeoJson, readModelBytes, readPointsCsv } from '@mlgeo/model-readers';
import { fromRiemannianComplex, laplacianSpectrum } from '@mlgeo/laplacian-splines';
import { buildComplex } from '@mlgeo/riemannian-complex';

/** What the bundle computes for one SPEC §9 example. */
export interface ExampleResult {
  labels: string[];
  areas: string[];
  centroids: string[];
  dataCounts: string[];
  facetEdges: string[];
  sharedFaces: string[];
  extra: Record<string, string | string[]>;
}

/** SPEC §9 data: the 100 grid points ((2a+1)/20, (2b+1)/20) as a CSV text with a header. */
function gridCsv(): string {
  const lines = ['x,y'];
  for (let a = 0; a < 10; a++)
    for (let b = 0; b < 10; b++) lines.push(`${2 * a + 1}/20,${2 * b + 1}/20`);
  return lines.join('\n');
}

/** The numbers SPEC §9 gives for every example: cells, areas, centroids, points, faces. */
function common(partition: Partition, grid: Rational[][], model: Model) {
  const polytopes = partition.cells.map((c) => c.polytope);
  const data = dataHoldingPartition(model, grid);
  const adjacency = facetAdjacency(data);
  const complex = buildComplex(partition);
  const numbers: Omit<ExampleResult, 'extra'> = {
    labels: partition.cells.map((c) => c.label),
    areas: polytopes.map((p) => p.volume().toString()),
    centroids: polytopes.map((p) => p.centroid().map(String).join(',')),
    dataCounts: data.cells.map((c) => `${c.label}=${c.dataCount}`),
    facetEdges: adjacency.edges.map((e) => `${data.cells[e.a]!.label}|${data.cells[e.b]!.label}`),
    sharedFaces: complex.sharedFaces.map(
      (f) => `${partition.cells[f.i]!.label}|${partition.cells[f.j]!.label}=${f.volume}`,
    ),
  };
  return { numbers, complex, polytopes };
}

/** SPEC §9 B: h1 = x − 1/2, h2 = x + y − 1 on [0,1]². */
function exampleB(grid: Rational[][]): ExampleResult {
  const { model } = readMlgeoJson({
    format: 'mlgeo-arrangement',
    version: 1,
    hyperplanes: [
      { w: [1, 0], c: '-1/2' },
      { w: [1, 1], c: -1 },
    ],
  });
  const partition = partitionOf(model);
  const { numbers, complex, polytopes } = common(partition, grid, model);
  const centroidComplex = buildComplex(partition, { edgeLength: 'centroid' });
  const centre = complex.ridges!.find((r) => r.point.join(',') === '1/2,1/2')!;
  // cell 00 straight from its H-representation (with the redundant rows x ≤ 1, y ≤ 1)
  const cell00 = Polytope.fromHRep(
    [
      [-1, 0],
      [1, 0],
      [0, -1],
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    [0, 1, 0, 1, '1/2', 1],
  );
  return {
    ...numbers,
    extra: {
      cosAtCentre: centre.angles.map((a) => a.cos.toString()),
      angleSumOver2Pi: String(centre.sum / (2 * Math.PI)),
      centroidDistance0001: String(centroidComplex.metric.edgeLengths[0]),
      centroidM1_0001: String(centroidComplex.metric.M1[0]),
      fVector: complex.fVector.map(String),
      nerveFVector: buildComplex(partition, { kind: 'nerve' }).fVector.map(String),
      unitEigenvalues: laplacianSpectrum(
        fromRiemannianComplex(buildComplex(partition, { edgeLength: 'unit' })),
      ).pairs.map((p) => p.value.toFixed(9)),
      cell00: `${cell00.volume()} at ${cell00.centroid().join(',')}; ${cell00.facets().length} facets`,
      ollivier0001: String(
        complexOllivier(buildComplex(dataHoldingPartition(model, grid)), { mode: 'exact' }).exact!
          .kappa[0],
      ),
      brands: String(
        isPolytope(polytopes[0]) && isRational(polytopes[0]!.volume()) && !isRational(1),
      ),
    },
  };
}

/** SPEC §9 D: the ReLU MLP 2→2→1→1, read from the bytes of its JSON file. */
async function exampleD(grid: Rational[][]): Promise<ExampleResult> {
  const file = JSON.stringify({
    format: 'mlgeo-mlp',
    version: 1,
    layers: [
      {
        weights: [
          [1, 0],
          [0, 1],
        ],
        bias: ['-1/2', '1/4'],
        activation: 'relu',
      },
      { weights: [[1, 1]], bias: [-1], activation: 'relu' },
      { weights: [[1]], bias: ['-1/8'], activation: 'linear' },
    ],
  });
  const { model, format } = await readModelBytes('d.json', new TextEncoder().encode(file));
  const partition = partitionOf(model);
  const float = partitionOf(model, { predicates: 'filtered' });
  const { numbers, complex } = common(partition, grid, model);
  const bend = complex.ridges!.find((r) => r.point.join(',') === '1/2,3/4')!;
  return {
    ...numbers,
    extra: {
      format,
      output: partition.cells.map((c) => {
        const { A, c: c0 } = c.mlp!.output;
        return `${A[0]!.join(',')};${c0[0]}`;
      }),
      floatLabels: float.cells.map((c) => c.label),
      anglesAtBendOverPi: bend.angles.map((a) => String(Math.round((4 * a.angle) / Math.PI))),
      // @mlgeo/diff-forms: the layer-2 unit pulled back per cell, layer-1 volumes, P_1's labels
      layer2Pullbacks: partition.cells.map((c) => {
        const h1 = cellLayerMaps(c)[0]!;
        const p = pullbackHyperplane(
          RationalField,
          { A: h1.J, c: h1.offset },
          [Rational.ONE, Rational.ONE],
          Rational.of(-1),
        );
        return `${p.w.join(',')};${p.c};${layerVolume(h1.J, c.polytope.volume())}`;
      }),
      refinementP1: layerRefinement(
        model as Parameters<typeof layerRefinement>[0],
      )[0]!.partition.cells.map((c) => c.label),
    },
  };
}

/** Runs SPEC §9 B and D; also checks that bad input gives a typed error. */
export async function runSpecExamples(): Promise<string> {
  const { points } = readPointsCsv(gridCsv(), { dimension: 2 });
  let error = 'none';
  try {
    readPointsCsv('x,y\n0.1,NaN\n');
  } catch (e) {
    error = isMlgeoError(e) ? `${e.code} at ${e.field}` : `untyped: ${String(e)}`;
  }
  const result = { B: exampleB(points), D: await exampleD(points), error };
  return JSON.stringify(result);
}
