/**
 * Worker thread for facet adjacency of MLP data-holding cells: rebuilds the network from its exact
 * serialized form and decides the candidate faces it is sent (see mlp-faces.ts).
 */
import { parentPort } from 'node:worker_threads';
import { decideFaceJob, deserializeFaceJob } from './face-job.js';

parentPort!.on('message', (msg: unknown) => {
  parentPort!.postMessage(decideFaceJob(deserializeFaceJob(msg)));
});
