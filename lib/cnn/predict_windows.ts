/**
 * Batched inference of the period CNN on preprocessed windows, and the batch builder shared by
 * training, evaluation and the benchmark.
 *
 * @module
 */
import { tf } from "../tf/mod.ts";
import { INPUT_CHANNELS, writeModelInput } from "./preprocess.ts";
import { type PeriodGrid, periodTarget } from "./period_grid.ts";
import { detectablePeriods, type LoadedDataset } from "./dataset_format.ts";

/** Model outputs for a set of windows. */
export interface WindowPredictions {
  /** `count × (bins + 1)` period distributions (last value: no transit). */
  period: Float32Array;
  /** `count` detection probabilities. */
  detection: Float32Array;
  /** Number of windows. */
  count: number;
  /** `bins + 1`. */
  width: number;
}

/** Reusable host buffers for one batch. */
export interface BatchBuffers {
  /** `[batch, lengthPoints, 2]` model input. */
  input: Float32Array;
  /** `[batch, bins + 1]` period targets. */
  period: Float32Array;
  /** `[batch, 1]` detection labels. */
  detection: Float32Array;
  /** `[batch, bins, channels]` periodicity features (empty when the model has none). */
  periodicity: Float32Array;
  /** Periodicity values per window (`bins × channels`; 0 = none). */
  periodicitySize: number;
}

/**
 * Allocate buffers for batches of up to `batchSize` windows.
 *
 * @param batchSize Windows per batch.
 * @param lengthPoints Points per window.
 * @param bins Period bins.
 * @param periodicitySize Periodicity values per window (0 = none). @default 0
 * @returns Zeroed buffers.
 */
export function allocateBatch(
  batchSize: number,
  lengthPoints: number,
  bins: number,
  periodicitySize = 0,
): BatchBuffers {
  return {
    input: new Float32Array(batchSize * lengthPoints * INPUT_CHANNELS),
    period: new Float32Array(batchSize * (bins + 1)),
    detection: new Float32Array(batchSize),
    periodicity: new Float32Array(batchSize * periodicitySize),
    periodicitySize,
  };
}

/**
 * Periodicity values per window a model expects (`bins × channels` of its second input; 0 when
 * it has only the window input).
 *
 * @param model Period CNN.
 * @returns Values per window.
 */
export function modelPeriodicitySize(model: tf.LayersModel): number {
  const second = model.inputs[1];
  if (second === undefined) return 0;
  return (second.shape[1] as number) * (second.shape[2] as number);
}

/** Options for {@linkcode fillBatch}. */
export interface FillBatchOptions {
  /** Period grid (for targets). */
  grid: PeriodGrid;
  /** Width of each planet's target Gaussian, bins. */
  sigmaBins: number;
  /** Per-sample flag: write the window time-reversed (augmentation). @default none */
  flip?: readonly boolean[];
}

/**
 * Fill batch buffers with the windows and targets of `ids` (and their periodicity features when
 * the buffers have room for them: the dataset must then carry them, see `withPeriodicity`).
 *
 * @param dataset Loaded dataset.
 * @param ids Sample ids (at most the buffers' batch size).
 * @param buffers Destination.
 * @param options See {@linkcode FillBatchOptions}.
 */
export function fillBatch(
  dataset: LoadedDataset,
  ids: readonly number[],
  buffers: BatchBuffers,
  options: FillBatchOptions,
): void {
  const n = dataset.lengthPoints;
  const width = options.grid.bins + 1;
  const size = buffers.periodicitySize;
  const features = dataset.periodicity;
  if (size > 0 && features?.size !== size) {
    throw new RangeError(
      `Cannot fill a batch from dataset ${dataset.dir} as the model needs ${size} periodicity values per window but the dataset carries ${
        features?.size ?? 0
      } (attach them with withPeriodicity)`,
    );
  }
  const reversed = new Float32Array(n);
  ids.forEach((id, b) => {
    const window = dataset.flux.subarray(id * n, (id + 1) * n);
    let source = window;
    if (options.flip?.[b]) {
      for (let k = 0; k < n; k++) reversed[k] = window[n - 1 - k]!;
      source = reversed;
    }
    writeModelInput(source, buffers.input, b * n * INPUT_CHANNELS);
    // Time reversal leaves the periodicity features unchanged (see windowsPeriodicity).
    if (size > 0) {
      buffers.periodicity.set(features!.values.subarray(id * size, (id + 1) * size), b * size);
    }
    const sample = dataset.samples[id]!;
    const periods = detectablePeriods(sample);
    periodTarget(periods, options.grid, {
      sigmaBins: options.sigmaBins,
      out: buffers.period.subarray(b * width, (b + 1) * width),
    });
    buffers.detection[b] = periods.some((p) => options.grid.binOf(p) >= 0) ? 1 : 0;
  });
}

/**
 * Run the model on model-input rows (`[count, lengthPoints, 2]` flattened).
 *
 * @param model Period CNN.
 * @param input Model input values.
 * @param count Number of windows in `input`.
 * @param lengthPoints Points per window.
 * @param periodicity `count × bins × channels` periodicity features, for a model with that second
 *   input.
 * @returns Period distributions and detection probabilities.
 * @throws {RangeError} When the model needs periodicity features and none (or too few) are given.
 */
export async function predictModelInput(
  model: tf.LayersModel,
  input: Float32Array,
  count: number,
  lengthPoints: number,
  periodicity?: Float32Array,
): Promise<{ period: Float32Array; detection: Float32Array }> {
  const x = modelInputTensors(model, input, count, lengthPoints, periodicity);
  try {
    const [period, detection] = model.predict(x) as tf.Tensor[];
    try {
      return {
        period: await period!.data() as Float32Array,
        detection: await detection!.data() as Float32Array,
      };
    } finally {
      tf.dispose([period!, detection!]);
    }
  } finally {
    tf.dispose(x);
  }
}

/**
 * The model's input tensors for `count` windows: the window tensor, plus the periodicity tensor
 * for a model with a second input. Callers dispose them.
 *
 * @param model Period CNN.
 * @param input `[count, lengthPoints, 2]` model-input values (more may follow).
 * @param count Number of windows.
 * @param lengthPoints Points per window.
 * @param periodicity `[count, bins, channels]` features (more may follow).
 * @returns One tensor, or `[window, periodicity]`.
 * @throws {RangeError} When the model needs periodicity features and fewer are given.
 */
export function modelInputTensors(
  model: tf.LayersModel,
  input: Float32Array,
  count: number,
  lengthPoints: number,
  periodicity?: Float32Array,
): tf.Tensor | tf.Tensor[] {
  const size = modelPeriodicitySize(model);
  if (size > 0 && (periodicity?.length ?? 0) < count * size) {
    throw new RangeError(
      `Cannot run the period CNN as it needs ${size} periodicity values per window (${
        count * size
      } for ${count} windows): current length is ${periodicity?.length ?? 0}`,
    );
  }
  const x = tf.tensor3d(
    input.subarray(0, count * lengthPoints * INPUT_CHANNELS),
    [count, lengthPoints, INPUT_CHANNELS],
  );
  if (size === 0) return x;
  const shape = model.inputs[1]!.shape;
  const f = tf.tensor3d(periodicity!.subarray(0, count * size), [
    count,
    shape[1] as number,
    shape[2] as number,
  ]);
  return [x, f];
}

/**
 * Predict every listed window of a dataset, in batches.
 *
 * @param model Period CNN.
 * @param dataset Loaded dataset.
 * @param ids Sample ids.
 * @param grid Period grid (its bin count must match the model).
 * @param batchSize Windows per forward pass. @default 256
 * @returns Predictions in `ids` order.
 */
export async function predictDatasetWindows(
  model: tf.LayersModel,
  dataset: LoadedDataset,
  ids: readonly number[],
  grid: PeriodGrid,
  batchSize = 256,
): Promise<WindowPredictions> {
  const width = grid.bins + 1;
  const period = new Float32Array(ids.length * width);
  const detection = new Float32Array(ids.length);
  const buffers = allocateBatch(
    batchSize,
    dataset.lengthPoints,
    grid.bins,
    modelPeriodicitySize(model),
  );
  for (let start = 0; start < ids.length; start += batchSize) {
    const batch = ids.slice(start, start + batchSize);
    fillBatch(dataset, batch, buffers, { grid, sigmaBins: 1 });
    const out = await predictModelInput(
      model,
      buffers.input,
      batch.length,
      dataset.lengthPoints,
      buffers.periodicity,
    );
    period.set(out.period, start * width);
    detection.set(out.detection, start);
  }
  return { period, detection, count: ids.length, width };
}
