/**
 * Candidate faces between data-holding cells (SPEC §4 adjacency): which pairs of cells a model
 * adapter offers to the face test, each with the label position of the separating unit (−1 when any
 * opposite pair of rows may separate them).
 */

/** A candidate facet between cells a < b (indices into the cell list). */
export interface FaceCandidate {
  a: number;
  b: number;
  /** Label position of the separating unit / hyperplane, or −1: search the opposite rows. */
  position: number;
}

/** Pairs of labels that differ in exactly one position (hash of the label with it masked). */
export function oneBitPairs(labels: readonly string[]): FaceCandidate[] {
  const out: FaceCandidate[] = [];
  if (labels.length === 0) return out;
  const n = labels[0]!.length;
  // random 52-bit weights per position; key = Σ bits·r mod 2^52 with the position's term removed
  let seed = 0x9e3779b9;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed;
  };
  const r = Array.from({ length: n }, () => (rnd() % 2 ** 26) * 2 ** 26 + (rnd() % 2 ** 26));
  const M = 2 ** 52;
  const hashes = labels.map((l) => {
    let h = 0;
    for (let i = 0; i < n; i++) if (l.charCodeAt(i) === 49) h = (h + r[i]!) % M;
    return h;
  });
  for (let pos = 0; pos < n; pos++) {
    const buckets = new Map<number, number[]>();
    labels.forEach((l, i) => {
      const key = l.charCodeAt(pos) === 49 ? (hashes[i]! - r[pos]! + M) % M : hashes[i]!;
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = []));
      b.push(i);
    });
    for (const b of buckets.values()) {
      if (b.length < 2) continue;
      for (let x = 0; x < b.length; x++)
        for (let y = x + 1; y < b.length; y++) {
          const la = labels[b[x]!]!;
          const lb = labels[b[y]!]!;
          if (la[pos] === lb[pos]) continue;
          if (la.slice(0, pos) === lb.slice(0, pos) && la.slice(pos + 1) === lb.slice(pos + 1))
            out.push({ a: Math.min(b[x]!, b[y]!), b: Math.max(b[x]!, b[y]!), position: pos });
        }
    }
  }
  return out;
}

/** Every pair a < b, with no known separating position (−1). */
export function allPairs(labels: readonly string[]): FaceCandidate[] {
  const out: FaceCandidate[] = [];
  for (let a = 0; a < labels.length; a++)
    for (let b = a + 1; b < labels.length; b++) out.push({ a, b, position: -1 });
  return out;
}
