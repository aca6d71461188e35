/**
 * Training loop of the period CNN: seeded batch order (and optional time-reversal
 * augmentation), Adam on cross-entropy + weighted detection loss, validation metrics after each
 * epoch, early stopping on validation loss, a checkpoint of the best weights, and progress (a
 * live line on a terminal, one plain line per epoch always).
 *
 * @module
 */
import { tf } from "../tf/mod.ts";
import { Prng } from "../random/mod.ts";
import { Progress } from "../io/mod.ts";
import { saveLayersModel } from "../tf/mod.ts";
import { periodCnnLoss } from "./model.ts";
import { type PeriodGrid, topPeriods } from "./period_grid.ts";
import { detectablePeriods, type LoadedDataset } from "./dataset_format.ts";
import {
  allocateBatch,
  fillBatch,
  modelInputTensors,
  modelPeriodicitySize,
  predictDatasetWindows,
  type WindowPredictions,
} from "./predict_windows.ts";
import { type PeriodOutcome, rocAuc, scorePeriodPrediction, summarizeOutcomes } from "./metrics.ts";

/** Options for {@linkcode trainPeriodCnn}. */
export interface TrainPeriodCnnOptions {
  /** Period grid (bin count must match the model). */
  grid: PeriodGrid;
  /** Width of each planet's target Gaussian, bins. */
  sigmaBins: number;
  /** Maximum epochs. */
  epochs: number;
  /** Samples per step. */
  batchSize: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Epochs without validation-loss improvement before stopping. */
  patience: number;
  /** Smallest validation-loss decrease that counts as an improvement. */
  minDelta: number;
  /** Weight of the detection loss. */
  detectionLossWeight: number;
  /** Seed of batch order and augmentation. */
  seed: number;
  /** Time-reverse a random half of each batch (the period is unchanged). @default true */
  augmentFlip?: boolean;
  /** Training sample ids. @default the dataset's "train" split */
  trainIds?: number[];
  /** Validation sample ids. @default the dataset's "validation" split */
  validationIds?: number[];
  /**
   * Wall-time budget, seconds: training stops before an epoch that would end past it (judged by
   * the slowest epoch so far). @default Infinity
   */
  maxSeconds?: number;
  /** Save the best model here (model.json + weights.bin) whenever validation improves. */
  checkpointDir?: string;
  /** One plain line per epoch; null for silence. @default console.log */
  log?: ((line: string) => void) | null;
  /** Live per-batch progress line (terminal only by default). */
  progress?: boolean;
}

/** Metrics of one epoch. */
export interface EpochMetrics {
  /** 1-based epoch number. */
  epoch: number;
  /** Mean training loss (total, period, detection). */
  trainLoss: number;
  trainPeriodLoss: number;
  trainDetectionLoss: number;
  /** Validation loss (total). */
  validationLoss: number;
  /** Validation top-1 / top-3 period accuracy within one bin (positives). */
  validationTop1: number;
  validationTop3: number;
  /** Validation detection ROC-AUC. */
  validationAuc: number;
  /** Training throughput, samples per second (training steps only). */
  samplesPerSecond: number;
  /** Wall time of the epoch including validation, seconds. */
  seconds: number;
}

/** Result of {@linkcode trainPeriodCnn}. */
export interface TrainResult {
  /** Per-epoch metrics. */
  history: EpochMetrics[];
  /** Epoch whose weights the model holds at the end (best validation loss). */
  bestEpoch: number;
  /** True when early stopping ended training. */
  stoppedEarly: boolean;
  /** True when the time budget (`maxSeconds`) ended training. */
  stoppedByTime: boolean;
  /** Total training wall time, seconds. */
  seconds: number;
  /** Training samples per epoch. */
  trainSamples: number;
  /** Validation samples. */
  validationSamples: number;
}

/** Validation loss and metrics from predictions. */
export interface ValidationSummary {
  loss: number;
  top1: number;
  top3: number;
  auc: number;
}

/**
 * Score predictions of dataset windows: loss (same formula as training), top-1/top-3 within
 * one bin on samples with a detectable in-range planet, detection ROC-AUC.
 *
 * @param predictions Model outputs for `ids`.
 * @param dataset The dataset.
 * @param ids Sample ids, in prediction order.
 * @param options Grid, target width and detection loss weight.
 * @returns The summary.
 */
export function scoreWindowPredictions(
  predictions: WindowPredictions,
  dataset: LoadedDataset,
  ids: readonly number[],
  options: { grid: PeriodGrid; sigmaBins: number; detectionLossWeight: number },
): ValidationSummary {
  const { grid } = options;
  const width = grid.bins + 1;
  const buffers = allocateBatch(1, dataset.lengthPoints, grid.bins);
  const outcomes: PeriodOutcome[] = [];
  const labels: number[] = [];
  let loss = 0;
  ids.forEach((id, i) => {
    fillBatch(dataset, [id], buffers, { grid, sigmaBins: options.sigmaBins });
    const p = predictions.period.subarray(i * width, (i + 1) * width);
    let ce = 0;
    for (let k = 0; k < width; k++) {
      const y = buffers.period[k]!;
      if (y > 0) ce -= y * Math.log(Math.min(1, Math.max(1e-7, p[k]!)));
    }
    const d = Math.min(1 - 1e-7, Math.max(1e-7, predictions.detection[i]!));
    const label = buffers.detection[0]!;
    const bce = -(label * Math.log(d) + (1 - label) * Math.log(1 - d));
    loss += ce + options.detectionLossWeight * bce;
    labels.push(label);
    if (label === 1) {
      const periods = detectablePeriods(dataset.samples[id]!);
      const ranked = topPeriods(p, grid, 3).map((t) => t.bin);
      outcomes.push(scorePeriodPrediction(ranked, periods, grid));
    }
  });
  const accuracy = summarizeOutcomes(outcomes);
  return {
    loss: ids.length > 0 ? loss / ids.length : NaN,
    top1: accuracy.top1,
    top3: accuracy.top3,
    auc: rocAuc(predictions.detection, labels),
  };
}

function splitIds(dataset: LoadedDataset, split: string): number[] {
  return dataset.samples.filter((s) => s.split === split).map((s) => s.id);
}

/**
 * Train the period CNN in place. At the end the model holds the weights of the epoch with the
 * best validation loss (or the last epoch without a validation set).
 *
 * @param model Period CNN from `buildPeriodCnn`.
 * @param dataset Loaded dataset.
 * @param options See {@linkcode TrainPeriodCnnOptions}.
 * @returns Per-epoch history and the best epoch.
 */
export async function trainPeriodCnn(
  model: tf.LayersModel,
  dataset: LoadedDataset,
  options: TrainPeriodCnnOptions,
): Promise<TrainResult> {
  const trainIds = options.trainIds ?? splitIds(dataset, "train");
  const validationIds = options.validationIds ?? splitIds(dataset, "validation");
  if (trainIds.length === 0) {
    throw new RangeError(
      `Cannot train period CNN as the dataset ${dataset.dir} has no training samples`,
    );
  }
  const outputWidth = (model.outputs[0]!.shape[1] as number) ?? 0;
  if (outputWidth !== options.grid.bins + 1) {
    throw new RangeError(
      `Cannot train period CNN as the model has ${outputWidth} period outputs but the grid needs bins + 1 = ${
        options.grid.bins + 1
      }`,
    );
  }
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  const prng = new Prng(options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const n = dataset.lengthPoints;
  const buffers = allocateBatch(
    options.batchSize,
    n,
    options.grid.bins,
    modelPeriodicitySize(model),
  );
  const width = options.grid.bins + 1;
  const augment = options.augmentFlip ?? true;
  const history: EpochMetrics[] = [];
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | null = null;
  let sinceBest = 0;
  let stoppedEarly = false;
  let stoppedByTime = false;
  const startAll = performance.now();

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const epochStart = performance.now();
    const order = prng.shuffle(trainIds.slice());
    const steps = Math.ceil(order.length / options.batchSize);
    const progress = new Progress(`epoch ${epoch}/${options.epochs}`, {
      total: order.length,
      unit: "samples",
      enabled: options.progress,
    });
    let trainMs = 0;
    let sumLoss = 0;
    let sumPeriod = 0;
    let sumDetection = 0;
    for (let step = 0; step < steps; step++) {
      const batch = order.slice(step * options.batchSize, (step + 1) * options.batchSize);
      const flip = batch.map(() => augment && prng.uniform() < 0.5);
      fillBatch(dataset, batch, buffers, {
        grid: options.grid,
        sigmaBins: options.sigmaBins,
        flip,
      });
      const b = batch.length;
      const stepStart = performance.now();
      const terms = tf.tidy(() => {
        const x = modelInputTensors(model, buffers.input, b, n, buffers.periodicity);
        const yPeriod = tf.tensor2d(buffers.period.subarray(0, b * width), [b, width]);
        const yDetection = tf.tensor2d(buffers.detection.subarray(0, b), [b, 1]);
        let periodTerm: tf.Scalar | null = null;
        let detectionTerm: tf.Scalar | null = null;
        optimizer.minimize(
          () => {
            const outputs = model.apply(x, { training: true }) as tf.Tensor[];
            const loss = periodCnnLoss(
              outputs,
              { period: yPeriod, detection: yDetection },
              options.detectionLossWeight,
            );
            periodTerm = tf.keep(loss.period);
            detectionTerm = tf.keep(loss.detection);
            return loss.total;
          },
          false,
          variables,
        );
        return tf.stack([periodTerm!, detectionTerm!]);
      });
      const [periodLoss, detectionLoss] = await terms.data();
      terms.dispose();
      trainMs += performance.now() - stepStart;
      sumPeriod += periodLoss! * b;
      sumDetection += detectionLoss! * b;
      sumLoss += (periodLoss! + options.detectionLossWeight * detectionLoss!) * b;
      progress.update(
        Math.min(order.length, (step + 1) * options.batchSize),
        `loss ${(sumLoss / ((step * options.batchSize) + b)).toFixed(4)}`,
      );
    }
    progress.done();

    let validation: ValidationSummary = { loss: NaN, top1: NaN, top3: NaN, auc: NaN };
    if (validationIds.length > 0) {
      const predictions = await predictDatasetWindows(model, dataset, validationIds, options.grid);
      validation = scoreWindowPredictions(predictions, dataset, validationIds, options);
    }
    const metrics: EpochMetrics = {
      epoch,
      trainLoss: sumLoss / order.length,
      trainPeriodLoss: sumPeriod / order.length,
      trainDetectionLoss: sumDetection / order.length,
      validationLoss: validation.loss,
      validationTop1: validation.top1,
      validationTop3: validation.top3,
      validationAuc: validation.auc,
      samplesPerSecond: order.length / (trainMs / 1000),
      seconds: (performance.now() - epochStart) / 1000,
    };
    history.push(metrics);
    const monitored = validationIds.length > 0 ? validation.loss : metrics.trainLoss;
    const improved = monitored < best - options.minDelta;
    if (improved) {
      best = monitored;
      bestEpoch = epoch;
      sinceBest = 0;
      if (bestWeights) tf.dispose(bestWeights);
      bestWeights = model.getWeights().map((w) => w.clone());
      if (options.checkpointDir) await saveLayersModel(model, options.checkpointDir);
    } else sinceBest++;
    log?.(formatEpoch(metrics, options.epochs) + (improved ? " *" : ""));
    if (sinceBest >= options.patience && epoch < options.epochs) {
      stoppedEarly = true;
      log?.(
        `early stopping: validation loss did not improve by ${options.minDelta} for ${options.patience} epochs; best epoch ${bestEpoch}`,
      );
      break;
    }
    // Stop when another epoch as long as the slowest so far would cross the budget.
    const elapsed = (performance.now() - startAll) / 1000;
    const longest = Math.max(...history.map((h) => h.seconds));
    if (elapsed + longest > (options.maxSeconds ?? Infinity) && epoch < options.epochs) {
      stoppedByTime = true;
      log?.(
        `time budget: stopping after ${
          elapsed.toFixed(0)
        } s (budget ${options.maxSeconds} s); best epoch ${bestEpoch}`,
      );
      break;
    }
  }
  if (bestWeights) {
    model.setWeights(bestWeights);
    tf.dispose(bestWeights);
  }
  optimizer.dispose();
  return {
    history,
    bestEpoch,
    stoppedEarly,
    stoppedByTime,
    seconds: (performance.now() - startAll) / 1000,
    trainSamples: trainIds.length,
    validationSamples: validationIds.length,
  };
}

/**
 * The plain per-epoch line, e.g.
 * `epoch 3/20 loss 2.1043 (period 1.9871, detection 0.1172) val_loss 2.2 val_top1 0.81 ...`.
 *
 * @param m Epoch metrics.
 * @param epochs Total epochs planned.
 * @returns One line.
 */
export function formatEpoch(m: EpochMetrics, epochs: number): string {
  const f = (v: number, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : "n/a");
  return `epoch ${m.epoch}/${epochs} loss ${f(m.trainLoss)} (period ${
    f(m.trainPeriodLoss)
  }, detection ${f(m.trainDetectionLoss)}) val_loss ${f(m.validationLoss)} val_top1 ${
    f(m.validationTop1, 3)
  } val_top3 ${f(m.validationTop3, 3)} val_auc ${f(m.validationAuc, 3)} ${
    f(m.samplesPerSecond, 1)
  } samples/s ${f(m.seconds, 1)} s`;
}
