/**
 * Supernodal multifrontal LDLᵀ on Float64Arrays. Consecutive columns of L with the same structure
 * (a chain j → j+1 of the elimination tree in which column j+1 has exactly the nonzeros of column
 * j below j+1) form a supernode; small supernodes are merged into their parent when the explicit
 * zeros this adds stay few (relaxed amalgamation). Each supernode s is factorised in a dense
 * frontal matrix F_s over its columns and row structure R_s: the entries of A, plus the update
 * matrices of its children (extend-add), then a partial dense LDLᵀ of its columns, whose Schur
 * complement U_s = F₂₂ − L₂₁ D L₂₁ᵀ is passed to the parent (Duff & Reid's multifrontal method).
 * Every inner loop is a dense dot product over contiguous memory, which is what makes this fast in
 * JavaScript; the triangular solves run supernode by supernode on the same dense blocks.
 *
 * Same semantics as the scalar kernel (ldl.ts): in semidefinite mode a pivot with
 * |d_k| ≤ 1e-11·|A_kk| is set to zero together with its column of L.
 */
import type { CsrMatrix } from '@mlgeo/exact-arith';
import type { FloatLdlFactor } from './ldl.js';
import { breakdown, FLOAT_PIVOT_TOL, floatFactorHandle, symbolic } from './ldl-symbolic.js';

/** Merge a child supernode into its parent while the merged one has at most this many columns… */
const RELAX_SMALL = 8;
/** …or while the explicit zeros it adds stay below this fraction of the merged block. */
const RELAX_ZEROS = 0.05;

/** The supernodal LDLᵀ of A under the ordering perm (perm[new] = old). */
export function supernodalLdlFloat(
  A: CsrMatrix<number>,
  perm: Int32Array,
  semidefinite: boolean,
): FloatLdlFactor {
  const { n, pinv, parent, colStart } = symbolic(A, perm);
  const count = new Int32Array(n); // nonzeros below the diagonal, column j of L
  for (let j = 0; j < n; j++) count[j] = colStart[j + 1]! - colStart[j]!;
  const children = new Int32Array(n);
  for (let j = 0; j < n; j++) if (parent[j]! >= 0) children[parent[j]!]!++;

  // fundamental supernodes: first column of each, in column order
  const firstCols: number[] = [];
  for (let j = 0; j < n; j++) {
    const joins =
      j > 0 && parent[j - 1] === j && count[j - 1] === count[j]! + 1 && children[j] === 1;
    if (!joins) firstCols.push(j);
  }
  // relaxed amalgamation: a kept supernode c that ends right before s, with the parent of its
  // last column in s, merges into s; its structure R_c lies in cols(s) ∪ R_s, so the merged front
  // has the rows of s plus c's columns and gains ns_c·(m_s − |R_c|) explicit zeros
  const merged: number[] = [];
  {
    const keptFirst: number[] = [];
    const keptNs: number[] = [];
    const keptR: number[] = [];
    const keptZeros: number[] = [];
    for (let s = 0; s < firstCols.length; s++) {
      let first = firstCols[s]!;
      const end = s + 1 < firstCols.length ? firstCols[s + 1]! : n;
      const R = count[end - 1]!;
      let cols = end - first;
      let zeros = 0;
      while (keptFirst.length > 0) {
        const t = keptFirst.length - 1;
        const pf = keptFirst[t]!;
        const pns = keptNs[t]!;
        if (pf + pns !== first) break;
        const up = parent[first - 1]!;
        if (up < first || up >= end) break;
        const newCols = pns + cols;
        const newZeros = zeros + keptZeros[t]! + pns * (cols + R - keptR[t]!);
        if (newCols > RELAX_SMALL && newZeros > RELAX_ZEROS * newCols * (newCols + R)) break;
        keptFirst.pop();
        keptNs.pop();
        keptR.pop();
        keptZeros.pop();
        first = pf;
        cols = newCols;
        zeros = newZeros;
      }
      keptFirst.push(first);
      keptNs.push(cols);
      keptR.push(R);
      keptZeros.push(zeros);
    }
    merged.push(...keptFirst);
  }
  const S = merged.length;
  const snFirst = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) snFirst[s] = merged[s]!;
  snFirst[S] = n;
  const superOf = new Int32Array(n);
  for (let s = 0; s < S; s++) for (let j = snFirst[s]!; j < snFirst[s + 1]!; j++) superOf[j] = s;
  const snParent = new Int32Array(S).fill(-1);
  const snChildStart = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) {
    const top = parent[snFirst[s + 1]! - 1]!;
    if (top >= 0) {
      snParent[s] = superOf[top]!;
      snChildStart[snParent[s]! + 1]!++;
    }
  }
  for (let s = 0; s < S; s++) snChildStart[s + 1]! += snChildStart[s]!;
  const snChildren = new Int32Array(Math.max(snChildStart[S]!, 1));
  {
    const fill = snChildStart.slice(0, S);
    for (let s = 0; s < S; s++) if (snParent[s]! >= 0) snChildren[fill[snParent[s]!]!++] = s;
  }

  // row structures R_s (rows below the supernode's columns), ascending
  const rs = A.rowStart;
  const ci = A.colIndex;
  const av = A.values as Float64Array;
  const mark = new Int32Array(n).fill(-1);
  const rowStart = new Int32Array(S + 1);
  const rowLists: Int32Array[] = new Array(S);
  let totalRows = 0;
  for (let s = 0; s < S; s++) {
    const first = snFirst[s]!;
    const last = snFirst[s + 1]! - 1;
    const list: number[] = [];
    for (let j = first; j <= last; j++) {
      const row = perm[j]!;
      for (let p = rs[row]!; p < rs[row + 1]!; p++) {
        const i = pinv[ci[p]!]!;
        if (i > last && mark[i] !== s) {
          mark[i] = s;
          list.push(i);
        }
      }
    }
    for (let c = snChildStart[s]!; c < snChildStart[s + 1]!; c++) {
      const R = rowLists[snChildren[c]!]!;
      for (let a = 0; a < R.length; a++) {
        const i = R[a]!;
        if (i > last && mark[i] !== s) {
          mark[i] = s;
          list.push(i);
        }
      }
    }
    const R = Int32Array.from(list).sort();
    rowLists[s] = R;
    rowStart[s + 1] = rowStart[s]! + R.length;
    totalRows += R.length;
  }
  const rowIndex = new Int32Array(Math.max(totalRows, 1));
  for (let s = 0; s < S; s++) rowIndex.set(rowLists[s]!, rowStart[s]!);

  // numeric: L block of s is m_s × ns_s, row-major (front rows: the columns, then R_s)
  const blockStart = new Float64Array(S + 1); // offsets (may exceed 2^31 in principle)
  for (let s = 0; s < S; s++) {
    const ns = snFirst[s + 1]! - snFirst[s]!;
    blockStart[s + 1] = blockStart[s]! + ns * (ns + rowStart[s + 1]! - rowStart[s]!);
  }
  const Lx = new Float64Array(blockStart[S]!);
  const D = new Float64Array(n);
  const relpos = new Int32Array(n);
  const updates: (Float64Array | null)[] = new Array(S).fill(null);
  let zeroPivots = 0;
  let negativePivots = 0;
  const akk = new Float64Array(n);
  let G = new Float64Array(0);
  for (let s = 0; s < S; s++) {
    const first = snFirst[s]!;
    const ns = snFirst[s + 1]! - first;
    const r0 = rowStart[s]!;
    const nr = rowStart[s + 1]! - r0;
    const m = ns + nr;
    for (let k = 0; k < ns; k++) relpos[first + k] = k;
    for (let a = 0; a < nr; a++) relpos[rowIndex[r0 + a]!] = ns + a;
    // the front's first ns columns (m × ns, row-major) and its trailing block (nr × nr, lower)
    const F = Lx.subarray(blockStart[s]!, blockStart[s + 1]!);
    const U = nr > 0 ? new Float64Array(nr * nr) : null;
    // assemble A: lower-triangle entries (i ≥ j) of the columns j of s
    for (let k = 0; k < ns; k++) {
      const j = first + k;
      const row = perm[j]!;
      for (let p = rs[row]!; p < rs[row + 1]!; p++) {
        const i = pinv[ci[p]!]!;
        if (i < j) continue;
        F[relpos[i]! * ns + k]! += av[p]!;
        if (i === j) akk[j] = av[p]!;
      }
    }
    // extend-add the children's update matrices
    for (let c = snChildStart[s]!; c < snChildStart[s + 1]!; c++) {
      const child = snChildren[c]!;
      const Uc = updates[child];
      if (!Uc) continue;
      updates[child] = null;
      const cr0 = rowStart[child]!;
      const cnr = rowStart[child + 1]! - cr0;
      for (let a = 0; a < cnr; a++) {
        const ia = relpos[rowIndex[cr0 + a]!]!;
        const rowA = a * cnr;
        for (let b = 0; b <= a; b++) {
          const v = Uc[rowA + b]!;
          if (v === 0) continue;
          const ib = relpos[rowIndex[cr0 + b]!]!;
          // ia ≥ ib since the child's rows are ascending and relpos is monotone on them
          if (ib < ns) F[ia * ns + ib]! += v;
          else U![(ia - ns) * nr + (ib - ns)]! += v;
        }
      }
    }
    // partial LDLᵀ of the ns columns (left-looking inside the front)
    if (G.length < ns) G = new Float64Array(2 * ns);
    for (let k = 0; k < ns; k++) {
      const rowK = k * ns;
      for (let p = 0; p < k; p++) G[p] = D[first + p]! * F[rowK + p]!;
      for (let i = k; i < m; i++) {
        const rowI = i * ns;
        let t = F[rowI + k]!;
        for (let p = 0; p < k; p++) t -= F[rowI + p]! * G[p]!;
        F[rowI + k] = t;
      }
      let d = F[rowK + k]!;
      if (semidefinite ? !(Math.abs(d) > FLOAT_PIVOT_TOL * Math.abs(akk[first + k]!)) : d === 0) {
        if (!semidefinite) throw breakdown(first + k);
        d = 0;
        zeroPivots++;
      } else if (!Number.isFinite(d)) throw breakdown(first + k);
      if (d < 0) negativePivots++;
      D[first + k] = d;
      F[rowK + k] = 1;
      const inv = d === 0 ? 0 : 1 / d;
      for (let i = k + 1; i < m; i++) F[i * ns + k]! *= inv;
    }
    // Schur complement U −= L₂₁ D L₂₁ᵀ (lower triangle), each entry a dot product over ns
    if (U) {
      const W = new Float64Array(nr * ns); // W = L₂₁ D, row-major
      for (let a = 0; a < nr; a++) {
        const src = (ns + a) * ns;
        for (let p = 0; p < ns; p++) W[a * ns + p] = F[src + p]! * D[first + p]!;
      }
      for (let a = 0; a < nr; a++) {
        const la = (ns + a) * ns;
        const ua = a * nr;
        for (let b = 0; b <= a; b++) {
          const wb = b * ns;
          let t = 0;
          for (let p = 0; p < ns; p++) t += F[la + p]! * W[wb + p]!;
          U[ua + b]! -= t;
        }
      }
      updates[s] = U;
    }
  }

  const work = new Float64Array(n);
  let widest = 1;
  for (let s = 0; s < S; s++) widest = Math.max(widest, snFirst[s + 1]! - snFirst[s]!);
  const tmp = new Float64Array(widest);
  const solveInto = (b: Float64Array, out: Float64Array): Float64Array => {
    const x = work;
    for (let k = 0; k < n; k++) x[k] = b[perm[k]!]!;
    // L y = b, supernode by supernode
    for (let s = 0; s < S; s++) {
      const first = snFirst[s]!;
      const ns = snFirst[s + 1]! - first;
      const r0 = rowStart[s]!;
      const nr = rowStart[s + 1]! - r0;
      const base = blockStart[s]!;
      for (let k = 1; k < ns; k++) {
        const row = base + k * ns;
        let t = x[first + k]!;
        for (let p = 0; p < k; p++) t -= Lx[row + p]! * x[first + p]!;
        x[first + k] = t;
      }
      for (let a = 0; a < nr; a++) {
        const row = base + (ns + a) * ns;
        let t = 0;
        for (let p = 0; p < ns; p++) t += Lx[row + p]! * x[first + p]!;
        x[rowIndex[r0 + a]!]! -= t;
      }
    }
    for (let j = 0; j < n; j++) x[j] = D[j] === 0 ? 0 : x[j]! / D[j]!;
    // Lᵀ x = y, supernodes in reverse
    for (let s = S - 1; s >= 0; s--) {
      const first = snFirst[s]!;
      const ns = snFirst[s + 1]! - first;
      const r0 = rowStart[s]!;
      const nr = rowStart[s + 1]! - r0;
      const base = blockStart[s]!;
      for (let p = 0; p < ns; p++) tmp[p] = 0;
      for (let a = 0; a < nr; a++) {
        const row = base + (ns + a) * ns;
        const xa = x[rowIndex[r0 + a]!]!;
        if (xa === 0) continue;
        for (let p = 0; p < ns; p++) tmp[p]! += Lx[row + p]! * xa;
      }
      for (let p = 0; p < ns; p++) x[first + p]! -= tmp[p]!;
      for (let i = ns - 1; i > 0; i--) {
        const row = base + i * ns;
        const xi = x[first + i]!;
        if (xi === 0) continue;
        for (let k = 0; k < i; k++) x[first + k]! -= Lx[row + k]! * xi;
      }
    }
    for (let k = 0; k < n; k++) out[perm[k]!] = x[k]!;
    return out;
  };
  return floatFactorHandle(colStart, zeroPivots, negativePivots, solveInto);
}
