/**
 * Face-decision jobs (face-job.ts) on worker threads, and the parallel driver
 * `facetAdjacencyParallel`. Node-only (worker_threads): exported from `@mlgeo/model-partitions/node`,
 * never from the main entry.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Model } from '../models.js';
import type { Partition } from '../partition.js';
import { adapterFor } from '../adapters/index.js';
import { type FacetAdjacency, collect, facetAdjacency } from './adjacency.js';
import { dataHoldingState } from './data-holding.js';
import { type FaceJob, decideFaceJob, serializeFaceJob } from './face-job.js';
import type { FaceDecision } from './mlp-faces.js';

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
export async function decideInWorkers(job: FaceJob, workers: number): Promise<FaceDecision[]> {
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
          w.postMessage(serializeFaceJob({ ...job, tasks: idx.map((i) => job.tasks[i]!) }));
        }),
    ),
  );
  return out;
}

/**
 * {@link facetAdjacency} with the face decisions spread over `workers` worker threads when the
 * model's adapter has a face decider (ReLU MLPs; other kinds run in the calling thread). Same result
 * as the sequential version.
 */
export async function facetAdjacencyParallel(
  partition: Partition,
  model?: Model,
  options: { workers?: number } = {},
): Promise<FacetAdjacency> {
  const state = dataHoldingState(partition);
  const workers = options.workers ?? 2;
  const adapter = state && adapterFor(state.model);
  const decider = adapter?.faceDecider;
  if (!state || !adapter || !decider || workers <= 1) return facetAdjacency(partition, model);
  if (model && model !== state.model) return facetAdjacency(partition, model); // throws
  const candidates = adapter.faceCandidates(partition.cells.map((c) => c.label));
  const job = decider.workerJob(partition, state, candidates);
  // too few faces to pay for starting threads
  const decisions =
    job.tasks.length < 2 * workers ? decideFaceJob(job) : await decideInWorkers(job, workers);
  return collect(candidates, decisions);
}
