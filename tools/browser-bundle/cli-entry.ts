/**
 * The browser-bundle entry of `@mlgeo/cli/browser` (see cli-browser-entry.test.ts): reads a model
 * and its data from text, partitions, builds the complex and writes the report with the CLI's own
 * browser-safe builder, as `mlgeo analyze MODEL --data DATA` does with its defaults.
 */
import { readPoints, reportJson } from '@mlgeo/cli/browser';
import { Rational } from '@mlgeo/exact-arith';
import { boxHRep } from '@mlgeo/exact-polytope';
import { dataHoldingPartition, partitionOf } from '@mlgeo/model-partitions';
import { readModelBytes } from '@mlgeo/model-readers';
import { buildComplex, complexToJson, verify } from '@mlgeo/riemannian-complex';

/** The report (JSON text, timing left out) of a 2-input model file and a points file. */
export async function reportOf(
  modelFile: string,
  modelText: string,
  dataFile: string,
  dataText: string,
  sha256: string,
  version: string,
): Promise<string> {
  const bytes = new TextEncoder().encode(modelText);
  const read = await readModelBytes(modelFile, bytes);
  const d = read.model.inputDimension;
  const { A, b } = boxHRep(new Array(d).fill(Rational.ZERO), new Array(d).fill(Rational.ONE));
  const domain = { A, b, description: `box [0, 1]^${d}` };
  const data = readPoints(dataText, dataFile, d);
  const spec = { kind: 'hrep' as const, A, b };
  const partition = partitionOf(read.model, { domain: spec, predicates: 'exact' });
  const located = dataHoldingPartition(read.model, data.points, {
    domain: spec,
    keepIndices: false,
  });
  const counts = new Map(located.cells.map((c) => [c.label, c.dataCount ?? 0]));
  for (const cell of partition.cells) cell.dataCount = counts.get(cell.label) ?? 0;
  partition.totalPoints = located.totalPoints ?? data.points.length;
  if (located.outside !== undefined) partition.outside = located.outside;
  const complex = buildComplex(partition, { kind: 'adjacency', edgeLength: 'centroid' });
  const report = reportJson(
    {
      command: `mlgeo analyze ${modelFile} --data ${dataFile}`,
      modelFile,
      modelBytes: bytes,
      sha256,
      read,
      domain,
      predicates: 'exact',
      measures: 'exact',
      data: { file: dataFile, points: data },
      mode: 'all',
      modeReason: 'x',
      partition,
      complex: complexToJson(complex, { checks: false }),
      checks: verify(complex),
      seconds: 0,
      phases: {},
    },
    { name: 'mlgeo', version },
  );
  delete (report as { timing?: unknown }).timing;
  return JSON.stringify(report);
}
