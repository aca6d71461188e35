/**
 * What a flattened light curve says at a known ephemeris: the transit depth
 * measured directly (median out of transit minus median in the central 60 %
 * of the transit, the check of ../shared/data/lightcurves/manifest.csv), the
 * depths of odd and even transits (an eclipsing binary at twice the period
 * shows two different eclipses), the number of transits with data, and the
 * scatter. Model-free, so it checks the catalog rather than repeating it.
 *
 * `measureFoldedTransit` is the typed-array kernel (one pass to classify
 * points, quickselect medians in one scratch buffer); the slow, obviously
 * correct `measureFoldedTransitReference` filters and sorts plain arrays.
 * Tests hold them to each other.
 *
 * @module
 */
import { _medianInPlace } from "../../lightcurve/_stats.ts";

/** Where and how long the transits are. */
export interface FoldEphemeris {
  /** Period, days (> 0). */
  periodDays: number;
  /** Mid-transit time of one transit, light-curve time system. */
  epoch: number;
  /** Total duration, hours (> 0). */
  durationHours: number;
}

/** Options of the measurement. */
export interface FoldMeasurementOptions {
  /** Fraction of the duration, centred, whose points measure the depth. @default 0.6 */
  centralFraction?: number;
  /**
   * Out-of-transit points lie between 1 and this many durations from
   * mid-transit (capped at half the period). @default 3
   */
  outerDurations?: number;
}

/** Measurements at one ephemeris (ppm relative to the out-of-transit median). */
export interface FoldMeasurement {
  /** Points within ±duration/2 of a mid-transit. */
  inTransitPoints: number;
  /** Points in the central fraction (used for the depth). */
  centralPoints: number;
  /** Out-of-transit reference points. */
  outOfTransitPoints: number;
  /** Distinct transits with at least one in-transit point. */
  transitsCovered: number;
  /** Mid-transit times falling between the first and last point. */
  transitsPredicted: number;
  /** Median out minus median central, ppm, and its 1-sigma error. */
  depthPpm: number;
  depthErrPpm: number;
  /** The same for odd- and even-numbered transits (epoch number 0 is even). */
  oddDepthPpm: number;
  oddDepthErrPpm: number;
  evenDepthPpm: number;
  evenDepthErrPpm: number;
  /** |odd − even| in units of their combined error (NaN when either is missing). */
  oddEvenSigma: number;
  /** Robust scatter (1.4826 × MAD) of the out-of-transit points, ppm. */
  scatterPpm: number;
  /** depth / depthErr. */
  snr: number;
}

/** Error of a median of n values drawn with scatter s: √(π/2)·s/√n. */
const MEDIAN_ERROR_FACTOR = Math.sqrt(Math.PI / 2);

function validate(eph: FoldEphemeris, options: FoldMeasurementOptions): [number, number] {
  if (!(eph.periodDays > 0) || !Number.isFinite(eph.periodDays)) {
    throw new RangeError(
      `Cannot measure the folded transit as periodDays must be > 0: current value is ${eph.periodDays}`,
    );
  }
  if (!(eph.durationHours > 0) || !Number.isFinite(eph.durationHours)) {
    throw new RangeError(
      `Cannot measure the folded transit as durationHours must be > 0: current value is ${eph.durationHours}`,
    );
  }
  if (!Number.isFinite(eph.epoch)) {
    throw new RangeError(
      `Cannot measure the folded transit as epoch must be finite: current value is ${eph.epoch}`,
    );
  }
  const central = options.centralFraction ?? 0.6;
  const outer = options.outerDurations ?? 3;
  if (!(central > 0 && central <= 1)) {
    throw new RangeError(
      `Cannot measure the folded transit as centralFraction must be in (0, 1]: current value is ${central}`,
    );
  }
  if (!(outer > 1)) {
    throw new RangeError(
      `Cannot measure the folded transit as outerDurations must be > 1: current value is ${outer}`,
    );
  }
  return [central, outer];
}

function assemble(
  counts: { inTransit: number; transitsCovered: number; transitsPredicted: number },
  medOut: number,
  scatter: number,
  central: { n: number; median: number },
  odd: { n: number; median: number },
  even: { n: number; median: number },
  nOut: number,
): FoldMeasurement {
  const errOut = nOut > 0 ? (MEDIAN_ERROR_FACTOR * scatter) / Math.sqrt(nOut) : NaN;
  const part = (p: { n: number; median: number }) => {
    if (p.n === 0 || nOut === 0) return { depth: NaN, err: NaN };
    const errIn = (MEDIAN_ERROR_FACTOR * scatter) / Math.sqrt(p.n);
    return { depth: 1e6 * (medOut - p.median), err: 1e6 * Math.hypot(errIn, errOut) };
  };
  const all = part(central), o = part(odd), e = part(even);
  return {
    inTransitPoints: counts.inTransit,
    centralPoints: central.n,
    outOfTransitPoints: nOut,
    transitsCovered: counts.transitsCovered,
    transitsPredicted: counts.transitsPredicted,
    depthPpm: all.depth,
    depthErrPpm: all.err,
    oddDepthPpm: o.depth,
    oddDepthErrPpm: o.err,
    evenDepthPpm: e.depth,
    evenDepthErrPpm: e.err,
    oddEvenSigma: Math.abs(o.depth - e.depth) / Math.hypot(o.err, e.err),
    scatterPpm: 1e6 * scatter,
    snr: all.depth / all.err,
  };
}

/**
 * Measure the transit at an ephemeris (fast kernel).
 *
 * @param time Times, days (any order; NaN points are skipped).
 * @param flux Flattened relative flux (baseline ≈ 1; NaN points are skipped).
 * @param ephemeris Period, epoch and duration.
 * @param options Central fraction and out-of-transit range.
 * @returns The measurements (depths NaN when a region has no points).
 * @throws {RangeError} For an invalid ephemeris or options, or arrays of different lengths.
 *
 * @example
 * ```ts
 * import { measureFoldedTransit } from "./fold_measurements.ts";
 * const n = 2000, time = new Float64Array(n), flux = new Float64Array(n);
 * for (let i = 0; i < n; i++) {
 *   time[i] = i * 0.01;
 *   const dt = ((time[i]! + 0.5) % 1) - 0.5;               // P = 1 d, epoch 0
 *   flux[i] = Math.abs(dt) < 0.05 ? 1 - 1e-3 : 1;          // 2.4-hour, 1000 ppm box
 * }
 * const m = measureFoldedTransit(time, flux, { periodDays: 1, epoch: 0, durationHours: 2.4 });
 * // 20 mid-times fall inside the data; the 21st transit (t = 20) is partly covered at the end
 * if (Math.round(m.depthPpm) !== 1000 || m.transitsPredicted !== 20 || m.transitsCovered !== 21) {
 *   throw new Error(JSON.stringify(m));
 * }
 * ```
 */
export function measureFoldedTransit(
  time: Float64Array,
  flux: Float64Array,
  ephemeris: FoldEphemeris,
  options: FoldMeasurementOptions = {},
): FoldMeasurement {
  const [centralFraction, outerDurations] = validate(ephemeris, options);
  const n = time.length;
  if (flux.length !== n) {
    throw new RangeError(
      `Cannot measure the folded transit as flux has ${flux.length} values but time has ${n}`,
    );
  }
  const p = ephemeris.periodDays;
  const d = ephemeris.durationHours / 24;
  const halfD = d / 2;
  const halfCentral = (centralFraction * d) / 2;
  const outerLimit = Math.min(outerDurations * d, p / 2);
  // region codes: 0 skip, 1 out, 2 in (not central), 3 central
  const region = new Uint8Array(n);
  const epochNumber = new Float64Array(n);
  let nOut = 0, nCentral = 0, nOdd = 0, nEven = 0, nIn = 0;
  let tMin = Infinity, tMax = -Infinity;
  let minEpoch = Infinity, maxEpoch = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i]!, f = flux[i]!;
    if (!Number.isFinite(t) || !Number.isFinite(f)) continue;
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
    const dt = t - ephemeris.epoch;
    const e = Math.round(dt / p);
    const a = Math.abs(dt - e * p);
    epochNumber[i] = e;
    if (a < halfD) {
      nIn++;
      if (e < minEpoch) minEpoch = e;
      if (e > maxEpoch) maxEpoch = e;
      if (a < halfCentral) {
        region[i] = 3;
        nCentral++;
        if ((((e % 2) + 2) % 2) === 1) nOdd++;
        else nEven++;
      } else region[i] = 2;
    } else if (a >= d && a <= outerLimit) {
      region[i] = 1;
      nOut++;
    }
  }
  // distinct covered epochs: a bitmap over [minEpoch, maxEpoch]
  let covered = 0;
  if (nIn > 0) {
    const seen = new Uint8Array(maxEpoch - minEpoch + 1);
    for (let i = 0; i < n; i++) {
      if (region[i]! >= 2) {
        const k = epochNumber[i]! - minEpoch;
        if (seen[k] === 0) {
          seen[k] = 1;
          covered++;
        }
      }
    }
  }
  let predicted = 0;
  if (tMax >= tMin) {
    const first = Math.ceil((tMin - ephemeris.epoch) / p);
    const last = Math.floor((tMax - ephemeris.epoch) / p);
    predicted = Math.max(0, last - first + 1);
  }
  const scratch = new Float64Array(Math.max(nOut, nCentral));
  // out-of-transit median and MAD
  let k = 0;
  for (let i = 0; i < n; i++) if (region[i] === 1) scratch[k++] = flux[i]!;
  const medOut = _medianInPlace(scratch, nOut);
  k = 0;
  for (let i = 0; i < n; i++) if (region[i] === 1) scratch[k++] = Math.abs(flux[i]! - medOut);
  const scatter = 1.4826 * _medianInPlace(scratch, nOut);
  const centralMedian = (parity: -1 | 0 | 1): { n: number; median: number } => {
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (region[i] !== 3) continue;
      if (parity !== -1 && (((epochNumber[i]! % 2) + 2) % 2) !== parity) continue;
      scratch[m++] = flux[i]!;
    }
    return { n: m, median: _medianInPlace(scratch, m) };
  };
  return assemble(
    { inTransit: nIn, transitsCovered: covered, transitsPredicted: predicted },
    medOut,
    scatter,
    centralMedian(-1),
    centralMedian(1),
    centralMedian(0),
    nOut,
  );
}

/**
 * Slow, obviously-correct twin of {@linkcode measureFoldedTransit}: filters and sorts plain arrays.
 *
 * @param time Times, days.
 * @param flux Flattened relative flux.
 * @param ephemeris Period, epoch and duration.
 * @param options Central fraction and out-of-transit range.
 * @returns The same measurements.
 */
export function measureFoldedTransitReference(
  time: Float64Array,
  flux: Float64Array,
  ephemeris: FoldEphemeris,
  options: FoldMeasurementOptions = {},
): FoldMeasurement {
  const [centralFraction, outerDurations] = validate(ephemeris, options);
  const median = (values: number[]): number => {
    if (values.length === 0) return NaN;
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  const p = ephemeris.periodDays, d = ephemeris.durationHours / 24;
  const points = Array.from(time, (t, i) => ({ t, f: flux[i]! }))
    .filter((x) => Number.isFinite(x.t) && Number.isFinite(x.f))
    .map((x) => {
      const dt = x.t - ephemeris.epoch;
      const epoch = Math.round(dt / p);
      return { ...x, epoch, offset: Math.abs(dt - epoch * p) };
    });
  const inTransit = points.filter((x) => x.offset < d / 2);
  const central = inTransit.filter((x) => x.offset < (centralFraction * d) / 2);
  const out = points.filter((x) =>
    x.offset >= d && x.offset <= Math.min(outerDurations * d, p / 2)
  );
  const medOut = median(out.map((x) => x.f));
  const scatter = 1.4826 * median(out.map((x) => Math.abs(x.f - medOut)));
  const isOdd = (e: number) => Math.abs(e % 2) === 1;
  const tMin = points.reduce((a, x) => Math.min(a, x.t), Infinity);
  const tMax = points.reduce((a, x) => Math.max(a, x.t), -Infinity);
  let predicted = 0;
  for (let e = Math.ceil((tMin - ephemeris.epoch) / p); e * p + ephemeris.epoch <= tMax; e++) {
    predicted++;
  }
  const group = (xs: typeof points) => ({ n: xs.length, median: median(xs.map((x) => x.f)) });
  return assemble(
    {
      inTransit: inTransit.length,
      transitsCovered: new Set(inTransit.map((x) => x.epoch)).size,
      transitsPredicted: points.length > 0 ? predicted : 0,
    },
    medOut,
    scatter,
    group(central),
    group(central.filter((x) => isOdd(x.epoch))),
    group(central.filter((x) => !isOdd(x.epoch))),
    out.length,
  );
}
