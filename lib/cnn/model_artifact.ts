/**
 * The trained period-CNN artifact: `model.json` + `weights.bin` (TensorFlow.js layers format,
 * written by lib/tf's file handler) and `manifest.json` (lib/io manifest). The model's
 * `userDefinedMetadata` carries everything inference needs (period grid, preprocessing), so a
 * model folder is self-contained.
 *
 * ```text
 * <model dir>/
 *   model.json      topology + weights manifest + userDefinedMetadata.periodCnn
 *   weights.bin     float32 weights
 *   manifest.json   kind "period_cnn_model": config, dataset manifest sha256, seed, backend,
 *                   versions, training history, test-split metrics (extra.*)
 *   history.svg     training history figure
 *   checkpoint/     best weights during training (same layout as the model)
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { tf } from "../tf/mod.ts";
import { loadLayersModel, saveLayersModel } from "../tf/mod.ts";
import { PeriodGrid, type PeriodGridOptions } from "./period_grid.ts";
import type { PreprocessOptions } from "./preprocess.ts";
import type { PeriodicityOptions } from "./periodicity.ts";

/** What inference needs besides the weights (stored in model.json). */
export interface PeriodCnnMetadata {
  /** Format version of this block. */
  version: 1;
  /** Period bins. */
  periodGrid: PeriodGridOptions;
  /** Preprocessing of the input window. */
  preprocess: PreprocessOptions;
  /** Minimum fraction of the window with data for a prediction. */
  minValidFraction: number;
  /** Target width used in training (bins). */
  targetSigmaBins: number;
  /** Seed of the training run. */
  seed: number;
  /**
   * Settings of the periodicity features the model reads as its second input (absent or null:
   * the model reads the window alone). Inference computes them with exactly these settings.
   */
  periodicity?: PeriodicityOptions | null;
}

/** A loaded period CNN. */
export interface PeriodCnn {
  model: tf.LayersModel;
  metadata: PeriodCnnMetadata;
  grid: PeriodGrid;
}

/**
 * Save a trained model with its inference metadata.
 *
 * @param model The trained model.
 * @param dir Model folder.
 * @param metadata Inference metadata.
 * @returns Paths of model.json and weights.bin.
 */
export async function savePeriodCnn(
  model: tf.LayersModel,
  dir: string,
  metadata: PeriodCnnMetadata,
): Promise<{ modelJson: string; weightsBin: string }> {
  return await saveLayersModel(model, dir, {
    metadata: { periodCnn: metadata as unknown as Record<string, unknown> },
  });
}

/**
 * Load a model folder written by {@linkcode savePeriodCnn}.
 *
 * @param dir Model folder.
 * @returns Model, metadata and period grid.
 * @throws {Error} When the folder lacks a model or its period-CNN metadata.
 */
export async function loadPeriodCnn(dir: string): Promise<PeriodCnn> {
  const { model, metadata } = await loadLayersModel(dir);
  const block = metadata["periodCnn"] as PeriodCnnMetadata | undefined;
  if (block === undefined || block.version !== 1) {
    throw new Error(
      `Cannot load period CNN from ${
        join(dir, "model.json")
      } as its userDefinedMetadata lacks a periodCnn block of version 1`,
    );
  }
  return { model, metadata: block, grid: new PeriodGrid(block.periodGrid) };
}
