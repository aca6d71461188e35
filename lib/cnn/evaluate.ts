/**
 * `deno task cnn:evaluate`: the trained CNN against BLS on the same inputs, and the combined
 * mode (CNN proposes its best bins, BLS refines around them), on
 *
 * - `synthetic_test`: the held-out synthetic and injected windows (test split);
 * - `real_test`: windows of the real stars held out of training (`dataset.real.testTargets`);
 * - `real_by_star`: every real window, per star, flagged when the star was used in training.
 *
 * Metrics per method: top-1 / top-3 period accuracy within one bin (any detectable planet
 * counts; harmonics counted separately), the same restricted to SNR ≥ 10, accuracy per SNR bin
 * (sensitivity curve), detection ROC-AUC (positives: a detectable planet; negatives: no planet
 * at all; windows holding only undetectable signals are left out), and throughput. BLS is slow
 * (~0.5 s per window), so it runs on a seeded subset of at most `evaluation.maxBlsSamples`
 * synthetic and as many real windows, and the CNN is reported on the same subset beside it.
 *
 * Writes `<eval>/metrics.json`, `<eval>/predictions.csv` and figures.
 *
 * @module
 */
import { join, relative } from "node:path";
import { buildManifest, csvText, Progress, writeFileAtomic, writeManifest } from "../io/mod.ts";
import { writePlot } from "../plot/mod.ts";
import { Prng } from "../random/mod.ts";
import { currentBackendSelection, selectBackend } from "../tf/mod.ts";
import type { CnnConfig } from "./config.ts";
import {
  detectablePeriods,
  loadDataset,
  type LoadedDataset,
  maxDetectableSnr,
  type SampleRecord,
  sampleWindow,
} from "./dataset_format.ts";
import { loadPeriodCnn, type PeriodCnn } from "./model_artifact.ts";
import { predictDatasetWindows } from "./predict_windows.ts";
import { withPeriodicity } from "./periodicity.ts";
import { type PeriodGrid, topPeriods } from "./period_grid.ts";
import { type BlsOnWindow, blsOnWindow, combinedOnWindow } from "./bls_compare.ts";
import {
  type PeriodAccuracy,
  type PeriodOutcome,
  rocAuc,
  rocCurve,
  scorePeriodPrediction,
  type SensitivityBin,
  sensitivityCurve,
  summarizeOutcomes,
} from "./metrics.ts";
import { periodDistributionPlot, rocPlot, sampleWindowPlot, sensitivityPlot } from "./plots.ts";

/** The three methods compared. */
export const METHODS = ["cnn", "bls", "combined"] as const;
/** A compared method. */
export type Method = typeof METHODS[number];

/** Metrics of one method on one set. */
export interface MethodMetrics {
  /** Windows scored. */
  windows: number;
  /** Accuracy on windows with a detectable planet. */
  accuracy: PeriodAccuracy;
  /** Accuracy on windows whose best detectable planet has SNR ≥ 10. */
  accuracySnr10: PeriodAccuracy;
  /** Accuracy per SNR bin. */
  sensitivity: SensitivityBin[];
  /** Detection ROC-AUC (positives vs windows without any planet). */
  auc: number;
  /** ROC-AUC with only SNR ≥ 10 positives. */
  aucSnr10: number;
  /** Windows processed per second (wall time of this method alone). */
  windowsPerSecond: number;
}

/** Results on one evaluation set. */
export interface SetMetrics {
  /** Windows in the set. */
  windows: number;
  /** Windows with a detectable planet / without any planet. */
  positives: number;
  negatives: number;
  /** CNN on every window of the set. */
  cnn: MethodMetrics;
  /** The subset BLS ran on, with all three methods on it. */
  subset: { windows: number; cnn: MethodMetrics; bls: MethodMetrics; combined: MethodMetrics };
}

/** Per-star summary of the real windows. */
export interface StarSummary {
  source: string;
  mission: string;
  /** Whether any window of the star was in the training or validation split. */
  inTraining: boolean;
  windows: number;
  positives: number;
  /** Detectable signals (name@period). */
  signals: string[];
  /** Top-1 within one bin on positive windows (BLS and combined: on the BLS subset). */
  cnnTop1: number;
  blsTop1: number;
  combinedTop1: number;
  /** Windows BLS ran on. */
  blsWindows: number;
  /** Mean CNN detection probability on positive / negative windows. */
  cnnDetectionPositive: number;
  cnnDetectionNegative: number;
}

/** Everything written to metrics.json. */
export interface EvaluationMetrics {
  modelDir: string;
  datasetDir: string;
  backend: string;
  /** Most windows per set BLS and the combined mode ran on. */
  maxBlsSamples: number;
  periodGrid: ReturnType<PeriodGrid["toJSON"]>;
  sets: { synthetic_test: SetMetrics; real_test: SetMetrics };
  realByStar: StarSummary[];
  targets: {
    syntheticSnr10Top1: number;
    syntheticSnr10Auc: number;
    cnnInferenceWindowsPerSecond: number;
  };
}

/** Options for {@linkcode runCnnEvaluation}. */
export interface RunCnnEvaluationOptions {
  modelDir: string;
  datasetDir: string;
  evalDir: string;
  /** Most windows per set given to BLS and the combined mode. */
  maxBlsSamples: number;
  configPath?: string;
  log?: ((line: string) => void) | null;
  progress?: boolean;
  env?: Record<string, string | undefined>;
}

interface Scored {
  sample: SampleRecord;
  /** Ranked predicted bins (up to 3) per method. */
  bins: Record<Method, number[]>;
  /** Detection score per method. */
  score: Record<Method, number>;
  /** CNN distribution (bins + 1). */
  distribution: Float32Array;
}

function label(sample: SampleRecord, grid: PeriodGrid): 0 | 1 | null {
  if (detectablePeriods(sample).some((p) => grid.binOf(p) >= 0)) return 1;
  return sample.planets.length === 0 ||
      sample.planets.every((p) => p.nTransits === 0)
    ? 0
    : null;
}

function methodMetrics(
  scored: readonly Scored[],
  method: Method,
  grid: PeriodGrid,
  snrEdges: readonly number[],
  seconds: number,
): MethodMetrics {
  const outcomes: PeriodOutcome[] = [];
  const snrs: number[] = [];
  const scores: number[] = [];
  const labels: number[] = [];
  const scores10: number[] = [];
  const labels10: number[] = [];
  for (const s of scored) {
    const y = label(s.sample, grid);
    const snr = maxDetectableSnr(s.sample);
    if (y === 1) {
      outcomes.push(scorePeriodPrediction(s.bins[method], detectablePeriods(s.sample), grid));
      snrs.push(snr);
    }
    if (y !== null) {
      scores.push(s.score[method]);
      labels.push(y);
      if (y === 0 || snr >= 10) {
        scores10.push(s.score[method]);
        labels10.push(y);
      }
    }
  }
  return {
    windows: scored.length,
    accuracy: summarizeOutcomes(outcomes),
    accuracySnr10: summarizeOutcomes(outcomes.filter((_, i) => snrs[i]! >= 10)),
    sensitivity: sensitivityCurve(snrs, outcomes, snrEdges),
    auc: rocAuc(scores, labels),
    aucSnr10: rocAuc(scores10, labels10),
    windowsPerSecond: seconds > 0 ? scored.length / seconds : NaN,
  };
}

function binsOf(result: BlsOnWindow, grid: PeriodGrid): number[] {
  return result.periodsDays.map((p) => grid.binOf(p)).filter((b) => b >= 0).slice(0, 3);
}

async function scoreSet(
  cnn: PeriodCnn,
  dataset: LoadedDataset,
  ids: number[],
  blsIds: Set<number>,
  config: CnnConfig,
  progress: boolean | undefined,
  name: string,
  featureSecondsPerWindow: number,
): Promise<{ scored: Scored[]; cnnSeconds: number; blsSeconds: number; combinedSeconds: number }> {
  const grid = cnn.grid;
  const width = grid.bins + 1;
  const t0 = performance.now();
  const predictions = await predictDatasetWindows(cnn.model, dataset, ids, grid);
  // The CNN's time includes its share of the periodicity features (computed once up front).
  const cnnSeconds = (performance.now() - t0) / 1000 + featureSecondsPerWindow * ids.length;
  const scored: Scored[] = ids.map((id, i) => {
    const distribution = predictions.period.slice(i * width, (i + 1) * width);
    const cnnBins = topPeriods(distribution, grid, 3).map((t) => t.bin);
    return {
      sample: dataset.samples[id]!,
      bins: { cnn: cnnBins, bls: [], combined: [] },
      score: { cnn: predictions.detection[i]!, bls: 0, combined: predictions.detection[i]! },
      distribution,
    };
  });
  let blsSeconds = 0;
  let combinedSeconds = 0;
  const bar = new Progress(`BLS ${name}`, { total: blsIds.size, enabled: progress });
  let done = 0;
  for (const s of scored) {
    if (!blsIds.has(s.sample.id)) continue;
    const window = {
      flux: sampleWindow(dataset, s.sample.id),
      startDays: s.sample.startDays,
      cadenceMinutes: cnn.metadata.preprocess.cadenceMinutes,
      noisePpm: s.sample.noisePpm,
    };
    const options = { grid, durationsHours: config.evaluation.blsDurationsHours };
    let t = performance.now();
    const bls = blsOnWindow(window, options);
    blsSeconds += (performance.now() - t) / 1000;
    s.bins.bls = binsOf(bls, grid);
    s.score.bls = bls.snr;
    t = performance.now();
    const combined = combinedOnWindow(
      window,
      s.bins.cnn.slice(0, config.evaluation.combinedTopBins),
      options,
    );
    combinedSeconds += (performance.now() - t) / 1000;
    // The combined mode ranks BLS's refined peaks; the CNN's own bins fill up the top 3.
    const refined = binsOf(combined, grid);
    s.bins.combined = [...new Set([...refined, ...s.bins.cnn])].slice(0, 3);
    bar.update(++done);
  }
  bar.done();
  return { scored, cnnSeconds, blsSeconds, combinedSeconds: combinedSeconds + cnnSeconds };
}

function subsetIds(ids: readonly number[], max: number, seed: number): Set<number> {
  if (ids.length <= max) return new Set(ids);
  const shuffled = new Prng(seed).shuffle(ids.slice());
  return new Set(shuffled.slice(0, max));
}

function setMetrics(
  result: Awaited<ReturnType<typeof scoreSet>>,
  blsIds: Set<number>,
  grid: PeriodGrid,
  snrEdges: readonly number[],
): SetMetrics {
  const { scored } = result;
  const subset = scored.filter((s) => blsIds.has(s.sample.id));
  const cnnSubsetSeconds = result.cnnSeconds * subset.length / Math.max(1, scored.length);
  return {
    windows: scored.length,
    positives: scored.filter((s) => label(s.sample, grid) === 1).length,
    negatives: scored.filter((s) => label(s.sample, grid) === 0).length,
    cnn: methodMetrics(scored, "cnn", grid, snrEdges, result.cnnSeconds),
    subset: {
      windows: subset.length,
      cnn: methodMetrics(subset, "cnn", grid, snrEdges, cnnSubsetSeconds),
      bls: methodMetrics(subset, "bls", grid, snrEdges, result.blsSeconds),
      combined: methodMetrics(subset, "combined", grid, snrEdges, result.combinedSeconds),
    },
  };
}

/**
 * Evaluate a trained model on its dataset's test split and real windows, write metrics,
 * predictions and figures.
 *
 * @param config The CNN config (evaluation settings; grid/preprocessing come from the model).
 * @param options See {@linkcode RunCnnEvaluationOptions}.
 * @returns The metrics written to metrics.json.
 */
export async function runCnnEvaluation(
  config: CnnConfig,
  options: RunCnnEvaluationOptions,
): Promise<EvaluationMetrics> {
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  const backend = await selectBackend(config.training.backend, { log, env: options.env });
  const cnn = await loadPeriodCnn(options.modelDir);
  const loaded = await loadDataset(options.datasetDir);
  if (loaded.lengthPoints !== cnn.metadata.preprocess.lengthPoints) {
    throw new RangeError(
      `Cannot evaluate model ${options.modelDir} on dataset ${options.datasetDir} as their window lengths differ: ${cnn.metadata.preprocess.lengthPoints} vs ${loaded.lengthPoints} points`,
    );
  }
  // The model's own periodicity settings, as at training and inference.
  const featuresStart = performance.now();
  const dataset = withPeriodicity(loaded, cnn.metadata.periodicity ?? null);
  const featureSecondsPerWindow = dataset.periodicity === undefined
    ? 0
    : (performance.now() - featuresStart) / 1000 / Math.max(1, dataset.samples.length);
  if (dataset.periodicity !== undefined) {
    log?.(
      `periodicity features: ${dataset.samples.length} windows, ${
        (1000 * featureSecondsPerWindow).toFixed(2)
      } ms per window`,
    );
  }
  const grid = cnn.grid;
  const edges = config.evaluation.snrEdges;
  const synthIds = dataset.samples.filter((s) => s.split === "test" && !s.kind.startsWith("real_"))
    .map((s) => s.id);
  const realIds = dataset.samples.filter((s) => s.kind.startsWith("real_")).map((s) => s.id);
  const realTestIds = realIds.filter((id) => dataset.samples[id]!.split === "test");
  const synthBls = subsetIds(synthIds, options.maxBlsSamples, config.seed);
  const realBls = subsetIds(realIds, options.maxBlsSamples, config.seed + 1);

  log?.(`evaluating ${synthIds.length} synthetic test windows (BLS on ${synthBls.size})`);
  const synth = await scoreSet(
    cnn,
    dataset,
    synthIds,
    synthBls,
    config,
    options.progress,
    "synthetic",
    featureSecondsPerWindow,
  );
  log?.(
    `evaluating ${realIds.length} real windows (${realTestIds.length} of held-out stars; BLS on ${realBls.size})`,
  );
  const real = await scoreSet(
    cnn,
    dataset,
    realIds,
    realBls,
    config,
    options.progress,
    "real",
    featureSecondsPerWindow,
  );
  const realTestSet = new Set(realTestIds);
  const realTestScored = real.scored.filter((s) => realTestSet.has(s.sample.id));
  const realTestBls = new Set(realTestIds.filter((id) => realBls.has(id)));
  const share = (n: number) => n / Math.max(1, realBls.size);
  const realTest = {
    scored: realTestScored,
    cnnSeconds: real.cnnSeconds * realTestScored.length / Math.max(1, real.scored.length),
    blsSeconds: real.blsSeconds * share(realTestBls.size),
    combinedSeconds: real.combinedSeconds * share(realTestBls.size),
  };
  const sets = {
    synthetic_test: setMetrics(synth, synthBls, grid, edges),
    real_test: setMetrics(realTest, realTestBls, grid, edges),
  };

  const byStar = new Map<string, Scored[]>();
  for (const s of real.scored) {
    const list = byStar.get(s.sample.source) ?? [];
    list.push(s);
    byStar.set(s.sample.source, list);
  }
  const top1 = (list: Scored[], method: Method) => {
    const positives = list.filter((s) =>
      label(s.sample, grid) === 1 && (method === "cnn" || realBls.has(s.sample.id))
    );
    if (positives.length === 0) return NaN;
    return positives.filter((s) =>
      scorePeriodPrediction(s.bins[method], detectablePeriods(s.sample), grid).top1
    ).length / positives.length;
  };
  const mean = (values: number[]) =>
    values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
  const realByStar: StarSummary[] = [...byStar.entries()].map(([source, list]) => ({
    source,
    mission: list[0]!.sample.mission,
    inTraining: dataset.samples.some((s) => s.source === source && s.split !== "test"),
    windows: list.length,
    positives: list.filter((s) => label(s.sample, grid) === 1).length,
    signals: [
      ...new Set(
        list.flatMap((s) =>
          s.sample.planets.filter((p) => p.detectable).map((p) =>
            `${p.name}@${p.periodDays.toFixed(3)}d`
          )
        ),
      ),
    ],
    blsWindows: list.filter((s) => realBls.has(s.sample.id)).length,
    cnnTop1: top1(list, "cnn"),
    blsTop1: top1(list, "bls"),
    combinedTop1: top1(list, "combined"),
    cnnDetectionPositive: mean(
      list.filter((s) => label(s.sample, grid) === 1).map((s) => s.score.cnn),
    ),
    cnnDetectionNegative: mean(
      list.filter((s) => label(s.sample, grid) === 0).map((s) => s.score.cnn),
    ),
  }));

  const metrics: EvaluationMetrics = {
    modelDir: options.modelDir,
    datasetDir: options.datasetDir,
    backend,
    maxBlsSamples: options.maxBlsSamples,
    periodGrid: grid.toJSON(),
    sets,
    realByStar,
    targets: {
      syntheticSnr10Top1: sets.synthetic_test.cnn.accuracySnr10.top1,
      syntheticSnr10Auc: sets.synthetic_test.cnn.aucSnr10,
      cnnInferenceWindowsPerSecond: sets.synthetic_test.cnn.windowsPerSecond,
    },
  };

  // --- files ---------------------------------------------------------------------------------
  const dir = options.evalDir;
  const written: string[] = [];
  const metricsPath = join(dir, "metrics.json");
  await writeFileAtomic(metricsPath, JSON.stringify(metrics, null, 2) + "\n");
  written.push(metricsPath);
  const predictionsPath = join(dir, "predictions.csv");
  const rows = [...synth.scored, ...real.scored].map((s) => {
    const periods = (bins: number[]) => bins.map((b) => grid.centresDays[b]!.toFixed(4)).join(";");
    return [
      s.sample.id,
      s.sample.kind,
      s.sample.split,
      s.sample.source,
      maxDetectableSnr(s.sample),
      detectablePeriods(s.sample).map((p) => p.toFixed(4)).join(";"),
      periods(s.bins.cnn),
      s.score.cnn,
      periods(s.bins.bls),
      s.score.bls,
      periods(s.bins.combined),
    ];
  });
  await writeFileAtomic(
    predictionsPath,
    csvText([
      "sample_id",
      "kind",
      "split",
      "source",
      "max_snr",
      "true_periods_days",
      "cnn_top3_days",
      "cnn_detection",
      "bls_top3_days",
      "bls_snr",
      "combined_top3_days",
    ], rows),
  );
  written.push(predictionsPath);
  const sub = sets.synthetic_test.subset;
  const figures: [string, Parameters<typeof writePlot>[1]][] = [
    [
      "sensitivity.svg",
      sensitivityPlot([
        { method: "CNN", bins: sub.cnn.sensitivity },
        { method: "BLS", bins: sub.bls.sensitivity },
        { method: "CNN+BLS", bins: sub.combined.sensitivity },
      ], "Held-out synthetic: period accuracy vs SNR (top-1 within one bin)"),
    ],
    [
      "roc.svg",
      rocPlot(
        (["cnn", "bls"] as const).map((m) => {
          const subset = synth.scored.filter((s) => synthBls.has(s.sample.id));
          const labelled = subset.filter((s) => label(s.sample, grid) !== null);
          const auc = rocAuc(
            labelled.map((s) => s.score[m]),
            labelled.map((s) => label(s.sample, grid)!),
          );
          return {
            method: `${m.toUpperCase()} (AUC ${auc.toFixed(3)})`,
            points: rocCurve(
              labelled.map((s) => s.score[m]),
              labelled.map((s) => label(s.sample, grid)!),
            ),
          };
        }),
        "Held-out synthetic: detection ROC",
      ),
    ],
  ];
  // Example predictions on real held-out windows: the first positive window of each test star.
  const shown = new Set<string>();
  for (const s of realTest.scored) {
    if (shown.has(s.sample.source) || label(s.sample, grid) !== 1) continue;
    shown.add(s.sample.source);
    const slug = s.sample.source.replace(/[^A-Za-z0-9]+/g, "_");
    const trueP = detectablePeriods(s.sample);
    figures.push([
      `real_${slug}_distribution.svg`,
      periodDistributionPlot(s.distribution, grid, {
        title: `${s.sample.source} window at ${
          s.sample.startDays.toFixed(1)
        } d: CNN period distribution`,
        truePeriodsDays: trueP,
      }),
    ]);
    figures.push([
      `real_${slug}_window.svg`,
      sampleWindowPlot(dataset, s.sample, {
        cadenceMinutes: cnn.metadata.preprocess.cadenceMinutes,
        title: `${s.sample.source}: preprocessed window (catalog transits marked)`,
      }),
    ]);
  }
  for (const [name, spec] of figures) {
    const path = join(dir, name);
    await writePlot(path, spec);
    written.push(path);
  }
  const manifest = await buildManifest("period_cnn_evaluation", {
    inputs: [
      join(options.modelDir, "model.json"),
      join(options.modelDir, "weights.bin"),
      dataset.manifestPath,
      ...(options.configPath ? [options.configPath] : []),
    ],
    outputs: written,
    config: config.evaluation,
    seed: config.seed,
    rowCounts: {
      syntheticTestWindows: synthIds.length,
      syntheticBlsWindows: synthBls.size,
      realWindows: realIds.length,
      realTestWindows: realTestIds.length,
      predictionRows: rows.length,
    },
    extra: { backend: currentBackendSelection(), targets: metrics.targets },
    env: options.env,
  });
  // Output paths relative to the artifact folder: the manifest does not depend on where it lives.
  manifest.outputs = manifest.outputs.map((r) => ({ ...r, path: relative(dir, r.path) }));
  await writeManifest(join(dir, "manifest.json"), manifest);
  return metrics;
}

/**
 * A plain-text table of the main numbers (for the task's output and the model card).
 *
 * @param metrics Evaluation metrics.
 * @returns Lines of text.
 */
export function formatEvaluation(metrics: EvaluationMetrics): string[] {
  const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : "n/a");
  const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");
  const lines: string[] = [];
  for (const [name, set] of Object.entries(metrics.sets)) {
    lines.push(
      `${name}: ${set.windows} windows (${set.positives} with a detectable planet, ${set.negatives} without any)`,
    );
    lines.push(
      `  CNN (all): top-1 ${pct(set.cnn.accuracy.top1)} (harmonic ${
        pct(set.cnn.accuracy.top1Harmonic)
      }), top-3 ${pct(set.cnn.accuracy.top3)}, SNR>=10 top-1 ${
        pct(set.cnn.accuracySnr10.top1)
      }, AUC ${f3(set.cnn.auc)} (SNR>=10 ${f3(set.cnn.aucSnr10)}), ${
        set.cnn.windowsPerSecond.toFixed(0)
      } windows/s`,
    );
    lines.push(`  same ${set.subset.windows} windows for all methods:`);
    lines.push(
      "  method    top-1   harm.   top-3   SNR>=10 top-1   AUC     AUC(SNR>=10)  windows/s",
    );
    for (const m of METHODS) {
      const r = set.subset[m];
      lines.push(
        `  ${m.padEnd(9)} ${pct(r.accuracy.top1).padStart(6)}  ${
          pct(r.accuracy.top1Harmonic).padStart(6)
        }  ${pct(r.accuracy.top3).padStart(6)}  ${pct(r.accuracySnr10.top1).padStart(14)}  ${
          f3(r.auc).padStart(6)
        }  ${f3(r.aucSnr10).padStart(12)}  ${r.windowsPerSecond.toFixed(1).padStart(9)}`,
      );
    }
  }
  lines.push("real windows per star (top-1 within one bin on positive windows):");
  for (const s of metrics.realByStar) {
    lines.push(
      `  ${s.source.padEnd(13)} ${
        s.inTraining ? "train" : "held-out"
      } ${s.windows} windows, ${s.positives} positive: CNN ${pct(s.cnnTop1)}, BLS ${
        pct(s.blsTop1)
      }, CNN+BLS ${pct(s.combinedTop1)} (BLS on ${s.blsWindows}); ${s.signals.join(", ")}`,
    );
  }
  return lines;
}
