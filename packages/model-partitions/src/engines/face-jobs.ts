/**
 * Exact (string) serialization of face-decision jobs for worker threads, and the parallel driver.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import { type IntAffine, affineFromIntegers } from './affine.js';
import type { FaceDecision, MlpFaceTask } from './mlp-faces.js';

interface Job {
  model: ReluMlpModel;
  domainRows: IntAffine[];
  tasks: MlpFaceTask[];
}

export function serializeJob(job: Job): unknown {
  return {
    d: job.model.inputDimension,
    layers: job.model.layers.map((l) => ({
      W: l.weights.map((r) => r.map((x) => x.toString())),
      b: l.bias.map((x) => x.toString()),
    })),
    rows: job.domainRows.map((g) => ({ w: g.w.map(String), c: String(g.c) })),
    tasks: job.tasks,
  };
}

export function deserializeJob(msg: unknown): Job {
  const m = msg as {
    d: number;
    layers: { W: string[][]; b: string[] }[];
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
      })),
    },
    domainRows: m.rows.map((r) => affineFromIntegers(r.w.map(BigInt), BigInt(r.c))),
    tasks: m.tasks,
  };
}

/**
 * A worker running face-worker next to this module: the built .js directly; from source (.ts,
 * under tsx or vitest) through a small bootstrap that registers tsx's loader inside the worker.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./face-worker.js', import.meta.url));
  // the ESM build of tsx's API sits beside the CJS one that require.resolve finds
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /index\.cjs$/,
    'index.mjs',
  );
  const script = new URL('./face-worker.ts', import.meta.url).href;
  const boot = `(async () => { const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(script)}); })();`;
  const conditions = process.execArgv.some((a) => a.includes('conditions'))
    ? []
    : ['--conditions=@mlgeo/source'];
  return new Worker(boot, { eval: true, execArgv: [...process.execArgv, ...conditions] });
}

/** Decides the tasks on `workers` threads (tasks dealt round-robin); resolves in task order. */
export async function decideInWorkers(job: Job, workers: number): Promise<FaceDecision[]> {
  const n = Math.max(1, Math.min(workers, job.tasks.length));
  const buckets: number[][] = Array.from({ length: n }, () => []);
  job.tasks.forEach((_, i) => buckets[i % n]!.push(i));
  const out = new Array<FaceDecision>(job.tasks.length);
  await Promise.all(
    buckets.map(
      (idx) =>
        new Promise<void>((resolve, reject) => {
          const w = startWorker();
          w.once('message', (decisions: FaceDecision[]) => {
            idx.forEach((i, k) => (out[i] = decisions[k]!));
            void w.terminate();
            resolve();
          });
          w.once('error', reject);
          w.postMessage(serializeJob({ ...job, tasks: idx.map((i) => job.tasks[i]!) }));
        }),
    ),
  );
  return out;
}
