/**
 * `mlgeo analyze --workers n` (LP tier): the run as n shards on worker threads (node:worker_threads;
 * the CLI is Node-only, the core packages stay browser-bundleable), joined by the merge of
 * `mlgeo merge` (shard/merge.ts): the report equals the one-worker report (a test checks it). Every
 * worker reads the model and locates the points itself; the per-cell LP work is split.
 */
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions } from '../analyze.js';
import type { CliIo } from '../cli.js';
import { InputError, UsageError } from '../errors.js';
import type { ReportJson } from '../report/types.js';
import { mergeShardReports } from './merge.js';
import { checkShardable } from './shard-option.js';

/** What a worker sends back: its shard report, or the error that stopped it. */
export type WorkerReply =
  { ok: true; report: ReportJson } | { ok: false; usage: boolean; code: string; message: string };

/**
 * The worker's entry: the compiled .js beside this module, or, when this module runs from its .ts
 * source (tsx, vitest), a small script that registers tsx in the worker thread and imports the .ts.
 */
function workerEntry(): { entry: URL | string; eval: boolean; execArgv: string[] } {
  const source = import.meta.url.endsWith('.ts');
  const url = new URL(`./shard-worker.${source ? 'ts' : 'js'}`, import.meta.url);
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--cpu-prof'));
  if (!source) return { entry: url, eval: false, execArgv };
  if (!execArgv.some((a) => a.includes('@mlgeo/source')))
    execArgv.push('--conditions=@mlgeo/source');
  const api = import.meta.resolve('tsx/esm/api');
  const script =
    `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(url.href)}); });`;
  return { entry: script, eval: true, execArgv };
}

/** Runs the analysis as `options.workers` shards on worker threads and merges them. */
export async function analyzeInWorkers(options: AnalyzeOptions, io: CliIo): Promise<ReportJson> {
  checkShardable('--workers', options);
  const n = options.workers!;
  const { entry, eval: isScript, execArgv } = workerEntry();
  const shardOptions = (index: number): AnalyzeOptions => {
    const { out: _out, json: _json, cellsCsv: _csv, workers: _w, ...rest } = options;
    return { ...rest, shard: `${index}/${n}`, quiet: true };
  };
  const run = (index: number) =>
    new Promise<ReportJson>((resolveReport, reject) => {
      const worker = new Worker(entry, {
        eval: isScript,
        execArgv,
        workerData: { options: shardOptions(index), cwd: io.cwd },
      });
      let replied = false;
      worker.once('message', (reply: WorkerReply) => {
        replied = true;
        if (reply.ok) resolveReport(reply.report);
        else
          reject(
            reply.usage
              ? new UsageError(reply.message)
              : new InputError(reply.code as 'SHARD', reply.message),
          );
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (!replied) reject(new Error(`worker ${index} of ${n} exited with code ${code}`));
      });
    });
  const reports = await Promise.all(Array.from({ length: n }, (_, i) => run(i)));
  return mergeShardReports(reports.map((report, i) => ({ file: `worker ${i}`, report })));
}
