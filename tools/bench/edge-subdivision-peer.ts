/**
 * Berzins' edge subdivision (its public repository, checked out outside this project and passed by
 * path) run by tools/bench/edge_subdivision_driver.py in a child Python process with one thread:
 * the driver's own CPU time of the algorithm (smallest of `repeat` runs) and its counts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DRIVER = fileURLToPath(new URL('./edge_subdivision_driver.py', import.meta.url));

export interface PeerRun {
  /** The smallest of `cpu`. */
  seconds: number;
  /** CPU seconds of each of the `repeat` runs. */
  cpu: number[];
  cells: number;
  cellsHidden: number;
  eulerCells?: number;
  vertices: number;
  edges: number;
  maxRssKb: number;
  torch: string;
  threads: number;
  dtype: string;
}

/** Edge subdivision on an `mlgeo-mlp` model file over the box [lo, hi]^d. */
export function runEdgeSubdivision(o: {
  python: string;
  peer: string;
  file: string;
  lo: number;
  hi: number;
  repeat: number;
  /** Also cut along the output's zero set f = 0 (the peer's default). */
  outputSplit: boolean;
}): PeerRun {
  const args = [DRIVER, '--peer', o.peer, '--model', o.file, '--lo', String(o.lo)];
  args.push('--hi', String(o.hi), '--repeat', String(o.repeat));
  if (!o.outputSplit) args.push('--no-output-split');
  const r = spawnSync(o.python, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{'))
    throw new Error(`edge subdivision driver failed (${r.status}):\n${r.stderr?.slice(-3000)}`);
  return JSON.parse(last) as PeerRun;
}
