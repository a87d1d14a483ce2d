/** One worker of `mlgeo analyze --workers n` (shard/workers.ts): runs its shard, posts the report. */
import { parentPort, workerData } from 'node:worker_threads';
import { isMlgeoError } from '@mlgeo/exact-arith';
import { analyze, type AnalyzeOptions } from '../analyze.js';
import { UsageError } from '../errors.js';
import type { WorkerReply } from './workers.js';

const { options, cwd } = workerData as { options: AnalyzeOptions; cwd: string };
let reply: WorkerReply;
try {
  const result = await analyze(options, {
    stdout: () => {},
    stderr: () => {},
    stderrIsTTY: false,
    cwd,
  });
  reply = { ok: true, report: result.report };
} catch (error) {
  reply = {
    ok: false,
    usage: error instanceof UsageError,
    code: isMlgeoError(error) ? String(error.code) : 'DECODE',
    message: error instanceof Error ? error.message : String(error),
  };
}
parentPort!.postMessage(reply);
