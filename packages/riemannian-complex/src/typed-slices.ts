/**
 * Small float64 and int32 arrays as views of shared chunks (issue 11): a typed array of its own
 * costs a buffer object and a backing store besides the view (≈ 230 bytes of heap for 3 numbers);
 * a view of a chunk costs only the view. Views are handed out once (never reused) and zero-filled; a chunk
 * stays alive while any of its views does.
 */
const CHUNK = 4096;
let chunk = new Float64Array(CHUNK);
let used = 0;

/** A new zero-filled Float64Array of length n (a view of a shared chunk when n is small). */
export function float64Slice(n: number): Float64Array {
  if (n > CHUNK / 16) return new Float64Array(n);
  if (used + n > CHUNK) {
    chunk = new Float64Array(CHUNK);
    used = 0;
  }
  const view = chunk.subarray(used, used + n);
  used += n;
  return view;
}

const INT_CHUNK = 8192;
let intChunk = new Int32Array(INT_CHUNK);
let intUsed = 0;

/** A new zero-filled Int32Array of length n (a view of a shared chunk when n is small). */
export function int32Slice(n: number): Int32Array {
  if (n > INT_CHUNK / 16) return new Int32Array(n);
  if (intUsed + n > INT_CHUNK) {
    intChunk = new Int32Array(INT_CHUNK);
    intUsed = 0;
  }
  const view = intChunk.subarray(intUsed, intUsed + n);
  intUsed += n;
  return view;
}
