/**
 * Periodicity features: what the period CNN reads besides the window itself. A transit period
 * is a *spacing* between dips, which a translation-equivariant conv stack over time has a weak
 * bias for; these features put the spacing on the period-bin axis, so that a dip train of
 * period P lights up the input position of P's bin and a conv over that axis maps it to the
 * output bin directly.
 *
 * From a preprocessed window (standardised flux, NaN = gap), deterministically:
 *
 * 1. dip events: for each box width D (bins) in `boxBins`, the box's dip significance
 *    `s_D[k] = −Σ_{j<D} z[k+j] / √(bins with data)` (a single-event statistic; positions with
 *    data in fewer than ⌈D/2⌉ bins are empty), soft-thresholded `r = max(0, s − threshold)`
 *    (noise rarely exceeds the threshold, transits do), then centred and scaled to unit variance
 *    over the non-empty positions;
 * 2. autocorrelation `A_D(L) = Σ_k r[k]·r[k+L]` of each (linear, by FFT), and the number of
 *    bin pairs with data at each lag `N(L) = Σ_k m[k]·m[k+L]`;
 * 3. on a fine grid of trial periods P (in bins): the harmonic sum
 *    `H_D(P) = Σ_{j=1..J} A_D(jP) / √(Σ_{j=1..J} N(jP))` with `J = min(maxHarmonics, ⌊(n−2)/P⌋)`
 *    and linear interpolation between lags. H is the phase-averaged power of the window folded
 *    at P: every pair of dips P, 2P, … apart adds to it, with no search over phase. The single
 *    lag statistic `A_D(P) / √N(P)` (j = 1 only) is kept too: it tells a period from its
 *    sub-multiples (P/2 has no dip pair at lag P/2);
 * 4. per period bin: the maximum of each statistic over the trial periods in the bin.
 *
 * Trial periods step by `max(minStepBins, toleranceBins / J)`, so the last harmonic summed moves
 * by at most `toleranceBins` between trials. The trial table (lag indices and interpolation
 * weights of every harmonic) depends only on the options and is built once.
 *
 * Output: `bins × channels` values, channel-last. Channels per box width: H, then the single-lag
 * statistic; the last channel is the bin's position in [0, 1] (noise levels differ along the
 * axis: short-period bins hold more trials and more harmonics).
 *
 * {@linkcode periodicityFeaturesReference} computes the same values by direct sums.
 *
 * @module
 */
import { PeriodGrid, type PeriodGridOptions } from "./period_grid.ts";
import { _AutocorrelationPair } from "./_fft.ts";
import type { CnnConfig } from "./config.ts";
import type { LoadedDataset } from "./dataset_format.ts";

/** Settings of the periodicity features (the `periodicity` block of configs/cnn.yaml). */
export interface PeriodicityOptions {
  /** Window length, bins. */
  lengthPoints: number;
  /** Bin width, minutes. */
  cadenceMinutes: number;
  /** The output period bins. */
  periodGrid: PeriodGridOptions;
  /** Box widths of the dip statistic, bins (e.g. [1, 2, 4] hours at 60-minute bins). */
  boxBins: readonly number[];
  /** Soft threshold on the dip significance, noise σ (≥ 0). */
  thresholdSigma: number;
  /** Most harmonics (multiples of the trial period) summed. */
  maxHarmonics: number;
  /** Largest drift of the last harmonic between neighbouring trial periods, bins. */
  toleranceBins: number;
  /** Smallest step between trial periods, bins. */
  minStepBins: number;
}

/**
 * Number of feature channels for a number of box widths: 2 per box plus the position.
 *
 * @param boxCount Number of box widths (`boxBins.length`).
 * @returns Channels per period bin.
 *
 * @example
 * ```ts
 * import { periodicityChannels } from "./periodicity.ts";
 * if (periodicityChannels(3) !== 7) throw new Error("3 boxes: H and single-lag each, + position");
 * ```
 */
export function periodicityChannels(boxCount: number): number {
  return 2 * boxCount + 1;
}

/** The trial periods and, for each, the lags of its harmonics. */
interface TrialTable {
  /** Trial periods, bins. */
  periods: Float64Array;
  /** Output bin of each trial (−1: outside the grid). */
  bin: Int32Array;
  /** Harmonics of trial t are entries [start[t], start[t + 1]). */
  start: Int32Array;
  /** Lower lag index of each harmonic. */
  lag: Int32Array;
  /** Interpolation weight of lag + 1. */
  frac: Float64Array;
}

function validate(options: PeriodicityOptions): void {
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  const problems: [string, unknown, boolean][] = [
    ["lengthPoints", options.lengthPoints, positiveInt(options.lengthPoints)],
    ["cadenceMinutes", options.cadenceMinutes, options.cadenceMinutes > 0],
    [
      "boxBins",
      JSON.stringify(options.boxBins),
      options.boxBins.length > 0 && options.boxBins.every(positiveInt),
    ],
    ["thresholdSigma", options.thresholdSigma, options.thresholdSigma >= 0],
    ["maxHarmonics", options.maxHarmonics, positiveInt(options.maxHarmonics)],
    ["toleranceBins", options.toleranceBins, options.toleranceBins > 0],
    ["minStepBins", options.minStepBins, options.minStepBins > 0],
  ];
  for (const [key, value, ok] of problems) {
    if (!ok) {
      throw new RangeError(
        `Cannot compute periodicity features as ${key} must be ${
          key === "boxBins"
            ? "a non-empty list of positive integers"
            : key === "thresholdSigma"
            ? ">= 0"
            : key === "lengthPoints" || key === "maxHarmonics"
            ? "a positive integer"
            : "> 0"
        }: current value is ${value}`,
      );
    }
  }
}

/** Harmonics summed at a trial period of `periodBins` in an `n`-bin window. */
function harmonicsAt(periodBins: number, n: number, maxHarmonics: number): number {
  return Math.min(maxHarmonics, Math.floor((n - 2) / periodBins));
}

function buildTrials(options: PeriodicityOptions, grid: PeriodGrid): TrialTable {
  const n = options.lengthPoints;
  const binsPerDay = 1440 / options.cadenceMinutes;
  const first = grid.edgesDays[0]! * binsPerDay;
  const last = Math.min(grid.edgesDays[grid.bins]! * binsPerDay, n - 2);
  const periods: number[] = [];
  for (let p = first; p < last;) {
    const harmonics = harmonicsAt(p, n, options.maxHarmonics);
    if (harmonics < 1) break;
    periods.push(p);
    p += Math.max(options.minStepBins, options.toleranceBins / harmonics);
  }
  const start = new Int32Array(periods.length + 1);
  for (let t = 0; t < periods.length; t++) {
    start[t + 1] = start[t]! + harmonicsAt(periods[t]!, n, options.maxHarmonics);
  }
  const lag = new Int32Array(start[periods.length]!);
  const frac = new Float64Array(lag.length);
  const bin = new Int32Array(periods.length);
  for (let t = 0; t < periods.length; t++) {
    const p = periods[t]!;
    bin[t] = grid.binOf(p / binsPerDay);
    for (let j = 1, e = start[t]!; e < start[t + 1]!; j++, e++) {
      const at = j * p;
      lag[e] = Math.floor(at);
      frac[e] = at - lag[e]!;
    }
  }
  return { periods: Float64Array.from(periods), bin, start, lag, frac };
}

/**
 * Computes the periodicity features of preprocessed windows. Construction builds the trial
 * table; {@linkcode PeriodicityTransform.compute} then allocates nothing (one instance per
 * worker: it holds scratch buffers).
 *
 * @example
 * ```ts
 * import { PeriodicityTransform } from "./periodicity.ts";
 * const transform = new PeriodicityTransform({
 *   lengthPoints: 512, cadenceMinutes: 60,
 *   periodGrid: { minDays: 1, maxDays: 10, bins: 20, spacing: "log" },
 *   boxBins: [2], thresholdSigma: 1.5, maxHarmonics: 8, toleranceBins: 1, minStepBins: 0.1,
 * });
 * // A 3-bin dip of 2 sigma every 100 bins (4.17 days): the strongest harmonic sum is in its bin.
 * const window = Float32Array.from({ length: 512 }, (_, k) => (k % 100 < 3 ? -2 : 0) + Math.sin(k * 12.9898) * 0.3);
 * const features = transform.compute(window);
 * const h = Array.from({ length: 20 }, (_, b) => features[b * transform.channels]!);
 * const best = h.indexOf(Math.max(...h));
 * if (best !== transform.grid.binOf(100 / 24)) throw new Error(`peak in bin ${best}`);
 * ```
 */
export class PeriodicityTransform {
  /** The settings. */
  readonly options: Readonly<PeriodicityOptions>;
  /** The output period grid. */
  readonly grid: PeriodGrid;
  /** Feature channels per period bin. */
  readonly channels: number;
  /** Trial periods, bins (for inspection and tests). */
  readonly trialPeriodsBins: Float64Array;
  readonly #trials: TrialTable;
  readonly #acf: _AutocorrelationPair;
  readonly #x: Float64Array;
  readonly #mask: Float64Array;
  readonly #prefix: Float64Array;
  readonly #count: Float64Array;
  readonly #events: Float64Array[];
  readonly #acfs: Float64Array[];
  readonly #pairs: Float64Array;
  readonly #unused: Float64Array;
  readonly #interleaved: Float64Array;
  readonly #totals: Float64Array;
  readonly #bestSum: Float64Array;
  readonly #bestSingle: Float64Array;

  /**
   * @param options See {@linkcode PeriodicityOptions}.
   * @throws {RangeError} On invalid settings (naming the setting and its value).
   */
  constructor(options: PeriodicityOptions) {
    validate(options);
    this.options = { ...options, boxBins: [...options.boxBins] };
    this.grid = new PeriodGrid(options.periodGrid);
    this.channels = periodicityChannels(options.boxBins.length);
    this.#trials = buildTrials(options, this.grid);
    this.trialPeriodsBins = this.#trials.periods;
    const n = options.lengthPoints;
    this.#acf = new _AutocorrelationPair(n);
    this.#x = new Float64Array(n);
    this.#mask = new Float64Array(n);
    this.#prefix = new Float64Array(n + 1);
    this.#count = new Float64Array(n + 1);
    const boxes = options.boxBins.length;
    // ACFs are computed in pairs: the mask rides along with an odd box out.
    this.#events = Array.from({ length: boxes }, () => new Float64Array(n));
    this.#acfs = Array.from({ length: boxes }, () => new Float64Array(n));
    this.#pairs = new Float64Array(n);
    this.#unused = new Float64Array(n);
    this.#interleaved = new Float64Array(n * (boxes + 1));
    this.#totals = new Float64Array(boxes);
    this.#bestSum = new Float64Array(boxes);
    this.#bestSingle = new Float64Array(boxes);
  }

  /** Values written per window: `bins × channels`. */
  get size(): number {
    return this.grid.bins * this.channels;
  }

  /**
   * Features of one preprocessed window.
   *
   * @param window Standardised flux, `lengthPoints` values, NaN = gap.
   * @param out Destination (`size` values from `offset`). @default a new array
   * @param offset First index written. @default 0
   * @returns `out`.
   * @throws {RangeError} When the window length differs from `lengthPoints`.
   */
  compute(window: ArrayLike<number>, out?: Float32Array, offset = 0): Float32Array {
    const n = this.options.lengthPoints;
    if (window.length !== n) {
      throw new RangeError(
        `Cannot compute periodicity features as the window has ${window.length} points but lengthPoints is ${n}`,
      );
    }
    const target = out ?? new Float32Array(this.size);
    const x = this.#x;
    const mask = this.#mask;
    const prefix = this.#prefix;
    const count = this.#count;
    prefix[0] = 0;
    count[0] = 0;
    for (let k = 0; k < n; k++) {
      const v = window[k]!;
      const ok = v === v;
      x[k] = ok ? v : 0;
      mask[k] = ok ? 1 : 0;
      prefix[k + 1] = prefix[k]! + x[k]!;
      count[k + 1] = count[k]! + mask[k]!;
    }
    const boxes = this.options.boxBins;
    for (let i = 0; i < boxes.length; i++) {
      this.#dipEvents(boxes[i]!, this.options.thresholdSigma, this.#events[i]!);
    }
    for (let i = 0; i + 1 < boxes.length; i += 2) {
      this.#acf.compute(this.#events[i]!, this.#events[i + 1]!, this.#acfs[i]!, this.#acfs[i + 1]!);
    }
    if (boxes.length % 2 === 1) {
      const last = boxes.length - 1;
      this.#acf.compute(this.#events[last]!, mask, this.#acfs[last]!, this.#pairs);
    } else {
      this.#acf.compute(mask, mask, this.#pairs, this.#unused);
    }
    this.#harmonicSums(target, offset);
    return target;
  }

  /** Centred, unit-variance soft-thresholded dip significance for box width `box`. */
  #dipEvents(box: number, threshold: number, events: Float64Array): void {
    const n = this.options.lengthPoints;
    const prefix = this.#prefix;
    const count = this.#count;
    const need = Math.max(1, Math.ceil(box / 2));
    let sum = 0;
    let sumSquares = 0;
    let valid = 0;
    for (let k = 0; k < n; k++) {
      const end = k + box;
      const c = end <= n ? count[end]! - count[k]! : 0;
      if (c < need) {
        events[k] = NaN;
        continue;
      }
      const s = -(prefix[end]! - prefix[k]!) / Math.sqrt(c);
      const r = s > threshold ? s - threshold : 0;
      events[k] = r;
      sum += r;
      sumSquares += r * r;
      valid++;
    }
    const mean = valid > 0 ? sum / valid : 0;
    const variance = valid > 0 ? sumSquares / valid - mean * mean : 0;
    const scale = variance > 0 ? 1 / Math.sqrt(variance) : 0;
    for (let k = 0; k < n; k++) {
      const r = events[k]!;
      events[k] = r === r ? (r - mean) * scale : 0;
    }
  }

  #harmonicSums(out: Float32Array, offset: number): void {
    const { bin, start, lag, frac } = this.#trials;
    const trials = bin.length;
    const bins = this.grid.bins;
    const channels = this.channels;
    const boxes = this.options.boxBins.length;
    for (let b = 0; b < bins; b++) {
      const row = offset + b * channels;
      for (let c = 0; c < channels - 1; c++) out[row + c] = 0;
      out[row + channels - 1] = bins > 1 ? b / (bins - 1) : 0;
    }
    // One pass over the trials for all boxes and the pair counts: the autocorrelations and N(L)
    // interleaved by lag, `stride` values per lag (boxes first, N last).
    const stride = boxes + 1;
    const acf = this.#interleaved;
    for (let i = 0; i < boxes; i++) {
      const one = this.#acfs[i]!;
      for (let l = 0, k = i; l < one.length; l++, k += stride) acf[k] = one[l]!;
    }
    const pairs = this.#pairs;
    for (let l = 0, k = boxes; l < pairs.length; l++, k += stride) acf[k] = pairs[l]!;
    const total = this.#totals;
    const bestSum = this.#bestSum;
    const bestSingle = this.#bestSingle;
    let lastBin = -1;
    const flush = () => {
      if (lastBin < 0) return;
      const row = offset + lastBin * channels;
      for (let i = 0; i < boxes; i++) {
        out[row + 2 * i] = bestSum[i]!;
        out[row + 2 * i + 1] = bestSingle[i]!;
      }
    };
    for (let t = 0; t < trials; t++) {
      const b = bin[t]!;
      if (b < 0) continue;
      if (b !== lastBin) {
        flush();
        lastBin = b;
        bestSum.fill(-Infinity);
        bestSingle.fill(-Infinity);
      }
      const e0 = start[t]!;
      const e1 = start[t + 1]!;
      let pairTotal = 0;
      if (boxes === 3) {
        // The default configuration, unrolled (same sums in the same order as the loop below).
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        for (let e = e0; e < e1; e++) {
          const at = lag[e]! * 4;
          const f = frac[e]!;
          const a0 = acf[at]!;
          const a1 = acf[at + 1]!;
          const a2 = acf[at + 2]!;
          const p = acf[at + 3]!;
          s0 = s0 + a0 + f * (acf[at + 4]! - a0);
          s1 = s1 + a1 + f * (acf[at + 5]! - a1);
          s2 = s2 + a2 + f * (acf[at + 6]! - a2);
          pairTotal += p + f * (acf[at + 7]! - p);
        }
        total[0] = s0;
        total[1] = s1;
        total[2] = s2;
      } else {
        total.fill(0);
        for (let e = e0; e < e1; e++) {
          const at = lag[e]! * stride;
          const f = frac[e]!;
          for (let i = 0; i < boxes; i++) {
            const a = acf[at + i]!;
            total[i] = total[i]! + a + f * (acf[at + stride + i]! - a);
          }
          const p = acf[at + boxes]!;
          pairTotal += p + f * (acf[at + stride + boxes]! - p);
        }
      }
      const scale = 1 / Math.sqrt(pairTotal > 1 ? pairTotal : 1);
      const l0 = lag[e0]!;
      const f0 = frac[e0]!;
      const p0 = pairs[l0]! + f0 * (pairs[l0 + 1]! - pairs[l0]!);
      const singleScale = 1 / Math.sqrt(p0 > 1 ? p0 : 1);
      for (let i = 0; i < boxes; i++) {
        const h = total[i]! * scale;
        if (h > bestSum[i]!) bestSum[i] = h;
        const a = acf[l0 * stride + i]!;
        const single = (a + f0 * (acf[(l0 + 1) * stride + i]! - a)) * singleScale;
        if (single > bestSingle[i]!) bestSingle[i] = single;
      }
    }
    flush();
  }
}

/**
 * Slow, obviously-correct twin of {@linkcode PeriodicityTransform.compute}: the same steps with
 * direct O(n²) autocorrelation sums and the trial periods stepped afresh. For tests.
 *
 * @param window Standardised flux, NaN = gap.
 * @param options See {@linkcode PeriodicityOptions}.
 * @returns `bins × channels` features.
 */
export function periodicityFeaturesReference(
  window: ArrayLike<number>,
  options: PeriodicityOptions,
): Float32Array {
  const n = options.lengthPoints;
  const grid = new PeriodGrid(options.periodGrid);
  const channels = periodicityChannels(options.boxBins.length);
  const out = new Float32Array(grid.bins * channels);
  const value = (k: number) => (Number.isNaN(window[k]!) ? 0 : window[k]!);
  const has = (k: number) => (Number.isNaN(window[k]!) ? 0 : 1);
  const autocorrelation = (series: number[], lag: number) => {
    let total = 0;
    for (let k = 0; k + lag < n; k++) total += series[k]! * series[k + lag]!;
    return total;
  };
  const at = (series: number[], lagBins: number) => {
    const i = Math.floor(lagBins);
    const f = lagBins - i;
    return (1 - f) * autocorrelation(series, i) + f * autocorrelation(series, i + 1);
  };
  const mask = Array.from({ length: n }, (_, k) => has(k));
  const binsPerDay = 1440 / options.cadenceMinutes;
  const periods: number[] = [];
  const last = Math.min(grid.edgesDays[grid.bins]! * binsPerDay, n - 2);
  for (let p = grid.edgesDays[0]! * binsPerDay; p < last;) {
    const harmonics = Math.min(options.maxHarmonics, Math.floor((n - 2) / p));
    if (harmonics < 1) break;
    periods.push(p);
    p += Math.max(options.minStepBins, options.toleranceBins / harmonics);
  }
  for (let b = 0; b < grid.bins; b++) out[b * channels + channels - 1] = b / (grid.bins - 1);
  options.boxBins.forEach((box, i) => {
    const raw: (number | null)[] = [];
    for (let k = 0; k < n; k++) {
      let sum = 0;
      let c = 0;
      for (let j = 0; j < box && k + j < n; j++) {
        sum += value(k + j);
        c += has(k + j);
      }
      if (k + box > n || c < Math.max(1, Math.ceil(box / 2))) raw.push(null);
      else raw.push(Math.max(0, -sum / Math.sqrt(c) - options.thresholdSigma));
    }
    const valid = raw.filter((r): r is number => r !== null);
    const mean = valid.reduce((a, r) => a + r, 0) / Math.max(1, valid.length);
    const variance = valid.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, valid.length);
    const scale = variance > 0 ? 1 / Math.sqrt(variance) : 0;
    const events = raw.map((r) => (r === null ? 0 : (r - mean) * scale));
    const best = new Map<number, [number, number]>();
    for (const p of periods) {
      const b = grid.binOf(p / binsPerDay);
      if (b < 0) continue;
      const harmonics = Math.min(options.maxHarmonics, Math.floor((n - 2) / p));
      let total = 0;
      let pairTotal = 0;
      for (let j = 1; j <= harmonics; j++) {
        total += at(events, j * p);
        pairTotal += at(mask, j * p);
      }
      const h = total / Math.sqrt(Math.max(1, pairTotal));
      const single = at(events, p) / Math.sqrt(Math.max(1, at(mask, p)));
      const [h0, s0] = best.get(b) ?? [-Infinity, -Infinity];
      best.set(b, [Math.max(h0, h), Math.max(s0, single)]);
    }
    for (const [b, [h, single]] of best) {
      out[b * channels + 2 * i] = h;
      out[b * channels + 2 * i + 1] = single;
    }
  });
  return out;
}

/** Periodicity features of every window of a dataset, computed once (not stored on disk). */
export interface DatasetPeriodicity {
  /** Values per window: `bins × channels`. */
  size: number;
  /** Feature channels per period bin. */
  channels: number;
  /** `samples × size` features, in sample-id order. */
  values: Float32Array;
}

/**
 * Periodicity features of `count` consecutive windows of `lengthPoints` values each.
 *
 * The features do not change when a window is time-reversed (the dip series is reversed and
 * shifted, which leaves every autocorrelation unchanged), so one table serves the training
 * loop's time-reversal augmentation too.
 *
 * @param flux `count × lengthPoints` preprocessed windows (NaN = gap).
 * @param count Number of windows.
 * @param transform The feature transform (its `lengthPoints` sets the window length).
 * @returns The features of every window.
 *
 * @example
 * ```ts
 * import { PeriodicityTransform, windowsPeriodicity } from "./periodicity.ts";
 * const transform = new PeriodicityTransform({
 *   lengthPoints: 256, cadenceMinutes: 60,
 *   periodGrid: { minDays: 1, maxDays: 5, bins: 8, spacing: "log" },
 *   boxBins: [1, 2], thresholdSigma: 1.5, maxHarmonics: 8, toleranceBins: 1, minStepBins: 0.25,
 * });
 * const table = windowsPeriodicity(new Float32Array(2 * 256), 2, transform);
 * if (table.values.length !== 2 * 8 * 5) throw new Error("unexpected size");
 * ```
 */
export function windowsPeriodicity(
  flux: Float32Array,
  count: number,
  transform: PeriodicityTransform,
): DatasetPeriodicity {
  const n = transform.options.lengthPoints;
  if (flux.length < count * n) {
    throw new RangeError(
      `Cannot compute periodicity features as ${count} windows of ${n} points need ${
        count * n
      } values: current length is ${flux.length}`,
    );
  }
  const size = transform.size;
  const values = new Float32Array(count * size);
  for (let i = 0; i < count; i++) {
    transform.compute(flux.subarray(i * n, (i + 1) * n), values, i * size);
  }
  return { size, channels: transform.channels, values };
}

/**
 * The periodicity settings of a config (`model.periodicity` plus the window and period grid).
 *
 * @param config Validated CNN config.
 * @returns The options, or null when the model has no periodicity input.
 */
export function periodicityOptionsFrom(config: CnnConfig): PeriodicityOptions | null {
  const block = config.model.periodicity;
  if (block === null) return null;
  return {
    lengthPoints: config.input.lengthPoints,
    cadenceMinutes: config.input.cadenceMinutes,
    periodGrid: {
      minDays: config.periods.minDays,
      maxDays: config.periods.maxDays,
      bins: config.periods.bins,
      spacing: config.periods.spacing,
    },
    boxBins: [...block.boxBins],
    thresholdSigma: block.thresholdSigma,
    maxHarmonics: block.maxHarmonics,
    toleranceBins: block.toleranceBins,
    minStepBins: block.minStepBins,
  };
}

/**
 * The dataset with the periodicity features of all its windows attached (a new object; the
 * windows are shared, not copied).
 *
 * @param dataset Loaded dataset.
 * @param options The model's periodicity settings (null: the dataset unchanged).
 * @returns The dataset with `periodicity` set (or unset when `options` is null).
 * @throws {RangeError} When the settings' window length differs from the dataset's.
 */
export function withPeriodicity(
  dataset: LoadedDataset,
  options: PeriodicityOptions | null,
): LoadedDataset {
  if (options === null) {
    const { periodicity: _dropped, ...rest } = dataset;
    return rest;
  }
  if (options.lengthPoints !== dataset.lengthPoints) {
    throw new RangeError(
      `Cannot compute periodicity features of dataset ${dataset.dir} as its windows have ${dataset.lengthPoints} points but the settings expect lengthPoints = ${options.lengthPoints}`,
    );
  }
  const transform = new PeriodicityTransform(options);
  return {
    ...dataset,
    periodicity: windowsPeriodicity(dataset.flux, dataset.samples.length, transform),
  };
}
