/**
 * Small float64 and int32 arrays as views of shared chunks (issue 11): a typed array of its own
 * costs a buffer object and a backing store besides the view (≈ 230 bytes of heap for 3 numbers);
 * a view of a chunk costs only the view. Views are handed out once (never reused) and zero-filled; a
 * chunk stays alive while any of its views does.
 */
function chunkedSlices<A extends Float64Array | Int32Array>(
  make: (n: number) => A,
  chunkLength: number,
): (n: number) => A {
  let chunk = make(chunkLength);
  let used = 0;
  return (n) => {
    if (n > chunkLength / 16) return make(n);
    if (used + n > chunkLength) {
      chunk = make(chunkLength);
      used = 0;
    }
    const view = chunk.subarray(used, used + n) as A;
    used += n;
    return view;
  };
}

/** A new zero-filled Float64Array of length n (a view of a shared chunk when n is small). */
export const float64Slice: (n: number) => Float64Array = chunkedSlices(
  (n) => new Float64Array(n),
  4096,
);

/** A new zero-filled Int32Array of length n (a view of a shared chunk when n is small). */
export const int32Slice: (n: number) => Int32Array = chunkedSlices((n) => new Int32Array(n), 8192);
