/**
 * The period CNN (issue 4): a TensorFlow.js 1-D CNN that reads a preprocessed light-curve
 * window and predicts the distribution of transit periods over fixed bins (plus "no transit"),
 * with its dataset builder, training loop, inference, and evaluation against BLS.
 *
 * @module
 */
export * from "./config.ts";
export * from "./period_grid.ts";
export * from "./preprocess.ts";
export * from "./dataset_format.ts";
export * from "./real_sources.ts";
export * from "./build_dataset.ts";
export * from "./periodicity.ts";
export * from "./model.ts";
export * from "./predict_windows.ts";
export * from "./metrics.ts";
export * from "./train.ts";
export * from "./plots.ts";
export * from "./model_artifact.ts";
export * from "./run_training.ts";
export * from "./bls_compare.ts";
export * from "./evaluate.ts";
export * from "./predict_light_curve.ts";
