/**
 * A batch of MLP face decisions in a form that crosses thread boundaries: the network and domain
 * rows as exact strings and the tasks as plain data. Main-entry safe (no Node module): the worker
 * threads that run such jobs are started by `@mlgeo/model-partitions/node` (face-jobs.ts).
 */
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import { type IntAffine, affineFromIntegers } from './affine.js';
import { type FaceDecision, type MlpFaceTask, decideMlpFace, mlpFaceContext } from './mlp-faces.js';

/** The face tasks of one network on one domain. */
export interface FaceJob {
  model: ReluMlpModel;
  domainRows: IntAffine[];
  tasks: MlpFaceTask[];
}

/** Decides every task of the job in the calling thread, in task order. */
export function decideFaceJob(job: FaceJob): FaceDecision[] {
  const ctx = mlpFaceContext(job.model, job.domainRows);
  return job.tasks.map((t) => decideMlpFace(ctx, t));
}

/** The job as structured-clone data with exact decimal strings (no BigInt, no class instances). */
export function serializeFaceJob(job: FaceJob): unknown {
  return {
    d: job.model.inputDimension,
    layers: job.model.layers.map((l) => ({
      W: l.weights.map((r) => r.map((x) => x.toString())),
      b: l.bias.map((x) => x.toString()),
      ...(l.negativeSlopes ? { a: l.negativeSlopes.map((x) => x.toString()) } : {}),
    })),
    rows: job.domainRows.map((g) => ({ w: g.w.map(String), c: String(g.c) })),
    tasks: job.tasks,
  };
}

/** Inverse of {@link serializeFaceJob}. */
export function deserializeFaceJob(msg: unknown): FaceJob {
  const m = msg as {
    d: number;
    layers: { W: string[][]; b: string[]; a?: string[] }[];
    rows: { w: string[]; c: string }[];
    tasks: MlpFaceTask[];
  };
  return {
    model: {
      kind: 'mlp',
      inputDimension: m.d,
      layers: m.layers.map((l) => ({
        weights: l.W.map((r) => r.map((x) => Rational.parse(x))),
        bias: l.b.map((x) => Rational.parse(x)),
        ...(l.a ? { negativeSlopes: l.a.map((x) => Rational.parse(x)) } : {}),
      })),
    },
    domainRows: m.rows.map((r) => affineFromIntegers(r.w.map(BigInt), BigInt(r.c))),
    tasks: m.tasks,
  };
}
