/**
 * The period-CNN configuration (configs/cnn.yaml): dataset, preprocessing, model, training and
 * evaluation settings, validated by a zod `.strict()` schema. Every field is required in the
 * file that is finally validated; a file may start with `extends: <other.yaml>` (resolved
 * relative to itself) and then only override keys (objects merge key by key, arrays and
 * scalars replace), which is how configs/cnn_ci.yaml reduces configs/cnn.yaml.
 *
 * @module
 */
import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { dirname, isAbsolute, resolve } from "node:path";
import { ConfigError, validateConfig } from "../config/mod.ts";
import { REPO_ROOT } from "../data/mod.ts";

const positive = z.number().positive();
const nonNegativeInt = z.number().int().min(0);
const positiveInt = z.number().int().positive();
const fraction = z.number().min(0).max(1);

/** `[low, high]` with low ≤ high. */
const range = (inner: z.ZodNumber) =>
  z.tuple([inner, inner]).refine(([lo, hi]) => lo <= hi, {
    message: "range must be [low, high] with low <= high",
  });

const ConvLayerSchema = z.object({
  filters: positiveInt,
  kernelSize: positiveInt,
  /** Max-pooling size after the layer (1 = none). */
  pool: positiveInt,
}).strict();

/** Schema of configs/cnn.yaml. */
export const CnnConfigSchema = z.object({
  seed: nonNegativeInt,
  paths: z.object({
    dataset: z.string().min(1),
    model: z.string().min(1),
    eval: z.string().min(1),
  }).strict(),
  periods: z.object({
    minDays: positive,
    maxDays: positive,
    bins: z.number().int().min(2),
    spacing: z.enum(["linear", "log"]),
    targetSigmaBins: positive,
  }).strict().refine((p) => p.maxDays > p.minDays, {
    message: "maxDays must be greater than minDays",
  }),
  input: z.object({
    lengthPoints: z.number().int().min(64),
    cadenceMinutes: positive,
    minValidFraction: z.number().gt(0).max(1),
    detrendWindowHours: positive,
    detrendMethod: z.enum(["biweight", "median"]),
    clipSigmaLow: positive,
    clipSigmaHigh: positive,
  }).strict(),
  dataset: z.object({
    counts: z.object({
      syntheticPositive: nonNegativeInt,
      syntheticNegative: nonNegativeInt,
      injectedReal: nonNegativeInt,
      realPositive: nonNegativeInt,
      realNegative: nonNegativeInt,
    }).strict(),
    validationFraction: z.number().min(0).lt(0.5),
    testFraction: z.number().min(0).lt(0.5),
    shardSize: positiveInt,
    planetsPerStar: z.object({ min: positiveInt, max: positiveInt }).strict().refine(
      (p) => p.min <= p.max,
      { message: "min must be <= max" },
    ),
    minPeriodRatio: z.number().gt(1),
    minTransits: positiveInt,
    detectableMinSnr: z.number().min(0),
    snr: range(positive),
    impactParameter: range(fraction),
    stellarDensityGcm3: range(positive),
    missions: z.object({ kepler: fraction, tess: fraction }).strict().refine(
      (m) => m.kepler + m.tess > 0,
      { message: "at least one mission weight must be > 0" },
    ),
    noise: z.object({
      whitePpmPer30Min: range(positive),
      redPpm: range(positive),
      redTimescaleHours: range(positive),
      granulationPpm: range(positive),
    }).strict(),
    variability: z.object({
      amplitudePpm: range(positive),
      periodDays: range(positive),
    }).strict(),
    real: z.object({
      windowStrideDays: positive,
      testTargets: z.array(z.string()),
      includeFalsePositives: z.boolean(),
      koiList: z.array(z.string().regex(/^K\d{5}\.\d{2}$/)),
    }).strict(),
  }).strict(),
  model: z.object({
    conv: z.array(ConvLayerSchema).min(1),
    dense: z.array(positiveInt),
    dropout: z.number().min(0).lt(1),
    detectionLossWeight: z.number().min(0),
    /** Second input: periodicity features on the period-bin axis (lib/cnn/periodicity.ts). */
    periodicity: z.object({
      boxBins: z.array(positiveInt).min(1),
      thresholdSigma: z.number().min(0),
      maxHarmonics: positiveInt,
      toleranceBins: positive,
      minStepBins: positive,
      conv: z.array(z.object({ filters: positiveInt, kernelSize: positiveInt }).strict()).min(1),
      binLogits: z.boolean(),
    }).strict().nullable(),
  }).strict(),
  training: z.object({
    epochs: positiveInt,
    batchSize: positiveInt,
    learningRate: positive,
    patience: positiveInt,
    minDelta: z.number().min(0),
    maxMinutes: positive,
    backend: z.enum(["auto", "tensorflow", "wasm", "cpu"]),
  }).strict(),
  evaluation: z.object({
    snrEdges: z.array(positive).min(2),
    blsDurationsHours: z.array(positive).min(1),
    combinedTopBins: positiveInt,
    maxBlsSamples: positiveInt,
    detectionThreshold: fraction,
  }).strict(),
}).strict();

/** A validated period-CNN configuration. */
export type CnnConfig = z.output<typeof CnnConfigSchema>;

/** Default config path (configs/cnn.yaml in the repository). */
export const CNN_CONFIG_PATH: string = resolve(REPO_ROOT, "configs", "cnn.yaml");

/** Reduced config for CI and the notebook. */
export const CNN_CI_CONFIG_PATH: string = resolve(REPO_ROOT, "configs", "cnn_ci.yaml");

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Deep-merge `override` into `base`: objects merge key by key; arrays and scalars replace.
 *
 * @param base Base value.
 * @param override Overriding value.
 * @returns A new merged value.
 */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return structuredClone(override);
  const out: Plain = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    out[key] = key in out ? mergeConfig(out[key], value) : structuredClone(value);
  }
  return out;
}

function readYaml(path: string, chain: string[]): Plain {
  if (chain.includes(path)) {
    throw new ConfigError(path, [`extends: circular chain ${[...chain, path].join(" -> ")}`]);
  }
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    throw new ConfigError(path, [`cannot read file: ${(error as Error).message}`]);
  }
  let value: unknown;
  try {
    value = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(path, [`YAML syntax error: ${(error as Error).message}`]);
  }
  if (!isPlainObject(value)) {
    throw new ConfigError(path, [
      `(top level): must be a mapping: current value is ${text.trim()}`,
    ]);
  }
  const parent = value["extends"];
  if (parent === undefined) return value;
  if (typeof parent !== "string") {
    throw new ConfigError(path, [
      `extends: must be a path to another YAML file: current value is ${JSON.stringify(parent)}`,
    ]);
  }
  const { extends: _ignored, ...rest } = value;
  const basePath = isAbsolute(parent) ? parent : resolve(dirname(path), parent);
  return mergeConfig(readYaml(basePath, [...chain, path]), rest) as Plain;
}

/**
 * Load and validate a period-CNN config, following `extends:` chains.
 *
 * @param path YAML file. @default configs/cnn.yaml
 * @returns The validated config.
 * @throws {ConfigError} Naming the file, key path, value and allowed values.
 */
export function loadCnnConfig(path: string = CNN_CONFIG_PATH): CnnConfig {
  const merged = readYaml(resolve(path), []);
  const config = validateConfig(merged, CnnConfigSchema, path);
  checkConsistency(config, path);
  return config;
}

/**
 * Validate an in-memory config object (e.g. a notebook's modified copy).
 *
 * @param value The config object.
 * @param source Label used in error messages. @default "(inline cnn config)"
 * @returns The validated config.
 */
export function parseCnnConfig(value: unknown, source = "(inline cnn config)"): CnnConfig {
  const config = validateConfig(value, CnnConfigSchema, source);
  checkConsistency(config, source);
  return config;
}

function checkConsistency(config: CnnConfig, source: string): void {
  const problems: string[] = [];
  const windowDays = (config.input.lengthPoints * config.input.cadenceMinutes) / 1440;
  if (config.periods.maxDays > windowDays) {
    problems.push(
      `periods.maxDays: must not exceed the input window (input.lengthPoints x input.cadenceMinutes = ${
        windowDays.toFixed(2)
      } days): current value is ${config.periods.maxDays}`,
    );
  }
  let length = config.input.lengthPoints;
  config.model.conv.forEach((layer, i) => {
    length = Math.floor(length / layer.pool);
    if (length < 1) {
      problems.push(
        `model.conv[${i}].pool: pooling leaves no points of the ${config.input.lengthPoints}-point input: current value is ${layer.pool}`,
      );
    }
  });
  if (config.dataset.validationFraction + config.dataset.testFraction >= 0.9) {
    problems.push(
      `dataset.testFraction: validationFraction + testFraction must be < 0.9: current value is ${config.dataset.testFraction}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
}

/**
 * Resolve a config path (relative paths are relative to the repository root).
 *
 * @param path Path from the config.
 * @returns Absolute path.
 */
export function resolveRepoPath(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}
