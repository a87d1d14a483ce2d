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
  // for an element e, members[e] = L_e (stale entries are skipped when read)
  const adjE: number[][] = new Array(n);
  const adjA: number[][] = new Array(n);
  const members: number[][] = new Array(n);
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
  while (eliminated < n) {
    // the pivot: a variable of minimum approximate degree
    while (minDeg <= n && head[minDeg]! < 0) minDeg++;
    const p = head[minDeg]!;
    remove(p);
    eliminatedAt[p] = pivots++;
    // L_p = (A_p ∪ ⋃_{e ∈ E_p} L_e) \ p, principal variables only; the elements of E_p are absorbed
    markTag++;
    mark[p] = markTag;
    const Lp: number[] = [];
    let degP = 0;
    const take = (v: number): void => {
      if (isElement[v] || weight[v] === 0 || mark[v] === markTag) return;
      mark[v] = markTag;
      Lp.push(v);
      degP += weight[v]!;
    };
    for (const e of adjE[p]!) {
      if (absorbed[e]) continue;
      for (const v of members[e]!) take(v);
      absorbed[e] = 1;
      members[e] = [];
    }
    for (const v of adjA[p]!) take(v);
    adjE[p] = [];
    adjA[p] = [];
    isElement[p] = 1;
    eliminated += weight[p]!;
    // |L_e \ L_p| for every element e adjacent to L_p: w(e) − tag after the scan
    tag += n + 1;
    for (const i of Lp) {
      remove(i);
      for (const e of adjE[i]!) {
        if (absorbed[e]) continue;
        if (w[e]! < tag) w[e] = tag + degree[e]!;
        w[e]! -= weight[i]!;
      }
    }
    // prune lists, approximate degrees, mass elimination
    const survivors: number[] = [];
    for (const i of Lp) {
      const Ei = adjE[i]!;
      let ext = 0;
      let h = 0;
      let k = 0;
      for (const e of Ei) {
        if (absorbed[e]) continue;
        const outside = w[e]! - tag;
        if (outside <= 0) {
          absorbed[e] = 1; // aggressive absorption: L_e ⊆ L_p
          members[e] = [];
          continue;
        }
        ext += outside;
        Ei[k++] = e;
        h += e;
      }
      Ei.length = k;
      const Ai = adjA[i]!;
      let a = 0;
      let k2 = 0;
      for (const v of Ai) {
        if (isElement[v] || weight[v] === 0 || mark[v] === markTag) continue;
        a += weight[v]!;
        Ai[k2++] = v;
        h += v;
      }
      Ai.length = k2;
      if (Ei.length === 0 && Ai.length === 0) {
        // adjacent to p only: eliminated together with p (mass elimination)
        mergedInto[i] = p;
        eliminated += weight[i]!;
        degP -= weight[i]!;
        isElement[i] = 1;
        absorbed[i] = 1;
        continue;
      }
      Ei.push(p);
      const own = weight[i]!;
      const bound = Math.min(n - eliminated - own, degree[i]! + degP - own, a + (degP - own) + ext);
      degree[i] = Math.max(0, bound);
      hashOf[i] = h;
      survivors.push(i);
    }
    // supervariables: equal (E_i, A_i) sets among the survivors, found by hash
    if (survivors.length > 1) {
      const byHash = new Map<number, number[]>();
      for (const i of survivors) {
        const key = hashOf[i]!;
        const g = byHash.get(key);
        if (g) g.push(i);
        else byHash.set(key, [i]);
      }
      for (const group of byHash.values()) {
        if (group.length < 2) continue;
        for (let x = 0; x < group.length; x++) {
          const i = group[x]!;
          if (weight[i] === 0) continue;
          const Ei = adjE[i]!;
          const Ai = adjA[i]!;
          for (let y = x + 1; y < group.length; y++) {
            const j = group[y]!;
            if (weight[j] === 0) continue;
            if (adjE[j]!.length !== Ei.length || adjA[j]!.length !== Ai.length) continue;
            markTag++;
            for (const e of Ei) mark[e] = markTag;
            for (const v of Ai) mark[v] = markTag;
            let same = true;
            for (const e of adjE[j]!) if (mark[e] !== markTag) same = false;
            for (const v of adjA[j]!) if (mark[v] !== markTag) same = false;
            if (!same) continue;
            // j merges into i: i's degree loses |j|
            weight[i]! += weight[j]!;
            degree[i] = Math.max(0, degree[i]! - weight[j]!);
            weight[j] = 0;
            mergedInto[j] = i;
            adjE[j] = [];
            adjA[j] = [];
          }
        }
      }
    }
    const Lkept: number[] = [];
    for (const i of survivors) {
      if (weight[i] === 0) continue;
      Lkept.push(i);
      insert(i, Math.min(degree[i]!, n));
    }
    members[p] = Lkept;
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
