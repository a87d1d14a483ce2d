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

/** Defines `key` on `target` as a getter computing `compute()` once, on first read. */
export function lazyProperty<T extends object, K extends string, V>(
  target: T,
  key: K,
  compute: () => V,
): T & { readonly [P in K]: V } {
  let done = false;
  let value: V;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
  });
  return target as T & { readonly [P in K]: V };
}

/**
 * An array of n values each computed on first read of its index (and cached). It is a real
 * array: `map`, `every`, indexing and JSON work; only the entries read are computed.
 */
export function lazyArray<V>(n: number, compute: (i: number) => V): V[] {
  const out = new Array<V>(n);
  for (let i = 0; i < n; i++) {
    // one closure per entry (issue 11: no state object or descriptor per entry); the first read
    // replaces the getter by the value (a data property, read-only like the getter)
    lazyEntry.get = () => {
      const value = compute(i);
      cachedEntry.value = value;
      Object.defineProperty(out, i, cachedEntry);
      cachedEntry.value = undefined;
      return value;
    };
    Object.defineProperty(out, i, lazyEntry);
  }
  lazyEntry.get = undefined;
  return out;
}

/** The descriptor of an entry not read yet (its getter set per entry; reused). */
const lazyEntry: { enumerable: true; configurable: true; get: (() => unknown) | undefined } = {
  enumerable: true,
  configurable: true,
  get: undefined,
};

/** The descriptor of an entry once read (its value set per entry; reused). */
const cachedEntry: { enumerable: true; configurable: true; writable: false; value: unknown } = {
  enumerable: true,
  configurable: true,
  writable: false,
  value: undefined,
};
