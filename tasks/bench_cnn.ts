/**
 * `deno task bench:cnn [--config configs/cnn.yaml] [--backend auto|wasm|cpu] [--steps N]`
 *
 * Speed of the period CNN with the config's architecture and batch size (weights from the seed;
 * speed does not depend on training): training samples/s, model inference windows/s, and
 * end-to-end light curves/s including the preprocessing of real Kepler windows and, for a model
 * with a periodicity input, the computation of its features. Prints each
 * against the issue's targets (training >= 50 samples/s on wasm, inference >= 1,000 light
 * curves/s) with the machine's load average, since the 2 cores are shared.
 */
import { parseArgs } from "node:util";
import {
  buildPeriodCnn,
  CNN_CONFIG_PATH,
  INPUT_CHANNELS,
  loadCnnConfig,
  modelInputTensors,
  modelPeriodicitySize,
  periodCnnArchitectureFrom,
  periodCnnLoss,
  periodicityOptionsFrom,
  PeriodicityTransform,
  predictModelInput,
  preprocessOptionsFrom,
  PreprocessScratch,
  preprocessWindow,
  sliceForWindow,
  windowStartsDays,
  writeModelInput,
} from "../lib/cnn/mod.ts";
import { currentBackendSelection, describeSelection, selectBackend, tf } from "../lib/tf/mod.ts";
import { loadTargetLightCurve } from "../lib/lightcurve/mod.ts";
import { Prng } from "../lib/random/mod.ts";

const TRAIN_TARGET = 50;
const INFERENCE_TARGET = 1000;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    config: { type: "string", default: CNN_CONFIG_PATH },
    backend: { type: "string" },
    steps: { type: "string", default: "12" },
  },
});
const config = loadCnnConfig(values.config);
await selectBackend((values.backend ?? config.training.backend) as "auto", { log: null });
const load = () => Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
console.log(`bench:cnn: ${describeSelection(currentBackendSelection()!)}`);
console.log(`bench:cnn: load average at start ${load()} (2 cores, shared)`);

const n = config.input.lengthPoints;
const bins = config.periods.bins;
const model = buildPeriodCnn(periodCnnArchitectureFrom(config), config.seed);
const periodicityOptions = periodicityOptionsFrom(config);
const transform = periodicityOptions === null ? null : new PeriodicityTransform(periodicityOptions);
const featureSize = modelPeriodicitySize(model);
console.log(
  `bench:cnn: model ${model.countParams()} parameters, input [${n}, ${INPUT_CHANNELS}]${
    transform === null ? "" : ` + periodicity [${bins}, ${transform.channels}]`
  }`,
);
/** Features of `count` windows of model input (flux at even indices), or an empty array. */
const featuresOf = (input: Float32Array, count: number): Float32Array => {
  const out = new Float32Array(count * featureSize);
  if (transform === null) return out;
  const window = new Float32Array(n);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < n; k++) window[k] = input[(i * n + k) * INPUT_CHANNELS]!;
    transform.compute(window, out, i * featureSize);
  }
  return out;
};

// --- training throughput ------------------------------------------------------------------------
const batch = config.training.batchSize;
const prng = new Prng(config.seed);
const xValues = new Float32Array(batch * n * INPUT_CHANNELS);
for (let i = 0; i < xValues.length; i += 2) {
  xValues[i] = prng.normal();
  xValues[i + 1] = 1;
}
const yValues = new Float32Array(batch * (bins + 1));
for (let b = 0; b < batch; b++) yValues[b * (bins + 1) + prng.int(bins + 1)] = 1;
const x = modelInputTensors(model, xValues, batch, n, featuresOf(xValues, batch));
const yPeriod = tf.tensor2d(yValues, [batch, bins + 1]);
const yDetection = tf.ones([batch, 1]) as tf.Tensor2D;
const optimizer = tf.train.adam(config.training.learningRate);
const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
const step = async () => {
  const loss = tf.tidy(() =>
    optimizer.minimize(
      () =>
        periodCnnLoss(
          model.apply(x, { training: true }) as tf.Tensor[],
          { period: yPeriod, detection: yDetection },
          config.model.detectionLossWeight,
        ).total,
      true,
      variables,
    )!
  );
  await loss.data();
  loss.dispose();
};
await step(); // warm-up: kernels, XNNPACK operators
const steps = Math.max(1, Number(values.steps));
let t = performance.now();
for (let i = 0; i < steps; i++) await step();
const trainPerSecond = (steps * batch) / ((performance.now() - t) / 1000);
console.log(
  `training: ${trainPerSecond.toFixed(1)} samples/s (batch ${batch}, ${steps} steps) = ${
    (trainPerSecond / TRAIN_TARGET).toFixed(2)
  }x the target of ${TRAIN_TARGET}`,
);

// --- inference throughput (model only) ------------------------------------------------------------
const inferBatch = 256;
const inferInput = new Float32Array(inferBatch * n * INPUT_CHANNELS);
for (let i = 0; i < inferInput.length; i += 2) {
  inferInput[i] = prng.normal();
  inferInput[i + 1] = 1;
}
const inferFeatures = featuresOf(inferInput, inferBatch);
await predictModelInput(model, inferInput, inferBatch, n, inferFeatures);
t = performance.now();
const rounds = 4;
for (let r = 0; r < rounds; r++) {
  await predictModelInput(model, inferInput, inferBatch, n, inferFeatures);
}
const inferPerSecond = (rounds * inferBatch) / ((performance.now() - t) / 1000);
console.log(
  `inference (model only): ${inferPerSecond.toFixed(0)} windows/s (batch ${inferBatch}) = ${
    (inferPerSecond / INFERENCE_TARGET).toFixed(2)
  }x the target of ${INFERENCE_TARGET}`,
);

// --- end to end: preprocessing of real windows + model ---------------------------------------------
const { lightCurve } = await loadTargetLightCurve("Kepler-585", { progress: false });
const lc = lightCurve.removeNans();
const pre = preprocessOptionsFrom(config);
const starts = windowStartsDays(lc.time, {
  lengthPoints: n,
  cadenceMinutes: pre.cadenceMinutes,
  strideDays: 5,
  minValidFraction: config.input.minValidFraction,
});
const scratch = new PreprocessScratch(n);
const window = new Float32Array(n);
const endInput = new Float32Array(starts.length * n * INPUT_CHANNELS);
const endFeatures = new Float32Array(starts.length * featureSize);
let featureSeconds = 0;
t = performance.now();
starts.forEach((start, i) => {
  const part = sliceForWindow(lc.time, lc.flux, start, pre);
  preprocessWindow(part.time, part.flux, { ...pre, startDays: start, scratch, out: window });
  writeModelInput(window, endInput, i * n * INPUT_CHANNELS);
  if (transform !== null) {
    const f0 = performance.now();
    transform.compute(window, endFeatures, i * featureSize);
    featureSeconds += (performance.now() - f0) / 1000;
  }
});
const preprocessSeconds = (performance.now() - t) / 1000 - featureSeconds;
t = performance.now();
for (let start = 0; start < starts.length; start += inferBatch) {
  const count = Math.min(inferBatch, starts.length - start);
  await predictModelInput(
    model,
    endInput.subarray(start * n * INPUT_CHANNELS),
    count,
    n,
    endFeatures.subarray(start * featureSize),
  );
}
const modelSeconds = (performance.now() - t) / 1000;
const endPerSecond = starts.length / (preprocessSeconds + featureSeconds + modelSeconds);
console.log(
  `inference end to end (Kepler-585, ${starts.length} windows of ${
    (n * pre.cadenceMinutes / 1440).toFixed(1)
  } d): ${endPerSecond.toFixed(0)} windows/s (preprocessing ${
    (1000 * preprocessSeconds / starts.length).toFixed(2)
  } ms + periodicity features ${(1000 * featureSeconds / starts.length).toFixed(2)} ms + model ${
    (1000 * modelSeconds / starts.length).toFixed(2)
  } ms per window) = ${(endPerSecond / INFERENCE_TARGET).toFixed(2)}x the target`,
);
console.log(`bench:cnn: load average at end ${load()}`);
