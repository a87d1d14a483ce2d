/**
 * Shared input of the in-process LP-tier probes (face-lp-probe.ts, lp-tier-probe.ts): an ONNX
 * model and the first n rows of a CSV with a header, label column dropped (the columns after the
 * model's input dimension), points as decimal strings (read exactly by the partition).
 */
import { readFileSync } from 'node:fs';
import { readOnnxModel } from '@mlgeo/model-readers';

export function onnxModelAndPoints(modelFile: string, dataFile: string, n?: number) {
  const model = readOnnxModel(readFileSync(modelFile)).model;
  const lines = readFileSync(dataFile, 'utf8').trim().split('\n').slice(1);
  const d = model.inputDimension;
  const points = lines.slice(0, n ?? lines.length).map((l) => l.split(',').slice(0, d));
  return { model, points, d };
}

/** CPU seconds (user + system) of this process so far. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
