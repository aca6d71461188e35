/**
 * The whole `deno task cnn:train` run: choose the TensorFlow.js backend, load the dataset (and
 * check it was built with this config's preprocessing), build the seeded model, train with
 * early stopping and checkpoints, save the model folder with its manifest and history figure.
 *
 * @module
 */
import { join, relative } from "node:path";
import { buildManifest, writeManifest } from "../io/mod.ts";
import { writePlot } from "../plot/mod.ts";
import { currentBackendSelection, selectBackend } from "../tf/mod.ts";
import type { CnnConfig } from "./config.ts";
import { loadDataset, type LoadedDataset } from "./dataset_format.ts";
import { buildPeriodCnn, type PeriodCnnArchitecture } from "./model.ts";
import { type PeriodCnnMetadata, savePeriodCnn } from "./model_artifact.ts";
import { periodGridFrom, preprocessOptionsFrom } from "./build_dataset.ts";
import { trainPeriodCnn, type TrainResult } from "./train.ts";
import { trainingHistoryPlot } from "./plots.ts";
import { periodicityChannels, periodicityOptionsFrom, withPeriodicity } from "./periodicity.ts";

/** Options for {@linkcode runCnnTraining}. */
export interface RunCnnTrainingOptions {
  /** Dataset folder. */
  datasetDir: string;
  /** Model folder to write. */
  modelDir: string;
  /** Config file recorded as an input of the manifest. */
  configPath?: string;
  /** Per-epoch lines and backend line; null for silence. @default console.log */
  log?: ((line: string) => void) | null;
  /** Live progress bar (terminal only by default). */
  progress?: boolean;
  /** Environment (backend override, SOURCE_DATE_EPOCH). @default Deno.env */
  env?: Record<string, string | undefined>;
}

/** Result of {@linkcode runCnnTraining}. */
export interface RunCnnTrainingResult {
  /** Training history and timing. */
  training: TrainResult;
  /** Backend used. */
  backend: string;
  /** Model folder. */
  modelDir: string;
  /** Path of the model manifest. */
  manifestPath: string;
  /** Model parameter count. */
  parameters: number;
}

/**
 * Check that a dataset was built with the config's preprocessing and window length.
 *
 * @param dataset Loaded dataset.
 * @param config Training config.
 * @throws {RangeError} Naming the first differing key with both values.
 */
export function checkDatasetMatchesConfig(dataset: LoadedDataset, config: CnnConfig): void {
  const built = (dataset.manifest.config ?? {}) as { input?: Record<string, unknown> };
  const wanted = config.input as unknown as Record<string, unknown>;
  for (const key of Object.keys(wanted)) {
    if (key === "minValidFraction") continue;
    const have = built.input?.[key];
    if (have !== wanted[key]) {
      throw new RangeError(
        `Cannot use dataset ${dataset.dir} as it was built with input.${key} = ${
          JSON.stringify(have)
        } but the config has ${
          JSON.stringify(wanted[key])
        } (rebuild it with deno task cnn:dataset)`,
      );
    }
  }
}

/**
 * The model architecture a config describes.
 *
 * @param config Validated CNN config.
 * @returns Architecture for `buildPeriodCnn`.
 */
export function periodCnnArchitectureFrom(config: CnnConfig): PeriodCnnArchitecture {
  const block = config.model.periodicity;
  return {
    lengthPoints: config.input.lengthPoints,
    bins: config.periods.bins,
    conv: config.model.conv,
    dense: config.model.dense,
    dropout: config.model.dropout,
    periodicity: block === null ? null : {
      channels: periodicityChannels(block.boxBins.length),
      conv: block.conv,
      binLogits: block.binLogits,
    },
  };
}

/**
 * Train the period CNN described by `config` on the dataset and save the model folder.
 *
 * @param config Validated CNN config.
 * @param options See {@linkcode RunCnnTrainingOptions}.
 * @returns History, backend and paths.
 */
export async function runCnnTraining(
  config: CnnConfig,
  options: RunCnnTrainingOptions,
): Promise<RunCnnTrainingResult> {
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  const backend = await selectBackend(
    config.training.backend,
    { log: log ?? null, env: options.env },
  );
  const loaded = await loadDataset(options.datasetDir);
  checkDatasetMatchesConfig(loaded, config);
  const periodicity = periodicityOptionsFrom(config);
  const featuresStart = performance.now();
  const dataset = withPeriodicity(loaded, periodicity);
  if (periodicity !== null) {
    log?.(
      `periodicity features: ${dataset.samples.length} windows in ${
        ((performance.now() - featuresStart) / 1000).toFixed(1)
      } s`,
    );
  }
  const grid = periodGridFrom(config);
  const model = buildPeriodCnn(periodCnnArchitectureFrom(config), config.seed);
  const parameters = model.countParams();
  log?.(
    `model: ${parameters} parameters; dataset ${dataset.samples.length} samples (${
      dataset.samples.filter((s) => s.split === "train").length
    } train, ${dataset.samples.filter((s) => s.split === "validation").length} validation)`,
  );
  const training = await trainPeriodCnn(model, dataset, {
    grid,
    sigmaBins: config.periods.targetSigmaBins,
    epochs: config.training.epochs,
    batchSize: config.training.batchSize,
    learningRate: config.training.learningRate,
    patience: config.training.patience,
    minDelta: config.training.minDelta,
    detectionLossWeight: config.model.detectionLossWeight,
    seed: config.seed,
    maxSeconds: config.training.maxMinutes * 60,
    checkpointDir: join(options.modelDir, "checkpoint"),
    log,
    progress: options.progress,
  });
  const metadata: PeriodCnnMetadata = {
    version: 1,
    periodGrid: grid.toJSON(),
    preprocess: preprocessOptionsFrom(config),
    minValidFraction: config.input.minValidFraction,
    targetSigmaBins: config.periods.targetSigmaBins,
    seed: config.seed,
    periodicity,
  };
  const files = await savePeriodCnn(model, options.modelDir, metadata);
  const historyPath = join(options.modelDir, "history.svg");
  await writePlot(historyPath, trainingHistoryPlot(training.history));
  const best = training.history.find((h) => h.epoch === training.bestEpoch);
  const samplesPerSecond = training.history.map((h) => h.samplesPerSecond);
  const manifestPath = join(options.modelDir, "manifest.json");
  const manifest = await buildManifest("period_cnn_model", {
    inputs: [dataset.manifestPath, ...(options.configPath ? [options.configPath] : [])],
    outputs: [files.modelJson, files.weightsBin, historyPath],
    config,
    seed: config.seed,
    rowCounts: {
      datasetSamples: dataset.samples.length,
      trainSamples: training.trainSamples,
      validationSamples: training.validationSamples,
    },
    extra: {
      backend: currentBackendSelection(),
      parameters,
      architecture: { input: [config.input.lengthPoints, 2], ...config.model },
      periodGrid: grid.toJSON(),
      epochsRun: training.history.length,
      bestEpoch: training.bestEpoch,
      stoppedEarly: training.stoppedEarly,
      stoppedByTime: training.stoppedByTime,
      trainingSeconds: training.seconds,
      meanSamplesPerSecond: samplesPerSecond.reduce((a, b) => a + b, 0) /
        Math.max(1, samplesPerSecond.length),
      bestValidation: best
        ? {
          loss: best.validationLoss,
          top1: best.validationTop1,
          top3: best.validationTop3,
          auc: best.validationAuc,
        }
        : null,
      history: training.history,
    },
    env: options.env,
  });
  // Output paths relative to the artifact folder: the manifest does not depend on where it lives.
  manifest.outputs = manifest.outputs.map((r) => ({
    ...r,
    path: relative(options.modelDir, r.path),
  }));
  await writeManifest(manifestPath, manifest);
  model.dispose();
  return { training, backend, modelDir: options.modelDir, manifestPath, parameters };
}
