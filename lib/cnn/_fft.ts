/**
 * A small in-place radix-2 complex FFT and the linear autocorrelation of two real sequences at
 * once (packed as the real and imaginary parts of one complex sequence), for the period CNN's
 * periodicity features. Twiddles and the bit-reversal permutation are computed once per size;
 * a transform allocates nothing.
 *
 * @module
 */

/**
 * Complex FFT of a fixed power-of-two size: bit-reversal permutation, one radix-2 stage when
 * log2(size) is odd, then radix-4 stages (two radix-2 stages fused: half the passes over the
 * data). Twiddles are tabulated per stage.
 */
export class _Fft {
  /** Transform size (a power of two ≥ 2). */
  readonly size: number;
  readonly #reverse: Uint32Array;
  /** Sub-transform sizes m of the radix-4 stages (each combines four size-m blocks). */
  readonly #stages: number[];
  /** Per stage: cos/sin of W_{4m}^k and W_{4m}^{2k}, k < m, interleaved [c1, s1, c2, s2]. */
  readonly #twiddles: Float64Array[];
  readonly #oddStage: boolean;

  /**
   * @param size Transform size, a power of two ≥ 2.
   * @throws {RangeError} When `size` is not a power of two ≥ 2.
   */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new RangeError(
        `Cannot build FFT as size must be a power of two >= 2: current value is ${size}`,
      );
    }
    this.size = size;
    const bits = Math.round(Math.log2(size));
    this.#reverse = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      this.#reverse[i] = r;
    }
    this.#oddStage = bits % 2 === 1;
    this.#stages = [];
    this.#twiddles = [];
    for (let m = this.#oddStage ? 2 : 1; m < size; m *= 4) {
      const table = new Float64Array(4 * m);
      for (let k = 0; k < m; k++) {
        const angle = (-2 * Math.PI * k) / (4 * m);
        table[4 * k] = Math.cos(angle);
        table[4 * k + 1] = Math.sin(angle);
        table[4 * k + 2] = Math.cos(2 * angle);
        table[4 * k + 3] = Math.sin(2 * angle);
      }
      this.#stages.push(m);
      this.#twiddles.push(table);
    }
  }

  /**
   * Transform in place: `X_k = Σ x_j e^{∓2πi jk/N}` (forward: minus; inverse: plus and / N).
   *
   * @param re Real parts (length `size`).
   * @param im Imaginary parts (length `size`).
   * @param inverse Inverse transform (scaled by 1/N). @default false
   */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const n = this.size;
    const reverse = this.#reverse;
    for (let i = 0; i < n; i++) {
      const j = reverse[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    if (this.#oddStage) {
      for (let a = 0; a < n; a += 2) {
        const br = re[a + 1]!;
        const bi = im[a + 1]!;
        const ar = re[a]!;
        const ai = im[a]!;
        re[a] = ar + br;
        im[a] = ai + bi;
        re[a + 1] = ar - br;
        im[a + 1] = ai - bi;
      }
    }
    // Inverse: conjugate twiddles (s → −s) and multiply by +i instead of −i.
    const sign = inverse ? -1 : 1;
    for (let stage = 0; stage < this.#stages.length; stage++) {
      const m = this.#stages[stage]!;
      const table = this.#twiddles[stage]!;
      const block = 4 * m;
      for (let start = 0; start < n; start += block) {
        for (let k = 0; k < m; k++) {
          const c1 = table[4 * k]!;
          const s1 = sign * table[4 * k + 1]!;
          const c2 = table[4 * k + 2]!;
          const s2 = sign * table[4 * k + 3]!;
          const i0 = start + k;
          const i1 = i0 + m;
          const i2 = i1 + m;
          const i3 = i2 + m;
          // radix-2 stage m → 2m on (i0, i1) and (i2, i3) with W_{2m}^k = (c2, s2)
          const ar = re[i0]!;
          const ai = im[i0]!;
          const r1 = re[i1]!;
          const m1 = im[i1]!;
          const br = r1 * c2 - m1 * s2;
          const bi = r1 * s2 + m1 * c2;
          const cr = re[i2]!;
          const ci = im[i2]!;
          const r3 = re[i3]!;
          const m3 = im[i3]!;
          const dr = r3 * c2 - m3 * s2;
          const di = r3 * s2 + m3 * c2;
          const e0r = ar + br;
          const e0i = ai + bi;
          const e1r = ar - br;
          const e1i = ai - bi;
          const o0r = cr + dr;
          const o0i = ci + di;
          const o1r = cr - dr;
          const o1i = ci - di;
          // radix-2 stage 2m → 4m with W_{4m}^k = (c1, s1) and W_{4m}^{k+m} = ∓i · W_{4m}^k
          const t0r = o0r * c1 - o0i * s1;
          const t0i = o0r * s1 + o0i * c1;
          const ur = o1r * c1 - o1i * s1;
          const ui = o1r * s1 + o1i * c1;
          // forward: t1 = −i·u = (ui, −ur); inverse: t1 = +i·u = (−ui, ur)
          const t1r = sign * ui;
          const t1i = -sign * ur;
          re[i0] = e0r + t0r;
          im[i0] = e0i + t0i;
          re[i2] = e0r - t0r;
          im[i2] = e0i - t0i;
          re[i1] = e1r + t1r;
          im[i1] = e1i + t1i;
          re[i3] = e1r - t1r;
          im[i3] = e1i - t1i;
        }
      }
    }
    if (inverse) {
      const scale = 1 / n;
      for (let i = 0; i < n; i++) {
        re[i] = re[i]! * scale;
        im[i] = im[i]! * scale;
      }
    }
  }
}

/**
 * Direct O(N²) discrete Fourier transform, the slow twin of {@linkcode _Fft} for tests.
 *
 * @param re Real parts.
 * @param im Imaginary parts.
 * @param inverse Inverse transform (scaled by 1/N). @default false
 * @returns New arrays `[re, im]`.
 */
export function _dftReference(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  inverse = false,
): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      sr += re[j]! * c - im[j]! * s;
      si += re[j]! * s + im[j]! * c;
    }
    outRe[k] = inverse ? sr / n : sr;
    outIm[k] = inverse ? si / n : si;
  }
  return [outRe, outIm];
}

/**
 * Linear (non-circular) autocorrelations of two real sequences of equal length with one pair of
 * FFTs: `outA[L] = Σ_k a[k]·a[k+L]` and `outB[L] = Σ_k b[k]·b[k+L]` for lags `0 ≤ L < length`.
 * Zero padding to the FFT size (≥ 2·length − 1) keeps the correlation linear.
 */
export class _AutocorrelationPair {
  /** Sequence length. */
  readonly length: number;
  readonly #fft: _Fft;
  readonly #re: Float64Array;
  readonly #im: Float64Array;

  /** @param length Sequence length (≥ 1). */
  constructor(length: number) {
    let size = 2;
    while (size < 2 * length) size <<= 1;
    this.length = length;
    this.#fft = new _Fft(size);
    this.#re = new Float64Array(size);
    this.#im = new Float64Array(size);
  }

  /**
   * Compute both autocorrelations.
   *
   * @param a First sequence (`length` values read).
   * @param b Second sequence (`length` values read).
   * @param outA Autocorrelation of `a` (`length` lags written).
   * @param outB Autocorrelation of `b` (`length` lags written).
   */
  compute(a: Float64Array, b: Float64Array, outA: Float64Array, outB: Float64Array): void {
    const n = this.length;
    const size = this.#fft.size;
    const re = this.#re;
    const im = this.#im;
    for (let i = 0; i < n; i++) {
      re[i] = a[i]!;
      im[i] = b[i]!;
    }
    re.fill(0, n);
    im.fill(0, n);
    this.#fft.transform(re, im);
    // Z = A + iB with A, B the spectra of the real sequences: A_k = (Z_k + conj Z_{N−k}) / 2 and
    // B_k = (Z_k − conj Z_{N−k}) / 2i. Their power spectra are real and even, so one inverse
    // transform of |A|² + i|B|² returns both autocorrelations (real and imaginary parts).
    const mask = size - 1;
    for (let k = 0; k <= size >> 1; k++) {
      const j = (size - k) & mask;
      const zr = re[k]!;
      const zi = im[k]!;
      const yr = re[j]!;
      const yi = im[j]!;
      const sr = zr + yr;
      const di = zi - yi;
      const si = zi + yi;
      const dr = zr - yr;
      const powerA = 0.25 * (sr * sr + di * di);
      const powerB = 0.25 * (si * si + dr * dr);
      re[k] = powerA;
      im[k] = powerB;
      re[j] = powerA;
      im[j] = powerB;
    }
    this.#fft.transform(re, im, true);
    for (let i = 0; i < n; i++) {
      outA[i] = re[i]!;
      outB[i] = im[i]!;
    }
  }
}
