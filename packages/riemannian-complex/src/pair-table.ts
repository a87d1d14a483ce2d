/**
 * A hash table from a pair of 32-bit integers (x, y) to a non-negative integer
 * (issue 11): open addressing with linear probing, keys and values in typed arrays (off the JS
 * heap), so a lookup or insertion makes no object and the table no entry per key — where a
 * `Map<number, number>` would hash a heap number per key beyond the small-integer range and grow
 * its backing store as garbage.
 */
export class IntPairTable {
  private xs: Int32Array;
  private ys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;
  constructor(expected = 512) {
    let capacity = 64;
    while (capacity < 2 * expected) capacity *= 2;
    this.xs = new Int32Array(capacity);
    this.ys = new Int32Array(capacity);
    // −1: an empty slot
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }
  /** The slot of (x, y), or of the empty place where it would go. */
  private slot(x: number, y: number): number {
    const { xs, ys, values, mask } = this;
    let i = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b)) & mask;
    for (;;) {
      if (values[i]! < 0 || (xs[i] === x && ys[i] === y)) return i;
      i = (i + 1) & mask;
    }
  }
  /** The value of (x, y), or −1 when absent. */
  get(x: number, y: number): number {
    return this.values[this.slot(x, y)]!;
  }
  /** Sets the value of (x, y) (value ≥ 0). */
  set(x: number, y: number, value: number): void {
    let i = this.slot(x, y);
    if (this.values[i]! < 0) {
      if (2 * (this.size + 1) > this.xs.length) {
        this.grow();
        i = this.slot(x, y);
      }
      this.xs[i] = x;
      this.ys[i] = y;
      this.size++;
    }
    this.values[i] = value;
  }
  private grow(): void {
    const { xs, ys, values } = this;
    this.xs = new Int32Array(2 * xs.length);
    this.ys = new Int32Array(2 * xs.length);
    this.values = new Int32Array(2 * xs.length).fill(-1);
    this.mask = 2 * xs.length - 1;
    for (let i = 0; i < xs.length; i++) {
      if (values[i]! < 0) continue;
      const j = this.slot(xs[i]!, ys[i]!);
      this.xs[j] = xs[i]!;
      this.ys[j] = ys[i]!;
      this.values[j] = values[i]!;
    }
  }
}
