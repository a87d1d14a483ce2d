/**
 * A property computed on first read and cached: an own, enumerable, configurable accessor `key`
 * on `target`, so `JSON.stringify`, `Object.keys` and spreads see it as before.
 *
 * Why not `Object.defineProperty(target, key, { get: () => … })` with a new getter per object:
 * each such accessor gives the object a hidden class of its own, and V8 keeps hidden classes in
 * the old generation. The old hidden class then points to the young getter closure, and the
 * young-generation collector treats every old object as live — so the closure, and everything
 * its scope holds, survives every scavenge after the object is dead and is then promoted, freed
 * only by a full collection (issue 11: ≈ 1.5 MB of each 3-D float complex, all its cells, was
 * copied and promoted that way). Here the getter is one function per key name, shared by every
 * object (their hidden classes are shared too); the per-object compute function and value live
 * in two non-enumerable symbol-keyed data properties of the object itself.
 */

interface KeySlots {
  readonly compute: symbol;
  readonly value: symbol;
  readonly get: (this: Record<symbol, unknown>) => unknown;
}

const slotsByKey = new Map<string, KeySlots>();

function slotsOf(key: string): KeySlots {
  let s = slotsByKey.get(key);
  if (s === undefined) {
    const compute = Symbol(`lazy compute: ${key}`);
    const value = Symbol(`lazy value: ${key}`);
    s = {
      compute,
      value,
      get(this: Record<symbol, unknown>): unknown {
        const f = this[compute] as (() => unknown) | undefined;
        if (f !== undefined) {
          // compute first: when it throws, the next read tries again
          this[value] = f();
          this[compute] = undefined;
        }
        return this[value];
      },
    };
    slotsByKey.set(key, s);
  }
  return s;
}

/** Descriptors reused for every call (their fields set per call, then cleared). */
const hiddenSlot: PropertyDescriptor = {
  value: undefined,
  writable: true,
  enumerable: false,
  configurable: true,
};
const sharedAccessor: PropertyDescriptor = {
  get: undefined,
  enumerable: true,
  configurable: true,
};

/** Defines `key` on `target` as a getter computing `compute()` once, on first read (cached). */
export function lazyProperty<T extends object, K extends string, V>(
  target: T,
  key: K,
  compute: () => V,
): T & { readonly [P in K]: V } {
  const s = slotsOf(key);
  hiddenSlot.value = compute;
  Object.defineProperty(target, s.compute, hiddenSlot);
  hiddenSlot.value = undefined;
  Object.defineProperty(target, s.value, hiddenSlot);
  sharedAccessor.get = s.get as () => unknown;
  Object.defineProperty(target, key, sharedAccessor);
  sharedAccessor.get = undefined;
  return target as T & { readonly [P in K]: V };
}
