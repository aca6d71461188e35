/**
 * The one preprocessing used at training and at inference: a light curve (time in days, flux
 * around a positive baseline) becomes a fixed-length window the CNN reads.
 *
 * Steps, in order:
 * 1. window: `lengthPoints` bins of `cadenceMinutes` starting at `startDays`
 *    (default: the first finite time);
 * 2. normalise: divide by the median flux of the window, minus 1 (relative flux);
 * 3. resample: mean of the points in each bin (bins without data are gaps, NaN);
 * 4. detrend: subtract a sliding robust trend (lib/lightcurve `slidingTrend`: Tukey biweight or
 *    median over `detrendWindowHours`, gaps skipped and never bridged), which keeps transits
 *    (hours) and removes stellar variability (days); the trend also uses the data within half a
 *    detrending window outside the window, when the light curve has it, so edges are detrended
 *    like the middle;
 * 5. standardise: divide by the robust noise σ = 1.4826 · MAD, so the network sees
 *    signal-to-noise, not depth, then clip to [−clipSigmaLow, +clipSigmaHigh] (transits are
 *    dips: positive outliers such as flares are clipped hard).
 *
 * The model input has two channels per point: the standardised flux (0 in gaps) and a validity
 * mask (1 = data, 0 = gap).
 *
 * @module
 */
import { slidingTrend, type TrendMethod } from "../lightcurve/mod.ts";
import { _finiteMedian } from "../lightcurve/_stats.ts";

/**
 * Added to a point's fractional bin position before flooring, so a time stamp lying on a bin
 * edge (up to rounding) always lands in the upper bin: 1-hour data in 1-hour bins then fills
 * every bin instead of doubling some and leaving others empty.
 */
const BIN_EPSILON = 1e-6;

/** Preprocessing settings (the `input` block of configs/cnn.yaml). */
export interface PreprocessOptions {
  /** Points in the window. */
  lengthPoints: number;
  /** Bin width, minutes. */
  cadenceMinutes: number;
  /** Full width of the detrending window, hours (about 3x the longest transit kept). */
  detrendWindowHours: number;
  /** Trend estimator. */
  detrendMethod: TrendMethod;
  /** Lower clip, in noise σ (a positive number). */
  clipSigmaLow: number;
  /** Upper clip, in noise σ. */
  clipSigmaHigh: number;
}

/** A preprocessed window. */
export interface PreprocessedWindow {
  /** `lengthPoints` standardised values, NaN in gaps. */
  flux: Float32Array;
  /** Fraction of bins holding data. */
  validFraction: number;
  /** Robust noise σ of the detrended, binned relative flux, ppm (NaN without data). */
  noisePpm: number;
  /** Median flux used for normalisation (input units). */
  medianFlux: number;
  /** Window start, days (input time system). */
  startDays: number;
  /** Input points that fell inside the window. */
  pointsUsed: number;
}

/** Scratch buffers reused across calls (one set per worker). */
export class PreprocessScratch {
  binned: Float64Array;
  counts: Int32Array;
  binTimes: Float64Array;
  binValues: Float64Array;
  medianBuffer: Float64Array;

  /** @param lengthPoints Window length. */
  constructor(lengthPoints: number) {
    this.binned = new Float64Array(lengthPoints);
    this.counts = new Int32Array(lengthPoints);
    this.binTimes = new Float64Array(lengthPoints);
    this.binValues = new Float64Array(lengthPoints);
    this.medianBuffer = new Float64Array(lengthPoints);
  }

  /** Make sure buffers hold at least `lengthPoints` bins and `inputPoints` points. */
  ensure(lengthPoints: number, inputPoints: number): void {
    if (this.binned.length < lengthPoints) {
      this.binned = new Float64Array(lengthPoints);
      this.counts = new Int32Array(lengthPoints);
      this.binTimes = new Float64Array(lengthPoints);
      this.binValues = new Float64Array(lengthPoints);
    }
    const need = Math.max(lengthPoints, inputPoints);
    if (this.medianBuffer.length < need) this.medianBuffer = new Float64Array(need);
  }
}

/** Extra arguments of {@linkcode preprocessWindow}. */
export interface PreprocessWindowOptions {
  /** Window start, days. @default the first finite time */
  startDays?: number;
  /** Reusable buffers. @default fresh ones */
  scratch?: PreprocessScratch;
  /** Write the result here (length `lengthPoints`). @default a new array */
  out?: Float32Array;
}

function validate(options: PreprocessOptions): void {
  const checks: [keyof PreprocessOptions, boolean][] = [
    ["lengthPoints", Number.isInteger(options.lengthPoints) && options.lengthPoints > 0],
    ["cadenceMinutes", options.cadenceMinutes > 0],
    ["detrendWindowHours", options.detrendWindowHours > 0],
    ["clipSigmaLow", options.clipSigmaLow > 0],
    ["clipSigmaHigh", options.clipSigmaHigh > 0],
  ];
  if (options.detrendMethod !== "median" && options.detrendMethod !== "biweight") {
    throw new RangeError(
      `Cannot preprocess light curve as detrendMethod must be "biweight" or "median": current value is "${options.detrendMethod}"`,
    );
  }
  for (const [key, ok] of checks) {
    if (!ok) {
      throw new RangeError(
        `Cannot preprocess light curve as ${key} must be > 0: current value is ${options[key]}`,
      );
    }
  }
}

/**
 * Preprocess one window of a light curve (see the module doc for the steps).
 *
 * @param timeDays Times, days (any zero point; NaN entries are skipped).
 * @param flux Fluxes around a positive baseline (NaN entries are skipped).
 * @param options Preprocessing settings and the window start.
 * @returns The standardised window and its statistics.
 * @throws {RangeError} On mismatched lengths, bad settings or a non-positive median flux.
 *
 * @example
 * ```ts
 * import { preprocessWindow } from "./preprocess.ts";
 * const t = Float64Array.from({ length: 500 }, (_, i) => i / 48);
 * const f = Float64Array.from(t, (x) => 1000 * (1 + 1e-4 * Math.sin(97 * x)));
 * const w = preprocessWindow(t, f, {
 *   lengthPoints: 256, cadenceMinutes: 60, detrendWindowHours: 24, detrendMethod: "median",
 *   clipSigmaLow: 30, clipSigmaHigh: 5,
 * });
 * if (w.flux.length !== 256 || Math.abs(w.validFraction - 250 / 256) > 1e-9) throw new Error("bad window");
 * ```
 */
export function preprocessWindow(
  timeDays: ArrayLike<number>,
  flux: ArrayLike<number>,
  options: PreprocessOptions & PreprocessWindowOptions,
): PreprocessedWindow {
  validate(options);
  if (timeDays.length !== flux.length) {
    throw new RangeError(
      `Cannot preprocess light curve as time and flux lengths differ: ${timeDays.length} vs ${flux.length}`,
    );
  }
  const n = options.lengthPoints;
  const scratch = options.scratch ?? new PreprocessScratch(n);
  const out = options.out ?? new Float32Array(n);
  if (out.length !== n) {
    throw new RangeError(
      `Cannot preprocess light curve as out must hold lengthPoints = ${n} values: current length is ${out.length}`,
    );
  }
  const cadenceDays = options.cadenceMinutes / 1440;
  let start = options.startDays ?? NaN;
  if (Number.isNaN(start)) {
    start = Infinity;
    for (let i = 0; i < timeDays.length; i++) {
      const t = timeDays[i]!;
      if (t < start && Number.isFinite(flux[i]!)) start = t;
    }
  }

  // The trend is computed over the window plus half a detrending window of data on each side
  // (where the light curve has it), so the window's edges are detrended like its middle.
  const pad = Math.ceil((options.detrendWindowHours * 60) / options.cadenceMinutes / 2);
  const total = n + 2 * pad;
  scratch.ensure(total, timeDays.length);

  // 1-2. points in the window and their median flux.
  const buffer = scratch.medianBuffer;
  let used = 0;
  for (let i = 0; i < timeDays.length; i++) {
    const t = timeDays[i]!;
    const f = flux[i]!;
    if (!Number.isFinite(f) || !Number.isFinite(t)) continue;
    const bin = Math.floor((t - start) / cadenceDays + BIN_EPSILON);
    if (bin < 0 || bin >= n) continue;
    buffer[used++] = f;
  }
  const median = used > 0 ? _finiteMedian(buffer.subarray(0, used), buffer) : NaN;
  if (used > 0 && !(median > 0)) {
    throw new RangeError(
      `Cannot preprocess light curve as its median flux in the window must be > 0: current value is ${median}`,
    );
  }

  // 3. resample to the fixed grid (mean per bin); extended bin e = window bin + pad.
  const binned = scratch.binned;
  const counts = scratch.counts;
  binned.fill(0, 0, total);
  counts.fill(0, 0, total);
  if (used > 0) {
    for (let i = 0; i < timeDays.length; i++) {
      const t = timeDays[i]!;
      const f = flux[i]!;
      if (!Number.isFinite(f) || !Number.isFinite(t)) continue;
      const e = Math.floor((t - start) / cadenceDays + BIN_EPSILON) + pad;
      if (e < 0 || e >= total) continue;
      binned[e]! += f / median - 1;
      counts[e]!++;
    }
  }
  let valid = 0;
  let held = 0;
  for (let e = 0; e < total; e++) {
    if (counts[e]! > 0) {
      binned[e] = binned[e]! / counts[e]!;
      held++;
      if (e >= pad && e < pad + n) valid++;
    } else binned[e] = NaN;
  }

  // 4. detrend: the trend of the data-holding bins (gaps split the trend's segments).
  if (valid > 0) {
    const times = scratch.binTimes.subarray(0, held);
    const values = scratch.binValues.subarray(0, held);
    let j = 0;
    for (let e = 0; e < total; e++) {
      const v = binned[e]!;
      if (v !== v) continue;
      times[j] = (e + 0.5) * cadenceDays;
      values[j++] = v;
    }
    const trend = slidingTrend(times, values, {
      windowDays: options.detrendWindowHours / 24,
      method: options.detrendMethod,
      breakToleranceDays: Math.max(0.5, 2.5 * cadenceDays),
    });
    j = 0;
    for (let e = 0; e < total; e++) {
      const v = binned[e]!;
      if (v !== v) continue;
      binned[e] = v - trend[j++]!;
    }
  }
  const inner = binned.subarray(pad, pad + n);

  // 5. standardise by the robust σ and clip.
  let sigma = NaN;
  if (valid > 0) {
    const center = _finiteMedian(inner, buffer);
    let m = 0;
    for (let k = 0; k < n; k++) {
      const v = inner[k]!;
      if (v === v) buffer[m++] = Math.abs(v - center);
    }
    const mad = _finiteMedian(buffer.subarray(0, m), buffer);
    sigma = 1.4826 * mad;
  }
  const scale = sigma > 0 ? 1 / sigma : 0;
  const low = -options.clipSigmaLow;
  const high = options.clipSigmaHigh;
  for (let k = 0; k < n; k++) {
    const v = inner[k]!;
    if (v !== v) {
      out[k] = NaN;
      continue;
    }
    const z = v * scale;
    out[k] = z < low ? low : z > high ? high : z;
  }
  return {
    flux: out,
    validFraction: valid / n,
    noisePpm: sigma * 1e6,
    medianFlux: median,
    startDays: start,
    pointsUsed: used,
  };
}

/**
 * The part of a time-sorted light curve that {@linkcode preprocessWindow} reads for a window
 * starting at `startDays`: the window plus half a detrending window on each side. Views, not
 * copies, found by binary search, so tiling a 65,000-cadence Kepler light curve costs
 * O(window) per window instead of O(light curve).
 *
 * @param timeDays Times, ascending (as a `LightCurve` holds them).
 * @param flux Fluxes.
 * @param startDays Window start, days.
 * @param options Window length, cadence and detrending window.
 * @returns `time` and `flux` views.
 */
export function sliceForWindow(
  timeDays: Float64Array,
  flux: Float64Array,
  startDays: number,
  options: Pick<PreprocessOptions, "lengthPoints" | "cadenceMinutes" | "detrendWindowHours">,
): { time: Float64Array; flux: Float64Array } {
  const padDays = options.detrendWindowHours / 48 + options.cadenceMinutes / 1440;
  const from = startDays - padDays;
  const to = startDays + (options.lengthPoints * options.cadenceMinutes) / 1440 + padDays;
  const lowerBound = (value: number): number => {
    let lo = 0;
    let hi = timeDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeDays[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const a = lowerBound(from);
  const b = lowerBound(to);
  return { time: timeDays.subarray(a, b), flux: flux.subarray(a, b) };
}

/** Number of model input channels (standardised flux, validity mask). */
export const INPUT_CHANNELS = 2;

/**
 * Write a preprocessed window as model input: `[lengthPoints, 2]` interleaved
 * (value with gaps as 0, mask 1/0).
 *
 * @param flux Standardised window, NaN in gaps.
 * @param out Destination.
 * @param offset Index of the first value to write. @default 0
 * @returns `out`.
 */
export function writeModelInput(flux: Float32Array, out: Float32Array, offset = 0): Float32Array {
  for (let k = 0; k < flux.length; k++) {
    const v = flux[k]!;
    const valid = v === v;
    out[offset + 2 * k] = valid ? v : 0;
    out[offset + 2 * k + 1] = valid ? 1 : 0;
  }
  return out;
}

/** Options for {@linkcode windowStartsDays}. */
export interface WindowStartsOptions {
  /** Points per window. */
  lengthPoints: number;
  /** Bin width, minutes. */
  cadenceMinutes: number;
  /** Distance between window starts, days. */
  strideDays: number;
  /** Keep windows with at least this fraction of bins holding data. */
  minValidFraction: number;
}

/**
 * Window starts that tile a light curve: from the first finite time every `strideDays`, keeping
 * windows whose coverage reaches `minValidFraction` (a light curve shorter than one window
 * yields one window if it has enough coverage).
 *
 * @param timeDays Times, days (finite ones count, flux NaN points should be removed first).
 * @param options See {@linkcode WindowStartsOptions}.
 * @returns Start times, days, ascending.
 */
export function windowStartsDays(
  timeDays: ArrayLike<number>,
  options: WindowStartsOptions,
): number[] {
  if (!(options.strideDays > 0)) {
    throw new RangeError(
      `Cannot tile light curve as strideDays must be > 0: current value is ${options.strideDays}`,
    );
  }
  const cadenceDays = options.cadenceMinutes / 1440;
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < timeDays.length; i++) {
    const t = timeDays[i]!;
    if (!Number.isFinite(t)) continue;
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
  }
  if (tMin === Infinity) return [];
  const totalBins = Math.floor((tMax - tMin) / cadenceDays + BIN_EPSILON) + 1;
  const occupied = new Uint8Array(totalBins);
  for (let i = 0; i < timeDays.length; i++) {
    const t = timeDays[i]!;
    if (Number.isFinite(t)) occupied[Math.floor((t - tMin) / cadenceDays + BIN_EPSILON)] = 1;
  }
  const prefix = new Int32Array(totalBins + 1);
  for (let k = 0; k < totalBins; k++) prefix[k + 1] = prefix[k]! + occupied[k]!;
  const starts: number[] = [];
  const strideBins = options.strideDays / cadenceDays;
  for (let s = 0;; s++) {
    const first = Math.round(s * strideBins);
    if (first >= totalBins) break;
    const last = Math.min(totalBins, first + options.lengthPoints);
    const coverage = (prefix[last]! - prefix[first]!) / options.lengthPoints;
    if (coverage >= options.minValidFraction) starts.push(tMin + first * cadenceDays);
    if (last === totalBins) break; // this window already reaches the end
  }
  return starts;
}
