/**
 * Reads the benchmark input written by generate.py (raw little-endian arrays) and builds
 * K = B_1 diag(M1) B_1ᵀ and the spline system parts with @mlgeo/laplacian-splines types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsrMatrix } from '@mlgeo/exact-arith';
import { FLOAT64, weightedComplex, type WeightedComplex } from '@mlgeo/laplacian-splines';

export interface BenchInput {
  n: number;
  edges: number;
  complex: WeightedComplex<number>;
  K: CsrMatrix<number>;
  M0: Float64Array;
  y: Float64Array;
  mask: boolean[];
}

function f64(path: string): Float64Array {
  const b = readFileSync(path);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function readInput(dir: string): BenchInput {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
    n: number;
    edges: number;
  };
  const eb = readFileSync(join(dir, 'edges.i32'));
  const edges = new Int32Array(eb.buffer.slice(eb.byteOffset, eb.byteOffset + eb.byteLength));
  const M0 = f64(join(dir, 'm0.f64'));
  const M1 = f64(join(dir, 'm1.f64'));
  const y = f64(join(dir, 'y.f64'));
  const mask = Array.from(readFileSync(join(dir, 'mask.u8')), (b) => b === 1);
  const m = meta.edges;
  const triplets = [];
  for (let e = 0; e < m; e++) {
    triplets.push({ row: edges[2 * e]!, col: e, value: -1 });
    triplets.push({ row: edges[2 * e + 1]!, col: e, value: 1 });
  }
  const B1 = CsrMatrix.fromTriplets(FLOAT64, meta.n, m, triplets);
  const complex = weightedComplex(FLOAT64, [B1], [Array.from(M0), Array.from(M1)]);
  const K = B1.congruenceByDiagonal(Array.from(M1));
  return { n: meta.n, edges: m, complex, K, M0, y, mask };
}
