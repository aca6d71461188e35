/**
 * The period CNN: a 1-D convolutional feature extractor over the preprocessed window
 * (`[lengthPoints, 2]`: standardised flux and validity mask), a dense head, and two outputs:
 *
 * - `period`: softmax over `bins + 1` values, one per period bin plus a final "no transit";
 *   trained with cross-entropy against the Gaussian period targets (equivalently the KL
 *   divergence up to a constant);
 * - `detection`: sigmoid probability that the window holds a detectable transit, trained with
 *   binary cross-entropy, weighted by `detectionLossWeight`.
 *
 * With a `periodicity` block the model has a second input, `periodicity` (`[bins, channels]`:
 * the features of lib/cnn/periodicity.ts on the period-bin axis). A small conv stack over that
 * axis (same padding, ReLU) is flattened into the dense head; with `binLogits` a 1×1 conv of it
 * also adds one logit per period bin to the head's period logits, so that a peak of the features
 * at bin b can raise output b directly (the no-transit logit comes from the head alone).
 *
 * Every initialiser and dropout layer is seeded from the config seed, so the same seed gives the
 * same starting weights.
 *
 * @module
 */
import { tf } from "../tf/mod.ts";
import { Prng } from "../random/mod.ts";
import { INPUT_CHANNELS } from "./preprocess.ts";

/** One convolutional block: conv1d (same padding, ReLU) then max-pooling. */
export interface ConvBlock {
  /** Output channels. */
  filters: number;
  /** Kernel width, points. */
  kernelSize: number;
  /** Max-pooling size after the convolution (1 = none). */
  pool: number;
}

/** The periodicity branch of the period CNN. */
export interface PeriodicityBranch {
  /** Feature channels per period bin (see `periodicityChannels`). */
  channels: number;
  /** Convolutions over the period-bin axis (same padding, ReLU, no pooling). */
  conv: { filters: number; kernelSize: number }[];
  /** Add a per-bin logit from the branch to the period output. */
  binLogits: boolean;
}

/** Architecture of the period CNN (the `model` block of configs/cnn.yaml plus sizes). */
export interface PeriodCnnArchitecture {
  /** Input points. */
  lengthPoints: number;
  /** Period bins (the period output has `bins + 1` values). */
  bins: number;
  /** Convolutional blocks, input side first. */
  conv: ConvBlock[];
  /** Hidden dense layer widths. */
  dense: number[];
  /** Dropout rate after each hidden dense layer. */
  dropout: number;
  /** Second input with periodicity features; null or absent for the window alone. */
  periodicity?: PeriodicityBranch | null;
}

/** Names of the inputs, in model input order (the second only with a periodicity branch). */
export const INPUT_NAMES = ["window", "periodicity"] as const;

/** Names of the two outputs, in model output order. */
export const OUTPUT_NAMES = ["period", "detection"] as const;

/**
 * Build the (uncompiled) period CNN.
 *
 * @param architecture See {@linkcode PeriodCnnArchitecture}.
 * @param seed Seed for weight initialisation and dropout.
 * @returns A functional layers model with inputs `[window]` or `[window, periodicity]` and
 *   outputs `[period, detection]`.
 *
 * @example
 * ```ts
 * import { buildPeriodCnn } from "./model.ts";
 * import { selectBackend } from "../tf/mod.ts";
 * await selectBackend("cpu", { log: null });
 * const model = buildPeriodCnn({
 *   lengthPoints: 64, bins: 10, conv: [{ filters: 4, kernelSize: 5, pool: 4 }], dense: [8], dropout: 0,
 * }, 1);
 * const shapes = model.outputs.map((o) => o.shape.join("x"));
 * if (shapes.join() !== "x11,x1") throw new Error(`unexpected outputs ${shapes}`);
 * ```
 */
export function buildPeriodCnn(architecture: PeriodCnnArchitecture, seed: number): tf.LayersModel {
  const prng = new Prng(seed);
  const nextSeed = (): number => prng.int(2 ** 31);
  const input = tf.input({
    shape: [architecture.lengthPoints, INPUT_CHANNELS],
    name: INPUT_NAMES[0],
  });
  let x: tf.SymbolicTensor = input;
  architecture.conv.forEach((block, i) => {
    x = tf.layers.conv1d({
      name: `conv${i + 1}`,
      filters: block.filters,
      kernelSize: block.kernelSize,
      padding: "same",
      activation: "relu",
      kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
    }).apply(x) as tf.SymbolicTensor;
    if (block.pool > 1) {
      x = tf.layers.maxPooling1d({ name: `pool${i + 1}`, poolSize: block.pool })
        .apply(x) as tf.SymbolicTensor;
    }
  });
  x = tf.layers.flatten({ name: "flatten" }).apply(x) as tf.SymbolicTensor;
  const branch = architecture.periodicity ?? null;
  let features: tf.SymbolicTensor | null = null;
  let binFeatures: tf.SymbolicTensor | null = null;
  if (branch !== null) {
    features = tf.input({ shape: [architecture.bins, branch.channels], name: INPUT_NAMES[1] });
    let f: tf.SymbolicTensor = features;
    branch.conv.forEach((layer, i) => {
      f = tf.layers.conv1d({
        name: `periodicity_conv${i + 1}`,
        filters: layer.filters,
        kernelSize: layer.kernelSize,
        padding: "same",
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
      }).apply(f) as tf.SymbolicTensor;
    });
    binFeatures = f;
    const flat = tf.layers.flatten({ name: "periodicity_flatten" }).apply(f) as tf.SymbolicTensor;
    x = tf.layers.concatenate({ name: "merge" }).apply([x, flat]) as tf.SymbolicTensor;
  }
  architecture.dense.forEach((units, i) => {
    x = tf.layers.dense({
      name: `dense${i + 1}`,
      units,
      activation: "relu",
      kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
    }).apply(x) as tf.SymbolicTensor;
    if (architecture.dropout > 0) {
      x = tf.layers.dropout({
        name: `dropout${i + 1}`,
        rate: architecture.dropout,
        seed: nextSeed(),
      })
        .apply(x) as tf.SymbolicTensor;
    }
  });
  let period: tf.SymbolicTensor;
  if (branch?.binLogits && binFeatures !== null) {
    const headLogits = tf.layers.dense({
      name: "period_logits",
      units: architecture.bins + 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
    }).apply(x) as tf.SymbolicTensor;
    const perBin = tf.layers.conv1d({
      name: "periodicity_logits",
      filters: 1,
      kernelSize: 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
    }).apply(binFeatures) as tf.SymbolicTensor;
    const binLogits = tf.layers.flatten({ name: "periodicity_logits_flat" })
      .apply(perBin) as tf.SymbolicTensor;
    // The sum needs a no-transit column too: a zero-initialised dense(1) of the head (it starts
    // at 0 and only adds capacity the head already has).
    const noTransit = tf.layers.dense({
      name: "periodicity_no_transit",
      units: 1,
      kernelInitializer: tf.initializers.zeros(),
    }).apply(x) as tf.SymbolicTensor;
    const extra = tf.layers.concatenate({ name: "periodicity_logits_all" })
      .apply([binLogits, noTransit]) as tf.SymbolicTensor;
    const logits = tf.layers.add({ name: "period_logits_sum" })
      .apply([headLogits, extra]) as tf.SymbolicTensor;
    period = tf.layers.activation({ name: OUTPUT_NAMES[0], activation: "softmax" })
      .apply(logits) as tf.SymbolicTensor;
  } else {
    period = tf.layers.dense({
      name: OUTPUT_NAMES[0],
      units: architecture.bins + 1,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
    }).apply(x) as tf.SymbolicTensor;
  }
  const detection = tf.layers.dense({
    name: OUTPUT_NAMES[1],
    units: 1,
    activation: "sigmoid",
    kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
  }).apply(x) as tf.SymbolicTensor;
  return tf.model({
    inputs: features === null ? input : [input, features],
    outputs: [period, detection],
    name: "period_cnn",
  });
}

/** Labels of one batch. */
export interface PeriodCnnTargets {
  /** `[batch, bins + 1]` period targets (rows sum to 1). */
  period: tf.Tensor2D;
  /** `[batch, 1]` detection labels (0/1). */
  detection: tf.Tensor2D;
}

/** Loss terms of one batch (scalars). */
export interface PeriodCnnLoss {
  /** `period + detectionLossWeight · detection`. */
  total: tf.Scalar;
  /** Mean cross-entropy of the period distribution. */
  period: tf.Scalar;
  /** Mean binary cross-entropy of the detection head. */
  detection: tf.Scalar;
}

const PROBABILITY_FLOOR = 1e-7;

/**
 * The training loss from model outputs: cross-entropy `−Σ y log p` on the period distribution
 * (KL divergence plus the targets' constant entropy) and binary cross-entropy on detection.
 *
 * @param outputs `[period, detection]` as the model returns them.
 * @param targets Labels.
 * @param detectionLossWeight Weight of the detection term.
 * @returns The loss terms (callers dispose them, or run inside `tf.tidy`).
 */
export function periodCnnLoss(
  outputs: tf.Tensor[],
  targets: PeriodCnnTargets,
  detectionLossWeight: number,
): PeriodCnnLoss {
  return tf.tidy(() => {
    const [period, detection] = outputs as [tf.Tensor2D, tf.Tensor2D];
    const logP = tf.log(tf.clipByValue(period, PROBABILITY_FLOOR, 1));
    const periodLoss = tf.mean(tf.neg(tf.sum(tf.mul(targets.period, logP), -1))) as tf.Scalar;
    const d = tf.clipByValue(detection, PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR);
    const y = targets.detection;
    const detectionLoss = tf.mean(tf.neg(tf.add(
      tf.mul(y, tf.log(d)),
      tf.mul(tf.sub(1, y), tf.log(tf.sub(1, d))),
    ))) as tf.Scalar;
    const total = tf.add(periodLoss, tf.mul(detectionLoss, detectionLossWeight)) as tf.Scalar;
    return { total, period: periodLoss, detection: detectionLoss };
  });
}
