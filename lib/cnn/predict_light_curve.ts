/**
 * Inference on a whole light curve (`deno task cnn:predict`): tile it with overlapping windows,
 * preprocess each exactly as in training, average the CNN's period distributions, rank the
 * periods, then refine the best one with BLS around the CNN's top bins (the combined mode) to
 * get an ephemeris precise enough to phase-fold.
 *
 * @module
 */
import { join } from "node:path";
import {
  LightCurve,
  loadTargetLightCurve,
  readLightCurveFits,
  readLightCurveFolder,
} from "../lightcurve/mod.ts";
import { type DataConfig, loadDataConfig } from "../data/mod.ts";
import { parseCsvRecords, writeFileAtomic } from "../io/mod.ts";
import { writePlot } from "../plot/mod.ts";
import {
  INPUT_CHANNELS,
  PreprocessScratch,
  preprocessWindow,
  sliceForWindow,
  windowStartsDays,
  writeModelInput,
} from "./preprocess.ts";
import type { PeriodCnn } from "./model_artifact.ts";
import { predictModelInput } from "./predict_windows.ts";
import { PeriodicityTransform } from "./periodicity.ts";
import { type TopPeriod, topPeriods } from "./period_grid.ts";
import { combinedOnWindow } from "./bls_compare.ts";
import { periodDistributionPlot, phaseFoldPlot } from "./plots.ts";

/** One window's prediction. */
export interface WindowPrediction {
  /** Window start, days. */
  startDays: number;
  /** Fraction of bins with data. */
  validFraction: number;
  /** Robust noise of the window, ppm. */
  noisePpm: number;
  /** Detection probability. */
  detection: number;
  /** Best period bins of this window. */
  top: TopPeriod[];
}

/** Prediction for a light curve. */
export interface LightCurvePrediction {
  /** Mean period distribution over the windows (`bins + 1`, last = no transit). */
  distribution: number[];
  /** Mean detection probability over the windows. */
  detectionProbability: number;
  /** Best periods of the mean distribution. */
  top: TopPeriod[];
  /** BLS refinement around the CNN's best bins (null when BLS found nothing there). */
  refined: {
    periodDays: number;
    transitTime: number;
    durationHours: number;
    snr: number;
  } | null;
  /** Per-window predictions. */
  windows: WindowPrediction[];
}

/** Options for {@linkcode predictLightCurve}. */
export interface PredictLightCurveOptions {
  /** Distance between window starts, days. @default half a window */
  strideDays?: number;
  /** Periods to report. @default 5 */
  topK?: number;
  /** BLS trial durations for the refinement, hours. @default [1, 2, 3, 5, 8, 12] */
  durationsHours?: readonly number[];
  /** CNN bins BLS refines around. @default 3 */
  refineTopBins?: number;
}

/**
 * Predict the period distribution of a light curve.
 *
 * @param cnn Loaded period CNN.
 * @param lc The light curve (normalised or not; NaN cadences are skipped).
 * @param options See {@linkcode PredictLightCurveOptions}.
 * @returns Mean distribution, top periods, BLS-refined best period, per-window results.
 * @throws {RangeError} When no window has enough data.
 */
export async function predictLightCurve(
  cnn: PeriodCnn,
  lc: LightCurve,
  options: PredictLightCurveOptions = {},
): Promise<LightCurvePrediction> {
  const pre = cnn.metadata.preprocess;
  const windowDays = (pre.lengthPoints * pre.cadenceMinutes) / 1440;
  const clean = lc.removeNans();
  const starts = windowStartsDays(clean.time, {
    lengthPoints: pre.lengthPoints,
    cadenceMinutes: pre.cadenceMinutes,
    strideDays: options.strideDays ?? windowDays / 2,
    minValidFraction: cnn.metadata.minValidFraction,
  });
  const scratch = new PreprocessScratch(pre.lengthPoints);
  const windows: {
    flux: Float32Array;
    startDays: number;
    validFraction: number;
    noisePpm: number;
  }[] = [];
  for (const start of starts) {
    const part = sliceForWindow(clean.time, clean.flux, start, pre);
    const w = preprocessWindow(part.time, part.flux, { ...pre, startDays: start, scratch });
    if (w.validFraction >= cnn.metadata.minValidFraction) {
      windows.push({
        flux: w.flux.slice(),
        startDays: start,
        validFraction: w.validFraction,
        noisePpm: w.noisePpm,
      });
    }
  }
  if (windows.length === 0) {
    throw new RangeError(
      `Cannot predict periods of ${lc.meta.target ?? "light curve"} as no ${
        windowDays.toFixed(1)
      }-day window has data in at least ${
        (100 * cnn.metadata.minValidFraction).toFixed(0)
      }% of its ${pre.cadenceMinutes}-minute bins (span ${
        clean.timeSpanDays.toFixed(1)
      } days, ${clean.length} cadences)`,
    );
  }
  const input = new Float32Array(windows.length * pre.lengthPoints * INPUT_CHANNELS);
  windows.forEach((w, i) => writeModelInput(w.flux, input, i * pre.lengthPoints * INPUT_CHANNELS));
  const periodicity = cnn.metadata.periodicity ?? null;
  let features: Float32Array | undefined;
  if (periodicity !== null) {
    const transform = new PeriodicityTransform(periodicity);
    features = new Float32Array(windows.length * transform.size);
    windows.forEach((w, i) => transform.compute(w.flux, features, i * transform.size));
  }
  const out = await predictModelInput(
    cnn.model,
    input,
    windows.length,
    pre.lengthPoints,
    features,
  );
  const width = cnn.grid.bins + 1;
  const mean = new Array<number>(width).fill(0);
  const perWindow: WindowPrediction[] = windows.map((w, i) => {
    const d = out.period.subarray(i * width, (i + 1) * width);
    for (let k = 0; k < width; k++) mean[k]! += d[k]! / windows.length;
    return {
      startDays: w.startDays,
      validFraction: w.validFraction,
      noisePpm: w.noisePpm,
      detection: out.detection[i]!,
      top: topPeriods(d, cnn.grid, 3),
    };
  });
  const top = topPeriods(mean, cnn.grid, options.topK ?? 5);
  const detectionProbability = perWindow.reduce((a, w) => a + w.detection, 0) / perWindow.length;

  // Refine with BLS on the stitched windows (all of the light curve's data, same preprocessing).
  const cadenceDays = pre.cadenceMinutes / 1440;
  const firstStart = windows[0]!.startDays;
  const lastEnd = windows.at(-1)!.startDays + windowDays;
  const totalBins = Math.ceil((lastEnd - firstStart) / cadenceDays);
  const joined = new Float32Array(totalBins).fill(NaN);
  for (const w of windows) {
    const offset = Math.round((w.startDays - firstStart) / cadenceDays);
    for (let k = 0; k < w.flux.length; k++) {
      const v = w.flux[k]!;
      if (!Number.isNaN(v) && Number.isNaN(joined[offset + k]!)) joined[offset + k] = v;
    }
  }
  const medianNoise = perWindow.map((w) => w.noisePpm).sort((a, b) => a - b)[
    perWindow.length >> 1
  ]!;
  const bls = combinedOnWindow(
    {
      flux: joined,
      startDays: firstStart,
      cadenceMinutes: pre.cadenceMinutes,
      noisePpm: medianNoise,
    },
    top.slice(0, options.refineTopBins ?? 3).map((t) => t.bin),
    { grid: cnn.grid, durationsHours: options.durationsHours ?? [1, 2, 3, 5, 8, 12], topPeaks: 1 },
  );
  const refined = bls.periodsDays.length > 0
    ? {
      periodDays: bls.periodsDays[0]!,
      transitTime: bls.transitTime,
      durationHours: bls.durationHours,
      snr: bls.snr,
    }
    : null;
  return { distribution: mean, detectionProbability, top, refined, windows: perWindow };
}

/**
 * Read a light curve from what a user gives `cnn:predict`: a FITS file, a folder of FITS files
 * (stitched), a CSV with `time` and `flux` columns (days; header names are case-insensitive,
 * `#` lines skipped), or a target name resolved by lib/lightcurve (local data, cache, MAST).
 *
 * @param input Path or target name.
 * @param dataConfig Data config. @default loadDataConfig()
 * @returns The light curve.
 * @throws {Error} When a CSV lacks the columns or the target cannot be found.
 */
export async function readPredictInput(
  input: string,
  dataConfig: DataConfig = loadDataConfig(),
): Promise<LightCurve> {
  let stat: Deno.FileInfo | null = null;
  try {
    stat = await Deno.stat(input);
  } catch { /* not a path: a target name */ }
  if (stat?.isDirectory) return await readLightCurveFolder(input);
  if (stat?.isFile && /\.(fits|fit|fts)(\.gz)?$/i.test(input)) {
    return (await readLightCurveFits(input)).normalize();
  }
  if (stat?.isFile && /\.csv$/i.test(input)) {
    const rows = parseCsvRecords(await Deno.readTextFile(input), input);
    const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
    const find = (names: string[]) => header.find((h) => names.includes(h.trim().toLowerCase()));
    const timeKey = find(["time", "time_days", "t", "bjd", "bkjd", "btjd"]);
    const fluxKey = find(["flux", "pdcsap_flux", "sap_flux", "relative_flux"]);
    if (timeKey === undefined || fluxKey === undefined) {
      throw new Error(
        `Cannot read light curve ${input} as it needs a time column (time, time_days, bjd, bkjd, btjd) and a flux column (flux, pdcsap_flux, sap_flux, relative_flux): columns are ${
          header.join(", ")
        }`,
      );
    }
    const time = Float64Array.from(rows, (r) => r[timeKey] === "" ? NaN : Number(r[timeKey]));
    const flux = Float64Array.from(rows, (r) => r[fluxKey] === "" ? NaN : Number(r[fluxKey]));
    return new LightCurve({
      time,
      flux,
      meta: { target: input, sources: [input], history: [`read CSV ${input}`] },
    });
  }
  if (stat?.isFile) {
    throw new Error(
      `Cannot read light curve ${input} as it is not a .fits, .fits.gz or .csv file nor a folder`,
    );
  }
  return (await loadTargetLightCurve(input, { dataConfig })).lightCurve;
}

/** Paths written by {@linkcode writePrediction}. */
export interface PredictionFiles {
  json: string;
  distributionSvg: string;
  foldSvg: string;
}

/**
 * Write a prediction as JSON plus two figures (distribution, phase fold at the refined period,
 * or at the CNN's best bin when BLS found nothing).
 *
 * @param prediction The prediction.
 * @param lc The light curve it was made from (for the fold).
 * @param cnn The model (grid).
 * @param dir Output folder.
 * @param label Name used in titles and the JSON.
 * @returns Paths written.
 */
export async function writePrediction(
  prediction: LightCurvePrediction,
  lc: LightCurve,
  cnn: PeriodCnn,
  dir: string,
  label: string,
): Promise<PredictionFiles> {
  const files: PredictionFiles = {
    json: join(dir, "prediction.json"),
    distributionSvg: join(dir, "distribution.svg"),
    foldSvg: join(dir, "fold.svg"),
  };
  await writeFileAtomic(
    files.json,
    JSON.stringify(
      {
        input: label,
        periodGrid: cnn.grid.toJSON(),
        ...prediction,
        distribution: prediction.distribution.map((v) => Number(v.toPrecision(6))),
      },
      null,
      2,
    ) + "\n",
  );
  await writePlot(
    files.distributionSvg,
    periodDistributionPlot(prediction.distribution, cnn.grid, {
      title: `${label}: CNN period distribution (mean of ${prediction.windows.length} windows)`,
    }),
  );
  const period = prediction.refined?.periodDays ?? prediction.top[0]!.refinedPeriodDays;
  const epoch = prediction.refined?.transitTime ?? 0;
  const flat = lc.removeNans().normalize().flatten({
    windowDays: cnn.metadata.preprocess.detrendWindowHours / 24,
  });
  const shifted = Float64Array.from(flat.time, (t) => t - epoch + period / 2);
  const ppm = Float64Array.from(flat.flux, (f) => (f - 1) * 1e6);
  await writePlot(
    files.foldSvg,
    phaseFoldPlot(shifted, ppm, period, {
      title: `${label}: fold at P = ${period.toFixed(5)} d (${
        prediction.refined ? "CNN + BLS refined" : "CNN bin"
      })`,
      yLabel: "relative flux (ppm)",
    }),
  );
  return files;
}
