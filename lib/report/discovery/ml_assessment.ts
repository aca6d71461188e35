/**
 * What the kit's tabular model says about a catalog row: the bundle
 * configs/train.yaml names (else the newest under models/, or a chosen one) predicts P(CONFIRMED) for every row
 * of the classified table (so system-context features see the whole star and
 * the candidate can be ranked), TreeSHAP explains the row's probability
 * feature by feature, and the star's split (train / validation / test) says
 * whether the model saw it in training.
 *
 * lib/ml loads TensorFlow.js (its MLP), so it is imported only when a bundle
 * exists: a report without a model pays nothing.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";
import type { ClassificationRun } from "../../classify/run_classification.ts";
import { REPO_ROOT } from "../../data/data_config.ts";
import { optionalFloatColumn, optionalStringColumn } from "../../catalog/frame_columns.ts";
import type pl from "nodejs-polars";
import type { ModelBundle } from "../../ml/bundle.ts";
import type { Matrix } from "../../ml/matrix.ts";
import type { TrainConfig } from "../../ml/train_config.ts";

/** One feature's contribution to the row's prediction. */
export interface FeatureContribution {
  /** Model feature name, e.g. "log10_koi_prad". */
  feature: string;
  /** The row's value of that feature (after the bundle's transforms; NaN = missing). */
  value: number;
  /** SHAP value in `space` units (positive pushes towards CONFIRMED). */
  shap: number;
}

/** The model's verdict on one row. */
export interface MlAssessment {
  /** Bundle folder and name. */
  bundleDir: string;
  bundleName: string;
  /** "newest" when picked by date from the models folder, "configured" when named by a config. */
  chosen: "newest" | "configured";
  /** Model kind and feature set, e.g. "hist_gradient_boosting", "physical". */
  modelKind: string;
  featureSet: string;
  /** Catalog file the model was trained on, and when the bundle was written. */
  trainedOn: string | null;
  bundleCreatedAt: string | null;
  /** Held-out test metrics recorded in the bundle (NaN when absent). */
  testRocAuc: number;
  testPrecision: number;
  testRecall: number;
  /** Decision threshold (tuned on validation stars). */
  threshold: number;
  /** P(CONFIRMED) for the row. */
  probability: number;
  /** The label the threshold gives. */
  predictedLabel: string;
  /** Split of the row's star under the model's split rule, and where the rule came from. */
  split: "train" | "validation" | "test" | null;
  splitRuleSource: string | null;
  /** Rank of the row among the table's CANDIDATE rows by probability (1 = most likely), or null. */
  candidateRank: { rank: number; of: number } | null;
  /** Largest SHAP contributions (by magnitude), or [] when the model is not a tree model. */
  contributions: FeatureContribution[];
  /** SHAP value space ("log_odds", "probability", "vote") or null. */
  shapSpace: string | null;
  /** Probabilities of every row of the table (row order), for the run report. */
  probabilities: Float64Array;
}

/** Why the model could not be used. */
export interface MlUnavailable {
  unavailable: string;
}

/** Options for {@linkcode assessWithModel}. */
export interface MlAssessmentOptions {
  /** Bundle folder; null = the one configs/train.yaml names when trained, else the newest. */
  bundle: string | null;
  /** Folder of bundles. */
  modelsDir: string;
  /** Contributions to keep. @default 6 */
  shapFeatures?: number;
}

interface BundleManifest {
  createdAt?: string;
  kind?: string;
}

/**
 * The bundle a training config names (`train.bundleName`, else `<model>_<featureSet>`) in a
 * folder, when it has been trained: the model `deno task train` and the pipeline produce, which a
 * notebook's reduced-config bundle written later must not displace.
 *
 * @param modelsDir Folder of bundles (relative paths are relative to the repository).
 * @param trainConfig Training config. @default configs/train.yaml
 * @returns The bundle folder, or null when it is not there.
 */
export async function findConfiguredBundle(
  modelsDir: string,
  trainConfig?: TrainConfig,
): Promise<string | null> {
  const { configuredBundleName, loadTrainConfig } = await import("../../ml/train_config.ts");
  const name = configuredBundleName(trainConfig ?? loadTrainConfig());
  const path = join(resolve(REPO_ROOT, modelsDir), name);
  try {
    return (await Deno.stat(join(path, "model.json"))).isFile ? path : null;
  } catch {
    return null;
  }
}

/**
 * The newest tabular model bundle in a folder: subfolders holding a model.json of the
 * ExoHunter tabular format, newest manifest `createdAt` first (then name).
 *
 * @param modelsDir Folder of bundles (relative paths are relative to the repository).
 * @returns The bundle folder, or null when there is none.
 */
export async function findLatestBundle(modelsDir: string): Promise<string | null> {
  const dir = resolve(REPO_ROOT, modelsDir);
  const found: { path: string; createdAt: string; name: string }[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return null;
  }
  for (const e of entries) {
    if (!e.isDirectory) continue;
    const path = join(dir, e.name);
    try {
      const head = await Deno.readTextFile(join(path, "model.json"));
      if (!head.slice(0, 400).includes('"exohunter.tabular-model"')) continue;
    } catch {
      continue;
    }
    let createdAt = "";
    try {
      const manifest = JSON.parse(
        await Deno.readTextFile(join(path, "manifest.json")),
      ) as BundleManifest;
      createdAt = manifest.createdAt ?? "";
    } catch { /* no manifest: oldest */ }
    found.push({ path, createdAt, name: e.name });
  }
  found.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? -1 : 1
  );
  return found[0]?.path ?? null;
}

function metric(metadata: Record<string, unknown> | null, key: string): number {
  const test = ((metadata?.["metrics"] as Record<string, unknown> | undefined)?.["test"] ??
    {}) as Record<string, unknown>;
  const v = test[key];
  return typeof v === "number" ? v : NaN;
}

/** A bundle's predictions for every row of a table. */
export interface ModelPredictions {
  /** Bundle folder and name. */
  bundleDir: string;
  bundleName: string;
  /** "newest" when picked from the models folder, "configured" when named in the config. */
  chosen: "newest" | "configured";
  /** Model kind and feature set. */
  modelKind: string;
  featureSet: string;
  /** Catalog file the model was trained on, and when the bundle was written. */
  trainedOn: string | null;
  bundleCreatedAt: string | null;
  /** Held-out test metrics recorded in the bundle (NaN when absent). */
  testRocAuc: number;
  testPrecision: number;
  testRecall: number;
  /** Decision threshold. */
  threshold: number;
  /** P(positive label) per row. */
  probabilities: Float64Array;
  /** The loaded bundle and the feature matrix it predicted from. */
  bundle: ModelBundle;
  features: Matrix;
}

/**
 * Predict every row of a classified frame with the chosen (or newest) bundle.
 *
 * @param frame Classified (or canonical) frame.
 * @param tableLabel Name of the table for messages, e.g. the file name.
 * @param options Bundle choice.
 * @returns Predictions, or why there are none.
 */
export async function predictWithModel(
  frame: pl.DataFrame,
  tableLabel: string,
  options: MlAssessmentOptions,
): Promise<ModelPredictions | MlUnavailable> {
  let chosen: "configured" | "newest" = "configured";
  let bundleDir = options.bundle !== null
    ? resolve(REPO_ROOT, options.bundle)
    : await findConfiguredBundle(options.modelsDir);
  if (bundleDir === null) {
    bundleDir = await findLatestBundle(options.modelsDir);
    chosen = "newest";
  }
  if (bundleDir === null) {
    return {
      unavailable: `no tabular model bundle in ${
        relative(REPO_ROOT, resolve(REPO_ROOT, options.modelsDir)) || "."
      } (train one with deno task train)`,
    };
  }
  const [{ loadBundle }, { bundleFeatures }, features] = await Promise.all([
    import("../../ml/bundle.ts"),
    import("../../ml/predict.ts"),
    import("../../features/compute.ts"),
  ]);
  let bundle: ModelBundle;
  try {
    bundle = await loadBundle(bundleDir);
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
  const missing = bundle.inputColumns.filter((c) => !frame.columns.includes(c));
  if (missing.length > 0) {
    return {
      unavailable: `model ${bundle.name} needs the catalog column${missing.length > 1 ? "s" : ""} ${
        missing.join(", ")
      }, which the ${tableLabel} table does not have`,
    };
  }
  const source = features.catalogColumnsFromFrame(frame, bundle.featureSpecs.groupColumn);
  const x = bundleFeatures(bundle, source);
  const probabilities = bundle.pipeline.predictProba(x);
  const metadata = bundle.metadata;
  const inputs = (metadata?.["data"] as Record<string, unknown> | undefined)
    ?.["featureStoreInputs"];
  const trainedOn = Array.isArray(inputs) && typeof inputs[0]?.name === "string"
    ? inputs[0].name as string
    : null;
  let createdAt: string | null = null;
  try {
    createdAt =
      (JSON.parse(await Deno.readTextFile(join(bundleDir, "manifest.json"))) as BundleManifest)
        .createdAt ?? null;
  } catch { /* optional */ }
  const model = (metadata?.["model"] as Record<string, unknown> | undefined) ?? {};
  return {
    bundleDir,
    bundleName: bundle.name,
    chosen,
    modelKind: typeof model["kind"] === "string" ? model["kind"] : bundle.pipeline.model.kind,
    featureSet: bundle.featureSet,
    trainedOn,
    bundleCreatedAt: createdAt,
    testRocAuc: metric(metadata, "rocAuc"),
    testPrecision: metric(metadata, "precision"),
    testRecall: metric(metadata, "recall"),
    threshold: bundle.threshold,
    probabilities,
    bundle,
    features: x,
  };
}

/**
 * Predict and explain one row of a classified table with a model bundle.
 *
 * @param run The classification run holding the row.
 * @param row Row index.
 * @param options Bundle choice and number of contributions.
 * @param predictions Predictions of the same table already made (skips predicting again).
 * @returns The assessment, or why there is none (no bundle, columns missing, load error).
 */
export async function assessWithModel(
  run: ClassificationRun,
  row: number,
  options: MlAssessmentOptions,
  predictions?: ModelPredictions,
): Promise<MlAssessment | MlUnavailable> {
  const frame = run.frame;
  const predicted = predictions ??
    await predictWithModel(frame, run.catalog.file.path.split("/").pop()!, options);
  if ("unavailable" in predicted) return predicted;
  const [{ shapValues, supportsTreeShap }, splits] = await Promise.all([
    import("../../ml/explain.ts"),
    import("../../features/splits.ts"),
  ]);
  const { bundle, probabilities, features: x } = predicted;
  const probability = probabilities[row]!;
  const label = bundle.featureSpecs.label;

  // Rank among the table's CANDIDATE rows.
  const dispositions = optionalStringColumn(frame, label.column);
  let candidateRank: MlAssessment["candidateRank"] = null;
  if (dispositions[row] === "CANDIDATE") {
    let higher = 0, of = 0;
    for (let i = 0, height = frame.height; i < height; i++) {
      if (dispositions[i] !== "CANDIDATE") continue;
      of++;
      if (probabilities[i]! > probability) higher++;
    }
    candidateRank = { rank: higher + 1, of };
  }

  // Split of the star under the rule the feature store used (else configs/splits.yaml).
  let split: MlAssessment["split"] = null;
  let splitRuleSource: string | null = null;
  const group = optionalFloatColumn(frame, bundle.featureSpecs.groupColumn)[row]!;
  if (Number.isInteger(group)) {
    let config: unknown = null;
    const storeDir = (bundle.metadata?.["data"] as Record<string, unknown> | undefined)
      ?.["featureStore"];
    if (typeof storeDir === "string") {
      try {
        const manifestPath = resolve(REPO_ROOT, storeDir, "manifest.json");
        const manifest = JSON.parse(await Deno.readTextFile(manifestPath));
        config = manifest?.config?.splits ?? null;
        if (config !== null) splitRuleSource = relative(REPO_ROOT, manifestPath);
      } catch { /* feature store not on disk */ }
    }
    try {
      const rule = config !== null
        ? splits.SplitsConfigSchema.parse(config)
        : splits.loadSplitsConfig();
      splitRuleSource ??= relative(REPO_ROOT, splits.SPLITS_CONFIG_PATH);
      split = splits.assignSplits([group], rule)[0] ?? null;
    } catch {
      split = null;
      splitRuleSource = null;
    }
  }

  // TreeSHAP of the row.
  let contributions: FeatureContribution[] = [];
  let shapSpace: string | null = null;
  if (supportsTreeShap(bundle.pipeline)) {
    const d = x.nCols;
    const one = { nRows: 1, nCols: d, data: x.data.slice(row * d, (row + 1) * d) };
    const shap = shapValues(bundle.pipeline, one);
    shapSpace = shap.space;
    const featureIndex = new Map(bundle.features.map((f, j) => [f, j]));
    contributions = shap.featureNames.map((feature, j) => ({
      feature,
      value: one.data[featureIndex.get(feature) ?? -1] ?? NaN,
      shap: shap.values[j]!,
    })).sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap) || (a.feature < b.feature ? -1 : 1))
      .slice(0, options.shapFeatures ?? 6);
  }
  const { bundle: _b, features: _f, ...summary } = predicted;
  return {
    ...summary,
    probability,
    predictedLabel: probability >= bundle.threshold ? label.positive[0]! : label.negative[0]!,
    split,
    splitRuleSource,
    candidateRank,
    contributions,
    shapSpace,
  };
}

/** Whether a result is an assessment. */
export function isMlAssessment(x: MlAssessment | MlUnavailable): x is MlAssessment {
  return !("unavailable" in x);
}
