/**
 * The steps behind the tasks, callable from notebooks too: open (or build)
 * the configured feature store, train the configured model into a bundle
 * with a tracked run, evaluate a bundle into eval/metrics.json + figures.
 *
 * @module
 */
import { basename, dirname, join, relative } from "node:path";
import {
  buildFeatureStore,
  buildFeatureTable,
  type FeatureTable,
  loadFeatureStore,
  loadInputCatalog,
} from "../features/store.ts";
import { featureMatrix, labelsOf, selectRows } from "../features/store.ts";
import type { ArtifactManifest } from "../io/manifest.ts";
import { buildManifest, writeManifest } from "../io/manifest.ts";
import { writeFileAtomic } from "../io/atomic_write.ts";
import { REPO_ROOT } from "../data/data_config.ts";
import { loadBundle, type ModelBundle, writeBundle } from "./bundle.ts";
import { trainModel, type TrainResult } from "./experiment.ts";
import { evaluatePipeline, type Evaluation, writeFigures } from "./evaluation.ts";
import { candidateGainsPlot, type CandidateRanking, rankCandidates } from "./candidates.ts";
import { configuredBundleName, repoPath, type TrainConfig } from "./train_config.ts";
import { startRun } from "./tracking.ts";

/**
 * Open the feature store named by the config, building it first when it does not exist.
 *
 * @param storePath Store folder (repository-relative or absolute).
 * @param log Progress messages.
 * @returns Table, manifest and absolute folder.
 */
export async function openFeatureStore(
  storePath: string,
  log: (message: string) => void = () => {},
): Promise<{ table: FeatureTable; manifest: ArtifactManifest; dir: string }> {
  const dir = repoPath(storePath);
  try {
    await Deno.stat(join(dir, "manifest.json"));
  } catch {
    log(`feature store ${storePath} not found: building it (deno task features)`);
    await buildFeatureStore({ outDir: dirname(dir), version: basename(dir) });
  }
  const { table, manifest } = await loadFeatureStore(dir);
  return { table, manifest, dir };
}

/** Options for {@linkcode trainBundle}. */
export interface TrainBundleOptions {
  config: TrainConfig;
  /** Model name (default config.train.model). */
  model?: string;
  /** Feature set (default config.train.featureSet). */
  featureSet?: string;
  /** Bundle name (default config.train.bundleName ?? "<model>_<set>"). */
  name?: string;
  /** Run the hyper-parameter search. @default config.search.enabled */
  search?: boolean;
  /** Record an MLflow-layout run. @default true */
  track?: boolean;
  /** Config file path (recorded). */
  configPath?: string;
  log?: (message: string) => void;
}

/** What {@linkcode trainBundle} produced. */
export interface TrainBundleResult {
  result: TrainResult;
  bundleDir: string;
  runId: string | null;
}

/**
 * Train a model with the protocol, write its bundle and track the run.
 *
 * @param options See {@linkcode TrainBundleOptions}.
 * @returns The training result, bundle folder and run id.
 */
export async function trainBundle(options: TrainBundleOptions): Promise<TrainBundleResult> {
  const { config } = options;
  const log = options.log ?? (() => {});
  const modelName = options.model ?? config.train.model;
  const setName = options.featureSet ?? config.train.featureSet;
  const name = options.name ??
    (options.model === undefined && options.featureSet === undefined &&
        config.train.bundleName !== null
      ? config.train.bundleName
      : `${modelName}_${setName}`);
  const store = await openFeatureStore(config.featureStore, log);
  const result = await trainModel(store.table, {
    config,
    modelName,
    setName,
    search: options.search,
    onProgress: log,
  });
  const bundleDir = join(repoPath(config.modelsDir), name);
  let runId: string | null = null;
  const track = options.track ?? true;
  const run = track
    ? await startRun(repoPath(config.trackingDir), config.experiment, {
      runName: name,
      tags: {
        "exohunter.kind": result.kind,
        "exohunter.featureSet": setName,
        "exohunter.task": "train",
      },
    })
    : null;
  runId = run?.runId ?? null;
  await writeBundle(bundleDir, name, result, store.table.specs, {
    featureStoreDir: relative(REPO_ROOT, store.dir),
    featureStoreManifest: store.manifest,
    trainConfig: { path: options.configPath ?? null, config },
    runId,
  });
  if (run !== null) {
    await run.logParams({
      model: modelName,
      kind: result.kind,
      featureSet: setName,
      nFeatures: result.features.length,
      classWeight: result.classWeight,
      threshold: result.threshold.toFixed(6),
      thresholdRule: result.thresholdRule.rule,
      impute: result.spec.impute,
      scale: result.spec.scale,
      select: result.spec.select === null ? "none" : `l1 C=${result.spec.select.C}`,
    });
    for (const [k, v] of Object.entries(result.spec.model.params)) {
      await run.logParam(`param.${k}`, v);
    }
    const metrics: Record<string, number> = {};
    for (const [prefix, r] of [["test", result.test], ["validation", result.validation]] as const) {
      for (
        const key of [
          "rocAuc",
          "prAuc",
          "accuracy",
          "precision",
          "recall",
          "f1",
          "brier",
          "logLoss",
        ] as const
      ) {
        metrics[`${prefix}.${key}`] = r[key];
      }
      metrics[`${prefix}.recallAtPrecision90`] = r.recallAtPrecision90.recall;
    }
    if (result.search !== null) {
      metrics["cv.rocAuc.mean"] = result.search.best.mean;
      metrics["cv.rocAuc.std"] = result.search.best.std;
      for (let i = 0; i < result.search.trials.length; i++) {
        await run.logMetric("search.cvRocAuc", result.search.trials[i]!.mean, i);
      }
    }
    metrics["time.totalS"] = result.timings.totalS;
    await run.logMetrics(metrics);
    await run.logArtifact(bundleDir, "");
    await run.end("FINISHED");
  }
  return { result, bundleDir, runId };
}

/** Options for {@linkcode evaluateBundle}. */
export interface EvaluateBundleOptions {
  config: TrainConfig;
  /** Bundle folder. @default <modelsDir>/<configured bundle name> */
  bundle?: string;
  /** Output folder. @default config.evalDir */
  outDir?: string;
  /** Also run the candidate-ranking study. @default true */
  candidates?: boolean;
  /** Environment (SOURCE_DATE_EPOCH). */
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
}

/** What {@linkcode evaluateBundle} wrote. */
export interface EvaluateBundleResult {
  bundle: ModelBundle;
  evaluation: Evaluation;
  candidates: CandidateRanking | null;
  metricsPath: string;
  figurePaths: string[];
}

/**
 * Evaluate a bundle on the test stars of its feature store and write
 * `<evalDir>/metrics.json`, `<evalDir>/figures/*.svg` and a manifest;
 * optionally the candidate-ranking study (`candidates` in metrics.json, gains figure).
 *
 * @param options See {@linkcode EvaluateBundleOptions}.
 * @returns Evaluation and paths.
 */
export async function evaluateBundle(
  options: EvaluateBundleOptions,
): Promise<EvaluateBundleResult> {
  const { config } = options;
  const log = options.log ?? (() => {});
  const bundleDir = options.bundle ??
    join(repoPath(config.modelsDir), configuredBundleName(config));
  const bundle = await loadBundle(bundleDir);
  const metadata = bundle.metadata as { data?: { featureStore?: string } } | null;
  const storePath = metadata?.data?.featureStore ?? config.featureStore;
  const store = await openFeatureStore(storePath, log);
  const table = store.table;
  const rows = selectRows(table, { splits: ["test"], labelled: true });
  for (const f of bundle.features) {
    if (!table.features.has(f)) {
      throw new Error(
        `Cannot evaluate bundle ${bundleDir} as feature ${f} is not in feature store ${storePath}: rebuild the store or retrain`,
      );
    }
  }
  const x = featureMatrix(table, bundle.features, rows);
  const y = labelsOf(table, rows);
  log(`evaluating ${bundle.name} on ${rows.length} test rows`);
  const evaluation = evaluatePipeline(bundle.pipeline, x, y, {
    label: bundle.name,
    threshold: bundle.threshold,
    permutationRepeats: config.permutationRepeats,
    shapRows: config.shapRows,
  });
  let candidates: CandidateRanking | null = null;
  const figures = { ...evaluation.figures };
  if (options.candidates ?? true) {
    log(`ranking ${config.candidates.earlier} candidates against ${config.candidates.later}`);
    const earlier = config.candidates.earlier === table.specs.input ? table : buildFeatureTable(
      await loadInputCatalog(config.candidates.earlier),
      table.specs,
      table.splits,
    );
    candidates = await rankCandidates(
      earlier,
      await loadInputCatalog(config.candidates.later),
      config,
    );
    figures.candidate_gains = candidateGainsPlot(candidates, table.specs.label.positive[0]);
  }
  const outDir = repoPath(options.outDir ?? config.evalDir);
  const figurePaths = await writeFigures(join(outDir, "figures"), figures);
  const metricsPath = join(outDir, "metrics.json");
  const metrics = {
    kind: "tabular_evaluation",
    bundle: relative(REPO_ROOT, bundleDir),
    model: bundle.name,
    featureSet: bundle.featureSet,
    threshold: bundle.threshold,
    featureStore: storePath,
    test: evaluation.report,
    calibration: evaluation.calibrationBins,
    permutationImportance: evaluation.permutation,
    shapImportance: evaluation.shapImportance,
    shapSpace: evaluation.shapSpace,
    shapAdditivityError: evaluation.shapAdditivityError,
    candidates: candidates === null
      ? null
      : { ...candidates, ranked: candidates.ranked.slice(0, 100) },
    figures: figurePaths.map((p) => relative(outDir, p)),
    bundleMetadata: relative(REPO_ROOT, join(bundleDir, "metadata.json")),
  };
  await writeFileAtomic(metricsPath, JSON.stringify(metrics, null, 2) + "\n");
  if (candidates !== null) {
    const csv = ["rank,kepoi_name,probability_confirmed,later_disposition"];
    candidates.ranked.forEach((r, i) => csv.push(`${i + 1},${r.id},${r.score},${r.later ?? ""}`));
    await writeFileAtomic(join(outDir, "candidate_ranking.csv"), csv.join("\n") + "\n");
  }
  const manifest = await buildManifest("tabular_evaluation", {
    inputs: [join(bundleDir, "model.json"), join(store.dir, "features.parquet")],
    outputs: [metricsPath, ...figurePaths],
    config,
    rowCounts: { test: rows.length, candidates: candidates?.candidates ?? 0 },
    env: options.env,
  });
  await writeManifest(join(outDir, "manifest.json"), manifest);
  return { bundle, evaluation, candidates, metricsPath, figurePaths };
}
