/**
 * Worker thread for facet adjacency of MLP data-holding cells: rebuilds the network from its exact
 * serialized form and decides the candidate faces it is sent (see mlp-faces.ts).
 */
import { parentPort } from 'node:worker_threads';
import { decideMlpFace, mlpFaceContext } from './mlp-faces.js';
import { deserializeJob } from './face-jobs.js';

parentPort!.on('message', (msg: unknown) => {
  const { model, domainRows, tasks } = deserializeJob(msg);
  const ctx = mlpFaceContext(model, domainRows);
  const decisions = tasks.map((t) => decideMlpFace(ctx, t));
  parentPort!.postMessage(decisions);
});
