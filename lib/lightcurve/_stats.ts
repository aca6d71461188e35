/**
 * Private order statistics on typed arrays (quickselect, median, MAD), shared by
 * the light-curve transformations, the BLS search and the discovery reports. No allocation
 * beyond the caller's scratch buffers (except the _finite* helpers, which copy).
 *
 * @module
 */

/**
 * k-th smallest of `values[0..n)` (0-based), reordering that prefix in place
 * (Hoare quickselect with median-of-three pivots).
 */
export function _selectInPlace(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    let a = values[lo]!, b = values[mid]!, c = values[hi]!;
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    const pivot = b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** Median of `values[0..n)`, reordering that prefix in place; NaN when n = 0. */
export function _medianInPlace(values: Float64Array, n: number): number {
  if (n === 0) return NaN;
  const half = n >>> 1;
  const upper = _selectInPlace(values, n, half);
  if (n % 2 === 1) return upper;
  // after selection, everything below `half` is <= upper: the lower middle is their maximum
  let lower = -Infinity;
  for (let i = 0; i < half; i++) if (values[i]! > lower) lower = values[i]!;
  return 0.5 * (lower + upper);
}

/** Copy the finite entries of `values` (optionally only where `keep[i]` is 1) into a new array. */
export function _finiteValues(values: Float64Array, keep?: Uint8Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && (keep === undefined || keep[i] === 1)) out[n++] = v;
  }
  return out.subarray(0, n);
}

/**
 * Median of the finite entries of `values`; NaN when there are none. With `scratch` (at least as
 * long as `values`, and may be `values` itself or a buffer it is a prefix of) nothing is
 * allocated; without it the finite values are copied into a new array first.
 */
export function _finiteMedian(values: ArrayLike<number>, scratch?: Float64Array): number {
  if (scratch === undefined) {
    const finite = _finiteValues(
      values instanceof Float64Array ? values : Float64Array.from(values),
    );
    return _medianInPlace(finite, finite.length);
  }
  let m = 0;
  // m <= i: writing scratch[m] never overwrites a value of `values` not yet read, even when the
  // two share memory
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) scratch[m++] = v;
  }
  return _medianInPlace(scratch, m);
}

/**
 * Median and median absolute deviation of the finite entries of `values`
 * (MAD unscaled; multiply by 1.4826 for a Gaussian sigma).
 */
export function _finiteMedianMad(values: Float64Array): { median: number; mad: number } {
  const finite = _finiteValues(values);
  const median = _medianInPlace(finite, finite.length);
  for (let i = 0; i < finite.length; i++) finite[i] = Math.abs(finite[i]! - median);
  return { median, mad: _medianInPlace(finite, finite.length) };
}
