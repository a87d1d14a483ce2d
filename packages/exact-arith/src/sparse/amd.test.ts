/**
 * Approximate minimum degree: always a permutation (fast-check on random symmetric patterns,
 * disconnected and empty rows included), and on k × k grids its fill — counted by an independent
 * oracle, the elimination game on adjacency sets — is far below the natural order's (band k:
 * nnz(L) ≈ n·k) and grows like n log n, not n^{3/2}.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approximateMinimumDegree, type SymmetricPattern } from './amd.js';

function patternOf(n: number, edges: readonly [number, number][]): SymmetricPattern {
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) {
    if (a === b) continue;
    adj[a]!.add(b);
    adj[b]!.add(a);
  }
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    cols.push(...[...adj[i]!, i].sort((x, y) => x - y)); // the diagonal is stored (and ignored)
    rowStart[i + 1] = cols.length;
  }
  return { rows: n, rowStart, colIndex: Int32Array.from(cols) };
}

function grid(k: number): SymmetricPattern {
  const edges: [number, number][] = [];
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      if (c + 1 < k) edges.push([r * k + c, r * k + c + 1]);
      if (r + 1 < k) edges.push([r * k + c, (r + 1) * k + c]);
    }
  return patternOf(k * k, edges);
}

/** nnz below the diagonal of L by the elimination game (eliminating v joins its neighbours). */
function fillOf(A: SymmetricPattern, perm: Int32Array): number {
  const n = A.rows;
  const adj = Array.from({ length: n }, (_, i) => {
    const s = new Set<number>();
    for (let p = A.rowStart[i]!; p < A.rowStart[i + 1]!; p++)
      if (A.colIndex[p] !== i) s.add(A.colIndex[p]!);
    return s;
  });
  const gone = new Uint8Array(n);
  let nnz = 0;
  for (const v of perm) {
    const nb = [...adj[v]!].filter((u) => !gone[u]);
    nnz += nb.length;
    for (const a of nb) for (const b of nb) if (a !== b) adj[a]!.add(b);
    gone[v] = 1;
  }
  return nnz;
}

const isPermutation = (perm: Int32Array, n: number): boolean =>
  perm.length === n && [...perm].sort((a, b) => a - b).every((v, i) => v === i);

describe('approximate minimum degree', () => {
  it('returns a permutation of any symmetric pattern', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 60 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              n === 0
                ? fc.constant([] as [number, number][])
                : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 4 * n }),
            ),
          ),
        ([n, edges]) => {
          expect(isPermutation(approximateMinimumDegree(patternOf(n, edges)), n)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reduces the fill of k × k grids far below the natural order', () => {
    const ratios: number[] = [];
    for (const k of [10, 20, 30]) {
      const A = grid(k);
      const perm = approximateMinimumDegree(A);
      expect(isPermutation(perm, k * k)).toBe(true);
      const natural = fillOf(
        A,
        Int32Array.from({ length: k * k }, (_, i) => i),
      );
      const amd = fillOf(A, perm);
      // natural order: every column below the first row holds the k entries of its band
      expect(natural).toBeGreaterThanOrEqual((k * k - k) * (k - 1));
      expect(amd).toBeLessThan(natural);
      ratios.push(amd / natural);
      // n log n growth: nnz(L) ≤ 8·n·log2(k) (nested dissection's constant is 31/4)
      expect(amd).toBeLessThanOrEqual(8 * k * k * Math.log2(k));
    }
    // the gain widens with k (natural Θ(n^{3/2}) against Θ(n log n))
    expect(ratios[2]!).toBeLessThan(ratios[0]!);
    expect(ratios[2]!).toBeLessThan(0.4);
  });

  it('creates no fill on a path numbered badly (minimum degree eliminates the ends first)', () => {
    const n = 40;
    // a path visiting the vertices in a scrambled order
    const order = Array.from({ length: n }, (_, i) => (i * 17) % n);
    const edges = order.slice(1).map((v, i) => [order[i]!, v] as [number, number]);
    const A = patternOf(n, edges);
    expect(fillOf(A, approximateMinimumDegree(A))).toBe(n - 1);
  });
});
