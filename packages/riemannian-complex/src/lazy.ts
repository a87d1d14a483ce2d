/**
 * Exact values on demand (issue 11): exact measures are computed when first read, one value at a
 * time, and counted, so tests can check that the float path computes none and the exact path
 * only those asked for.
 */

let exactCount = 0;

/** Number of exact measures computed so far in this process (volumes, areas, cosines, lengths). */
export function exactMeasuresComputed(): number {
  return exactCount;
}

/** Wraps the computation of one exact measure: counted when it runs. */
export function exactMeasure<A extends unknown[], T>(
  compute: (...args: A) => T,
): (...args: A) => T {
  return (...args: A) => {
    exactCount++;
    return compute(...args);
  };
}

/** An entry of a {@link lazyArray} not read yet. */
const UNSET: unique symbol = Symbol('mlgeo lazy entry');

/** The traps of every lazy array (shared); each array's handler adds its `compute`. */
interface LazyHandler extends ProxyHandler<unknown[]> {
  compute: (i: number) => unknown;
}

/** target[key]: computed into the target when not read yet (the UNSET marker). */
function entry(handler: LazyHandler, target: unknown[], key: string | symbol): unknown {
  const v: unknown = Reflect.get(target, key);
  if (v !== UNSET) return v;
  const value = handler.compute(Number(key));
  Reflect.set(target, key, value);
  return value;
}

const lazyTraps: ProxyHandler<unknown[]> = {
  get(this: LazyHandler, target, key, receiver) {
    return typeof key === 'string' && Object.hasOwn(target, key)
      ? entry(this, target, key)
      : Reflect.get(target, key, receiver);
  },
  getOwnPropertyDescriptor(this: LazyHandler, target, key) {
    const desc = Reflect.getOwnPropertyDescriptor(target, key);
    if (desc !== undefined && desc.value === UNSET) desc.value = entry(this, target, key);
    return desc;
  },
  // read only, as the entries of a computed array are
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

/**
 * An array of n values each computed on first read of its index (and cached). It is a real
 * array (`Array.isArray`): `map`, `every`, indexing, spreads and JSON work; only the entries read
 * are computed; writes are refused. A Proxy over an array of markers with one handler per array
 * (issue 11: a getter closure per entry was kept alive by V8's young-generation collector after
 * the array was dead, with everything its scope held — the whole exact metric's inputs).
 */
export function lazyArray<V>(n: number, compute: (i: number) => V): V[] {
  const target = new Array<unknown>(n).fill(UNSET);
  const handler = Object.create(lazyTraps) as LazyHandler;
  handler.compute = compute;
  return new Proxy(target, handler) as V[];
}
