/**
 * Lists that hold objects, made so that they are born in V8's young generation. V8 allocates the
 * objects of an allocation site — an object or array literal, `new Array(n)` — directly in the old
 * generation once most of them survive scavenges ("pretenuring"). An old list that points to young
 * objects is a root of every scavenge until the next full collection, dead or not, so what it holds
 * is copied and then promoted (docs/contributing.md, "Objects a run keeps"). Arrays made by builtins
 * (`Array.of`, `slice`, `map`, `concat`, `Array(n)` called without `new`) and objects made by
 * `new` are always born young: V8 records an allocation site for a `new Array(n)` but not for a
 * call of `Array` (its optimizing compiler lowers the call to an array creation without one).
 */

/**
 * A list of n entries, each a hole until set: the young counterpart of `new Array(n)` (as fast;
 * `Array.from({ length: n })` is 4–10× slower).
 */
export function listOfLength<T>(n: number): T[] {
  return Array<T>(n);
}
