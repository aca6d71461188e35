/**
 * The period-CNN dataset builder behind `deno task cnn:dataset`. From one seed it makes:
 *
 * - `real_positive` / `real_negative`: windows tiling the real shared light curves (and KOI-list
 *   downloads), labelled by their catalog signals (positive when a signal is detectable in the
 *   window);
 * - `injected_real`: random windows of real light curves with 1…k injected transits (truth =
 *   injected + catalog signals);
 * - `synthetic_positive` / `synthetic_negative`: seeded synthetic stars (lib/transit: white, red
 *   and granulation noise, spot modulation, Kepler/TESS cadence and gaps) with and without
 *   injected transits.
 *
 * Injected planets are drawn with lib/transit's `drawPlanetParams` (period log-uniform, impact
 * parameter, stellar density, limb darkening) and a depth set from a target SNR against the
 * window's point-to-point noise; the recorded SNR is measured on the preprocessed window.
 * Every window goes through the same `preprocessWindow` as inference. Real stars named in
 * `dataset.real.testTargets` (and injections into them) go to the test split only, so the real
 * evaluation never sees a training star.
 *
 * @module
 */
import { join, relative } from "node:path";
import { buildManifest, Progress, writeManifest } from "../io/mod.ts";
import { Prng } from "../random/mod.ts";
import { type DataConfig, loadDataConfig } from "../data/mod.ts";
import type { LightCurve } from "../lightcurve/mod.ts";
import {
  drawPlanetParams,
  drawStarOptions,
  generateSyntheticLightCurve,
  injectTransits,
  rpOverRsForDepth,
  transitDurationHours,
  type TransitParams,
} from "../transit/mod.ts";
import type { CnnConfig } from "./config.ts";
import { PeriodGrid } from "./period_grid.ts";
import {
  type PreprocessedWindow,
  type PreprocessOptions,
  PreprocessScratch,
  preprocessWindow,
  sliceForWindow,
  windowStartsDays,
} from "./preprocess.ts";
import {
  DatasetWriter,
  type PlanetTruth,
  SAMPLE_KINDS,
  type SampleKind,
  type SampleRecord,
  type Split,
  SPLITS,
} from "./dataset_format.ts";
import {
  type CatalogSignal,
  koiSources,
  listSharedSources,
  loadRealLightCurve,
  type RealSource,
} from "./real_sources.ts";
import { _finiteMedian } from "../lightcurve/_stats.ts";

/** Options for {@linkcode buildCnnDataset}. */
export interface BuildDatasetOptions {
  /** Output folder. @default config.paths.dataset (relative to the repository) */
  outDir: string;
  /** Data config for real light curves. @default loadDataConfig() */
  dataConfig?: DataConfig;
  /** Config file recorded as an input in the manifest. */
  configPath?: string;
  /** Progress lines (one per kind); null for silence. @default console.log */
  log?: ((line: string) => void) | null;
  /** Live progress bar (terminal only by default). */
  progress?: boolean;
  /** Environment for the manifest timestamp (SOURCE_DATE_EPOCH). */
  env?: Record<string, string | undefined>;
}

/** Summary of a build. */
export interface BuildDatasetResult {
  /** Output folder. */
  dir: string;
  /** Samples written. */
  samples: number;
  /** Samples per kind. */
  byKind: Record<SampleKind, number>;
  /** Samples per split. */
  bySplit: Record<Split, number>;
  /** Real sources that could not be used, with the reason. */
  skipped: { source: string; reason: string }[];
  /** Path of manifest.json. */
  manifestPath: string;
  /** Build time, seconds. */
  seconds: number;
}

/** Preprocessing settings from a config. */
export function preprocessOptionsFrom(config: CnnConfig): PreprocessOptions {
  return {
    lengthPoints: config.input.lengthPoints,
    cadenceMinutes: config.input.cadenceMinutes,
    detrendWindowHours: config.input.detrendWindowHours,
    detrendMethod: config.input.detrendMethod,
    clipSigmaLow: config.input.clipSigmaLow,
    clipSigmaHigh: config.input.clipSigmaHigh,
  };
}

/** The period grid of a config. */
export function periodGridFrom(config: CnnConfig): PeriodGrid {
  return new PeriodGrid({
    minDays: config.periods.minDays,
    maxDays: config.periods.maxDays,
    bins: config.periods.bins,
    spacing: config.periods.spacing,
  });
}

/** A transit signal to locate in a window (catalog or injected). */
export interface SignalInWindow {
  periodDays: number;
  t0Days: number;
  durationHours: number;
  depthPpm: number;
}

/** Rules deciding whether a signal is detectable (counted in the target). */
export interface DetectabilityRules {
  grid: PeriodGrid;
  minTransits: number;
  minSnr: number;
}

/**
 * Where a signal falls in a preprocessed window: transits with data, in-transit bins with data,
 * and the SNR `depth / σ_bin · √(in-transit bins)`.
 *
 * @param signal Period, t0, duration and depth.
 * @param window Preprocessed window (its start and per-bin data/gaps).
 * @param cadenceMinutes Bin width, minutes.
 * @param rules Detectability rules.
 * @returns Transit count, SNR and the detectable flag.
 */
export function locateSignal(
  signal: SignalInWindow,
  window: PreprocessedWindow,
  cadenceMinutes: number,
  rules: DetectabilityRules,
): { nTransits: number; snr: number; detectable: boolean } {
  const n = window.flux.length;
  const cadenceDays = cadenceMinutes / 1440;
  const start = window.startDays;
  const end = start + n * cadenceDays;
  const halfDays = signal.durationHours / 48;
  let nTransits = 0;
  let inBins = 0;
  if (signal.periodDays > 0 && Number.isFinite(signal.t0Days) && halfDays > 0) {
    const firstEpoch = Math.ceil((start - halfDays - signal.t0Days) / signal.periodDays);
    for (let e = firstEpoch;; e++) {
      const tc = signal.t0Days + e * signal.periodDays;
      if (tc - halfDays >= end) break;
      // bins whose centre lies within the transit
      const lo = Math.max(0, Math.ceil((tc - halfDays - start) / cadenceDays - 0.5));
      const hi = Math.min(n - 1, Math.floor((tc + halfDays - start) / cadenceDays - 0.5));
      let withData = 0;
      for (let k = lo; k <= hi; k++) if (!Number.isNaN(window.flux[k]!)) withData++;
      if (withData > 0) nTransits++;
      inBins += withData;
    }
  }
  const snr = window.noisePpm > 0 && signal.depthPpm > 0
    ? (signal.depthPpm / window.noisePpm) * Math.sqrt(inBins)
    : 0;
  const detectable = rules.grid.binOf(signal.periodDays) >= 0 &&
    nTransits >= rules.minTransits && snr >= rules.minSnr;
  return { nTransits, snr, detectable };
}

/**
 * Robust per-point noise of a flux series around 1 (ppm): 1.4826 · MAD of successive
 * differences / √2, which ignores slow variability.
 *
 * @param flux Relative fluxes (NaN skipped).
 * @returns Noise, ppm (NaN with fewer than 3 points).
 */
export function pointToPointNoisePpm(flux: Float64Array): number {
  const diffs = new Float64Array(Math.max(0, flux.length - 1));
  let m = 0;
  for (let i = 1; i < flux.length; i++) {
    const d = flux[i]! - flux[i - 1]!;
    if (Number.isFinite(d)) diffs[m++] = Math.abs(d);
  }
  if (m < 2) return NaN;
  const mad = _finiteMedian(diffs.subarray(0, m), diffs);
  return (1.4826 * mad / Math.SQRT2) * 1e6;
}

/** Options for {@linkcode drawInjectedPlanets}. */
export interface DrawPlanetsOptions {
  /** Window start, days. */
  startDays: number;
  /** Window length, days. */
  windowDays: number;
  /** Per-point noise of the light curve, ppm. */
  noisePpm: number;
  /** Number of planets. */
  count: number;
}

/**
 * Draw planets to inject: periods log-uniform in the grid range (and at most half the data span
 * so at least two transits can fall in it) with pairwise ratios ≥ `minPeriodRatio`; geometry
 * from lib/transit's `drawPlanetParams`; depth from a log-uniform target SNR:
 * `depth = SNR · σ_point / √(in-transit points)`.
 *
 * @param prng Generator.
 * @param time Time stamps of the light curve's points in the window.
 * @param config The CNN config.
 * @param options See {@linkcode DrawPlanetsOptions}.
 * @returns Transit parameters (possibly fewer than `count` when periods cannot be spaced).
 */
export function drawInjectedPlanets(
  prng: Prng,
  time: Float64Array,
  config: CnnConfig,
  options: DrawPlanetsOptions,
): TransitParams[] {
  const d = config.dataset;
  let tMin = Infinity, tMax = -Infinity;
  for (const t of time) {
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
  }
  const span = Math.max(0, tMax - tMin);
  const maxPeriod = Math.min(config.periods.maxDays, Math.max(config.periods.minDays, span / 2));
  const periods: number[] = [];
  for (let attempt = 0; attempt < 50 && periods.length < options.count; attempt++) {
    const p = prng.logUniformIn(config.periods.minDays, maxPeriod);
    const ok = periods.every((q) => Math.max(p, q) / Math.min(p, q) >= d.minPeriodRatio);
    if (ok) periods.push(p);
  }
  const planets: TransitParams[] = [];
  for (const periodDays of periods) {
    const snr = prng.logUniformIn(d.snr[0], d.snr[1]);
    const base = drawPlanetParams(prng, options.startDays, {
      periodDays: [periodDays, periodDays],
      depthPpm: [1000, 1000],
      impactParameter: [d.impactParameter[0], d.impactParameter[1]],
      stellarDensityGcm3: [d.stellarDensityGcm3[0], d.stellarDensityGcm3[1]],
    });
    const halfDays = transitDurationHours(base) / 48;
    let inTransit = 0;
    for (const t of time) {
      const phase = ((t - base.t0) % periodDays + periodDays) % periodDays;
      if (phase <= halfDays || periodDays - phase <= halfDays) inTransit++;
    }
    const depthPpm = Math.min(
      200_000,
      (snr * options.noisePpm) / Math.sqrt(Math.max(1, inTransit)),
    );
    planets.push({ ...base, rpOverRs: rpOverRsForDepth(depthPpm, base) });
  }
  return planets;
}

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function splitFor(prng: Prng, config: CnnConfig): Split {
  const u = prng.uniform();
  if (u < config.dataset.testFraction) return "test";
  if (u < config.dataset.testFraction + config.dataset.validationFraction) return "validation";
  return "train";
}

interface LoadedSource {
  source: RealSource;
  lightCurve: LightCurve;
  test: boolean;
}

/**
 * Build the dataset described by `config` into `options.outDir` (shards, index CSVs, README,
 * manifest). Same config and data, same bytes (timestamps honour SOURCE_DATE_EPOCH).
 *
 * @param config Validated CNN config.
 * @param options See {@linkcode BuildDatasetOptions}.
 * @returns Counts and the manifest path.
 */
export async function buildCnnDataset(
  config: CnnConfig,
  options: BuildDatasetOptions,
): Promise<BuildDatasetResult> {
  const started = performance.now();
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  const dataConfig = options.dataConfig ?? loadDataConfig();
  const grid = periodGridFrom(config);
  const pre = preprocessOptionsFrom(config);
  const scratch = new PreprocessScratch(pre.lengthPoints);
  const cadenceDays = pre.cadenceMinutes / 1440;
  const windowDays = pre.lengthPoints * cadenceDays;
  const rules: DetectabilityRules = {
    grid,
    minTransits: config.dataset.minTransits,
    minSnr: config.dataset.detectableMinSnr,
  };
  const d = config.dataset;
  const root = new Prng(config.seed);
  // One independent stream per kind, in a fixed order.
  const streams = {
    real: root.fork(),
    injected: root.fork(),
    syntheticPositive: root.fork(),
    syntheticNegative: root.fork(),
  };
  const writer = new DatasetWriter(options.outDir, {
    lengthPoints: pre.lengthPoints,
    shardSize: d.shardSize,
  });
  const byKind = emptyCounts(SAMPLE_KINDS);
  const bySplit = emptyCounts(SPLITS);
  const skipped: BuildDatasetResult["skipped"] = [];
  const add = async (record: Omit<SampleRecord, "id">, flux: Float32Array) => {
    await writer.add({ ...record, id: 0 }, flux);
    byKind[record.kind]++;
    bySplit[record.split]++;
  };
  const truthFor = (
    signal: CatalogSignal | (SignalInWindow & { name: string }),
    injected: boolean,
    window: PreprocessedWindow,
  ): PlanetTruth => {
    const located = locateSignal(signal, window, pre.cadenceMinutes, rules);
    const falsePositive = !injected && "disposition" in signal &&
      /FALSE POSITIVE/i.test(signal.disposition);
    return {
      name: signal.name,
      injected,
      periodDays: signal.periodDays,
      t0Days: signal.t0Days,
      depthPpm: signal.depthPpm,
      durationHours: signal.durationHours,
      nTransits: located.nTransits,
      snr: located.snr,
      detectable: located.detectable && (d.real.includeFalsePositives || !falsePositive),
    };
  };

  // --- real light curves -------------------------------------------------------------------
  const sources: RealSource[] = [...await listSharedSources(dataConfig)];
  if (d.real.koiList.length > 0) {
    try {
      for (const s of await koiSources(d.real.koiList, dataConfig)) {
        if (!sources.some((x) => x.label === s.label)) sources.push(s);
      }
    } catch (error) {
      skipped.push({ source: d.real.koiList.join(","), reason: (error as Error).message });
    }
  }
  const needReal = d.counts.realPositive + d.counts.realNegative + d.counts.injectedReal > 0;
  const loaded: LoadedSource[] = [];
  if (needReal) {
    for (const source of sources) {
      try {
        const lightCurve = await loadRealLightCurve(source, dataConfig);
        loaded.push({ source, lightCurve, test: d.real.testTargets.includes(source.label) });
      } catch (error) {
        skipped.push({ source: source.label, reason: (error as Error).message.split("\n")[0]! });
      }
    }
    for (const s of skipped) log?.(`skipped real light curve ${s.source}: ${s.reason}`);
  }

  if (d.counts.realPositive + d.counts.realNegative > 0) {
    const positives: { record: Omit<SampleRecord, "id">; flux: Float32Array }[] = [];
    const negatives: typeof positives = [];
    for (const item of loaded) {
      const lc = item.lightCurve;
      const starts = windowStartsDays(lc.time, {
        lengthPoints: pre.lengthPoints,
        cadenceMinutes: pre.cadenceMinutes,
        strideDays: d.real.windowStrideDays,
        minValidFraction: config.input.minValidFraction,
      });
      for (const start of starts) {
        const w = sliceForWindow(lc.time, lc.flux, start, pre);
        const window = preprocessWindow(w.time, w.flux, { ...pre, startDays: start, scratch });
        if (window.validFraction < config.input.minValidFraction) continue;
        const planets = item.source.signals.map((s) => truthFor(s, false, window));
        const kind: SampleKind = planets.some((p) => p.detectable)
          ? "real_positive"
          : "real_negative";
        const record = {
          kind,
          split: item.test ? "test" as const : splitFor(streams.real, config),
          source: item.source.label,
          mission: item.source.mission,
          startDays: start,
          validFraction: window.validFraction,
          noisePpm: window.noisePpm,
          planets,
        };
        (kind === "real_positive" ? positives : negatives).push({
          record,
          flux: window.flux.slice(),
        });
      }
    }
    // Keep at most the configured counts (a seeded subset when there are more windows).
    for (
      const [list, cap] of [[positives, d.counts.realPositive], [
        negatives,
        d.counts.realNegative,
      ]] as const
    ) {
      const order = streams.real.shuffle(Array.from({ length: list.length }, (_, i) => i))
        .slice(0, cap).sort((a, b) => a - b);
      for (const i of order) await add(list[i]!.record, list[i]!.flux);
    }
    log?.(
      `real windows: ${byKind.real_positive} positive, ${byKind.real_negative} negative from ${loaded.length} light curves`,
    );
  }

  // --- injections into real light curves -----------------------------------------------------
  if (d.counts.injectedReal > 0 && loaded.length > 0) {
    const progress = new Progress("injected_real", {
      total: d.counts.injectedReal,
      enabled: options.progress,
    });
    const prng = streams.injected;
    let made = 0;
    for (
      let attempt = 0;
      made < d.counts.injectedReal && attempt < 20 * d.counts.injectedReal;
      attempt++
    ) {
      const item = loaded[prng.int(loaded.length)]!;
      const lc = item.lightCurve;
      const t0 = lc.time[0]!;
      const t1 = lc.time[lc.length - 1]!;
      const start = t1 - t0 > windowDays ? t0 + prng.uniform() * (t1 - t0 - windowDays) : t0;
      const w = sliceForWindow(lc.time, lc.flux, start, pre);
      if (w.time.length < 10) continue;
      const noisePpm = pointToPointNoisePpm(w.flux);
      const count = d.planetsPerStar.min +
        prng.int(d.planetsPerStar.max - d.planetsPerStar.min + 1);
      const planets = drawInjectedPlanets(prng, w.time, config, {
        startDays: start,
        windowDays,
        noisePpm,
        count,
      });
      const injected = injectTransits({ time: w.time, flux: w.flux }, planets, {
        exposureMinutes: item.source.mission === "TESS" ? 2 : 29.4244,
      });
      const window = preprocessWindow(w.time, injected.flux, { ...pre, startDays: start, scratch });
      if (window.validFraction < config.input.minValidFraction) continue;
      const truth = [
        ...injected.truth.map((t, i) =>
          truthFor(
            {
              name: `injected-${i + 1}`,
              periodDays: t.params.periodDays,
              t0Days: t.params.t0,
              durationHours: t.durationHours,
              depthPpm: t.depthPpm,
            },
            true,
            window,
          )
        ),
        ...item.source.signals.map((s) => truthFor(s, false, window)),
      ];
      await add({
        kind: "injected_real",
        split: item.test ? "test" : splitFor(prng, config),
        source: item.source.label,
        mission: item.source.mission,
        startDays: start,
        validFraction: window.validFraction,
        noisePpm: window.noisePpm,
        planets: truth,
      }, window.flux);
      made++;
      progress.update(made);
    }
    progress.done();
    log?.(`injected into real light curves: ${made}`);
  }

  // --- synthetic stars -------------------------------------------------------------------------
  const synthetic = async (kind: "synthetic_positive" | "synthetic_negative", count: number) => {
    const prng = kind === "synthetic_positive"
      ? streams.syntheticPositive
      : streams.syntheticNegative;
    const progress = new Progress(kind, { total: count, enabled: options.progress });
    let made = 0;
    for (let attempt = 0; made < count && attempt < 20 * Math.max(1, count); attempt++) {
      const tess = prng.uniform() * (d.missions.kepler + d.missions.tess) >= d.missions.kepler;
      const preset = tess ? "tess" as const : "kepler" as const;
      const star = drawStarOptions(prng, preset, {
        whiteNoisePpm: [d.noise.whitePpmPer30Min[0], d.noise.whitePpmPer30Min[1]],
        rotationPeriodDays: [d.variability.periodDays[0], d.variability.periodDays[1]],
        rotationAmplitudePpm: [d.variability.amplitudePpm[0], d.variability.amplitudePpm[1]],
        redNoiseAmplitudePpm: [d.noise.redPpm[0], d.noise.redPpm[1]],
        redNoiseTimescaleHours: [d.noise.redTimescaleHours[0], d.noise.redTimescaleHours[1]],
        granulationAmplitudePpm: [d.noise.granulationPpm[0], d.noise.granulationPpm[1]],
      });
      const cadenceMinutes = tess ? 2 : 29.4244;
      // Noise ranges are per 30 minutes; scale to the mission cadence.
      star.whiteNoisePpm = star.whiteNoisePpm! * Math.sqrt(30 / cadenceMinutes);
      const lc = generateSyntheticLightCurve({
        ...star,
        target: `synthetic-${kind === "synthetic_positive" ? "p" : "n"}${made}`,
        baselineDays: tess ? Math.min(27.4, windowDays) : windowDays,
      });
      const start = lc.options.startTime;
      let flux = lc.flux;
      let truth: PlanetTruth[] = [];
      let window: PreprocessedWindow;
      if (kind === "synthetic_positive") {
        const count = d.planetsPerStar.min +
          prng.int(d.planetsPerStar.max - d.planetsPerStar.min + 1);
        const planets = drawInjectedPlanets(prng, lc.time, config, {
          startDays: start,
          windowDays,
          noisePpm: pointToPointNoisePpm(lc.flux),
          count,
        });
        const injected = injectTransits({ time: lc.time, flux: lc.flux }, planets, {
          exposureMinutes: cadenceMinutes,
        });
        flux = injected.flux;
        window = preprocessWindow(lc.time, flux, { ...pre, startDays: start, scratch });
        truth = injected.truth.map((t, i) =>
          truthFor(
            {
              name: `injected-${i + 1}`,
              periodDays: t.params.periodDays,
              t0Days: t.params.t0,
              durationHours: t.durationHours,
              depthPpm: t.depthPpm,
            },
            true,
            window,
          )
        );
      } else {
        window = preprocessWindow(lc.time, flux, { ...pre, startDays: start, scratch });
      }
      if (window.validFraction < config.input.minValidFraction) continue;
      await add({
        kind,
        split: splitFor(prng, config),
        source: lc.options.target,
        mission: tess ? "TESS" : "Kepler",
        startDays: start,
        validFraction: window.validFraction,
        noisePpm: window.noisePpm,
        planets: truth,
      }, window.flux);
      made++;
      progress.update(made);
    }
    progress.done();
    log?.(`${kind}: ${made}`);
  };
  await synthetic("synthetic_positive", d.counts.syntheticPositive);
  await synthetic("synthetic_negative", d.counts.syntheticNegative);

  const files = await writer.finish();
  const manifestPath = join(options.outDir, "manifest.json");
  const inputs = options.configPath ? [options.configPath] : [];
  const manifest = await buildManifest("cnn_dataset", {
    inputs,
    outputs: files,
    config,
    seed: config.seed,
    rowCounts: {
      samples: writer.count,
      planets: writer.records.reduce((a, r) => a + r.planets.length, 0),
      ...Object.fromEntries(Object.entries(byKind).map(([k, v]) => [`kind_${k}`, v])),
      ...Object.fromEntries(Object.entries(bySplit).map(([k, v]) => [`split_${k}`, v])),
    },
    extra: {
      lengthPoints: pre.lengthPoints,
      shardSize: d.shardSize,
      format: "shards/shard-NNNNN.f32 little-endian float32 windows + samples.csv + planets.csv",
      periodGrid: grid.toJSON(),
      realSources: loaded.map((l) => ({
        label: l.source.label,
        mission: l.source.mission,
        test: l.test,
        cadences: l.lightCurve.length,
        signals: l.source.signals.map((s) => s.name),
      })),
      skippedSources: skipped,
    },
    env: options.env,
  });
  // Output paths relative to the artifact folder: the manifest does not depend on where it lives.
  manifest.outputs = manifest.outputs.map((r) => ({
    ...r,
    path: relative(options.outDir, r.path),
  }));
  await writeManifest(manifestPath, manifest);
  return {
    dir: options.outDir,
    samples: writer.count,
    byKind,
    bySplit,
    skipped,
    manifestPath,
    seconds: (performance.now() - started) / 1000,
  };
}
