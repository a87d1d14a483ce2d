/**
 * Brands: recognising mlgeo values and errors without `instanceof`. When an application ends up
 * with two copies of a package (two versions of @mlgeo/exact-arith in one node_modules tree, or a
 * bundle next to a Node install), a `Rational` made by one copy is not `instanceof` the other
 * copy's class. Each branded class carries a `Symbol.for(…)` key on its prototype — the global
 * symbol registry is shared by every copy — so `isRational`, `isSqrtRational`, `isMlgeoError` (and
 * exact-polytope's `isPolytope`) recognise instances of every copy. The key names the package and
 * class, and stands for the public shape (`num`/`den`, `r`/`q`, `code`/`field`/`fix`), which
 * stays the same across copies.
 */

/** `Symbol.for(name)`: the same symbol in every copy of every package (global registry). */
export function brandSymbol(name: string): symbol {
  return Symbol.for(name);
}

/** Marks every instance of `cls` (and of its subclasses) with `brand`, without a per-instance field. */
export function setBrand(cls: { prototype: object }, brand: symbol): void {
  Object.defineProperty(cls.prototype, brand, { value: true });
}

/** True when `x` is an object whose prototype chain carries `brand`. */
export function hasBrand(x: unknown, brand: symbol): boolean {
  return (
    (typeof x === 'object' || typeof x === 'function') &&
    x !== null &&
    (x as Record<symbol, unknown>)[brand] === true
  );
}
