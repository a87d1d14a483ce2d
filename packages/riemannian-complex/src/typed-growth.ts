/**
 * The float stores' growth (issue 11): a typed array copied into one of twice its length. Typed
 * arrays keep their contents off the JS heap, so the garbage collector never copies them.
 */
export function doubled<T extends Float64Array | Int32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(2 * a.length);
  b.set(a);
  return b;
}
