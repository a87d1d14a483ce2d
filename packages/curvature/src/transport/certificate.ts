/**
 * Independent check of an exact transportation certificate (SPEC §8, "the optimal φ certifies
 * it"): the flow is feasible (f ≥ 0, row sums a, column sums b), the potentials are dual feasible
 * (u_i − v_j ≤ c_ij for every cell) and the primal cost Σ c f equals the dual value
 * Σ a u − Σ b v. By weak duality the cost is then optimal. It shares no code with the simplex.
 */

/** An ordered ring the checker computes in (bigint for integer masses, Q(√q) otherwise). */
export interface CheckRing<T> {
  zero: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** integer multiple */
  times(a: T, k: bigint): T;
  sign(a: T): -1 | 0 | 1;
}

export const bigintRing: CheckRing<bigint> = {
  zero: 0n,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  times: (a, k) => a * k,
  sign: (a) => (a > 0n ? 1 : a < 0n ? -1 : 0),
};

export interface TransportCertificate<T> {
  flow: readonly (readonly [number, number, T])[];
  u: readonly number[];
  v: readonly number[];
  cost: T;
}

/** Returns null when the certificate proves `cost` optimal, else the first failure. */
export function checkTransportCertificate<T>(
  R: CheckRing<T>,
  a: readonly T[],
  b: readonly T[],
  cost: ArrayLike<number>,
  cert: TransportCertificate<T>,
): string | null {
  const m = a.length;
  const n = b.length;
  const integer = (x: number) => Number.isSafeInteger(x);
  for (let k = 0; k < m * n; k++) if (!integer(cost[k]!)) return `cost ${k} is not an integer`;
  if (cert.u.length !== m || cert.v.length !== n) return 'potentials of the wrong length';
  if (!cert.u.every(integer) || !cert.v.every(integer)) return 'potentials are not integers';
  const rows = a.map(() => R.zero);
  const cols = b.map(() => R.zero);
  let primal = R.zero;
  for (const [i, j, f] of cert.flow) {
    if (!(i >= 0 && i < m && j >= 0 && j < n)) return `flow cell (${i}, ${j}) out of range`;
    if (R.sign(f) < 0) return `negative flow at (${i}, ${j})`;
    rows[i] = R.add(rows[i]!, f);
    cols[j] = R.add(cols[j]!, f);
    primal = R.add(primal, R.times(f, BigInt(cost[i * n + j]!)));
  }
  for (let i = 0; i < m; i++)
    if (R.sign(R.sub(rows[i]!, a[i]!)) !== 0) return `row ${i} sum ≠ a_${i}`;
  for (let j = 0; j < n; j++)
    if (R.sign(R.sub(cols[j]!, b[j]!)) !== 0) return `column ${j} sum ≠ b_${j}`;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++)
      if (cert.u[i]! - cert.v[j]! > cost[i * n + j]!) return `u_${i} − v_${j} > c_${i}${j}`;
  let dual = R.zero;
  for (let i = 0; i < m; i++) dual = R.add(dual, R.times(a[i]!, BigInt(cert.u[i]!)));
  for (let j = 0; j < n; j++) dual = R.sub(dual, R.times(b[j]!, BigInt(cert.v[j]!)));
  if (R.sign(R.sub(primal, dual)) !== 0) return 'primal cost ≠ dual value';
  if (R.sign(R.sub(primal, cert.cost)) !== 0) return 'reported cost ≠ Σ c f';
  return null;
}
