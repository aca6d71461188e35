/**
 * The training configuration (configs/train.yaml, and the reduced
 * configs/train_ci.yaml): the configured model, every model of the
 * comparison table with its pipeline and hyper-parameters, search spaces,
 * class-imbalance options, the threshold rule and the candidate-ranking study.
 *
 * @module
 */
import { z } from "zod";
import { isAbsolute, join, resolve } from "node:path";
import { loadConfigSync } from "../config/load_config.ts";
import { REPO_ROOT } from "../data/data_config.ts";
import { MODEL_KINDS, MODEL_PARAM_SCHEMAS } from "./model_registry.ts";
import { SearchSpaceSchema } from "./search.ts";
import { validateConfig } from "../config/load_config.ts";

/** One model of the configuration: family, pipeline steps and hyper-parameters. */
export const ModelEntrySchema = z.object({
  kind: z.enum(MODEL_KINDS),
  impute: z.enum(["median", "most_frequent", "none", "specs"]).default("specs"),
  scale: z.enum(["auto", "standard", "none"]).default("auto"),
  /** Clip standardised values to ±clipZ (linear models, MLP). */
  clipZ: z.number().positive().nullable().default(null),
  select: z.object({ method: z.literal("l1"), C: z.number().positive() }).strict().nullable()
    .default(null),
  params: z.record(z.string(), z.unknown()).default({}),
  /** Search space for this model (null = no search). */
  search: SearchSpaceSchema.nullable().default(null),
  /** Plain-language note shown in reports. */
  note: z.string().default(""),
}).strict();

/** Schema of configs/train.yaml. */
export const TrainConfigSchema = z.object({
  /** Seed for every random choice not fixed by a model's own `seed`. */
  seed: z.number().int().default(42),
  /** Feature store folder (relative to the repository). */
  featureStore: z.string().default("feature_store/v1"),
  /** Experiment name in mlruns/. */
  experiment: z.string().min(1).default("koi-tabular"),
  /** Tracking root. */
  trackingDir: z.string().default("mlruns"),
  /** Where bundles go: <modelsDir>/<bundle name>/. */
  modelsDir: z.string().default("models"),
  /** Where evaluation output goes. */
  evalDir: z.string().default("eval"),
  /** The configured model (`deno task train`). */
  train: z.object({
    model: z.string(),
    featureSet: z.string().default("physical"),
    /** Bundle folder name; default "<model>_<featureSet>". */
    bundleName: z.string().regex(/^[A-Za-z0-9_.-]+$/).nullable().default(null),
  }).strict(),
  /** Class-imbalance handling options compared on validation. */
  imbalance: z.object({
    options: z.array(z.enum(["none", "balanced"])).min(1).default(["none", "balanced"]),
    /** Validation metric the choice maximises. */
    metric: z.enum(["pr_auc", "roc_auc", "recall_at_precision"]).default("pr_auc"),
  }).strict().default({ options: ["none", "balanced"], metric: "pr_auc" }),
  /** Decision threshold, chosen on validation rows. */
  threshold: z.object({
    /**
     * precision_f1: best F1 among thresholds with validation precision >= minPrecision;
     * precision: highest recall with validation precision >= minPrecision; f1; fixed (value).
     */
    rule: z.enum(["precision_f1", "precision", "f1", "fixed"]).default("precision_f1"),
    minPrecision: z.number().gt(0).max(1).default(0.9),
    /** Recall given up (at most) for a higher, more robust threshold (rule "precision"). */
    recallTolerance: z.number().min(0).max(0.1).default(0.005),
    value: z.number().min(0).max(1).default(0.5),
  }).strict().default({
    rule: "precision_f1",
    minPrecision: 0.9,
    recallTolerance: 0.005,
    value: 0.5,
  }),
  /** Hyper-parameter search by grouped k-fold CV on train + validation rows. */
  search: z.object({
    enabled: z.boolean().default(true),
    method: z.enum(["random", "grid"]).default("random"),
    nIter: z.number().int().min(1).default(8),
    /** Folds; null = configs/splits.yaml crossValidation.folds. */
    folds: z.number().int().min(2).nullable().default(null),
  }).strict().default({ enabled: true, method: "random", nIter: 8, folds: null }),
  /** Model catalogue: name → entry. */
  models: z.record(z.string(), ModelEntrySchema),
  /** The comparison table (`deno task evaluate --compare`). */
  compare: z.object({
    models: z.array(z.string()).min(1),
    featureSets: z.array(z.string()).min(1).default(["physical", "physical_err", "vetting"]),
    /** Catalog tables (lib/catalog ids); each gets its own feature table and kepid split. */
    tables: z.array(z.string()).min(1).default(["koi2019", "koi"]),
    /** Run the hyper-parameter search for every cell (slow) or use the configured params. */
    search: z.boolean().default(false),
  }).strict(),
  /** "Which candidates will be confirmed?" study. */
  candidates: z.object({
    /** Table with the earlier labels (training, candidates to rank). */
    earlier: z.string().default("koi2019"),
    /** Table with the later dispositions. */
    later: z.string().default("koi"),
    model: z.string(),
    featureSet: z.string().default("physical"),
    topK: z.array(z.number().int().min(1)).default([100, 500]),
  }).strict(),
  /** Permutation importance repeats in evaluation. */
  permutationRepeats: z.number().int().min(1).default(5),
  /** Rows explained by TreeSHAP in evaluation figures (test rows, first N). */
  shapRows: z.number().int().min(10).default(500),
}).strict();

/** Resolved training configuration. */
export type TrainConfig = z.output<typeof TrainConfigSchema>;
/** One model entry. */
export type ModelEntry = z.output<typeof ModelEntrySchema>;

/** Default config path. */
export const TRAIN_CONFIG_PATH: string = join(REPO_ROOT, "configs", "train.yaml");

/**
 * Load configs/train.yaml (or another file), validating each model's params
 * against its family's schema and checking model references.
 *
 * @param path Config path. @default configs/train.yaml
 * @returns The config.
 */
export function loadTrainConfig(path: string = TRAIN_CONFIG_PATH): TrainConfig {
  const config = loadConfigSync(path, TrainConfigSchema);
  checkTrainConfig(config, path);
  return config;
}

/**
 * Cross-check a parsed config: model names exist, params match their family.
 *
 * @param config Parsed config.
 * @param source File name for messages.
 */
export function checkTrainConfig(config: TrainConfig, source: string): void {
  const names = Object.keys(config.models);
  const need = (what: string, name: string) => {
    if (config.models[name] === undefined) {
      throw new RangeError(
        `Cannot use train config ${source} as ${what} names model "${name}" which is not under models: models are ${
          names.join(", ")
        }`,
      );
    }
  };
  need("train.model", config.train.model);
  need("candidates.model", config.candidates.model);
  config.compare.models.forEach((m, i) => need(`compare.models[${i}]`, m));
  for (const [name, entry] of Object.entries(config.models)) {
    validateConfig(
      entry.params,
      MODEL_PARAM_SCHEMAS[entry.kind],
      `${source} models.${name}.params`,
    );
    for (const key of Object.keys(entry.search ?? {})) {
      const shape =
        (MODEL_PARAM_SCHEMAS[entry.kind] as unknown as { shape?: Record<string, unknown> })
          .shape;
      if (shape !== undefined && !(key in shape)) {
        throw new RangeError(
          `Cannot use train config ${source} as models.${name}.search.${key} is not a parameter of ${entry.kind}: parameters are ${
            Object.keys(shape).join(", ")
          }`,
        );
      }
    }
  }
}

/**
 * Resolve a config path (relative paths are relative to the repository root).
 *
 * @param path Path from the config.
 * @returns Absolute path.
 */
export function repoPath(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/**
 * The configured bundle name of a config.
 *
 * @param config Train config.
 * @returns Bundle name.
 */
export function configuredBundleName(config: TrainConfig): string {
  return config.train.bundleName ?? `${config.train.model}_${config.train.featureSet}`;
}
