import assert from "node:assert/strict";
import { join } from "node:path";
import {
  buildCnnDataset,
  buildPeriodCnn,
  formatEpoch,
  loadDataset,
  loadPeriodCnn,
  periodGridFrom,
  periodicityOptionsFrom,
  runCnnTraining,
  trainPeriodCnn,
} from "../../lib/cnn/mod.ts";
import { selectBackend } from "../../lib/tf/mod.ts";
import { tinyConfig } from "./_tiny_config.ts";

const ENV = { SOURCE_DATE_EPOCH: "1700000000" };
const config = tinyConfig({ syntheticPositive: 96, syntheticNegative: 32 });
const datasetDir = await Deno.makeTempDir();
await buildCnnDataset(config, { outDir: datasetDir, log: null, env: ENV });

function arch() {
  return {
    lengthPoints: config.input.lengthPoints,
    bins: config.periods.bins,
    conv: config.model.conv,
    dense: config.model.dense,
    dropout: config.model.dropout,
  };
}

Deno.test("trainPeriodCnn lowers the loss, is reproducible, and early-stops", async () => {
  await selectBackend("wasm", { log: null });
  const dataset = await loadDataset(datasetDir);
  const options = {
    grid: periodGridFrom(config),
    sigmaBins: 0.7,
    epochs: 4,
    batchSize: 16,
    learningRate: 3e-3,
    patience: 10,
    minDelta: 0,
    detectionLossWeight: 0.5,
    seed: 1,
    log: null,
  };
  const a = await trainPeriodCnn(buildPeriodCnn(arch(), 5), dataset, options);
  assert.equal(a.history.length, 4);
  assert.ok(a.history[3]!.trainLoss < a.history[0]!.trainLoss, "training loss falls");
  assert.ok(a.history.every((h) => h.samplesPerSecond > 0 && Number.isFinite(h.validationLoss)));
  assert.equal(a.trainSamples, dataset.samples.filter((s) => s.split === "train").length);
  const b = await trainPeriodCnn(buildPeriodCnn(arch(), 5), dataset, options);
  assert.deepEqual(
    b.history.map((h) => h.trainLoss),
    a.history.map((h) => h.trainLoss),
    "same seeds, same losses",
  );
  const lines: string[] = [];
  const stopped = await trainPeriodCnn(buildPeriodCnn(arch(), 5), dataset, {
    ...options,
    epochs: 20,
    patience: 1,
    minDelta: 100, // nothing counts as an improvement after the first epoch
    log: (l) => lines.push(l),
  });
  assert.equal(stopped.history.length, 2);
  assert.equal(stopped.stoppedEarly, true);
  assert.equal(stopped.bestEpoch, 1);
  assert.match(
    lines[0]!,
    /^epoch 1\/20 loss \d+\.\d{4} \(period .* val_loss .* samples\/s .* s \*$/,
  );
  assert.equal(
    lines[2],
    "early stopping: validation loss did not improve by 100 for 1 epochs; best epoch 1",
  );
  const timed = await trainPeriodCnn(buildPeriodCnn(arch(), 5), dataset, {
    ...options,
    epochs: 5,
    maxSeconds: 0,
  });
  assert.deepEqual([timed.history.length, timed.stoppedByTime], [1, true]);
});

Deno.test("trainPeriodCnn rejects a model whose outputs do not fit the grid", async () => {
  await selectBackend("wasm", { log: null });
  const dataset = await loadDataset(datasetDir);
  const grid = periodGridFrom(config);
  await assert.rejects(
    trainPeriodCnn(buildPeriodCnn({ ...arch(), bins: 5 }, 1), dataset, {
      grid,
      sigmaBins: 0.7,
      epochs: 1,
      batchSize: 8,
      learningRate: 1e-3,
      patience: 1,
      minDelta: 0,
      detectionLossWeight: 0.5,
      seed: 1,
      log: null,
    }),
    new RangeError(
      "Cannot train period CNN as the model has 6 period outputs but the grid needs bins + 1 = 13",
    ),
  );
});

Deno.test("runCnnTraining writes a self-contained model folder with a manifest", async () => {
  const modelDir = await Deno.makeTempDir();
  const lines: string[] = [];
  const result = await runCnnTraining(config, {
    datasetDir,
    modelDir,
    log: (l) => lines.push(l),
    env: ENV,
  });
  assert.equal(result.backend, "wasm");
  assert.match(lines[0]!, /^tf backend: wasm/);
  assert.match(lines[1]!, /^periodicity features: 128 windows in \d+\.\d s$/);
  assert.match(lines[2]!, /^model: \d+ parameters; dataset 128 samples/);
  assert.equal(lines.filter((l) => l.startsWith("epoch ")).length, 3);
  for (
    const f of [
      "model.json",
      "weights.bin",
      "manifest.json",
      "history.svg",
      "checkpoint/model.json",
    ]
  ) {
    await Deno.stat(join(modelDir, f));
  }
  const manifest = JSON.parse(await Deno.readTextFile(join(modelDir, "manifest.json")));
  assert.equal(manifest.kind, "period_cnn_model");
  assert.equal(manifest.inputs[0].path, join(datasetDir, "manifest.json"));
  assert.deepEqual(manifest.outputs.map((o: { path: string }) => o.path), [
    "model.json",
    "weights.bin",
    "history.svg",
  ]);
  assert.equal(manifest.extra.backend.backend, "wasm");
  assert.equal(manifest.extra.history.length, 3);
  assert.equal(manifest.config.seed, config.seed);
  const cnn = await loadPeriodCnn(modelDir);
  assert.deepEqual(cnn.grid.toJSON(), periodGridFrom(config).toJSON());
  assert.equal(cnn.metadata.preprocess.lengthPoints, 256);
  // The model reads periodicity features and records the settings inference needs for them.
  assert.deepEqual(cnn.metadata.periodicity, periodicityOptionsFrom(config));
  assert.equal(cnn.model.inputs.length, 2);
  assert.equal(formatEpoch(result.training.history[0]!, 3).startsWith("epoch 1/3 loss "), true);
});

Deno.test("runCnnTraining refuses a dataset built with other preprocessing", async () => {
  const other = structuredClone(config);
  other.input.detrendWindowHours = 24;
  await assert.rejects(
    runCnnTraining(other, { datasetDir, modelDir: await Deno.makeTempDir(), log: null }),
    new RangeError(
      `Cannot use dataset ${datasetDir} as it was built with input.detrendWindowHours = 48 but the config has 24 (rebuild it with deno task cnn:dataset)`,
    ),
  );
});
