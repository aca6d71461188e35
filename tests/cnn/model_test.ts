import assert from "node:assert/strict";
import {
  buildPeriodCnn,
  INPUT_NAMES,
  modelPeriodicitySize,
  OUTPUT_NAMES,
  periodCnnLoss,
  predictModelInput,
} from "../../lib/cnn/mod.ts";
import { Prng } from "../../lib/random/mod.ts";
import { selectBackend, tf } from "../../lib/tf/mod.ts";

const ARCH = {
  lengthPoints: 128,
  bins: 10,
  conv: [{ filters: 4, kernelSize: 5, pool: 4 }, { filters: 6, kernelSize: 3, pool: 2 }],
  dense: [12],
  dropout: 0.1,
};

Deno.test("buildPeriodCnn: shapes, names and seeded weights", async () => {
  await selectBackend("wasm", { log: null });
  const a = buildPeriodCnn(ARCH, 42);
  assert.deepEqual(a.inputs[0]!.shape, [null, 128, 2]);
  assert.deepEqual(a.outputs.map((o) => o.shape), [[null, 11], [null, 1]]);
  assert.deepEqual(a.outputNames, [...OUTPUT_NAMES]);
  // 2*4*5+4 + 4*6*3+6 + (16*6)*12+12 + 12*11+11 + 12*1+1
  assert.equal(a.countParams(), 44 + 78 + 1164 + 143 + 13);
  const b = buildPeriodCnn(ARCH, 42);
  const c = buildPeriodCnn(ARCH, 43);
  const wa = a.getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(
    b.getWeights().map((w) => Array.from(w.dataSync())),
    wa,
    "same seed, same weights",
  );
  assert.notDeepEqual(c.getWeights()[0]!.dataSync(), a.getWeights()[0]!.dataSync());
  const x = tf.randomUniform([3, 128, 2], -1, 1, "float32", 9);
  const [period, detection] = a.predict(x) as tf.Tensor[];
  const p = await period!.array() as number[][];
  for (const row of p) assert.ok(Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-5);
  const d = await detection!.data();
  assert.ok(Array.from(d).every((v) => v > 0 && v < 1));
});

Deno.test("periodCnnLoss is the cross-entropy plus weighted binary cross-entropy", async () => {
  await selectBackend("wasm", { log: null });
  const period = tf.tensor2d([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]);
  const detection = tf.tensor2d([[0.9], [0.2]]);
  const targets = {
    period: tf.tensor2d([[0.5, 0.5, 0], [0, 0, 1]]),
    detection: tf.tensor2d([[1], [0]]),
  };
  const loss = periodCnnLoss([period, detection], targets, 0.5);
  const ce = (-(0.5 * Math.log(0.7) + 0.5 * Math.log(0.2)) - Math.log(0.8)) / 2;
  const bce = (-Math.log(0.9) - Math.log(0.8)) / 2;
  assert.ok(Math.abs((await loss.period.data())[0]! - ce) < 1e-6);
  assert.ok(Math.abs((await loss.detection.data())[0]! - bce) < 1e-6);
  assert.ok(Math.abs((await loss.total.data())[0]! - (ce + 0.5 * bce)) < 1e-6);
});

Deno.test("buildPeriodCnn with a periodicity branch: two inputs, per-bin logits, checked input", async () => {
  await selectBackend("wasm", { log: null });
  const arch = {
    ...ARCH,
    dropout: 0,
    periodicity: {
      channels: 5,
      conv: [{ filters: 3, kernelSize: 3 }, { filters: 2, kernelSize: 3 }],
      binLogits: true,
    },
  };
  const model = buildPeriodCnn(arch, 42);
  assert.deepEqual(model.inputNames, [...INPUT_NAMES]);
  assert.deepEqual(model.inputs[1]!.shape, [null, 10, 5]);
  assert.deepEqual(model.outputs.map((o) => o.shape), [[null, 11], [null, 1]]);
  assert.deepEqual(model.outputNames, [...OUTPUT_NAMES]);
  assert.equal(modelPeriodicitySize(model), 50);
  // window path 44 + 78; branch 5*3*3+3 + 3*2*3+2; head (96 + 20)*12+12; period logits 12*11+11;
  // per-bin logits 2+1; no-transit column 12+1; detection 12+1
  assert.equal(model.countParams(), 44 + 78 + 48 + 20 + 1404 + 143 + 3 + 13 + 13);
  assert.equal(
    buildPeriodCnn({ ...arch, periodicity: { ...arch.periodicity, binLogits: false } }, 42)
      .getLayer("merge").name,
    "merge",
  );
  const prng = new Prng(1);
  const input = Float32Array.from({ length: 2 * 128 * 2 }, (_, i) => i % 2 ? 1 : prng.normal());
  const features = Float32Array.from({ length: 2 * 50 }, () => prng.normal());
  const out = await predictModelInput(model, input, 2, 128, features);
  assert.equal(out.period.length, 22);
  assert.ok(Math.abs(out.period.subarray(0, 11).reduce((a, v) => a + v, 0) - 1) < 1e-5);
  // The features reach the output: changing them changes the distribution.
  const other = await predictModelInput(model, input, 2, 128, features.map((v) => v + 3));
  assert.notDeepEqual(Array.from(other.period), Array.from(out.period));
  await assert.rejects(
    () => predictModelInput(model, input, 2, 128),
    new RangeError(
      "Cannot run the period CNN as it needs 50 periodicity values per window (100 for 2 windows): current length is 0",
    ),
  );
  // A window-only model needs none.
  assert.equal(modelPeriodicitySize(buildPeriodCnn(ARCH, 1)), 0);
});
