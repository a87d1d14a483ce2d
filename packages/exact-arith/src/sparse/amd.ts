/**
 * Approximate minimum degree ordering (AMD) of a structurally symmetric sparse matrix, written from
 * the published description: P. R. Amestoy, T. A. Davis, I. S. Duff, "An approximate minimum degree
 * ordering algorithm", SIAM J. Matrix Anal. Appl. 17(4), 1996.
 *
 * Elimination is simulated on the quotient graph: an eliminated pivot p becomes an *element* whose
 * list L_p holds the variables it connects (a clique of the filled graph, stored once); a variable
 * i keeps its elements E_i and its remaining variable neighbours A_i. The exact degree |Adj(i)| of
 * the filled graph is replaced by the bound of the paper (§3),
 *
 *   d̄_i = min( n − k − |i|,  d̄_i^old + |L_p \ i|,  |A_i \ i| + |L_p \ i| + Σ_{e ∈ E_i \ p} |L_e \ L_p| ),
 *
 * where |L_e \ L_p| is found for every element e touching L_p by one scan of the E_i of i ∈ L_p
 * (w(e) = |L_e| minus the weights of L_e ∩ L_p). Also from the paper: element absorption (an
 * element reached by p, or with L_e ⊆ L_p — "aggressive absorption", is merged into p), mass
 * elimination (a variable adjacent to p alone is eliminated with p), and supervariables
 * (indistinguishable variables, found by hashing their lists, are merged and weighted |i|).
 * Ties in the minimum degree are broken last-in first-out.
 */

/** A symmetric sparsity pattern in compressed rows (the diagonal, if stored, is ignored). */
export interface SymmetricPattern {
  readonly rows: number;
  readonly rowStart: Int32Array;
  readonly colIndex: Int32Array;
}

/**
 * An approximate minimum degree ordering: perm[newIndex] = oldIndex. Only the pattern is read; it
 * must be structurally symmetric (A_ij stored iff A_ji stored).
 */
export function approximateMinimumDegree(A: SymmetricPattern): Int32Array {
  const n = A.rows;
  const rs = A.rowStart;
  const ci = A.colIndex;
  // quotient graph: elements first in adjE[i] (for a variable), variables in adjA[i];
  const adjE: number[][] = new Array(n);
  const adjA: number[][] = new Array(n);
  // element lists L_e in one growing pool: pool[memberStart[e] .. + memberCount[e])
  let pool = new Int32Array(Math.max(16, 2 * (rs[n]! + n)));
  let poolUsed = 0;
  const memberStart = new Int32Array(n);
  const memberCount = new Int32Array(n);
  // live lengths of adjE[i], adjA[i] (the arrays only grow; entries past the length are stale)
  const eLen = new Int32Array(n);
  const aLen = new Int32Array(n);
  const weight = new Int32Array(n).fill(1); // |i| of a principal supervariable, 0 if merged
  const isElement = new Uint8Array(n);
  const absorbed = new Uint8Array(n); // element absorbed into another
  const degree = new Int32Array(n); // approximate external degree (variables) / |L_e| (elements)
  const mergedInto = new Int32Array(n).fill(-1); // supervariable or mass-elimination parent
  const eliminatedAt = new Int32Array(n).fill(-1); // pivot number of principal pivots
  // degree buckets: doubly linked lists
  const head = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const inBucket = new Uint8Array(n);
  let minDeg = n;
  const insert = (i: number, d: number): void => {
    next[i] = head[d]!;
    prev[i] = -1;
    if (head[d]! >= 0) prev[head[d]!] = i;
    head[d] = i;
    inBucket[i] = 1;
    if (d < minDeg) minDeg = d;
  };
  const remove = (i: number): void => {
    if (!inBucket[i]) return;
    const d = degree[i]!;
    if (prev[i]! >= 0) next[prev[i]!] = next[i]!;
    else head[d] = next[i]!;
    if (next[i]! >= 0) prev[next[i]!] = prev[i]!;
    inBucket[i] = 0;
  };
  for (let i = 0; i < n; i++) {
    const a: number[] = [];
    for (let p = rs[i]!; p < rs[i + 1]!; p++) if (ci[p] !== i) a.push(ci[p]!);
    adjA[i] = a;
    adjE[i] = [];
    aLen[i] = a.length;
    degree[i] = a.length;
    insert(i, a.length);
  }
  // w(e) relative to a growing tag (Float64Array: the tag never overflows for n ≤ 2^26)
  const w = new Float64Array(n);
  let tag = 0;
  const mark = new Float64Array(n); // membership marks for L_p
  let markTag = 0;
  let eliminated = 0; // k: variables eliminated so far (weighted)
  let pivots = 0;
  const hashOf = new Float64Array(n);
  // per-pivot scratch: L_p and the variables that stay in it
  const Lp = new Int32Array(n);
  const survivors = new Int32Array(n);
  while (eliminated < n) {
    // the pivot: a variable of minimum approximate degree
    while (minDeg <= n && head[minDeg]! < 0) minDeg++;
    const p = head[minDeg]!;
    remove(p);
    eliminatedAt[p] = pivots++;
    // L_p = (A_p ∪ ⋃_{e ∈ E_p} L_e) \ p, principal variables only; the elements of E_p are absorbed
    markTag++;
    mark[p] = markTag;
    let lpCount = 0;
    let degP = 0;
    const Ep = adjE[p]!;
    for (let x = 0; x < eLen[p]!; x++) {
      const e = Ep[x]!;
      if (absorbed[e]) continue;
      const start = memberStart[e]!;
      const end = start + memberCount[e]!;
      for (let y = start; y < end; y++) {
        const v = pool[y]!;
        if (isElement[v] || weight[v] === 0 || mark[v] === markTag) continue;
        mark[v] = markTag;
        Lp[lpCount++] = v;
        degP += weight[v]!;
      }
      absorbed[e] = 1;
      memberCount[e] = 0;
    }
    const Ap = adjA[p]!;
    for (let x = 0; x < aLen[p]!; x++) {
      const v = Ap[x]!;
      if (isElement[v] || weight[v] === 0 || mark[v] === markTag) continue;
      mark[v] = markTag;
      Lp[lpCount++] = v;
      degP += weight[v]!;
    }
    eLen[p] = 0;
    aLen[p] = 0;
    isElement[p] = 1;
    eliminated += weight[p]!;
    // |L_e \ L_p| for every element e adjacent to L_p: w(e) − tag after the scan
    tag += n + 1;
    for (let x = 0; x < lpCount; x++) {
      const i = Lp[x]!;
      remove(i);
      const Ei = adjE[i]!;
      for (let y = 0; y < eLen[i]!; y++) {
        const e = Ei[y]!;
        if (absorbed[e]) continue;
        if (w[e]! < tag) w[e] = tag + degree[e]!;
        w[e]! -= weight[i]!;
      }
    }
    // prune lists, approximate degrees, mass elimination
    let survivorCount = 0;
    for (let x = 0; x < lpCount; x++) {
      const i = Lp[x]!;
      const Ei = adjE[i]!;
      let ext = 0;
      let h = 0;
      let k = 0;
      for (let y = 0; y < eLen[i]!; y++) {
        const e = Ei[y]!;
        if (absorbed[e]) continue;
        const outside = w[e]! - tag;
        if (outside <= 0) {
          absorbed[e] = 1; // aggressive absorption: L_e ⊆ L_p
          memberCount[e] = 0;
          continue;
        }
        ext += outside;
        Ei[k++] = e;
        h += e;
      }
      eLen[i] = k;
      const Ai = adjA[i]!;
      let a = 0;
      let k2 = 0;
      for (let y = 0; y < aLen[i]!; y++) {
        const v = Ai[y]!;
        if (isElement[v] || weight[v] === 0 || mark[v] === markTag) continue;
        a += weight[v]!;
        Ai[k2++] = v;
        h += v;
      }
      aLen[i] = k2;
      if (k === 0 && k2 === 0) {
        // adjacent to p only: eliminated together with p (mass elimination)
        mergedInto[i] = p;
        eliminated += weight[i]!;
        degP -= weight[i]!;
        isElement[i] = 1;
        absorbed[i] = 1;
        continue;
      }
      if (k < Ei.length) Ei[k] = p;
      else Ei.push(p);
      eLen[i] = k + 1;
      const own = weight[i]!;
      const bound = Math.min(n - eliminated - own, degree[i]! + degP - own, a + (degP - own) + ext);
      degree[i] = Math.max(0, bound);
      hashOf[i] = h;
      survivors[survivorCount++] = i;
    }
    // supervariables: equal (E_i, A_i) sets among the survivors, found by hash (survivors
    // sorted by hash, equal hashes compared)
    for (let x = 1; x < survivorCount; x++) {
      const v = survivors[x]!;
      const hv = hashOf[v]!;
      let y = x - 1;
      while (y >= 0 && hashOf[survivors[y]!]! > hv) {
        survivors[y + 1] = survivors[y]!;
        y--;
      }
      survivors[y + 1] = v;
    }
    for (let x = 0; x < survivorCount; x++) {
      const i = survivors[x]!;
      if (weight[i] === 0) continue;
      const Ei = adjE[i]!;
      const Ai = adjA[i]!;
      for (let y = x + 1; y < survivorCount && hashOf[survivors[y]!] === hashOf[i]; y++) {
        const j = survivors[y]!;
        if (weight[j] === 0) continue;
        if (eLen[j] !== eLen[i] || aLen[j] !== aLen[i]) continue;
        markTag++;
        for (let z = 0; z < eLen[i]!; z++) mark[Ei[z]!] = markTag;
        for (let z = 0; z < aLen[i]!; z++) mark[Ai[z]!] = markTag;
        let same = true;
        const Ej = adjE[j]!;
        const Aj = adjA[j]!;
        for (let z = 0; same && z < eLen[j]!; z++) if (mark[Ej[z]!] !== markTag) same = false;
        for (let z = 0; same && z < aLen[j]!; z++) if (mark[Aj[z]!] !== markTag) same = false;
        if (!same) continue;
        // j merges into i: i's degree loses |j|
        weight[i]! += weight[j]!;
        degree[i] = Math.max(0, degree[i]! - weight[j]!);
        weight[j] = 0;
        mergedInto[j] = i;
        eLen[j] = 0;
        aLen[j] = 0;
      }
    }
    // L_p keeps its principal variables, stored in the pool
    if (poolUsed + survivorCount > pool.length) {
      const bigger = new Int32Array(2 * (poolUsed + survivorCount));
      bigger.set(pool.subarray(0, poolUsed));
      pool = bigger;
    }
    memberStart[p] = poolUsed;
    for (let x = 0; x < survivorCount; x++) {
      const i = survivors[x]!;
      if (weight[i] === 0) continue;
      pool[poolUsed++] = i;
      insert(i, Math.min(degree[i]!, n));
    }
    memberCount[p] = poolUsed - memberStart[p]!;
    degree[p] = degP;
  }
  // order: principal pivots by elimination; merged variables right after their representative
  const rootOf = (v: number): number => {
    let r = v;
    while (eliminatedAt[r]! < 0) r = mergedInto[r]!;
    // path compression
    while (eliminatedAt[v]! < 0) {
      const up = mergedInto[v]!;
      mergedInto[v] = r;
      v = up;
    }
    return r;
  };
  const count = new Int32Array(pivots + 1);
  const keyOf = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    keyOf[v] = eliminatedAt[rootOf(v)]!;
    count[keyOf[v]! + 1]!++;
  }
  for (let k = 0; k < pivots; k++) count[k + 1]! += count[k]!;
  const perm = new Int32Array(n);
  // the pivot itself first within its group, then the variables merged into it
  for (let v = 0; v < n; v++) if (eliminatedAt[v]! >= 0) perm[count[keyOf[v]!]!++] = v;
  for (let v = 0; v < n; v++) if (eliminatedAt[v]! < 0) perm[count[keyOf[v]!]!++] = v;
  return perm;
}
